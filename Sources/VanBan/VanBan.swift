import Foundation
@_exported import VanBanCore
@_exported import VanBanLayout
@_exported import VanBanModel
@_exported import VanBanPDF
@_exported import VanBanDOCX
@_exported import VanBanReaders
@_exported import VanBanReferences
@_exported import VanBanTasks
@_exported import VanBanCheck
@_exported import VanBanStructure
@_exported import VanBanWriters
@_exported import VanBanLint
@_exported import VanBanLegacy
@_exported import VanBanConvert
@_exported import VanBanOCR

/// The whole import: read any supported file, structure it, run the analyzers.
public enum VanBan {
    /// Reads the file with the reader its content calls for (not its extension alone).
    public static func layout(of url: URL) throws -> Layout {
        let name = url.lastPathComponent
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw ReaderError(file: name, kind: .missing, detail: "no such file")
        }
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw ReaderError(file: name, kind: .unreadable, detail: "cannot be read (\(error.localizedDescription))")
        }
        switch FileKind.detect(data, name: name) {
        case .text: return try legacyDecoded(text(data, name: name))
        case .pdf: return try pdf(url)
        case .zip: return try legacyDecoded(DOCXReader().read(data: data, name: name))
        case .ole:
            if FileKind.isEncryptedPackage(data) {
                throw ReaderError(file: name, kind: .encrypted, detail: "is a password-protected Word file; it needs a password (vanban reads unencrypted files only)")
            }
            return try converted(url, format: .doc)
        case .rtf:
            return try converted(url, format: .rtf)
        case .empty:
            throw ReaderError(file: name, kind: .empty, detail: "is empty (0 bytes)")
        case .binary:
            throw ReaderError(file: name, kind: .unsupportedFormat, detail: "is neither text, PDF nor DOCX")
        }
    }

    /// Text typed in a pre-Unicode font (.VnTime, VNI-Times) or saved in an 8-bit Vietnamese
    /// encoding, decoded to Unicode run by run; Unicode text passes untouched.
    static func legacyDecoded(_ layout: Layout) -> Layout {
        LegacyPass().apply(layout)
    }

    /// A PDF's text layer, or OCR where it has none (a scan) or where its layer is garbage (a
    /// bad OCR layer: "ceNG no.r, xA Her"). A garbage layer is kept when tesseract is missing.
    static func pdf(_ url: URL) throws -> Layout {
        let layout: Layout
        do { layout = legacyDecoded(try PDFReader().read(url: url)) } catch let e as ReaderError where e.kind == .noTextLayer {
            let ocr = try OCRReader().read(url: url)
            // A page of drawings or a blank scan: OCR read nothing, and an empty plan would hide it.
            if ocr.blocks.isEmpty {
                throw ReaderError(file: url.lastPathComponent, kind: .noTextLayer,
                                  detail: "has no text layer, and OCR found no text on its \(ocr.pages.count) page\(ocr.pages.count == 1 ? "" : "s") (a drawing or a blank scan?)")
            }
            return ocr
        }
        let layer = text(of: layout)
        let q = TextQuality.wellFormedShare(layer)
        // A signed scan often carries only its signature stamp as text: a few words a page.
        let printed = layer.unicodeScalars.filter { !$0.properties.isWhitespace }.count
        let sparse = printed < 200 * max(1, layout.pages.count) && (try? PDFReader.imageCover(url: url)) ?? 0 > 0.5
        if sparse || TextQuality.isGarbage(layer), (try? OCRReader.tools(for: url.lastPathComponent)) != nil {
            var ocr = try OCRReader().read(url: url)
            let r = TextQuality.wellFormedShare(text(of: ocr))
            let more = text(of: ocr).unicodeScalars.filter { !$0.properties.isWhitespace }.count > 2 * printed
            if sparse ? more : r.share + r.marked > q.share + q.marked { ocr.file = layout.file; return ocr }
        }
        return layout
    }

    /// A text file: UTF-8 or UTF-16, or else 8-bit text in a legacy Vietnamese encoding
    /// (TCVN3, VISCII, VPS as bytes), which the legacy pass reads; anything else stays refused.
    static func text(_ data: Data, name: String) throws -> Layout {
        do { return try TextReader().read(data: data, name: name) } catch let e as ReaderError where e.kind == .notUTF8 {
            let eightBit = String(String.UnicodeScalarView(data.map { b -> Unicode.Scalar in
                if (0x80...0x9F).contains(b), let c = Unicode.Scalar(EncodingTables.cp1252High[Int(b) - 0x80]), c.value != 0 { return c }
                return Unicode.Scalar(b)
            }))
            let layout = try TextReader().read(text: eightBit, name: name)
            let decoded = LegacyPass().apply(layout)
            guard !decoded.encodings.isEmpty else { throw e }
            return decoded
        }
    }

    /// Files converted ahead of time by `prepare(_:)`, waiting for `layout(of:)`.
    private static let converted = Locked<[String: Result<Data, ReaderError>]>([:])

    /// Converts the legacy Word and RTF files among `urls` in one LibreOffice process (per
    /// batch), so that reading each of them afterwards needs no process of its own.
    public static func prepare(_ urls: [URL]) {
        let legacy = urls.filter { u in
            guard let h = try? FileHandle(forReadingFrom: u) else { return false }
            defer { try? h.close() }
            let head = h.readData(ofLength: 8)
            let kind = FileKind.detect(head, name: u.lastPathComponent)
            return kind == .rtf || kind == .ole
        }
        guard !legacy.isEmpty else { return }
        let results = LibreOffice.convert(legacy)
        converted.update { c in for (u, r) in results { c[u.standardizedFileURL.path] = r } }
    }

    static func converted(_ url: URL, format: Layout.Format) throws -> Layout {
        let key = url.standardizedFileURL.path
        var ready: Result<Data, ReaderError>?
        converted.update { c in ready = c.removeValue(forKey: key) }
        let result = ready ?? LibreOffice.convert([url])[url] ?? .failure(ReaderError(file: url.lastPathComponent, kind: .corrupt, detail: "cannot be converted"))
        var layout = try DOCXReader().read(data: try result.get(), name: url.lastPathComponent)
        layout.format = format
        layout = legacyDecoded(layout)
        guard layout.pages.contains(where: { !$0.blocks.isEmpty }) else {
            throw ReaderError(file: url.lastPathComponent, kind: .empty, detail: "has no text (an empty or image-only document)")
        }
        return layout
    }

    /// A layout's text in reading order: a paragraph a line, a table row's cells joined by " | ".
    public static func text(of layout: Layout) -> String {
        var out = ""
        for (_, b) in layout.blocks {
            switch b {
            case let .paragraph(p): out += p.text + "\n"
            case let .table(t): for r in t.rows { out += r.cells.map(\.text).joined(separator: " | ") + "\n" }
            }
        }
        return out
    }

    /// Structures a layout and runs the analyzers that need no other document.
    public static func plan(from layout: Layout, dictionaries: Dictionaries = .shared) -> Plan {
        var plan = Structurer(dictionaries: dictionaries).structure(layout)
        if !layout.encodings.isEmpty {
            plan.source.encodings = layout.encodings.map { SourceEncoding(encoding: $0.encoding, fonts: $0.fonts, pages: $0.pages, characters: $0.characters) }
        }
        if let engine = layout.recognized.first?.engine {
            plan.source.ocr = SourceOCR(engine: engine, pages: layout.recognized.map { .init(page: $0.page, meanConfidence: $0.meanConfidence, words: $0.words) })
        }
        let refs = ReferenceFinder(dictionaries: dictionaries).find(in: plan)
        plan.references = refs.references
        if !layout.recognized.isEmpty { plan.references = plan.references.map { withConfidence($0, layout) } }
        plan.namedReferences = refs.named
        plan.diagnostics += refs.diagnostics
        let work = TaskExtractor(dictionaries: dictionaries).extract(from: plan)
        plan.tasks = work.tasks
        plan.indicators = work.indicators
        plan.diagnostics += work.diagnostics
        return plan
    }
}

