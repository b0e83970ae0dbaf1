import VanBanCore
import VanBanLayout

/// A table on one page, found from text alignment: a header row whose first cell is a number
/// column ("Stt", "TT", "STT"), columns separated where no body word stands, rows opened by a
/// number (or a Roman numeral for a group row) in the first column.
struct PageGrid {
    var columns: [String]
    /// Column boundaries: column i spans [bounds[i], bounds[i+1]).
    var bounds: [Double]
    /// Rows: each a list of visual lines, each line the words per column.
    var rows: [GridRow]
    /// Lines above the first numbered row: the end of a row from the previous page.
    var continuation: [[String]]
    /// Top of the header and bottom of the table on this page.
    var top: Double
    var bottom: Double
}

struct GridRow {
    enum Kind { case data, group }
    var kind: Kind
    /// Per column, the text lines.
    var cells: [[String]]
    /// A group row's title lines, whichever columns they cross.
    var title: [String] = []
}

enum GridFinder {
    static let numberHeadings: Set<String> = ["stt", "tt", "số tt"]

    static func find(in lines: [PLine], page: PageText) -> PageGrid? {
        guard let head = lines.firstIndex(where: isNumberHeading) else { return nil }
        let stt = lines[head].words[0]
        let top = stt.y0
        let col0 = (stt.x0 - 12)...(stt.x1 + 12)
        // Cell lines, not words, are what columns receive: a centred line wider than its cell
        // would otherwise lose its first word to the column on its left.
        let visual = VisualLine.group(lines.filter { $0.y0 >= top - 2 }.flatMap(segments))

        // The header band ends where the first numbered row begins.
        guard let firstRow = visual.firstIndex(where: { v in v.y1 > stt.y1 + 2 && startsRow(v, col0: col0) != nil }) else { return nil }
        // Header cells are bold; lines under them but above the first number continue a row
        // from the page before.
        let bold = { (v: VisualLine) in v.words.allSatisfy(\.bold) }
        let headerEnd = bold(visual[0]) ? (visual[..<firstRow].firstIndex { !bold($0) } ?? firstRow) : firstRow
        let headerWords = visual[..<headerEnd].flatMap(\.words)
        let headerColumns = clusterColumns(headerWords)
        guard headerColumns.count >= 2 else { return nil }

        // The body runs until a gap wider than a row break or the end of the page; the reader
        // judges by geometry alone, not by what the next line says.
        var end = visual.count
        var previousBottom = visual[firstRow].y0
        for i in firstRow..<visual.count {
            let v = visual[i]
            let gap = v.y0 - previousBottom
            if gap > max(24, 2.2 * v.height) { end = i; break }
            previousBottom = v.y1
        }
        let body = Array(visual[firstRow..<end])
        let bodyTop = body.first?.y0 ?? top, bodyBottom = body.last?.y1 ?? top
        var lineStarts: [Double] = []
        for line in lines where line.y0 >= bodyTop - 1 && line.y1 <= bodyBottom + 1 {
            // Poppler may run cells of one row into a line; a wide gap starts another cell line.
            var previous: Word?
            for w in line.words {
                if previous == nil || w.x0 - previous!.x1 > 1.5 * max(w.size, 1) { lineStarts.append(w.x0) }
                previous = w
            }
        }
        let bounds = boundaries(headerColumns, body: body.flatMap(\.words), lineStarts: lineStarts,
                                left: page.lines.map(\.x0).min() ?? 0, right: page.width)

        var rows: [GridRow] = []
        for v in body {
            let cells = split(v, bounds)
            if let kind = startsRow(v, col0: col0) {
                var row = GridRow(kind: kind, cells: cells.map { $0.isEmpty ? [] : [$0] })
                if kind == .group { row.title = [cells.dropFirst().filter { !$0.isEmpty }.joined(separator: " ")] }
                rows.append(row)
            } else if !rows.isEmpty {
                if rows[rows.count - 1].kind == .group {
                    rows[rows.count - 1].title.append(v.text)
                } else {
                    for (c, text) in cells.enumerated() where !text.isEmpty { rows[rows.count - 1].cells[c].append(text) }
                }
            }
        }
        var continuation: [[String]] = Array(repeating: [], count: bounds.count - 1)
        for v in visual[headerEnd..<firstRow] {
            for (c, text) in split(v, bounds).enumerated() where !text.isEmpty { continuation[c].append(text) }
        }
        let columns = headerColumns.map { col in LineJoiner.join(VisualLine.group(col).map { $0.text }) }
        let bottom = end < visual.count ? visual[end - 1].y1 : (visual.last?.y1 ?? top)
        return PageGrid(columns: columns, bounds: bounds, rows: rows, continuation: continuation, top: top - 1, bottom: bottom + 0.5)
    }

