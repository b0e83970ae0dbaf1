import Foundation
import VanBanCore
import VanBanLayout

/// Reads plain text as other tools extract it from PDF or DOCX: lines broken inside
/// paragraphs, a blank line after every line, lone page numbers, tab-separated table cells.
/// It recovers paragraphs from typography alone (line length, list markers, punctuation)
/// and tab-separated tables; it knows nothing of plans.
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
        let text = Self.dropExtractorMarks(Fold.nfc(raw).replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n"))
        if text.allSatisfy({ $0.isWhitespace }) {
            throw ReaderError(file: name, kind: .empty, detail: "is empty (no text)")
        }
        let pages = text.split(separator: "\u{0C}", omittingEmptySubsequences: false)
        var out: [Page] = []
        var lineNumber = 0
        for (i, pageText) in pages.enumerated() {
            let lines = pageText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let numbered = lines.enumerated().map { (lineNumber + $0.offset + 1, $0.element) }
            lineNumber += lines.count
            out.append(Page(number: i + 1, blocks: blocks(numbered)))
        }
        return Layout(file: name, format: .txt, pages: out)
    }

    // MARK: - Blocks

    private func blocks(_ lines: [(Int, String)]) -> [Block] {
        // When every text line is followed by a blank one, blank lines say nothing.
        let nonBlank = lines.filter { !isBlank($0.1) }.count
        var blanksAfterText = 0
        for i in lines.indices.dropLast() where !isBlank(lines[i].1) && isBlank(lines[i + 1].1) { blanksAfterText += 1 }
        let blanksMeanBreaks = nonBlank == 0 || Double(blanksAfterText) < 0.6 * Double(nonBlank)

        let full = fullWidth(lines.map(\.1))
        var result: [Block] = []
        var current: [Line] = []
        var i = 0

        func flush() {
            if !current.isEmpty { result.append(.paragraph(Paragraph(lines: current))) }
            current = []
        }

        while i < lines.count {
            let (n, raw) = lines[i]
            if raw.hasPrefix("\t") {
                flush()
                let (table, next) = readTabTable(lines, from: i)
                result.append(.table(table))
                i = next
                continue
            }
            if isBlank(raw) {
                if blanksMeanBreaks { flush() }
                i += 1
                continue
            }
            let line = Line(text: LineJoiner.trim(raw), number: n, style: Style(indent: leadingIndent(raw)))
            if let prev = current.last, breaksBetween(prev, line, opening: current[0], full: full) { flush() }
            current.append(line)
            if Self.isLoneNumber(line.text) || Self.isRule(line.text) || line.text.hasSuffix("./.") { flush() }
            i += 1
        }
        flush()
        return result
    }

    private func isBlank(_ s: String) -> Bool { s.allSatisfy { $0.isWhitespace } }

    private func leadingIndent(_ s: String) -> Double? {
        let n = s.prefix { $0 == " " }.count
        return n > 0 ? Double(n) : nil
    }

    /// The length of a full line of running text: most lines of a paragraph fill the width.
    private func fullWidth(_ lines: [String]) -> Int {
        let lengths = lines.map { LineJoiner.trim($0).count }.filter { $0 >= 30 }.sorted()
        guard !lengths.isEmpty else { return 80 }
        return lengths[min(lengths.count - 1, Int(Double(lengths.count) * 0.8))]
    }

    /// Does a new paragraph start at `next`?
    private func breaksBetween(_ prev: Line, _ next: Line, opening: Line, full: Int) -> Bool {
        if Self.isLoneNumber(next.text) || Self.isRule(next.text) { return true }
        if ListMarker.starts(next.text) { return true }
        // A numbered heading is followed by its text on a new line; the text starts a sentence.
        if ListMarker.label(of: opening.text) != nil, !(prev.text.last.map { ",;:-–(".contains($0) } ?? false),
           Self.startsSentence(next.text) {
            return true
        }
        let prevLen = prev.text.count
        // A line that stops well short of the margin ends its paragraph.
        if Double(prevLen) < 0.72 * Double(full) { return true }
        let endsSentence = prev.text.last.map { ".;:!?".contains($0) } ?? false
        let startsCapital = next.text.first.map { $0.isUppercase || $0 == "(" || $0 == "“" || $0 == "\"" } ?? false
        if endsSentence && startsCapital && Double(prevLen) < 0.93 * Double(full) { return true }
        // An indented first line after a finished sentence.
        if endsSentence && startsCapital && (next.style.indent ?? 0) > 0 && (prev.style.indent ?? 0) == 0 { return true }
        return false
    }

    /// DOCX-to-text tools leave bookmark names in the text ("[bookmark: _GoBack]").
    static func dropExtractorMarks(_ s: String) -> String {
        guard s.contains("[bookmark:") else { return s }
        return s.replacingOccurrences(of: #"\[bookmark: [^\]\n]*\]"#, with: "", options: .regularExpression)
    }

    static func isRule(_ s: String) -> Bool {
        s.count >= 3 && s.allSatisfy { "_-–—=*.".contains($0) || $0 == " " }
    }

    // Capitalised words that also open names inside a wrapped heading ("… thành phố\nHải Phòng").
    private static let nameStarts: Set<String> = ["Hải", "Sở", "Phòng", "Ủy", "Uỷ", "Bộ", "Việt", "Nam", "Trung", "Đảng", "Thành", "Nhà",
                                                  "Nghị", "Kế", "Quyết", "Chương", "Thông", "Chỉ", "Đề", "Luật", "Ban", "Hội", "Giáo", "Đào"]

    /// Does the line begin with a capitalised word that opens a sentence (not an acronym or a name)?
    static func startsSentence(_ s: String) -> Bool {
        guard let word = s.split(separator: " ").first, let f = word.first, f.isUppercase, word.count >= 2 else { return false }
        guard word.dropFirst().allSatisfy({ $0.isLowercase || !$0.isLetter }) else { return false }
        return !nameStarts.contains(String(word))
    }

    static func isLoneNumber(_ s: String) -> Bool {
        !s.isEmpty && s.count <= 3 && s.allSatisfy(\.isNumber)
    }

    // MARK: - Tab-separated tables

    /// Cells that start with a tab, continuation lines without one, rows separated by blank
    /// lines — what a DOCX-to-text extractor writes for a table.
    private func readTabTable(_ lines: [(Int, String)], from start: Int) -> (Table, Int) {
        var rows: [[[Line]]] = []
        var row: [[Line]] = []
        var width = 0
        var i = start
        func endRow() {
            if !row.isEmpty { rows.append(row); width = max(width, rows.count == 1 ? row.count : width) }
            row = []
        }
        while i < lines.count {
            let (n, raw) = lines[i]
            if isBlank(raw) && !raw.hasPrefix("\t") {
                // A blank line ends a row, unless a numbered row still lacks cells and text cells
                // follow (a cell of several paragraphs); text without a tab after it ends the table.
                var j = i + 1
                while j < lines.count, isBlank(lines[j].1), !lines[j].1.hasPrefix("\t") { j += 1 }
                let next = j < lines.count ? lines[j].1 : ""
                let nextCell = LineJoiner.trim(next)
                let short = width > 0 && row.count < width && (row.first?.first.map { Self.isLoneNumber($0.text) } ?? false)
                if !(short && next.hasPrefix("\t") && !Self.isLoneNumber(nextCell) && Roman.value(nextCell) == nil) { endRow() }
                if j >= lines.count || !next.hasPrefix("\t") { endRow(); return (makeTable(rows), j) }
                i = j
                continue
            }
            if raw.hasPrefix("\t") {
                // The header row fixes the width; a full row that meets a new cell has ended.
                if width > 0, row.count >= width { endRow() }
                row.append([Line(text: LineJoiner.trim(String(raw.dropFirst())), number: n)])
            } else if !row.isEmpty {
                row[row.count - 1].append(Line(text: LineJoiner.trim(raw), number: n))
            } else {
                break
            }
            i += 1
        }
        endRow()
        return (makeTable(rows), i)
    }

    private func makeTable(_ rows: [[[Line]]]) -> Table {
        Table(rows: rows.enumerated().map { idx, cells in
            Row(cells: cells.map { lines in
                Cell(paragraphs: lines.allSatisfy { $0.text.isEmpty } ? [] : [Paragraph(lines: lines.filter { !$0.text.isEmpty })])
            }, isHeader: idx == 0)
        })
    }
}

/// Text typed in a pre-Unicode Vietnamese font (TCVN3 ".VnTime", VNI) and then saved as
/// Unicode keeps the font's code points: "KÕ ho¹ch" for "Kế hoạch".
public enum LegacyEncoding {
    // Characters of the Latin-1 range that Vietnamese never uses but TCVN3 fonts map letters to.
    static let tcvn3: Set<Character> = ["¸", "µ", "¶", "·", "¹", "¨", "©", "ª", "«", "¬", "®", "¾", "»", "¼", "½", "Æ", "Ç", "Ë", "Î", "Ï", "Ñ", "Ö", "×", "Ø", "Þ", "ß", "å", "æ", "ç", "ë", "î", "ï", "ñ", "ø", "þ", "¦", "§", "¤", "¥", "¢", "£", "¡"]

    public static func looksLegacy(_ text: String) -> Bool {
        var legacy = 0, letters = 0
        for ch in text.prefix(20_000) where ch.isLetter || tcvn3.contains(ch) {
            letters += 1
            if tcvn3.contains(ch) { legacy += 1 }
        }
        return letters > 50 && Double(legacy) / Double(letters) > 0.03
    }
}
