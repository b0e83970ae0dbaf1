import VanBanCore
import VanBanLayout

/// Fixed-width text (`pdftotext -layout`) keeps the page's geometry in its columns: a table's
/// cells stand in the columns its header row sets, and a two-column block (the issuing body
/// beside the Quốc hiệu, the recipients beside the signer) keeps a gap no line crosses.
struct FixedWidth {
    let buffer: TextBuffer
    let lines: [TextLine]
    let full: Int
    /// The left margin of each page: the smallest indent of its text.
    private var margin: [Int: Int] = [:]
    /// Where each page's lines end in `lines`.
    private var pageEnd: [Int: Int] = [:]

    init(buffer: TextBuffer, lines: [TextLine], full: Int) {
        self.buffer = buffer
        self.lines = lines
        self.full = full
        for (i, l) in lines.enumerated() {
            pageEnd[l.page] = i + 1
            if !l.isBlank { margin[l.page] = min(margin[l.page] ?? Int.max, l.indent) }
        }
    }

    // MARK: - Tables

    /// A table whose header row starts at line `i`: three or more cells apart by two spaces or
    /// more, from the left margin, with a numbered row close below.
    func table(at i: Int) -> (table: Table, next: Int)? {
        let first = lines[i]
        let m = margin[first.page] ?? 0
        let words = buffer.words(first)
        let segs = Self.segments(words)
        guard segs.count >= 3, words[0].col <= m + 3, !isRowLabel(words[0]),
              segs.last!.end - segs[0].col >= full / 2 else { return nil }
        let end = pageEnd[first.page] ?? lines.count
        // The first numbered row, within a few lines.
        var rowAt: Int?
        var j = i + 1
        while j < min(end, i + 14) {
            let ws = buffer.words(lines[j])
            if let w = ws.first, w.col <= m + 3, isRowLabel(w), w.end <= segs[1].col {
                rowAt = j
                break
            }
            j += 1
        }
        guard let firstRow = rowAt else { return nil }
        // The header's columns: what its lines cover together.
        var headerSegs = segs
        let union = Self.segments(cover((i..<firstRow).map { buffer.words(lines[$0]) }))
        if union.count > segs.count { headerSegs = union }
        let k = headerSegs.count
        let profile = ink(from: i, to: end)
        var bounds: [Int] = []
        for c in 1..<k {
            bounds.append(Self.lowest(profile, in: headerSegs[c - 1].end..<max(headerSegs[c - 1].end + 1, headerSegs[c].col), near: nil))
        }

        let headerBounds = bounds
        var header = [[(String, Int)]](repeating: [], count: k)
        var rows: [[[(String, Int)]]] = []
        var page = first.page
        var blanks = 0
        j = i
        while j < lines.count {
            let l = lines[j]
            if l.page != page {
                page = l.page
                bounds = refit(headerBounds, page: page, from: j)
                if opensOutside(from: j, bounds: bounds) { break }
            }
            if l.isBlank { blanks += 1; j += 1; continue }
            if l.tab { break }
            let ws = buffer.words(l)
            if spans(ws, bounds) { break }
            var cols = [[Word]](repeating: [], count: k)
            for w in ws { cols[Self.column(of: w, bounds)].append(w) }
            let rowStart = j >= firstRow && !cols[0].isEmpty && isRowLabel(cols[0][0]) && cols[0][0].col <= (margin[page] ?? 0) + 3
            if blanks >= 2 && !rowStart { break }
            blanks = 0
            if rowStart { rows.append([[(String, Int)]](repeating: [], count: k)) }
            for c in 0..<k where !cols[c].isEmpty {
                let t = cols[c].map { buffer.string($0.lo, $0.hi) }.joined(separator: " ")
                if rows.isEmpty { header[c].append((t, l.number)) } else {
                    var cellLines = rows[rows.count - 1][c]
                    if let last = cellLines.last, Self.brokenAtEdge(last.0, t) {
                        cellLines[cellLines.count - 1].0 = last.0 + t
                    } else {
                        cellLines.append((t, l.number))
                    }
                    rows[rows.count - 1][c] = cellLines
                }
            }
            j += 1
        }
        guard !rows.isEmpty else { return nil }
        func cell(_ ls: [(String, Int)]) -> Cell {
            Cell(paragraphs: ls.isEmpty ? [] : [Paragraph(lines: ls.map { Line(text: $0.0, number: $0.1) })])
        }
        let table = Table(rows: [Row(cells: header.map(cell), isHeader: true)] + rows.map { Row(cells: $0.map(cell)) })
        return (table, j)
    }

