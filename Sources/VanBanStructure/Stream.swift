import VanBanLayout
import VanBanModel

/// The layout flattened into what the structurer walks: paragraphs (with the page they start
/// on) and tables, in reading order.
enum Item {
    case para(Para)
    case table(Table, page: Int)

    var para: Para? { if case let .para(p) = self { return p }; return nil }
}

/// A paragraph being structured: its printed lines and where it starts.
struct Para {
    var lines: [Line]
    var page: Int
    var style: Style

    var text: String { LineJoiner.join(lines.map(\.text)) }
    var position: Position { Position(page: page, line: lines.first?.number ?? 0) }

    /// The paragraph as plan text, remembering where each printed line starts.
    var planText: Text { Para.planText(lines, page: page) }

    static func planText(_ lines: [Line], page: Int) -> Text {
        var starts: [Int] = []
        var joined = ""
        for l in lines {
            let t = LineJoiner.trim(l.text)
            if t.isEmpty { continue }
            if joined.isEmpty { joined = t; continue }
            joined = LineJoiner.join([joined, t])
            starts.append(joined.count - t.count)
        }
        return Text(joined, position: Position(page: page, line: lines.first?.number ?? 0), lineStarts: starts)
    }
}

extension Layout {
    /// Paragraphs of a table's cells, row by row, left to right: how a borderless layout table
    /// (issuer beside Quốc hiệu, Nơi nhận beside the signer) reads.
    static func flatten(_ table: Table, page: Int) -> [Item] {
        table.rows.flatMap { row in
            row.cells.filter { !$0.continuesAbove }.flatMap { cell in
                cell.paragraphs.map { p -> Item in
                    var lines = p.lines
                    if let label = p.style.listLabel, !label.isEmpty, !lines.isEmpty { lines[0].text = label + " " + lines[0].text }
                    return .para(Para(lines: lines, page: page, style: p.style))
                }
            }
        }
    }

    func items() -> [Item] {
        var out: [Item] = []
        for page in pages {
            for block in page.blocks {
                switch block {
                case let .paragraph(p):
                    var lines = p.lines
                    // A label the source numbers automatically (DOCX) is printed before the text.
                    if let label = p.style.listLabel, !label.isEmpty, !lines.isEmpty {
                        lines[0].text = label + " " + lines[0].text
                    }
                    out.append(.para(Para(lines: lines, page: page.number, style: p.style)))
                case let .table(t):
                    out.append(.table(t, page: page.number))
                }
            }
        }
        return out
    }
}
