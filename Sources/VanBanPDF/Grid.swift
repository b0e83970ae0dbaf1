import VanBanCore
import VanBanLayout

/// One printed line of a cell: its text and where it stands across the page.
struct CellLine {
    var text: String
    var x0: Double, x1: Double
}

/// One table row on one page, cell by grid column. The reader records what it saw (text,
/// spans, missing rules); whether a row is a group row is for the structurer to say.
struct GridRow {
    var cells: [[CellLine]]
    /// Per grid column: how many columns the cell that starts there covers; 0 where a cell
    /// to its left covers it.
    var spans: [Int]
    /// Per grid column: no rule above the cell and no text in it: the cell above goes on.
    var continuesAbove: [Bool]

    init(columns n: Int) {
        cells = Array(repeating: [], count: n)
        spans = Array(repeating: 1, count: n)
        continuesAbove = Array(repeating: false, count: n)
    }

    var isEmpty: Bool { cells.allSatisfy(\.isEmpty) }
}

/// A table on one page: its header (if the page shows one), column bounds, rows, and the
/// tail of a row cut by the page break above the first row.
struct PageGrid {
    /// Header cell texts; empty when the page goes on with a table without repeating its header.
    var columns: [String]
    /// Column boundaries: column i spans [bounds[i], bounds[i+1]).
    var bounds: [Double]
    var rows: [GridRow]
    var continuation: GridRow?
    /// Top of the table (header included) and bottom on this page.
    var top: Double
    var bottom: Double
    /// Nothing but furniture follows the table on this page: it may go on on the next.
    var reachesPageEnd: Bool
}

/// Finds a table on a page from every signal it gives: a header band with at least three
/// columns over rows opened by a label in its narrow first column; drawn rules for rows,
/// columns and merges where the page has them; text alignment where it has none; and, on a
/// page that goes on with an open table without a header, the open table's columns.
enum GridFinder {
    /// How far (points) a row label may stand outside its column's heading.
    static let labelSlack = 12.0
    /// Rules closer than this (points) are one rule.
    static let snap = 3.0
    static let maxHeaderLines = 8

