import VanBanModel

/// A plan as Markdown: header facts, the outline as headings, appendix tables as pipe tables.
public enum MarkdownWriter {
    public static func string(_ plan: Plan) -> String {
        var out: [String] = []
        let h = plan.header
        out.append("# " + [h.typeName ?? h.type?.name, h.title].compactMap { $0 }.joined(separator: ": "))
        if let s = h.subtitle { out += ["", "_\(escape(s))_"] }
        var facts: [(String, String?)] = [
            ("Cơ quan ban hành", h.issuer.isEmpty ? nil : h.issuer.joined(separator: " / ")),
            ("Số, ký hiệu", [h.number ?? "…", h.symbol].compactMap { $0 }.joined(separator: "/")),
            ("Địa danh, ngày", h.placeDate),
            ("Người ký", h.signer.map { s in ([s.authority].compactMap { $0 } + s.position).joined(separator: " ") + (s.name.map { " — " + $0 } ?? "") }),
        ]
        if h.symbol == nil { facts[1].1 = nil }
        let shown = facts.compactMap { k, v in v.map { "- **\(k)**: \(escape($0))" } }
        if !shown.isEmpty { out.append(""); out += shown }
        if !plan.preamble.isEmpty { out.append(""); out += plan.preamble.map { escape($0.text) + "\n" } }
        for node in plan.outline { write(node, depth: 2, into: &out) }
        if !plan.closing.isEmpty { out.append(""); out += plan.closing.map { escape($0.text) + "\n" } }
        if !h.recipients.isEmpty {
            out += ["", "**Nơi nhận:**", ""]
            out += h.recipients.map { "- " + escape($0) }
        }
        for a in plan.appendices {
            out += ["", "## " + escape([a.label, a.title].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": "))]
            if let t = a.attachedTo { out += ["", "_\(escape(t))_"] }
            guard !a.columns.isEmpty else { continue }
            out += ["", "| " + a.columns.map(cell).joined(separator: " | ") + " |"]
            out.append("|" + String(repeating: " --- |", count: a.columns.count))
            for row in a.rows {
                switch row {
                case let .group(label, title):
                    out.append("| **\(cell(label))** | **\(cell(title))** |" + String(repeating: " |", count: max(0, a.columns.count - 2)))
                case let .cells(c):
                    out.append("| " + c.map(cell).joined(separator: " | ") + " |")
                }
            }
        }
        if !plan.references.isEmpty {
            out += ["", "## Văn bản được dẫn chiếu", ""]
            out += plan.references.map { r in
                "- \(r.type?.name ?? "Văn bản") số \(r.id)" + (r.date.map { " ngày \($0)" } ?? "") + (r.issuer.map { " của \($0)" } ?? "") + " (\(r.relation.rawValue), \(r.occurrences.count)×)"
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    private static func write(_ node: OutlineNode, depth: Int, into out: inout [String]) {
        out.append("")
        let heading = escape(node.label + " " + node.title)
        if depth <= 6 { out.append(String(repeating: "#", count: depth) + " " + heading) } else { out.append("**\(heading)**") }
        if !node.text.isEmpty { out.append(""); out += node.text.map { escape($0.text) + "\n" } }
        for c in node.children { write(c, depth: depth + 1, into: &out) }
    }

    private static func escape(_ s: String) -> String {
        var out = s
        // A paragraph that starts with "- " or "+ " is a bullet in the document, and stays one.
        for ch in ["*", "_", "`", "<"] { out = out.replacingOccurrences(of: ch, with: "\\" + ch) }
        return out
    }

    private static func cell(_ s: String) -> String { escape(s).replacingOccurrences(of: "|", with: "\\|") }
}

/// The outline as an indented tree, for a terminal.
public enum OutlineWriter {
    public static func string(_ plan: Plan) -> String {
        var out: [String] = []
        let h = plan.header
        if let t = h.typeName ?? h.type?.name { out.append(t + (h.title.map { ": " + $0 } ?? "")) }
        if let s = h.subtitle { out.append(s) }
        func walk(_ n: OutlineNode, _ depth: Int) {
            let more = n.text.isEmpty ? "" : "  [\(n.text.count) đoạn]"
            out.append(String(repeating: "  ", count: depth) + n.label + " " + n.title + more)
            for c in n.children { walk(c, depth + 1) }
        }
        for n in plan.outline { walk(n, 0) }
        for a in plan.appendices {
            let rows = a.rows.filter { if case .cells = $0 { return true }; return false }.count
            out.append([a.label, a.title].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ") + "  [\(a.kind.rawValue), \(a.columns.count) cột, \(rows) dòng]")
        }
        if !plan.references.isEmpty { out.append("Dẫn chiếu: " + plan.references.map(\.id).joined(separator: ", ")) }
        for d in plan.diagnostics where d.severity != .info {
            out.append("\(d.severity.rawValue): \(d.code): \(d.message)" + (d.where.map { " [\($0)]" } ?? ""))
        }
        return out.joined(separator: "\n") + "\n"
    }
}
