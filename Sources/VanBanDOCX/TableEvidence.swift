import VanBanLayout

/// What a table's borders and merges say, worked out when the table ends.
extension DocumentParser {
    static let horizontal = ["top", "bottom", "insideH"]
    static let vertical = ["left", "right", "start", "end"]

    /// A cell sits in a drawn grid when lines run both across and down its edges: its own
    /// borders where it sets them, the table's elsewhere. A rule under a name alone is no grid.
    static func drawsGrid(_ own: [String: Bool], table: (horizontal: Bool, vertical: Bool)) -> Bool {
        let h = ["top", "bottom"].compactMap { own[$0] }, v = vertical.compactMap { own[$0] }
        return (h.isEmpty ? table.horizontal : h.contains(true)) && (v.isEmpty ? table.vertical : v.contains(true))
    }

    /// Gives the top part of each vertical merge the number of rows it covers, matching parts by
    /// the grid column they start at.
    static func countingRowSpans(_ rows: [Row]) -> [Row] {
        var out = rows
        var top: [Int: (row: Int, cell: Int)] = [:]   // grid column → the merge open there
        for r in out.indices {
            var column = 0
            for c in out[r].cells.indices {
                let cell = out[r].cells[c]
                if cell.continuesAbove, let t = top[column] {
                    out[t.row].cells[t.cell].rowSpan += 1
                } else {
                    top[column] = cell.continuesAbove ? nil : (r, c)
                }
                column += max(cell.columnSpan, 1)
            }
        }
        return out
    }
}