    /// A narrow cell breaks a symbol too long for it without a hyphen ("16/2025/NQH", "ĐND
    /// ngày"): a line ending in a symbol and a next line opening with a short piece in capitals.
    static func brokenAtEdge(_ a: String, _ b: String) -> Bool {
        guard let tail = a.split(separator: " ").last, tail.contains("/"),
              let end = tail.unicodeScalars.last, end.properties.isUppercase || ("0"..."9").contains(end),
              let head = b.split(separator: " ", maxSplits: 1).first, head.unicodeScalars.count <= 4,
              head.unicodeScalars.allSatisfy({ $0.properties.isUppercase || ("0"..."9").contains($0) }) else { return false }
        return true
    }

    /// A row's number in the first column: "1", "12.", "11.1", "IV", "II.".
    private func isRowLabel(_ w: Word) -> Bool {
        let n = w.hi - w.lo
        guard n >= 1, n <= 6 else { return false }
        let b = buffer.bytes
        var digits = 0, roman = 0, other = 0
        for k in w.lo..<w.hi {
            switch b[k] {
            case 0x30...0x39: digits += 1
            case UInt8(ascii: "I"), UInt8(ascii: "V"), UInt8(ascii: "X"), UInt8(ascii: "L"): roman += 1
            case UInt8(ascii: "."), UInt8(ascii: ")"): if k == w.lo { return false }
            default: other += 1
            }
        }
        if other > 0 || (digits > 0 && roman > 0) { return false }
        if digits > 0 { return (0x30...0x39).contains(b[w.lo]) && digits <= 4 }
        let core = buffer.string(w.lo, w.hi).filter { $0 != "." && $0 != ")" }
        return Roman.value(core) != nil
    }

    /// Runs of words apart by fewer than `gap` spaces.
    static func segments(_ words: [Word], gap: Int = 2) -> [(col: Int, end: Int)] {
        var out: [(col: Int, end: Int)] = []
        for w in words {
            if let last = out.last, w.col - last.end < gap { out[out.count - 1].end = w.end } else { out.append((w.col, w.end)) }
        }
        return out
    }

    /// The columns several lines cover, as words of a single line.
    private func cover(_ wordLines: [[Word]]) -> [Word] {
        var width = 0
        for ws in wordLines { width = max(width, ws.last?.end ?? 0) }
        var used = [Bool](repeating: false, count: width + 1)
        for ws in wordLines { for w in ws { for x in w.col..<w.end { used[x] = true } } }
        var out: [Word] = []
        var x = 0
        while x < width {
            if used[x] {
                let s = x
                while x < width, used[x] { x += 1 }
                out.append(Word(col: s, end: x, lo: 0, hi: 0))
            } else { x += 1 }
        }
        return out
    }

    /// How many lines have text in each column, over lines `from..<to`.
    private func ink(from: Int, to: Int) -> [Int] {
        var counts: [Int] = []
        for l in lines[from..<to] where !l.isBlank {
            for w in buffer.words(l) {
                if counts.count < w.end + 1 { counts += [Int](repeating: 0, count: w.end + 1 - counts.count) }
                for x in w.col..<w.end { counts[x] += 1 }
            }
        }
        return counts
    }

