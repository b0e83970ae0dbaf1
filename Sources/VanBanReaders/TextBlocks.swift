import VanBanCore
import VanBanLayout

/// A printed line on its way into a paragraph: the line and its text (a fixed-width line split
/// into its columns keeps its number but not its bytes' whole range).
struct PLine {
    var line: TextLine
    var text: String
}

/// Turns the lines of a text file into paragraphs and tables, in one pass:
/// - running page numbers and the blank lines around a page break go, so a paragraph or a
///   table row runs on across pages;
/// - a label printed alone on its line ("I.", blank, "MỤC ĐÍCH, YÊU CẦU") opens the
///   paragraph of the text that follows it;
/// - fixed-width text (`pdftotext -layout`) gives its tables and its two-column blocks by
///   the columns the words stand in;
/// - tab-separated cells (a DOCX-to-text tool) make a table.
struct TextAssembler {
    let buffer: TextBuffer
    private(set) var lines: [TextLine] = []
    private(set) var notes: [ReaderNote] = []
    private var texts: [String] = []
    private var full = 80
    private var blanksMeanBreaks = true
    private var fixedWidth = false
    /// The number of the last line that holds text.
    private var lastTextLine = -1

    private var out: [(Int, Block)] = []
    private var current: [PLine] = []
    private var openingIsLabel = false
    /// Bare labels met one after another: a table's number column printed on its own.
    private var labelColumn: [TextLine] = []

    init(buffer: TextBuffer) {
        self.buffer = buffer
        prepare()
    }

    // MARK: - Preparing the lines

    private mutating func prepare() {
        let all = buffer.lines
        var keep = [Bool](repeating: true, count: all.count)
        // Running page numbers: a lone number first or last on its page, close to the page's place.
        var firstOfPage: [Int: Int] = [:], lastOfPage: [Int: Int] = [:]
        for (i, l) in all.enumerated() where !l.isBlank {
            if firstOfPage[l.page] == nil { firstOfPage[l.page] = i }
            lastOfPage[l.page] = i
        }
        if buffer.pageCount > 1 {
            for i in Set(firstOfPage.values).union(lastOfPage.values) {
                if let v = buffer.number(all[i]), abs(v - (all[i].page + 1)) <= 2 { keep[i] = false }
            }
        }
        // Blank lines next to a page break say nothing about paragraphs.
        var i = 0
        while i < all.count {
            if all[i].isBlank, !all[i].tab {
                var j = i
                while j < all.count, (all[j].isBlank && !all[j].tab) || !keep[j] { j += 1 }
                let before = i > 0 ? all[i - 1].page : -1
                let after = j < all.count ? all[j].page : Int.max
                if before != after || i == 0 || j == all.count { for k in i..<j where all[k].isBlank { keep[k] = false } }
                i = max(j, i + 1)
            } else { i += 1 }
        }
        lines = all.indices.filter { keep[$0] }.map { all[$0] }

        var widths: [Int] = []
        var nonBlank = 0, blanksAfterText = 0, shaped = 0
        for (k, l) in lines.enumerated() where !l.isBlank {
            nonBlank += 1
            let gap = buffer.hasGap(l, 3)
            // Running text sets the width; a fixed-width table's rows are wider.
            if l.width >= 30 && !gap { widths.append(l.width) }
            if k + 1 < lines.count, lines[k + 1].isBlank, !lines[k + 1].tab { blanksAfterText += 1 }
            if l.indent >= 2 || gap { shaped += 1 }
        }
        widths.sort()
        if !widths.isEmpty { full = widths[min(widths.count - 1, Int(Double(widths.count) * 0.8))] }
        // When every text line is followed by a blank one, blank lines say nothing.
        blanksMeanBreaks = nonBlank == 0 || Double(blanksAfterText) < 0.6 * Double(nonBlank)
        fixedWidth = nonBlank > 0 && Double(shaped) >= 0.2 * Double(nonBlank)
        texts = lines.map { buffer.text($0) }
        if !fixedWidth && full <= 110 { restoreHyphens() }
    }