/// A reference read from OCR carries the mean confidence of the lines it was read from (its
/// page's mean where its line is not known).
func withConfidence(_ r: Reference, _ layout: Layout) -> Reference {
    var lines: [Int: [Int: Double]] = [:]
    for page in layout.pages {
        for b in page.blocks {
            if case let .paragraph(p) = b { for l in p.lines { if let c = l.confidence { lines[page.number, default: [:]][l.number] = c } } }
        }
    }
    let pageMean = Dictionary(uniqueKeysWithValues: layout.recognized.map { ($0.page, $0.meanConfidence) })
    let values = r.occurrences.compactMap { o -> Double? in
        guard let p = o.page else { return nil }
        return o.line.flatMap { lines[p]?[$0] } ?? pageMean[p]
    }
    var out = r
    out.confidence = values.isEmpty ? layout.recognized.map(\.meanConfidence).min() : (values.reduce(0, +) / Double(values.count) * 1000).rounded() / 1000
    return out
}

extension Plan {
    /// Reads a plan from a .txt (and, as their readers land, .pdf or .docx) file, or from a
    /// `vanban.plan/1` JSON file that `vanban parse --format json` wrote.
    public init(contentsOf url: URL) throws {
        if let data = try? Data(contentsOf: url), FileKind.isPlanJSON(data) {
            do { self = try JSONDecoder().decode(Plan.self, from: data) } catch {
                throw ReaderError(file: url.lastPathComponent, kind: .corrupt, detail: "is not a valid vanban.plan/1 file (\(error))")
            }
            return
        }
        self = VanBan.plan(from: try VanBan.layout(of: url))
    }
}

/// What a file is, from its first bytes.
enum FileKind {
    case text, pdf, zip, ole, rtf, empty, binary

    static func detect(_ data: Data, name: String) -> FileKind {
        if data.isEmpty { return .empty }
        let head = [UInt8](data.prefix(8))
        if head.starts(with: Array("%PDF".utf8)) { return .pdf }
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) || head.starts(with: [0x50, 0x4B, 0x05, 0x06]) { return .zip }
        if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return .ole }
        // PDF readers look for the header in the first kilobyte; a signing tool may put bytes before it.
        if data.prefix(1024).range(of: Data("%PDF-".utf8)) != nil { return .pdf }
        if head.starts(with: Array("{\\rtf".utf8)) { return .rtf }
        // UTF-16 text (Windows "Unicode" text files) has NUL bytes but announces itself.
        if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) { return .text }
        // Text has no NUL bytes in its first kilobytes; anything else is some binary format.
        if data.prefix(4096).contains(0) { return .binary }
        return .text
    }

    /// An OLE file holding an encrypted OOXML package (a password-protected .docx).
    static func isEncryptedPackage(_ data: Data) -> Bool {
        let name = Data("EncryptedPackage".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        return data.range(of: name) != nil
    }

    static func isPlanJSON(_ data: Data) -> Bool {
        guard let first = data.prefix(64).first(where: { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }), first == UInt8(ascii: "{") else { return false }
        return data.prefix(256).range(of: Data("\"schema\"".utf8)) != nil || data.range(of: Data(Plan.schemaName.utf8)) != nil
    }
}

/// A value shared between threads (the import parses files concurrently).
final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()
    init(_ value: Value) { self.value = value }
    func update(_ body: (inout Value) -> Void) { lock.lock(); defer { lock.unlock() }; body(&value) }
}
