import VanBanCore
import VanBanLayout

/// A table written one cell a line (LibreOffice's text export, `pdftotext` of a ruled grid):
/// the header's cells, then each row's label ("1", "11.2", "IV") on a line of its own and its
/// cells after it. The rows repeat at a fixed distance, the number of columns; a row that
/// breaks the rhythm holds a cell of several lines or a header copied by hand.
struct CellLines {
    let lines: [TextLine]
    let texts: [String]
    let buffer: TextBuffer

    /// Where each table starts, with the table and where it ends.
    func tables() -> [Int: (table: Table, next: Int)] {
        var isLabel = [Bool](repeating: false, count: lines.count)
        var labels: [Int] = []
        for i in lines.indices where !lines[i].isBlank && Self.isRowLabel(texts[i]) {
            isLabel[i] = true
            labels.append(i)
        }
        var out: [Int: (Table, Int)] = [:]
        var a = 0
        var done = 0
        while a + 2 < labels.count {
            let r0 = labels[a], r1 = labels[a + 1], r2 = labels[a + 2]
            let k = r1 - r0
            guard r0 >= done, k >= 3, k <= 12, r2 - r1 == k else { a += 1; continue }
            // The first label of the run: group rows come closer than a row's length.
            var first = a
            while first > 0, labels[first] - labels[first - 1] <= k, labels[first - 1] >= done { first -= 1 }
            let start = labels[first] - k
            guard start >= done, start >= 0, (start..<labels[first]).allSatisfy({ !lines[$0].isBlank && !isLabel[$0] && lines[$0].width <= 120 }) else {
                a += 1; continue
            }
            let (table, next) = parse(header: start, k: k, isLabel: isLabel)
            out[start] = (table, next)
            done = next
            while a < labels.count, labels[a] < next { a += 1 }
        }
        return out
    }

    private func parse(header start: Int, k: Int, isLabel: [Bool]) -> (Table, Int) {
        let header = Array(texts[start..<(start + k)])
        var rows: [Row] = [Row(cells: (start..<(start + k)).map(cell), isHeader: true)]
        var pos = start + k
        while pos < lines.count, isLabel[pos] {
            let group = Roman.value(texts[pos].filter { $0 != "." && $0 != ")" }) != nil
            var end: Int
            if pos + k <= lines.count, pos + k == lines.count || isLabel[pos + k] {
                end = pos + k
            } else if let q = ((pos + 1)..<min(lines.count, pos + 3 * k)).first(where: { isLabel[$0] }) {
                end = q
            } else {
                end = min(lines.count, pos + k)
                // A last row that stops at a line in capitals (the next appendix's title).
                if let cap = ((pos + 2)..<end).first(where: { lines[$0].width >= 20 && Fold.isUppercaseText(texts[$0]) }) { end = cap }
            }
            if group, let q = ((pos + 1)..<end).first(where: { isLabel[$0] }) { end = q }
            var ids = Array(pos..<end)
            // The header copied by hand at the top of a page.
            if let h = ids.firstIndex(where: { texts[$0] == header[0] }), h + k <= ids.count,
               (0..<k).allSatisfy({ texts[ids[h + $0]] == header[$0] }) {
                ids.removeSubrange(h..<(h + k))
            }
            if group {
                rows.append(Row(cells: [cell(ids[0]), Cell(paragraphs: ids.count > 1 ? [paragraph(Array(ids[1...]))] : [])]))
            } else {
                var cells = ids.prefix(k).map(cell)
                if ids.count > k, let last = cells.indices.last {
                    cells[last] = Cell(paragraphs: cells[last].paragraphs + [paragraph(Array(ids[k...]))])
                }
                while cells.count < k { cells.append(Cell(paragraphs: [])) }
                rows.append(Row(cells: cells))
            }
            pos = end
        }
        return (Table(rows: rows), pos)
    }

    private func cell(_ i: Int) -> Cell {
        lines[i].isBlank ? Cell(paragraphs: []) : Cell(paragraphs: [paragraph([i])])
    }

    private func paragraph(_ ids: [Int]) -> Paragraph {
        Paragraph(lines: ids.filter { !lines[$0].isBlank }.map { Line(text: texts[$0], number: lines[$0].number) })
    }

    /// "1", "12.", "11.2", "IV", "II.": a row's label alone on its line.
    static func isRowLabel(_ s: String) -> Bool {
        let u = Array(s.utf8)
        guard !u.isEmpty, u.count <= 6 else { return false }
        var core = u[...]
        if core.last == UInt8(ascii: ".") || core.last == UInt8(ascii: ")") { core = core.dropLast() }
        guard !core.isEmpty else { return false }
        if core.allSatisfy({ (0x30...0x39).contains($0) || $0 == UInt8(ascii: ".") }) {
            let groups = core.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
            return groups.count <= 2 && groups.allSatisfy { !$0.isEmpty && $0.count <= 3 }
        }
        return Roman.value(String(decoding: core, as: UTF8.self)) != nil
    }
}