    /// `pdftotext` without `-layout` joins a line that ends in a hyphen to the next and drops
    /// the hyphen ("89-" + "CTr/TU" → "89CTr/TU"), which leaves an overlong line. A word of
    /// such a line that the text elsewhere writes with a hyphen gets it back.
    private mutating func restoreHyphens() {
        let long = Int(Double(full) * 1.3)
        guard lines.contains(where: { $0.width > long }) else { return }
        var hyphenated: [String: String] = [:]
        var pieces: (left: Set<String>, right: Set<String>) = ([], [])
        for (k, l) in lines.enumerated() where buffer.hasHyphen(l) {
            for token in texts[k].split(separator: " ") {
                let word = Self.strip(token)
                guard word.contains("-") else { continue }
                let scalars = Array(word.unicodeScalars)
                func alnum(_ c: Unicode.Scalar) -> Bool { c.properties.isAlphabetic || c.properties.numericType != nil }
                for p in 1..<max(1, scalars.count - 1) where scalars[p] == "-" && alnum(scalars[p - 1]) && alnum(scalars[p + 1]) {
                    var key = String.UnicodeScalarView()
                    key.append(contentsOf: scalars[..<p]); key.append(contentsOf: scalars[(p + 1)...])
                    hyphenated[String(key)] = String(word)
                    var a = String.UnicodeScalarView(), b = String.UnicodeScalarView()
                    a.append(contentsOf: scalars[..<p]); b.append(contentsOf: scalars[(p + 1)...])
                    if a.count >= 3 && b.count >= 3 && a.allSatisfy({ $0.properties.isUppercase }) { pieces.left.insert(String(a)); pieces.right.insert(String(b)) }
                }
            }
        }
        guard !hyphenated.isEmpty else { return }
        // A word the text writes without a hyphen on a line of normal length is spelled so.
        var plain = Set<Substring>()
        for (k, l) in lines.enumerated() where l.width <= long && !l.isBlank {
            for token in texts[k].split(separator: " ") { plain.insert(Self.strip(token)) }
        }
        for k in lines.indices where lines[k].width > long {
            var changed = false
            let tokens = texts[k].split(separator: " ", omittingEmptySubsequences: false).map { token -> String in
                let word = Self.strip(token)
                guard word.utf8.count >= 5, !word.contains("-"), !plain.contains(word) else { return String(token) }
                if let h = hyphenated[String(word)] ?? Self.split(word, pieces: pieces) {
                    changed = true
                    return String(token).replacingOccurrences(of: String(word), with: h)
                }
                return String(token)
            }
            if changed {
                texts[k] = tokens.joined(separator: " ")
                lines[k].override = texts[k]
            }
        }
    }

    /// "GDNNGDTX" → "GDNN-GDTX" when the text has a word ending in "GDNN" before a hyphen and
    /// one starting "GDTX" after one.
    private static func split(_ word: Substring, pieces: (left: Set<String>, right: Set<String>)) -> String? {
        let s = Array(word.unicodeScalars)
        guard s.count >= 6 else { return nil }
        for p in 3...(s.count - 3) {
            var a = String.UnicodeScalarView(), b = String.UnicodeScalarView()
            a.append(contentsOf: s[..<p]); b.append(contentsOf: s[p...])
            let left = String(a), right = String(b)
            if pieces.right.contains(right), pieces.left.contains(where: { $0.hasSuffix(left) }) { return left + "-" + right }
        }
        return nil
    }

    private static func strip(_ s: Substring) -> Substring {
        let punct: Set<Character> = [",", ";", ".", ":", "(", ")", "“", "”", "\"", "'"]
        var t = s
        while let f = t.first, punct.contains(f) { t = t.dropFirst() }
        while let l = t.last, punct.contains(l) { t = t.dropLast() }
        return t
    }

    // MARK: - Blocks

    mutating func run() -> [(Int, Block)] {
        lastTextLine = lines.last(where: { !$0.isBlank })?.number ?? -1
        let fixed = FixedWidth(buffer: buffer, lines: lines, full: full)
        // A text whose lines are whole paragraphs (an export, not printed lines) writes a
        // table one cell a line.
        let cellTables = fixedWidth || full <= 110 ? [:] : CellLines(lines: lines, texts: texts, buffer: buffer).tables()
        var i = 0
        while i < lines.count {
            let l = lines[i]
            if l.tab {
                flush()
                let (table, next) = readTabTable(from: i)
                out.append((l.page, .table(table)))
                i = next
                continue
            }
            if let t = cellTables[i] {
                flush()
                out.append((l.page, .table(t.table)))
                i = t.next
                continue
            }
            if l.isBlank {
                if blanksMeanBreaks && !currentIsLoneLabel && !runsOn(past: i) { flush() }
                i += 1
                continue
            }
            if fixedWidth {
                if let t = fixed.table(at: i) {
                    flush()
                    out.append((l.page, .table(t.table)))
                    i = t.next
                    continue
                }
                if let two = fixed.twoColumns(at: i) {
                    flush()
                    for side in [two.left, two.right] {
                        for p in side { add(p) }
                        flush()
                    }
                    i = two.next
                    continue
                }
            }
            add(PLine(line: l, text: texts[i]))
            i += 1
        }
        flush()
        return out
    }

