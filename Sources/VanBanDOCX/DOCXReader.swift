import Foundation
import VanBanLayout
import VanBanReaders
import ZIPFoundation

/// Reads a .docx (WordprocessingML in a ZIP package) into a one-page Layout: one paragraph per
/// w:p, each a Line numbered by the paragraph's ordinal (a w:br starts another Line of the same
/// paragraph), automatic-numbering labels rendered into `Style.listLabel`, tables as tables.
public struct DOCXReader: Sendable {
    /// Largest uncompressed size accepted for one XML part (a zip bomb stops here).
    var maxPartBytes: Int

    public init() { maxPartBytes = 128 << 20 }

    init(maxPartBytes: Int) { self.maxPartBytes = maxPartBytes }

    public func read(data: Data, name: String) throws -> Layout {
        let archive: Archive
        do { archive = try Archive(data: data, accessMode: .read) } catch {
            throw ReaderError(file: name, kind: .notZip, detail: "is not a readable ZIP archive (truncated or damaged)")
        }
        let package = Package(archive: archive, file: name, limit: maxPartBytes)

        guard let main = try package.mainDocument() else {
            throw ReaderError(file: name, kind: .notDocx, detail: "is a ZIP archive without word/document.xml (not a Word document)")
        }
        let related = try package.relationships(of: main)
        let styles = try package.part(related["styles"] ?? "word/styles.xml").map { try parse($0, name) { try Styles($0) } } ?? Styles()
        let numbering = try package.part(related["numbering"] ?? "word/numbering.xml").map { try parse($0, name) { try Numbering($0) } } ?? Numbering()

        var parser = DocumentParser(styles: styles, numbering: numbering)
        guard let document = try package.part(main) else {
            throw ReaderError(file: name, kind: .notDocx, detail: "is a ZIP archive without word/document.xml (not a Word document)")
        }
        do {
            try parse(document, name) { try parser.parse($0) }
        } catch let e as DocumentParser.NotADocument {
            throw ReaderError(file: name, kind: .notDocx, detail: "\(main) is not a Word document body (root element \(e.root))")
        }
        var layout = Layout(file: name, format: .docx, pages: [Page(number: 1, size: parser.pageSize, blocks: parser.blocks)])
        layout.notes = try notes(marks: parser.marks, package: package, related: related, styles: styles, numbering: numbering, name: name)
        return layout
    }

    /// The footnotes and endnotes the text marks, in the order of their marks; a mark whose
    /// note is missing is dropped.
    private func notes(marks: [DocumentParser.NoteMark], package: Package, related: [String: String],
                       styles: Styles, numbering: Numbering, name: String) throws -> [Note] {
        guard !marks.isEmpty else { return [] }
        var bodies: [Note.Kind: [Int: [Paragraph]]] = [:]
        for (kind, root) in [(Note.Kind.footnote, "footnotes"), (.endnote, "endnotes")] where marks.contains(where: { $0.kind == kind }) {
            guard let part = try package.part(related[root] ?? "word/\(root).xml") else { continue }
            var parser = DocumentParser(styles: styles, numbering: numbering, root: root)
            do {
                try parse(part, name) { try parser.parse($0) }
            } catch let e as DocumentParser.NotADocument {
                throw ReaderError(file: name, kind: .malformedXML, detail: "\(part.path) is not a \(root) part (root element \(e.root))")
            }
            bodies[kind] = parser.notes
        }
        return marks.compactMap { m in
            guard let paragraphs = bodies[m.kind]?[m.id], !paragraphs.isEmpty else { return nil }
            return Note(kind: m.kind, mark: m.mark ?? "", page: 1, line: m.line, anchor: m.anchor, paragraphs: paragraphs)
        }
    }

    private func parse<T>(_ part: (path: String, data: Data), _ file: String, _ body: (XMLStream) throws -> T) throws -> T {
        do {
            return try body(try XMLStream(part.data))
        } catch let f as XMLStream.Failure {
            let at = f.line > 0 ? " at line \(f.line)" : ""
            throw ReaderError(file: file, kind: .malformedXML, detail: "\(part.path) is malformed XML\(at) (\(f.reason))")
        }
    }
}