    /// The least-covered column in a range: the start of the longest run at the minimum, or
    /// the one nearest `near`.
    static func lowest(_ profile: [Int], in range: Range<Int>, near: Int?) -> Int {
        func at(_ x: Int) -> Int { x < profile.count ? profile[x] : 0 }
        var best = Int.max
        for x in range { best = min(best, at(x)) }
        var pick = range.lowerBound, runBest = -1, x = range.lowerBound
        while x < range.upperBound {
            guard at(x) == best else { x += 1; continue }
            let s = x
            while x < range.upperBound, at(x) == best { x += 1 }
            if let near {
                let d = near < s ? s - near : (near >= x ? near - x + 1 : 0)
                let score = -d
                if score > runBest || runBest == -1 { runBest = score; pick = near >= s && near < x ? near : (near < s ? s : x - 1) }
            } else if x - s > runBest {
                runBest = x - s; pick = s
            }
        }
        return pick
    }

    /// A new page: the header's columns, shifted. `pdftotext -layout` sets each page's
    /// character grid anew, so the boundaries move, by different amounts across the page but
    /// smoothly. Each moves to a little-covered column, with the change of shift from one
    /// boundary to the next kept small (a least-cost path over candidate positions).
    private func refit(_ header: [Int], page: Int, from: Int) -> [Int] {
        let profile = ink(from: from, to: pageEnd[page] ?? lines.count)
        // A column gap is two blank columns at least; one is the space between two words.
        func at(_ x: Int) -> Double {
            func c(_ x: Int) -> Double { x >= 0 && x < profile.count ? Double(profile[x]) : 0 }
            return c(x) + c(x - 1)
        }
        // Ink between two columns, from running sums: a column with none is a wrong fit.
        var sums = [0]
        for c in profile { sums.append(sums.last! + c) }
        func inkBetween(_ a: Int, _ b: Int) -> Int {
            let lo = max(0, min(a, profile.count)), hi = max(lo, min(b, profile.count))
            return sums[hi] - sums[lo]
        }
        let wShift = 0.05, wDelta = 0.5
        let shifts = Array(-10...16)
        let n = header.count
        guard n > 0 else { return header }
        // cost[j][s]: the best path to boundary j at shift s; from[j][s]: the shift before.
        var cost = [[Double]](repeating: [Double](repeating: .infinity, count: shifts.count), count: n)
        var from = [[Int]](repeating: [Int](repeating: 0, count: shifts.count), count: n)
        for (si, s) in shifts.enumerated() {
            cost[0][si] = at(header[0] + s) + Double(abs(s)) * wShift * 4 + (inkBetween(0, header[0] + s) == 0 ? 1000 : 0)
        }
        for j in 1..<n {
            for (si, s) in shifts.enumerated() {
                let x = header[j] + s
                for (pi, ps) in shifts.enumerated() where cost[j - 1][pi] < .infinity && header[j - 1] + ps + 2 <= x {
                    let empty = inkBetween(header[j - 1] + ps + 1, x) == 0 ? 1000.0 : 0
                    let c = cost[j - 1][pi] + at(x) + Double(abs(s - ps)) * wDelta + Double(abs(s)) * wShift + empty
                    if c < cost[j][si] { cost[j][si] = c; from[j][si] = pi }
                }
            }
        }
        for (si, s) in shifts.enumerated() where inkBetween(header[n - 1] + s + 1, profile.count) == 0 { cost[n - 1][si] += 1000 }
        guard var si = cost[n - 1].indices.min(by: { cost[n - 1][$0] < cost[n - 1][$1] }), cost[n - 1][si] < .infinity else { return header }
        var out = [Int](repeating: 0, count: n)
        for j in stride(from: n - 1, through: 0, by: -1) {
            out[j] = header[j] + shifts[si]
            si = from[j][si]
        }
        return out
    }