    /// A blank line inside a paragraph: the line before breaks a word at a hyphen ("11/NQ-",
    /// blank, "CP"), or the line after goes on in lower case from an unfinished sentence.
    private func runsOn(past blank: Int) -> Bool {
        guard let last = current.last else { return false }
        var j = blank + 1
        while j < lines.count, lines[j].isBlank, !lines[j].tab { j += 1 }
        guard j < lines.count, !lines[j].tab else { return false }
        let before = Array(last.text.unicodeScalars.suffix(2))
        if before.count == 2, before[1] == "-", before[0].properties.isAlphabetic || before[0].properties.numericType != nil { return true }
        guard let f = texts[j].unicodeScalars.first, f.properties.isLowercase else { return false }
        return !(before.last.map { ".;:!?".unicodeScalars.contains($0) } ?? true)
    }

    private var currentIsLoneLabel: Bool {
        current.count == 1 && Self.isBareLabel(current[0].text)
    }

    /// "I.", "2.", "1.1.", "a)": a label with nothing after it.
    static func isBareLabel(_ s: String) -> Bool {
        guard s.utf8.count <= 8, let last = s.utf8.last, last == UInt8(ascii: ".") || last == UInt8(ascii: ")") else { return false }
        return ListMarker.label(of: s + " X")?.label == s
    }

    private mutating func add(_ p: PLine) {
        if currentIsLoneLabel {
            // The label's text follows on the next line, unless another label does (a column
            // of row numbers flattened out of a table).
            if ListMarker.starts(p.text) || Self.isBareLabel(p.text) || buffer.isLoneNumber(p.line) {
                flush()
            } else {
                current.append(p)
                openingIsLabel = true
                return
            }
        }
        if let prev = current.last, breaksBetween(prev, p) { flush() }
        if current.isEmpty { openingIsLabel = ListMarker.label(of: p.text) != nil }
        current.append(p)
        if buffer.isLoneNumber(p.line) || buffer.isRule(p.line) || p.text.hasSuffix("./.") { flush() }
    }

    private mutating func flush() {
        guard let first = current.first else { return }
        if current.count == 1, CellLines.isRowLabel(first.text) {
            labelColumn.append(first.line)
            if labelColumn.count == 3 {
                notes.append(ReaderNote(code: "flattened-table",
                                        message: "row labels stand in a column of their own, apart from their cells: a table the extraction flattened past recovery; its rows are not rebuilt from this text",
                                        page: labelColumn[0].page + 1, line: labelColumn[0].number))
            }
        } else {
            labelColumn = []
        }
        let ls = current.map { Line(text: $0.text, number: $0.line.number, style: Style(indent: $0.line.indent > 0 ? Double($0.line.indent) : nil)) }
        out.append((first.line.page, .paragraph(Paragraph(lines: ls))))
        current = []
        openingIsLabel = false
    }

    /// Does a new paragraph start at `next`?
    private func breaksBetween(_ prev: PLine, _ next: PLine) -> Bool {
        if buffer.isLoneNumber(next.line) || buffer.isRule(next.line) { return true }
        let last = prev.text.unicodeScalars.last
        if ListMarker.starts(next.text) { return true }
        if Self.isBareLabel(next.text) {
            // A label with no text anywhere after it heads nothing: it is the number that ends
            // an unfinished sentence ("… mức độ" / "2.").
            let endsSentence = last.map { ".;:!?".unicodeScalars.contains($0) } ?? true
            return endsSentence || next.line.number != lastTextLine
        }
        // A numbered heading is followed by its text on a new line; the text starts a sentence.
        if openingIsLabel, !(last.map { ",;:-–(".unicodeScalars.contains($0) } ?? false), Self.startsSentence(next.text) {
            return true
        }
        let prevLen = prev.line.width
        // A line that stops well short of the margin ends its paragraph.
        if Double(prevLen) < 0.72 * Double(full) { return true }
        let endsSentence = last.map { ".;:!?".unicodeScalars.contains($0) } ?? false
        guard endsSentence else { return false }
        let f = next.text.unicodeScalars.first
        let startsCapital = f.map { $0.properties.isUppercase || $0 == "(" || $0 == "“" || $0 == "\"" } ?? false
        if startsCapital && Double(prevLen) < 0.93 * Double(full) { return true }
        // An indented first line after a finished sentence.
        if startsCapital && next.line.indent > 0 && prev.line.indent == 0 { return true }
        return false
    }