    static func find(in lines: [PLine], page: PageText, rulings: () -> [Segment], open: GridTable?) -> PageGrid? {
        let visual = VisualLine.group(lines.flatMap(segments))
        guard !visual.isEmpty else { return nil }

        var columns: [String] = []
        var headerWords: [[Word]] = []
        var bodyStart = 0
        var top = visual[0].y0
        var headerBottom = visual[0].y0 - 2
        var bounds: [Double]
        if let open, open.reachedPageEnd, fits(Array(visual.prefix(3)), open.bounds, sides: { sidesMatch(rulings(), open.bounds, at: visual[0]) }) {
            // The open table goes on in its columns; a header repeated on this page, by the
            // word processor or by hand, is a row like the others, and the structurer drops it.
            bounds = open.bounds
        } else if var h = header(visual) {
            // With a rule under the header, the header is everything above it ("48)" closing
            // "STT (theo KH" included).
            let x0 = h.columns.first!.map(\.x0).min()!, x1 = h.columns.last!.map(\.x1).max()!
            if let rule = rulings().filter({ $0.isHorizontal && $0.y0 > (visual[h.start].y0 + visual[h.start].y1) / 2 && $0.y0 < visual[h.firstRow].y0 + 1
                                             && min($0.x1, x1) - max($0.x0, x0) > 0.6 * (x1 - x0) }).map(\.y0).min(),
               let cut = visual.indices.first(where: { $0 > h.start && (visual[$0].y0 + visual[$0].y1) / 2 > rule }), cut <= h.firstRow {
                h.end = cut
                h.columns = clusterColumns(visual[h.start..<cut].flatMap(\.words))
            }
            headerWords = h.columns
            bodyStart = h.end
            top = visual[h.start].y0
            headerBottom = visual[h.end - 1].y1
            bounds = []
        } else {
            return nil
        }

        // The body runs until a gap wider than a row break or the end of the page.
        var end = visual.count
        if bodyStart < visual.count {
            var previousBottom = visual[bodyStart].y0
            for i in bodyStart..<visual.count {
                let v = visual[i]
                if v.y0 - previousBottom > max(24, 2.2 * v.height) { end = i; break }
                previousBottom = v.y1
            }
        }
        guard end > bodyStart else { return nil }
        var bodyBottom = visual[end - 1].y1
        let bodyTop = visual[bodyStart].y0

        let left = headerWords.isEmpty ? bounds[0] : (headerWords.first?.map(\.x0).min() ?? 0)
        let right = headerWords.isEmpty ? bounds[bounds.count - 1] : page.width
        let rules = rulings().filter { s in
            s.isHorizontal ? (s.x1 > left - 4 && s.x0 < right + 4 && s.y0 > headerBottom - 1 && s.y0 < bodyBottom + 6)
                           : (s.y1 > bodyTop - 2 && s.y0 < bodyBottom + 2 && s.x0 > left - 20 && s.x0 < right + 20)
        }
        // Side rules long enough to be column bounds; every side rule, however short, keeps two cells apart.
        var vertical = rules.filter { !$0.isHorizontal && $0.length >= min(30, 0.5 * (bodyBottom - bodyTop)) }
        var sides = rules.filter { !$0.isHorizontal }
        let horizontal = rules.filter(\.isHorizontal)

        // A ruled table ends at its last rule, unless its side rules go on below it (a row cut
        // by the page break).
        if horizontal.count >= 2, let last = horizontal.map(\.y0).max(), !vertical.contains(where: { $0.y1 > last + 4 }) {
            if let cut = visual[bodyStart..<end].firstIndex(where: { $0.y0 > last + 1 }) {
                end = cut
                bodyBottom = end > bodyStart ? visual[end - 1].y1 : bodyBottom
            }
        }
        guard end > bodyStart else { return nil }

        // Columns: the drawn rules when there are enough, else the gutters of the text.
        let ruleXs = cluster(vertical.map(\.x0))
        if ruleXs.count >= 4 || (ruleXs.count >= 3 && headerWords.count <= ruleXs.count) {
            bounds = ruleXs
        } else if !headerWords.isEmpty {
            vertical = []; sides = []
            let bodyWords = visual[bodyStart..<end].flatMap(\.words)
            var lineStarts: [Double] = []
            for line in lines where line.y0 >= bodyTop - 1 && line.y1 <= bodyBottom + 1 {
                // Poppler may run cells of one row into a line; a wide gap starts another cell line.
                var previous: Word?
                for w in line.words {
                    if previous == nil || w.x0 - previous!.x1 > 1.5 * max(w.size, 1) { lineStarts.append(w.x0) }
                    previous = w
                }
            }
            bounds = boundaries(headerWords, body: bodyWords, lineStarts: lineStarts,
                                left: page.lines.map(\.x0).min() ?? 0, right: page.width)
        } else {
            vertical = []; sides = []
        }
        let n = bounds.count - 1
        guard n >= 2 else { return nil }

        if !headerWords.isEmpty {
            var perColumn = [[Word]](repeating: [], count: n)
            for w in headerWords.flatMap({ $0 }) { perColumn[column(of: w.midX, bounds)].append(w) }
            columns = perColumn.map { LineJoiner.join(VisualLine.group($0).map(\.text)) }
        }

        // Rows, from the words themselves (not the cell fragments) so a rule between two
        // cells that poppler ran together still cuts them.
        let bodyLines = VisualLine.group(lines.flatMap(\.words).filter { $0.y0 >= bodyTop - 1 && $0.y1 <= bodyBottom + 1 && $0.midX > bounds[0] - 20 })
        let seps = separators(horizontal, bounds: bounds)
        var rows: [GridRow] = []
        var continuation: GridRow?
        var widest = [Double](repeating: 0, count: n)

        func assemble(_ group: [VisualLine], ruleAbove: Set<Int>?) -> GridRow {
            var row = GridRow(columns: n)
            let midY = group.isEmpty ? 0 : (group.first!.y0 + group.last!.y1) / 2
            // Merges: a missing side rule, or (with no side rules) a line that runs over a bound.
            var joined = [Bool](repeating: false, count: n + 1)
            if !vertical.isEmpty {
                for k in 1..<n where !sides.contains(where: { abs($0.x0 - bounds[k]) <= snap && $0.y0 <= midY && $0.y1 >= midY }) {
                    joined[k] = true
                }
            } else {
                for v in group {
                    for (a, b) in zip(v.words, v.words.dropFirst()) {
                        let ca = column(of: a.midX, bounds), cb = column(of: b.midX, bounds)
                        if cb > ca, b.x0 - a.x1 < 0.45 * max(a.size, 1) { for k in (ca + 1)...cb { joined[k] = true } }
                    }
                }
            }
            var owner = Array(0..<n)
            for k in 1..<n where joined[k] { owner[k] = owner[k - 1] }
            for c in 0..<n { row.spans[c] = owner[c] == c ? (owner.lastIndex(of: c)! - c + 1) : 0 }
            for v in group {
                var parts = [[Word]](repeating: [], count: n)
                for w in v.words { parts[owner[column(of: w.midX, bounds)]].append(w) }
                for c in 0..<n where !parts[c].isEmpty {
                    let ws = parts[c]
                    row.cells[c].append(CellLine(text: ws.map(\.text).joined(separator: " "), x0: ws[0].x0, x1: ws.map(\.x1).max()!))
                    if row.spans[c] == 1 { widest[c] = max(widest[c], ws.map(\.x1).max()! - ws[0].x0) }
                }
            }
            if let above = ruleAbove {
                for c in 0..<n where row.spans[c] > 0 && row.cells[c].isEmpty && !above.contains(c) { row.continuesAbove[c] = true }
            }
            return row
        }

        // The open table's header repeated at the top of this page is not a row.
        let openHeader = open.map { $0.columns.map(Fold.key) }
        func repeatsHeader(_ row: GridRow) -> Bool {
            guard let openHeader, rows.isEmpty, continuation == nil, openHeader.count == n else { return false }
            return row.cells.map { Fold.key(LineJoiner.join($0.map(\.text))) } == openHeader
        }

        if seps.count >= 2 {
            // Bands between rules are rows.
            var edges: [(y: Double, covers: Set<Int>?)] = [(bodyTop - 1, nil)] + seps.map { ($0.y, $0.covers) }
            edges.append((bodyBottom + 1, nil))
            edges.sort { $0.y < $1.y }
            for (e, next) in zip(edges, edges.dropFirst()) {
                let band = bodyLines.filter { let m = ($0.y0 + $0.y1) / 2; return m > e.y && m < next.y }
                guard !band.isEmpty else { continue }
                var row = assemble(band, ruleAbove: e.covers)
                if repeatsHeader(row) { continue }
                // A cell merged down across the page break: empty at the top of this page and
                // open below, it goes on from the last row of the page before.
                if open != nil, rows.isEmpty, continuation == nil, let below = next.covers {
                    for c in 0..<n where row.spans[c] > 0 && row.cells[c].isEmpty && !below.contains(c) { row.continuesAbove[c] = true }
                }
                if rows.isEmpty && continuation == nil && row.cells[0].isEmpty { continuation = row } else { rows.append(row) }
            }
        } else {
            // No rules: a row opens where its label column receives text.
            var group: [VisualLine] = []
            func flush() {
                guard !group.isEmpty else { return }
                let row = assemble(group, ruleAbove: nil)
                if repeatsHeader(row) { group = []; return }
                if rows.isEmpty && continuation == nil && row.cells[0].isEmpty { continuation = row } else { rows.append(row) }
                group = []
            }
            for v in bodyLines {
                if v.words.contains(where: { column(of: $0.midX, bounds) == 0 }) { flush() }
                group.append(v)
            }
            flush()
        }
        rows = rows.map { rejoinBrokenWords($0, widest: widest) }
        continuation = continuation.map { rejoinBrokenWords($0, widest: widest) }
        let bottom = visual[end - 1].y1
        return PageGrid(columns: columns, bounds: bounds, rows: rows, continuation: continuation,
                        top: top - 1, bottom: bottom + 0.5, reachesPageEnd: end == visual.count)
    }

