import VanBanCore
import VanBanLayout
import VanBanModel

/// Collects one appendix table: from table blocks a reader recovered (cells known), or from
/// text lines where extraction flattened the grid (cells unknown; best effort).
struct TableText {
    let dictionaries: Dictionaries
    private(set) var columns: [String] = []
    private var rows: [TableRow] = []
    private var notes: [String] = []

    // Flattened text.
    private var headerLines: [String] = []
    private var inRows = false
    private var repeatAt = 0
    private var pendingNumber: String?
    private var pendingLines: [String] = []
    private var pendingGroup: (label: String, title: [String])?
    private var flattened = false

    init(dictionaries: Dictionaries) { self.dictionaries = dictionaries }

    var expectsRowNumber: Bool { inRows || !headerLines.isEmpty }

    static func isHeaderStart(_ s: String) -> Bool {
        guard let first = s.split(separator: " ").first else { return false }
        return ["stt", "tt"].contains(first.lowercased())
    }

    // MARK: Tables with cells

    mutating func add(_ table: Table) {
        var above: [String]?
        for row in table.rows {
            let cells = place(row, above: above)
            if columns.isEmpty {
                columns = cells
                continue
            }
            if cells == columns || (row.isHeader && !rows.isEmpty) { continue }
            if let group = Self.group(cells) { rows.append(group); above = nil; continue }
            let fitted = fit(cells)
            rows.append(.cells(fitted))
            above = fitted
        }
    }

    /// A row's texts by grid column: a cell stands where the source placed it (or after the
    /// cells before it), a cell spanning columns leaves the columns it covers empty, and the
    /// lower part of a cell merged down over rows takes the text it continues: a lead unit
    /// written once for three tasks leads all three.
    private func place(_ row: Row, above: [String]?) -> [String] {
        var out: [String] = []
        for cell in row.cells {
            let at = max(out.count, cell.gridColumn ?? out.count)
            while out.count < at { out.append("") }
            var text = cell.text
            if cell.continuesAbove, text.isEmpty, let above, at < above.count { text = above[at] }
            out.append(text)
            for _ in 1..<max(1, cell.columnSpan) { out.append("") }
        }
        // Trailing empty columns a span leaves add nothing.
        while out.count > max(columns.count, 1), out.last == "" { out.removeLast() }
        return out
    }

    /// A row that names a group ("I" | "CÔNG TÁC CHỈ ĐẠO" | "" …) rather than a task.
    static func group(_ cells: [String]) -> TableRow? {
        let filled = cells.filter { !$0.isEmpty }
        guard let first = filled.first else { return nil }
        let label = first.trimmingCharacters(in: .init(charactersIn: ".) "))
        let isGroupLabel = Roman.value(label) != nil || (label.count == 1 && label.first!.isUppercase && label.first!.isLetter)
        if isGroupLabel, filled.count <= 2, cells.first == first {
            return .group(label: label, title: filled.count == 2 ? filled[1] : "")
        }
        // One merged cell holding "I. TITLE".
        if filled.count == 1, let (l, rest) = ListMarker.label(of: first), LabelFamily(plainLabel: l) == .roman {
            return .group(label: l.trimmingCharacters(in: .init(charactersIn: ".)")), title: String(rest))
        }
        return nil
    }

    private func fit(_ cells: [String]) -> [String] {
        guard !columns.isEmpty else { return cells }
        if cells.count < columns.count { return cells + Array(repeating: "", count: columns.count - cells.count) }
        if cells.count > columns.count {
            return Array(cells.prefix(columns.count - 1)) + [cells.suffix(from: columns.count - 1).filter { !$0.isEmpty }.joined(separator: " ")]
        }
        return cells
    }

    // MARK: Flattened text

    mutating func add(_ para: Para) {
        for line in para.lines {
            let text = LineJoiner.trim(line.text)
            if !text.isEmpty { add(line: text) }
        }
    }