    // Capitalised words that also open names inside a wrapped heading ("… thành phố\nHải Phòng").
    private static let nameStarts: Set<String> = ["Hải", "Sở", "Phòng", "Ủy", "Uỷ", "Bộ", "Việt", "Nam", "Trung", "Đảng", "Thành", "Nhà",
                                                  "Nghị", "Kế", "Quyết", "Chương", "Thông", "Chỉ", "Đề", "Luật", "Ban", "Hội", "Giáo", "Đào"]

    /// Does the line begin with a capitalised word that opens a sentence (not an acronym or a name)?
    static func startsSentence(_ s: String) -> Bool {
        guard let word = s.split(separator: " ", maxSplits: 1).first, let f = word.unicodeScalars.first,
              f.properties.isUppercase, word.unicodeScalars.count >= 2 else { return false }
        guard word.unicodeScalars.dropFirst().allSatisfy({ $0.properties.isLowercase || !$0.properties.isAlphabetic }) else { return false }
        return !nameStarts.contains(String(word))
    }

    // MARK: - Tab-separated tables

    /// Cells that start with a tab, continuation lines without one, rows separated by blank
    /// lines — what a DOCX-to-text extractor writes for a table.
    private func readTabTable(from start: Int) -> (Table, Int) {
        var rows: [[[Int]]] = []
        var row: [[Int]] = []
        var width = 0
        var i = start
        func endRow() {
            if !row.isEmpty { rows.append(row); width = max(width, rows.count == 1 ? row.count : width) }
            row = []
        }
        while i < lines.count {
            let l = lines[i]
            if l.isBlank && !l.tab {
                // A blank line ends a row, unless a numbered row still lacks cells and text cells
                // follow (a cell of several paragraphs); text without a tab after it ends the table.
                var j = i + 1
                while j < lines.count, lines[j].isBlank, !lines[j].tab { j += 1 }
                let nextTab = j < lines.count && lines[j].tab
                let short = width > 0 && row.count < width && (row.first?.first.map { buffer.isLoneNumber(lines[$0]) } ?? false)
                if !(short && nextTab && !buffer.isLoneNumber(lines[j]) && Roman.value(texts[j]) == nil) { endRow() }
                if !nextTab { endRow(); return (makeTable(rows), j) }
                i = j
                continue
            }
            if l.tab {
                // The header row fixes the width; a full row that meets a new cell has ended.
                if width > 0, row.count >= width { endRow() }
                row.append([i])
            } else if !row.isEmpty {
                row[row.count - 1].append(i)
            } else {
                break
            }
            i += 1
        }
        endRow()
        return (makeTable(rows), i)
    }

    private func makeTable(_ rows: [[[Int]]]) -> Table {
        Table(rows: rows.enumerated().map { idx, cells in
            Row(cells: cells.map { ids in
                let ls = ids.filter { !texts[$0].isEmpty }.map { Line(text: texts[$0], number: lines[$0].number) }
                return Cell(paragraphs: ls.isEmpty ? [] : [Paragraph(lines: ls)])
            }, isHeader: idx == 0)
        })
    }
}

extension TextBuffer {
    /// A run of `n` spaces inside the text.
    func hasGap(_ l: TextLine, _ n: Int) -> Bool {
        var run = 0
        for k in l.lo..<l.hi {
            if bytes[k] == 0x20 { run += 1; if run >= n { return true } } else { run = 0 }
        }
        return false
    }

    func hasHyphen(_ l: TextLine) -> Bool {
        for k in l.lo..<l.hi where bytes[k] == 0x2D { return true }
        return false
    }
}
