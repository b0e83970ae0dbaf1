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
        case .text: return try TextReader().read(data: data, name: name)
        case .pdf: return try legacyChecked(PDFReader().read(url: url))
        case .zip: return try legacyChecked(DOCXReader().read(data: data, name: name))
        case .ole:
            throw ReaderError(file: name, kind: .legacyDoc, detail: "is an OLE compound file (a legacy .doc or a password-protected .docx); save it as .docx or PDF")
        case .empty:
            throw ReaderError(file: name, kind: .empty, detail: "is empty (0 bytes)")
        case .binary:
            throw ReaderError(file: name, kind: .unsupportedFormat, detail: "is neither text, PDF nor DOCX")
        }
    }

    /// A PDF or DOCX typed in a pre-Unicode font (.VnTime, VNI) carries the font's code points
    /// as text: refuse it by name rather than parse gibberish.
    static func legacyChecked(_ layout: Layout) throws -> Layout {
        let sample = layout.blocks.prefix(200).compactMap { b -> String? in
            if case let .paragraph(p) = b.block { return p.text }
            return nil
        }.joined(separator: " ")
        if LegacyEncoding.looksLegacy(sample) {
            throw ReaderError(file: layout.file, kind: .legacyEncoding, detail: "is typed in a legacy Vietnamese font encoding (TCVN3/VNI: \"KÕ ho¹ch\" for \"Kế hoạch\"); convert it to Unicode first")
        }
        return layout
    }

    /// Structures a layout and runs the analyzers that need no other document.
    public static func plan(from layout: Layout, dictionaries: Dictionaries = .shared) -> Plan {
        var plan = Structurer(dictionaries: dictionaries).structure(layout)
        let refs = ReferenceFinder(dictionaries: dictionaries).find(in: plan)
        plan.references = refs.references
        plan.namedReferences = refs.named
        plan.diagnostics += refs.diagnostics
        let work = TaskExtractor(dictionaries: dictionaries).extract(from: plan)
        plan.tasks = work.tasks
        plan.indicators = work.indicators
        plan.diagnostics += work.diagnostics
        return plan
    }
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
    case text, pdf, zip, ole, empty, binary

    static func detect(_ data: Data, name: String) -> FileKind {
        if data.isEmpty { return .empty }
        let head = [UInt8](data.prefix(8))
        if head.starts(with: Array("%PDF".utf8)) { return .pdf }
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) || head.starts(with: [0x50, 0x4B, 0x05, 0x06]) { return .zip }
        if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return .ole }
        // PDF readers look for the header in the first kilobyte; a signing tool may put bytes before it.
        if data.prefix(1024).range(of: Data("%PDF-".utf8)) != nil { return .pdf }
        // UTF-16 text (Windows "Unicode" text files) has NUL bytes but announces itself.
        if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) { return .text }
        // Text has no NUL bytes in its first kilobytes; anything else is some binary format.
        if data.prefix(4096).contains(0) { return .binary }
        return .text
    }

    static func isPlanJSON(_ data: Data) -> Bool {
        guard let first = data.prefix(64).first(where: { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }), first == UInt8(ascii: "{") else { return false }
        return data.prefix(256).range(of: Data("\"schema\"".utf8)) != nil || data.range(of: Data(Plan.schemaName.utf8)) != nil
    }
}