    /// The header band: a line of at least three columns whose first is narrow, the lines
    /// below it of the same weight, and a row opened by a label in the first column within a
    /// few lines.
    static func header(_ visual: [VisualLine]) -> (start: Int, end: Int, firstRow: Int, columns: [[Word]])? {
        for h in visual.indices {
            let v = visual[h]
            let bold = v.words.allSatisfy(\.bold)
            guard v.words.count >= 2, !opensRow(v) else { continue }
            var end = h + 1
            while end < visual.count, end - h < maxHeaderLines, visual[end].words.allSatisfy(\.bold) == bold,
                  visual[end].y0 - visual[end - 1].y1 < 1.5 * max(visual[end].height, 1), !opensRow(visual[end]) { end += 1 }
            let cols = clusterColumns(visual[h..<end].flatMap(\.words))
            guard cols.count >= 3 else { continue }
            // Set apart by weight, or (in the body's weight) headed as tables are headed: at
            // least two headings the column dictionary knows.
            if !bold {
                guard clusterColumns(v.words).count >= 3 else { continue }
                let known = cols.filter { Dictionaries.shared.columnMeaning(LineJoiner.join(VisualLine.group($0).map(\.text))) != nil }
                guard known.count >= 2 else { continue }
            }
            let x0 = cols[0].map(\.x0).min()!, x1 = cols[0].map(\.x1).max()!
            let width = cols[cols.count - 1].map(\.x1).max()! - x0
            guard x1 - x0 < 0.15 * width else { continue }
            let col0 = (x0 - labelSlack)...(x1 + labelSlack)
            // The first row follows within a few lines (the tail of a row from the page before may come first).
            var i = end
            while i < visual.count, visual[i].y0 - visual[i - 1].y1 < 24 {
                if startsRow(visual[i], col0: col0) { return (h, end, i, cols) }
                i += 1
            }
        }
        return nil
    }

