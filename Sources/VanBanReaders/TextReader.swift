import Foundation
import VanBanCore
import VanBanLayout

/// Reads plain text as other tools extract it from PDF or DOCX: lines broken inside
/// paragraphs, blank lines inside them or after every line, lone page numbers, labels alone
/// on their line (`pdftotext`), fixed-width columns (`pdftotext -layout`), one table cell a
/// line (LibreOffice's export) or tab-separated cells. It recovers paragraphs and tables from
/// the text's geometry alone (line length, indentation, column positions, blank lines, label
/// shapes) in one pass over the UTF-8 bytes (TextBuffer, TextAssembler, FixedWidth,
/// CellLines); it knows nothing of plans.
public struct TextReader: Sendable {
    public init() {}

    public func read(url: URL) throws -> Layout {
        let name = url.lastPathComponent
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            let exists = FileManager.default.fileExists(atPath: url.path)
            throw ReaderError(file: name, kind: exists ? .unreadable : .missing,
                              detail: exists ? "cannot be read (\(error.localizedDescription))" : "no such file")
        }
        return try read(data: data, name: name)
    }

    public func read(data: Data, name: String) throws -> Layout {
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            guard let raw = String(data: bytes, encoding: .utf16) else {
                throw ReaderError(file: name, kind: .notUTF8, detail: "starts like UTF-16 text but does not decode as UTF-16")
            }
            return try read(text: raw, name: name)
        }
        guard let raw = String(data: bytes, encoding: .utf8) else {
            throw ReaderError(file: name, kind: .notUTF8, detail: "is not UTF-8 text (a legacy Vietnamese encoding such as TCVN3 or VNI? convert it to Unicode first)")
        }
        return try read(text: raw, name: name)
    }

    public func read(text raw: String, name: String) throws -> Layout {
        var text = Fold.nfc(raw)
        if text.utf8.contains(0x0D) { text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n") }
        text = Self.dropExtractorMarks(text)
        let buffer = TextBuffer(text)
        if buffer.lines.allSatisfy(\.isBlank) {
            throw ReaderError(file: name, kind: .empty, detail: "is empty (no text)")
        }
        var assembler = TextAssembler(buffer: buffer)
        let placed = assembler.run()
        var pages = (0..<buffer.pageCount).map { Page(number: $0 + 1) }
        for (page, block) in placed { pages[page].blocks.append(block) }
        var layout = Layout(file: name, format: .txt, pages: pages)
        layout.remarks = assembler.notes
        return layout
    }

    /// DOCX-to-text tools leave bookmark names in the text ("[bookmark: _GoBack]").
    static func dropExtractorMarks(_ s: String) -> String {
        guard s.contains("[bookmark:") else { return s }
        return s.replacingOccurrences(of: #"\[bookmark: [^\]\n]*\]"#, with: "", options: .regularExpression)
    }
}