    /// A poppler line cut where the space between words is wider than a word space: the parts
    /// are the lines of separate cells. Each part is returned as one wide "word".
    static func segments(_ line: PLine) -> [Word] {
        var out: [[Word]] = []
        for w in line.words {
            if let prev = out.last?.last, w.x0 - prev.x1 <= 0.9 * max(w.size, prev.size, 1) {
                out[out.count - 1].append(w)
            } else {
                out.append([w])
            }
        }
        return out.map { ws in
            Word(text: ws.map(\.text).joined(separator: " "), x0: ws[0].x0, y0: ws.map(\.y0).min()!, x1: ws.map(\.x1).max()!,
                 y1: ws.map(\.y1).max()!, bold: ws.allSatisfy(\.bold), italic: ws.allSatisfy(\.italic),
                 size: ws.map(\.size).max()!, font: ws[0].font)
        }
    }

    static func isNumberHeading(_ l: PLine) -> Bool {
        guard let first = l.words.first else { return false }
        let t = first.text.lowercased()
        guard numberHeadings.contains(t) else { return false }
        // The number heading stands alone in its cell: nothing, or a column gap, after it.
        return l.words.count == 1 || l.words[1].x0 - first.x1 > 1.2 * max(first.size, 1)
    }

    /// A visual line that opens a row: a number ("1", "11.3") or a group's Roman numeral
    /// standing in the first column.
    static func startsRow(_ v: VisualLine, col0: ClosedRange<Double>) -> GridRow.Kind? {
        guard let w = v.words.first, col0.contains(w.midX) else { return nil }
        let t = w.text.hasSuffix(".") ? String(w.text.dropLast()) : w.text
        // "12", "11.3"; a four-digit number is a year in a cell, not a row number.
        if !t.isEmpty, t.first!.isNumber, t.allSatisfy({ $0.isNumber || $0 == "." }), t.count <= 6,
           t.contains(".") || t.count <= 3 { return .data }
        if Roman.value(t) != nil { return .group }
        return nil
    }

    /// Header words grouped into columns by horizontal overlap.
    static func clusterColumns(_ words: [Word]) -> [[Word]] {
        var cols: [(x0: Double, x1: Double, words: [Word])] = []
        for w in words.sorted(by: { $0.x0 < $1.x0 }) {
            // Words of one heading sit close together; a wider gap opens the next column.
            if var last = cols.last, w.x0 <= last.x1 + max(4, w.size * 0.9) {
                last.x1 = max(last.x1, w.x1); last.words.append(w)
                cols[cols.count - 1] = last
            } else {
                cols.append((w.x0, w.x1, [w]))
            }
        }
        return cols.map(\.words)
    }

    /// Between two header columns, the boundary is where the fewest body words stand.
    static func boundaries(_ header: [[Word]], body: [Word], lineStarts: [Double], left: Double, right: Double) -> [Double] {
        let width = Int(right.rounded(.up)) + 2
        var coverage = [Int](repeating: 0, count: width)
        for w in body {
            let a = max(0, Int(w.x0)), b = min(width - 1, Int(w.x1.rounded(.up)))
            if a <= b { for x in a...b { coverage[x] += 1 } }
        }
        var bounds = [min(left, header.first?.map(\.x0).min() ?? left) - 1]
        for i in 0..<(header.count - 1) {
            let a = Int((header[i].map(\.x1).max() ?? 0).rounded())
            let b = Int((header[i + 1].map(\.x0).min() ?? 0).rounded())
            let lo = min(a, b), hi = max(lo, min(max(a, b), width - 1))
            // The widest run where no word stands is the gutter around the rule.
            let least = coverage[lo...hi].min() ?? 0
            if least > 0 {
                // Left-aligned cells start their lines on one x just after the rule: the most common
                // line start between the two headings marks the next column's edge.
                var starts = [Int: Int]()
                for x in lineStarts where x > Double(lo) && x < Double(hi) { starts[Int(x.rounded()), default: 0] += 1 }
                if let (x, n) = starts.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }), n >= 3 {
                    bounds.append(Double(x) - 2.5)
                    continue
                }
            }
            var best = (start: lo, end: lo), x = lo
            while x <= hi {
                guard coverage[x] == least else { x += 1; continue }
                var e = x
                while e + 1 <= hi, coverage[e + 1] == least { e += 1 }
                if e - x > best.end - best.start || coverage[best.start] != least { best = (x, e) }
                x = e + 1
            }
            bounds.append(Double(best.start + best.end) / 2)
        }
        bounds.append(right + 1)
        return bounds
    }

    /// The words of a visual line, as text per column.
    static func split(_ v: VisualLine, _ bounds: [Double]) -> [String] {
        var cells = [[String]](repeating: [], count: bounds.count - 1)
        for w in v.words {
            let c = max(0, min(cells.count - 1, (bounds.lastIndex(where: { $0 <= w.midX }) ?? 0)))
            cells[c].append(w.text)
        }
        return cells.map { $0.joined(separator: " ") }
    }
}