/// The parts of the ZIP package, found through its relationships, each read with a size bound.
struct Package {
    let archive: Archive
    let file: String
    let limit: Int

    /// The main part the package relationships name, else word/document.xml; nil if absent.
    func mainDocument() throws -> String? {
        var candidates: [String] = []
        if let rels = try part("_rels/.rels") {
            candidates += try relationships(rels, base: "").filter { $0.type.hasSuffix("/officeDocument") }.map(\.target)
        }
        candidates.append("word/document.xml")
        return candidates.first { entry($0) != nil }
    }

    /// Relationship targets of `partPath` by type suffix ("styles", "numbering").
    func relationships(of partPath: String) throws -> [String: String] {
        let dir = (partPath as NSString).deletingLastPathComponent
        let relsPath = (dir.isEmpty ? "" : dir + "/") + "_rels/" + (partPath as NSString).lastPathComponent + ".rels"
        guard let rels = try part(relsPath) else { return [:] }
        var out: [String: String] = [:]
        for r in try relationships(rels, base: dir) {
            if let kind = r.type.split(separator: "/").last.map(String.init), out[kind] == nil { out[kind] = r.target }
        }
        return out
    }

    func relationships(_ rels: (path: String, data: Data), base: String) throws -> [(type: String, target: String)] {
        var out: [(String, String)] = []
        do {
            let x = try XMLStream(rels.data)
            while try x.next() {
                guard x.event == .start, x.name == "Relationship", x.attribute("TargetMode") != "External",
                      let type = x.attribute("Type"), let target = x.attribute("Target") else { continue }
                out.append((type, Self.resolve(target, base: base)))
            }
        } catch let f as XMLStream.Failure {
            throw ReaderError(file: file, kind: .malformedXML, detail: "\(rels.path) is malformed XML (\(f.reason))")
        }
        return out
    }

    /// A relationship target as a path inside the archive ("/word/a.xml", "../word/a.xml", "a.xml").
    static func resolve(_ target: String, base: String) -> String {
        var parts = target.hasPrefix("/") ? [] : base.split(separator: "/").map(String.init)
        for p in target.split(separator: "/") {
            if p == ".." { _ = parts.popLast() } else if p != "." { parts.append(String(p)) }
        }
        return parts.joined(separator: "/")
    }

    /// The entry at `path`; part names are case-insensitive in OPC, and some zippers write backslashes.
    func entry(_ path: String) -> Entry? {
        if let e = archive[path] { return e }
        let want = path.lowercased()
        return archive.first { $0.path.replacingOccurrences(of: "\\", with: "/").lowercased() == want }
    }

    /// The uncompressed bytes of one part, or nil if the archive has no such entry.
    func part(_ path: String) throws -> (path: String, data: Data)? {
        guard let entry = entry(path) else { return nil }
        let mb = limit >> 20
        let tooBig = ReaderError(file: file, kind: .corrupt, detail: "\(path) expands beyond \(mb > 0 ? "\(mb) MB" : "\(limit) bytes") (a ZIP bomb?)")
        if entry.uncompressedSize > UInt64(limit) { throw tooBig }
        var data = Data()
        data.reserveCapacity(Int(entry.uncompressedSize))
        do {
            // The declared size may lie: count what actually comes out.
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                if data.count + chunk.count > limit { throw tooBig }
                data.append(chunk)
            }
        } catch let e as ReaderError {
            throw e
        } catch Archive.ArchiveError.invalidCRC32 {
            throw ReaderError(file: file, kind: .corrupt, detail: "\(path) fails its CRC check (damaged archive)")
        } catch {
            throw ReaderError(file: file, kind: .corrupt, detail: "\(path) cannot be decompressed (damaged archive: \(error))")
        }
        return (path, data)
    }
}
