import Foundation
import VanBan

/// The graph written out for people and tools: DOT (Graphviz), GraphML, JSON, Mermaid, SVG.
extension CitationGraph {
    public enum Format: String, CaseIterable, Sendable { case dot, graphml, json, mermaid }

    public func string(_ format: Format) throws -> String {
        switch format {
        case .dot: return dot()
        case .graphml: return graphML()
        case .mermaid: return mermaid()
        case .json:
            let e = JSONEncoder()
            e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            return String(decoding: try e.encode(self), as: UTF8.self) + "\n"
        }
    }

    /// Fill colours by issuer level, darkest at the top of the hierarchy.
    static let levelColours: [String: String] = [
        "party": "#b2182b", "national-assembly": "#762a83", "government": "#d6604d", "ministry": "#f4a582",
        "province": "#92c5de", "department": "#4393c3", "school": "#a6dba0", "other": "#e0e0e0",
    ]
    static let relationStyles: [String: String] = [
        "implements": "color=\"#1a1a1a\", penwidth=2", "basis": "color=\"#2166ac\"", "cites": "color=\"#999999\", style=dashed",
    ]

    public func dot() -> String {
        func q(_ s: String) -> String {
            "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        var out = "digraph vanban {\n  rankdir=BT;\n  node [shape=box, style=\"rounded,filled\", fontname=\"DejaVu Sans\", fontsize=10];\n"
        out += "  edge [fontname=\"DejaVu Sans\", fontsize=8];\n"
        for n in nodes {
            let label = [n.id, n.type, n.year.map(String.init)].compactMap { $0 }.map(q).map { $0.dropFirst().dropLast() }
                .joined(separator: "\\n")
            let fill = Self.levelColours[n.level] ?? Self.levelColours["other"]!
            // A node known only by its citations has a dashed border.
            let style = n.imported ? "" : ", style=\"rounded,filled,dashed\""
            let fontColour = ["party", "national-assembly", "government"].contains(n.level) ? ", fontcolor=white" : ""
            out += "  \(q(n.id)) [label=\"\(label)\", fillcolor=\(q(fill))\(style)\(fontColour)];\n"
        }
        for e in edges {
            out += "  \(q(e.from)) -> \(q(e.to)) [\(Self.relationStyles[e.relation] ?? ""), tooltip=\(q(e.relation))];\n"
        }
        return out + "}\n"
    }

    public func graphML() -> String {
        func x(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        }
        let keys = ["type", "number", "symbol", "year", "date", "issuer", "title", "imported", "level"]
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
        for k in keys {
            let type = k == "year" ? "int" : k == "imported" ? "boolean" : "string"
            out += "  <key id=\"\(k)\" for=\"node\" attr.name=\"\(k)\" attr.type=\"\(type)\"/>\n"
        }
        out += "  <key id=\"relation\" for=\"edge\" attr.name=\"relation\" attr.type=\"string\"/>\n"
        out += "  <graph id=\"vanban\" edgedefault=\"directed\">\n"
        for n in nodes {
            out += "    <node id=\"\(x(n.id))\">"
            let values: [String?] = [n.type, n.number, n.symbol, n.year.map(String.init), n.date, n.issuer, n.title,
                                     String(n.imported), n.level]
            for (k, v) in zip(keys, values) { if let v { out += "<data key=\"\(k)\">\(x(v))</data>" } }
            out += "</node>\n"
        }
        for e in edges {
            out += "    <edge source=\"\(x(e.from))\" target=\"\(x(e.to))\"><data key=\"relation\">\(e.relation)</data></edge>\n"
        }
        return out + "  </graph>\n</graphml>\n"
    }

    public func mermaid() -> String {
        // Mermaid ids must be plain words; the document id goes in the label.
        var short: [String: String] = [:]
        for (i, n) in nodes.enumerated() { short[n.id] = "n\(i)" }
        func label(_ s: String) -> String { s.replacingOccurrences(of: "\"", with: "#quot;") }
        var out = "graph BT\n"
        for n in nodes { out += "  \(short[n.id]!)[\"\(label(n.id))\"]:::\(n.level.replacingOccurrences(of: "-", with: "_"))\n" }
        for e in edges {
            guard let a = short[e.from], let b = short[e.to] else { continue }
            out += "  \(a) -->|\(e.relation)| \(b)\n"
        }
        for (level, colour) in Self.levelColours.sorted(by: { $0.key < $1.key }) {
            out += "  classDef \(level.replacingOccurrences(of: "-", with: "_")) fill:\(colour)\n"
        }
        return out
    }

    /// Renders through Graphviz `dot` into `path`.
    public func writeSVG(to path: String) throws {
        guard let dot = Self.findExecutable("dot") else {
            throw GraphError("--svg needs Graphviz's `dot`, which is not on PATH; install the Debian package graphviz (apt-get install graphviz)")
        }
        let p = Process()
        p.executableURL = dot
        p.arguments = ["-Tsvg", "-o", path]
        let input = Pipe(), errors = Pipe()
        p.standardInput = input
        p.standardError = errors
        try p.run()
        input.fileHandleForWriting.write(Data(self.dot().utf8))
        try input.fileHandleForWriting.close()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            throw GraphError("dot failed (exit \(p.terminationStatus)): \(String(decoding: message, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))")
        }
    }

    static func findExecutable(_ name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let url = URL(fileURLWithPath: String(dir)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }
}