    mutating func add(line text: String) {
        if !inRows {
            if isRowStart(text) && !headerLines.isEmpty {
                columns = splitHeader(LineJoiner.join(headerLines))
                inRows = true
                flattened = true
            } else {
                headerLines.append(text)
                return
            }
        }
        // The header row repeats at the top of every page of the table.
        if repeatAt < headerLines.count, text == headerLines[repeatAt] { repeatAt += 1; return }
        repeatAt = 0
        if let (number, rest) = Self.rowNumber(text) {
            endRow()
            pendingNumber = number
            if let rest { pendingLines.append(rest) }
        } else if let (label, title) = Self.groupLine(text) {
            endRow()
            pendingGroup = (label, [title])
        } else if pendingGroup != nil {
            // A group's title runs on until the first numbered row under it.
            pendingGroup!.title.append(text)
        } else {
            if let g = pendingGroup { rows.append(.group(label: g.label, title: LineJoiner.join(g.title))); pendingGroup = nil }
            pendingLines.append(text)
        }
    }

    private func isRowStart(_ text: String) -> Bool { Self.rowNumber(text) != nil || Self.groupLine(text) != nil }

    /// "12", "11.3" alone, or "12 Tổ chức …": a row's number, with the text that follows it.
    static func rowNumber(_ text: String) -> (String, String?)? {
        let head = text.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
        guard let first = head.first, first.isNumber, head.filter(\.isNumber).count <= 3 || head.contains(".") else { return nil }
        guard head.count <= 6 else { return nil }
        let number = head.hasSuffix(".") ? String(head.dropLast()) : String(head)
        let rest = text.dropFirst(head.count)
        if rest.isEmpty { return (number, nil) }
        guard rest.first == " ", let c = rest.dropFirst().first, c.isUppercase else { return nil }
        return (number, String(rest.dropFirst()))
    }

    /// "I. CÔNG TÁC CHỈ ĐẠO" or "II Nâng cao nhận thức …": a group row.
    static func groupLine(_ text: String) -> (String, String)? {
        let head = text.prefix { "IVXL".contains($0) }
        guard !head.isEmpty, Roman.value(String(head)) != nil else { return nil }
        var rest = text.dropFirst(head.count)
        if rest.first == "." || rest.first == ")" { rest = rest.dropFirst() }
        guard rest.first == " ", let c = rest.dropFirst().first, c.isUppercase else { return nil }
        return (String(head), LineJoiner.trim(String(rest)))
    }

    private mutating func endRow() {
        if let g = pendingGroup {
            rows.append(.group(label: g.label, title: LineJoiner.join(g.title)))
            pendingGroup = nil
        }
        if let n = pendingNumber {
            rows.append(.cells(fit([n, LineJoiner.join(pendingLines)])))
        } else if !pendingLines.isEmpty, case let .cells(c)? = rows.last {
            // Text before the first number of a page continues the row above it.
            var cells = c
            cells[min(1, cells.count - 1)] = LineJoiner.join([cells[min(1, cells.count - 1)]] + pendingLines)
            rows[rows.count - 1] = .cells(cells)
        }
        pendingNumber = nil
        pendingLines = []
    }

    /// Splits a flattened header row into columns by the headings the dictionary knows.
    private func splitHeader(_ text: String) -> [String] {
        let words = text.split(separator: " ").map(String.init)
        let keys = words.map { Fold.key($0) }
        var cols: [[String]] = []
        var i = 0
        while i < words.count {
            if let c = dictionaries.columns.first(where: { c in
                i + c.words.count <= keys.count && Array(keys[i..<(i + c.words.count)]) == c.words
            }) {
                var end = i + c.words.count
                while end < words.count, c.meaning == "target" || words[end].hasPrefix("("),
                      words[end].allSatisfy({ $0.isNumber }) || words[end].hasPrefix("(") || words[end].hasSuffix(")") {
                    end += 1
                    if words[end - 1].hasSuffix(")") { break }
                }
                cols.append(Array(words[i..<end]))
                i = end
            } else {
                if cols.isEmpty { cols.append([]) }
                cols[cols.count - 1].append(words[i])
                i += 1
            }
        }
        return cols.map { $0.joined(separator: " ") }
    }

    mutating func finish() -> (columns: [String], rows: [TableRow], notes: [String]) {
        endRow()
        if !inRows && !headerLines.isEmpty && columns.isEmpty {
            columns = splitHeader(LineJoiner.join(headerLines))
        }
        if flattened {
            notes.append("the text gives no cell boundaries: each row's text is kept whole in its second column (read the PDF or DOCX for cells)")
        }
        return (columns, rows, notes)
    }
}

extension TextReaderHints {
    static func isNumberLine(_ s: String) -> Bool {
        !s.isEmpty && s.count <= 3 && s.allSatisfy(\.isNumber)
    }
}