/// Words on one baseline, left to right.
struct VisualLine {
    var words: [Word]
    var y0: Double { words.map(\.y0).min() ?? 0 }
    var y1: Double { words.map(\.y1).max() ?? 0 }
    var height: Double { y1 - y0 }
    var text: String { words.map(\.text).joined(separator: " ") }

    static func group(_ words: [Word]) -> [VisualLine] {
        var out: [VisualLine] = []
        for w in words.sorted(by: { ($0.y1, $0.x0) < ($1.y1, $1.x0) }) {
            if let last = out.last, let ref = last.words.last, abs(w.y1 - ref.y1) <= max(1.5, 0.35 * max(w.size, ref.size)) {
                out[out.count - 1].words.append(w)
            } else {
                out.append(VisualLine(words: [w]))
            }
        }
        for i in out.indices { out[i].words.sort { $0.x0 < $1.x0 } }
        return out
    }
}

/// A table as it grows page by page: its header once, rows whole across page breaks.
struct GridTable {
    var columns: [String]
    var rows: [GridRow]

    init(_ first: PageGrid) {
        columns = first.columns
        rows = first.rows
    }

    /// The next page's grid belongs to this table when its header says the same.
    func continues(with next: PageGrid) -> Bool {
        next.columns.count == columns.count &&
            zip(next.columns, columns).allSatisfy { Fold.key($0) == Fold.key($1) }
    }

    mutating func add(_ next: PageGrid) {
        if !rows.isEmpty {
            for (c, lines) in next.continuation.enumerated() where c < rows[rows.count - 1].cells.count {
                rows[rows.count - 1].cells[c] += lines
            }
        }
        rows += next.rows
    }

    func table() -> Table {
        var out = [Row(cells: columns.map { Cell(paragraphs: [paragraph([$0])]) }, isHeader: true)]
        for r in rows {
            switch r.kind {
            case .group:
                let label = r.cells.first?.joined(separator: " ") ?? ""
                let title = LineJoiner.join(r.title)
                out.append(Row(cells: [Cell(paragraphs: [paragraph([label])]),
                                       Cell(paragraphs: [paragraph([title])], columnSpan: max(1, columns.count - 1))]))
            case .data:
                out.append(Row(cells: r.cells.map { Cell(paragraphs: $0.isEmpty ? [] : [paragraph($0)]) }))
            }
        }
        return Table(rows: out)
    }

    private func paragraph(_ lines: [String]) -> Paragraph {
        Paragraph(lines: Self.rejoinBrokenSymbols(lines).enumerated().map { Line(text: $0.element, number: $0.offset + 1) })
    }

    /// A narrow cell breaks a long symbol where it must, without a hyphen ("16/2025/NQH" over
    /// "ĐND"): such a tail goes back onto its line.
    static func rejoinBrokenSymbols(_ lines: [String]) -> [String] {
        var out: [String] = []
        for line in lines {
            if let prev = out.last, let last = prev.split(separator: " ").last, last.contains("/"),
               last.contains(where: \.isNumber), last.last.map({ $0.isUppercase || $0.isNumber }) == true,
               let head = line.split(separator: " ").first, head.count <= 4,
               head.allSatisfy({ $0.isUppercase || $0.isNumber }) {
                out[out.count - 1] = prev + line
            } else {
                out.append(line)
            }
        }
        return out
    }
}