    /// A line that begins with a label standing apart from the text after it: "1", "2.1", "IV".
    static func opensRow(_ v: VisualLine) -> Bool {
        guard let w = v.words.first, isLabel(w.text), !w.text.hasSuffix(")") else { return false }
        return v.words.count == 1 || v.words[1].x0 - w.x1 > 0.4 * max(w.size, 1)
    }

    static func startsRow(_ v: VisualLine, col0: ClosedRange<Double>) -> Bool {
        guard let w = v.words.first, col0.contains(w.midX) else { return false }
        return isLabel(w.text)
    }

    /// "12", "11.3", "1." or a Roman numeral; a four-digit number is a year, not a label.
    static func isLabel(_ s: String) -> Bool {
        let t = s.hasSuffix(".") || s.hasSuffix(")") ? String(s.dropLast()) : s
        if let f = t.first, f.isNumber, t.allSatisfy({ $0.isNumber || $0 == "." }), t.count <= 6, t.contains(".") || t.count <= 3 { return true }
        return Roman.value(t) != nil
    }

    /// The top of a page goes on with the open table: the page draws side rules at the
    /// table's column bounds, or (with no rules) its top lines sit in the table's columns,
    /// every cell fragment within one column, and some line in two or none of them bold (a
    /// title set in capitals over the page may fit a wide column too).
    static func fits(_ top: [VisualLine], _ bounds: [Double], sides: () -> Bool) -> Bool {
        guard !top.isEmpty, let first = bounds.first, let last = bounds.last else { return false }
        if sides() { return true }
        var multi = false
        for v in top {
            var cols = Set<Int>()
            for w in v.words {
                guard w.x0 >= first - 3, w.x1 <= last + 3 else { return false }
                let c = column(of: w.x0 + 1, bounds)
                if w.x1 > bounds[c + 1] + 3 { return false }
                cols.insert(c)
            }
            if cols.count >= 2 { multi = true }
        }
        return multi || !top.contains { $0.words.allSatisfy(\.bold) }
    }

    /// The page draws side rules where the open table has its column bounds, beside this line.
    static func sidesMatch(_ rules: [Segment], _ bounds: [Double], at v: VisualLine) -> Bool {
        let y = (v.y0 + v.y1) / 2
        let hits = bounds.filter { x in rules.contains { !$0.isHorizontal && abs($0.x0 - x) <= snap && $0.y0 <= y && $0.y1 >= y } }
        return hits.count >= max(3, bounds.count - 1)
    }

    static func column(of x: Double, _ bounds: [Double]) -> Int {
        max(0, min(bounds.count - 2, (bounds.lastIndex(where: { $0 <= x }) ?? 0)))
    }