    static func column(of w: Word, _ bounds: [Int]) -> Int {
        var c = 0
        while c < bounds.count, w.center >= bounds[c] { c += 1 }
        return c
    }

    /// A line whose running text crosses two column boundaries is not in the table: a title,
    /// a paragraph. (One crossing is two cells a narrow gap apart.)
    private func spans(_ ws: [Word], _ bounds: [Int]) -> Bool {
        var words = ws[...]
        if let f = words.first, isRowLabel(f) { words = words.dropFirst() }
        for s in Self.segments(Array(words)) {
            var crossed = 0
            for b in bounds where s.col < b && s.end > b { crossed += 1 }
            if crossed >= 2 { return true }
        }
        return false
    }

    /// Does the page at `from` open with something other than the table (before its first
    /// numbered row, a line that spans the columns)?
    private func opensOutside(from: Int, bounds: [Int]) -> Bool {
        let end = pageEnd[lines[from].page] ?? lines.count
        let m = margin[lines[from].page] ?? 0
        for l in lines[from..<end] where !l.isBlank {
            let ws = buffer.words(l)
            if spans(ws, bounds) { return true }
            if let w = ws.first, w.col <= m + 3, isRowLabel(w) { return false }
        }
        return false
    }

    // MARK: - Two columns

    /// Lines side by side in two columns from line `i`: the left column's lines, then the
    /// right's, each in reading order.
    func twoColumns(at i: Int) -> (left: [PLine], right: [PLine], next: Int)? {
        let first = lines[i]
        let ws = buffer.words(first)
        guard ws.count >= 2 else { return nil }
        var cut = 0, gap = 0
        for a in 1..<ws.count where ws[a].col - ws[a - 1].end > gap { gap = ws[a].col - ws[a - 1].end; cut = a }
        guard gap >= 6, Double(ws[cut].col) >= 0.4 * Double(full), Double(ws[0].col) < 0.25 * Double(full) else { return nil }
        var freeLo = ws[cut - 1].end, freeHi = ws[cut].col
        var rightMin = ws[cut].col
        var left: [PLine] = [piece(first, ws[..<cut])]
        var right: [PLine] = [piece(first, ws[cut...])]
        let end = pageEnd[first.page] ?? lines.count
        var j = i + 1
        while j < end {
            let l = lines[j]
            if l.isBlank { j += 1; continue }
            if l.tab || table(at: j) != nil { break }
            let w = buffer.words(l)
            if w[0].col >= freeLo + 2 {
                // All on the right, where the right column's lines start.
                guard w[0].col >= rightMin - 5, min(freeHi, w[0].col) - freeLo >= 2 else { break }
                freeHi = min(freeHi, w[0].col)
                rightMin = min(rightMin, w[0].col)
                right.append(piece(l, w[...]))
            } else if w.last!.end <= freeHi - 2 {
                freeLo = max(freeLo, w.last!.end)
                left.append(piece(l, w[...]))
            } else if let a = (1..<max(1, w.count)).first(where: { min(freeHi, w[$0].col) - max(freeLo, w[$0 - 1].end) >= 2 }),
                      w[a].col >= rightMin - 5 {
                freeLo = max(freeLo, w[a - 1].end)
                freeHi = min(freeHi, w[a].col)
                rightMin = min(rightMin, w[a].col)
                left.append(piece(l, w[..<a]))
                right.append(piece(l, w[a...]))
            } else {
                break
            }
            j += 1
        }
        guard right.count >= 2, !left.isEmpty else { return nil }
        return (left, right, j)
    }

    private func piece(_ l: TextLine, _ ws: ArraySlice<Word>) -> PLine {
        var p = l
        p.lo = ws.first!.lo
        p.hi = ws.last!.hi
        p.indent = ws.first!.col
        p.width = ws.last!.end - ws.first!.col
        p.override = nil
        return PLine(line: p, text: buffer.string(p.lo, p.hi))
    }
}