    /// Positions closer than `snap` are one.
    static func cluster(_ xs: [Double]) -> [Double] {
        var out: [(sum: Double, n: Double, last: Double)] = []
        for x in xs.sorted() {
            if let l = out.last, x - l.last <= snap { out[out.count - 1] = (l.sum + x, l.n + 1, x) } else { out.append((x, 1, x)) }
        }
        return out.map { $0.sum / $0.n }
    }

    /// Horizontal rules as row separators, each with the columns it crosses.
    static func separators(_ rules: [Segment], bounds: [Double]) -> [(y: Double, covers: Set<Int>)] {
        let ys = cluster(rules.map(\.y0))
        let n = bounds.count - 1
        return ys.compactMap { y in
            var covers = Set<Int>()
            for r in rules where abs(r.y0 - y) <= snap {
                for c in 0..<n {
                    let a = max(r.x0, bounds[c]), b = min(r.x1, bounds[c + 1])
                    if b - a > 0.5 * (bounds[c + 1] - bounds[c]) { covers.insert(c) }
                }
            }
            return covers.isEmpty ? nil : (y, covers)
        }
    }

    /// A word too long for its cell breaks where the cell ends ("GDNN&Đ" over "H"): a line
    /// of one word that reaches as far as the column's widest line runs on into the next.
    static func rejoinBrokenWords(_ row: GridRow, widest: [Double]) -> GridRow {
        var row = row
        for c in row.cells.indices where row.cells[c].count > 1 {
            var out: [CellLine] = []
            for line in row.cells[c] {
                // Only a long token (a symbol, an abbreviation) outgrows a cell; a word
                // carried over whole starts in lower case.
                if let prev = out.last, !prev.text.contains(" "), widest[c] > 0, prev.x1 - prev.x0 >= widest[c] - 4,
                   let end = prev.text.last, end.isUppercase || end.isNumber,
                   let head = line.text.first, head.isUppercase || head.isNumber {
                    out[out.count - 1].text += line.text
                    out[out.count - 1].x1 = line.x1
                } else {
                    out.append(line)
                }
            }
            row.cells[c] = out
        }
        return row
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
            let lo = max(0, min(a, b, width - 1)), hi = max(lo, min(max(a, b), width - 1))
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
    /// The last page's column bounds, for a page that goes on without a header.
    var bounds: [Double]
    var reachedPageEnd: Bool

    init(_ first: PageGrid) {
        columns = first.columns
        rows = (first.continuation.map { [$0] } ?? []) + first.rows
        bounds = first.bounds
        reachedPageEnd = first.reachesPageEnd
    }

    /// The next page's grid belongs to this table when it repeats the header (by hand or by
    /// the word processor) or shows none and sits in this table's columns.
    func continues(with next: PageGrid) -> Bool {
        guard next.bounds.count == bounds.count else { return false }
        if next.columns.isEmpty { return true }
        return zip(next.columns, columns).allSatisfy { Fold.key($0) == Fold.key($1) }
    }

    mutating func add(_ next: PageGrid) {
        if let tail = next.continuation {
            if rows.isEmpty { rows.append(tail) } else {
                for (c, lines) in tail.cells.enumerated() where c < rows[rows.count - 1].cells.count {
                    rows[rows.count - 1].cells[c] += lines
                }
            }
        }
        rows += next.rows
        bounds = next.bounds
        reachedPageEnd = next.reachesPageEnd
    }

    func table() -> Table {
        var out = [Row(cells: columns.enumerated().map { Cell(paragraphs: [paragraph([$0.element])], gridColumn: $0.offset) }, isHeader: true)]
        for (r, row) in rows.enumerated() {
            var cells: [Cell] = []
            for c in row.cells.indices where row.spans[c] > 0 {
                // How many rows below go on from this cell.
                var span = 1
                while r + span < rows.count, rows[r + span].continuesAbove[c] { span += 1 }
                cells.append(Cell(paragraphs: row.cells[c].isEmpty ? [] : [paragraph(row.cells[c].map(\.text))],
                                  columnSpan: row.spans[c], continuesAbove: row.continuesAbove[c], rowSpan: span, gridColumn: c))
            }
            out.append(Row(cells: cells))
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
