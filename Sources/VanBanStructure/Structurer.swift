import Foundation
import VanBanCore
import VanBanLayout
import VanBanModel

/// Turns a Layout into a Plan: header, preamble, numbered outline, closing, recipients and
/// signature, appendices. References, tasks and indicators are the analyzers' work.
public struct Structurer: Sendable {
    let dictionaries: Dictionaries

    public init(dictionaries: Dictionaries = .shared) { self.dictionaries = dictionaries }

    public func structure(_ layout: Layout) -> Plan {
        var plan = Plan(source: Source(file: layout.file, format: layout.format.rawValue, pages: layout.pages.count))
        var items = Self.splitAtBlockStarts(unfoldLayoutTables(layout.items()))

        // The header is read line by line: extracted text often runs the trích yếu into the
        // preamble's first paragraph.
        let leadLines = items.prefix { $0.para != nil }.flatMap { item in item.para!.lines.map { (item.para!.page, $0) } }
        let head = HeaderParser(dictionaries: dictionaries).parse(leadLines.map(\.1))
        plan.header = head.header
        items = Self.drop(lines: head.consumed, from: items)

        let appendixStart = AppendixParser.firstStart(in: items) ?? items.count
        var body = Array(items[..<appendixStart])
        let tail = Array(items[appendixStart...])

        // "Nơi nhận" and the signature close the body.
        if let recipientsAt = body.firstIndex(where: { $0.para.map(Self.isRecipientsHead) ?? false }) {
            let sign = SignatureParser.parse(Array(body[recipientsAt...]))
            plan.header.recipients = sign.recipients
            plan.header.signer = sign.signer
            body = Array(body[..<recipientsAt])
        } else if let (signer, at) = SignatureParser.trailingSignature(body) {
            plan.header.signer = signer
            body = Array(body[..<at])
        }
        let closingAt = Self.closingStart(body)
        plan.closing = body[closingAt...].compactMap { $0.para?.planText }
        body = Array(body[..<closingAt])

        var outline = OutlineBuilder()
        var appendices: [Appendix] = []
        for item in body {
            switch item {
            case let .para(p):
                if TextReaderHints.isPageNumber(p) { continue }
                outline.add(p)
            case let .table(t, page):
                appendices.append(AppendixParser(dictionaries: dictionaries).bodyTable(t, page: page, in: outline.currentPath))
            }
        }
        plan.preamble = outline.leading
        plan.outline = outline.finish()
        plan.diagnostics += outline.diagnostics

        let parsed = AppendixParser(dictionaries: dictionaries).parse(tail)
        plan.appendices = appendices + parsed.appendices
        plan.diagnostics += parsed.diagnostics
        plan.footnotes = layout.notes.map { n in
            let at = Position(page: n.page, line: n.line)
            return Footnote(kind: n.kind == .endnote ? .endnote : .footnote, mark: n.mark, anchor: n.anchor, position: at,
                            paras: n.paragraphs.map { Text($0.text, position: at) }.filter { !$0.text.isEmpty })
        }
        return plan
    }

    static func isRecipientsHead(_ p: Para) -> Bool {
        Fold.startsWith(p.text, "Nơi nhận")
    }

    /// Where the closing paragraphs begin: at "Trên đây là …" when the plan has it, otherwise
    /// at a last paragraph that ends the text with "./.".
    static func closingStart(_ body: [Item]) -> Int {
        if let i = body.lastIndex(where: { $0.para.map { Fold.startsWith($0.text, "Trên đây") } ?? false }) { return i }
        if let last = body.lastIndex(where: { $0.para.map { !TextReaderHints.isPageNumber($0) } ?? true }),
           let p = body[last].para, p.text.hasSuffix("./.") || Fold.startsWith(p.text, "Trân trọng"),
           ListMarker.label(of: p.text) == nil {
            return last
        }
        return body.count
    }

    /// Word lays out the header, the signature block, a "Kính gửi" line or a whole form (a Phiếu
    /// trình) as tables; those are read as the flow text they hold. Data tables stay tables, with
    /// each vertical merge's value given to every row it spans.
    func unfoldLayoutTables(_ items: [Item]) -> [Item] {
        let headerParser = HeaderParser(dictionaries: dictionaries)
        let typeAt = items.prefix(40).firstIndex { $0.para.map { headerParser.isTypeLine($0.text) } ?? false }
        return items.enumerated().flatMap { i, item -> [Item] in
            guard case let .table(t, page) = item else { return [item] }
            switch Self.isLayoutTable(t) {
            case true?: return Layout.flatten(t, page: page)
            case false?: return [.table(Self.spreadingMerges(t), page: page)]
            case nil:
                // A source that says nothing of borders (text, PDF): judged by where the table stands.
                let firstText = t.rows.first?.cells.first?.text ?? ""
                if let typeAt, i < typeAt { return Layout.flatten(t, page: page) }
                if Fold.startsWith(firstText, "Nơi nhận") { return Layout.flatten(t, page: page) }
                return [.table(Self.spreadingMerges(t), page: page)]
            }
        }
    }

    /// Whether a table lays out text rather than holding data, from the reader's evidence: a
    /// single cell is a frame; a few rows whose cells hold whole paragraphs (three or more in one
    /// cell) under no row of column heads are a form; an unruled table of up to three rows with
    /// more than one paragraph in a cell, or of a few rows of one or two cells whose paragraphs are
    /// mostly centred, is a header or signature block. Nil when the source says nothing of rules.
    static func isLayoutTable(_ t: Table) -> Bool? {
        let filled = t.rows.map { $0.cells.filter { !$0.continuesAbove && !$0.paragraphs.isEmpty } }
        if filled.allSatisfy({ $0.count <= 1 }), t.rows.count <= 2 { return true }
        let mostParagraphs = filled.joined().map(\.paragraphs.count).max() ?? 0
        // Column heads head something: a table of one row has none.
        let headed = t.rows.count >= 2 && (t.rows[0].isHeader || isColumnHeads(t.rows[0]))
        if t.rows.count <= 6, mostParagraphs >= 3, !headed { return true }
        guard let ruled = t.ruled else { return nil }
        if !ruled, t.rows.count <= 3, mostParagraphs >= 2, !headed { return true }
        let paragraphs = filled.joined().flatMap(\.paragraphs)
        let centred = paragraphs.filter { $0.style.alignment == .center }.count
        if !ruled, t.rows.count <= 6, filled.allSatisfy({ $0.count <= 2 }), centred * 2 > paragraphs.count { return true }
        return false
    }

    /// A row of column heads: two or more filled cells, each a short line or two ("Stt",
    /// "Nội dung", "Mức thu (đồng)").
    static func isColumnHeads(_ row: Row) -> Bool {
        let cells = row.cells.filter { !$0.paragraphs.isEmpty }
        return cells.count >= 2 && cells.allSatisfy { $0.paragraphs.count <= 2 && $0.text.count <= 60 }
    }

    /// The table with each lower part of a vertical merge holding the merged cell's paragraphs
    /// (still marked `continuesAbove`), found by the grid column it starts at.
    static func spreadingMerges(_ t: Table) -> Table {
        guard t.rows.contains(where: { $0.cells.contains(where: \.continuesAbove) }) else { return t }
        var out = t
        var above: [Int: [Paragraph]] = [:]   // grid column → the paragraphs of the cell there
        for r in out.rows.indices {
            var column = 0
            for c in out.rows[r].cells.indices {
                let cell = out.rows[r].cells[c]
                if cell.continuesAbove { out.rows[r].cells[c].paragraphs = above[column] ?? [] }
                else { above[column] = cell.paragraphs }
                column += max(cell.columnSpan, 1)
            }
        }
        return out
    }

    /// Lines that always open a block of their own, even where the reader ran them into the
    /// paragraph above: "Nơi nhận:", "Phụ lục II", "(Kèm theo …)".
    static let blockOpeners = ["Nơi nhận", "(Kèm theo", "Phụ lục"].map(Fold.key)

    static func opensBlock(_ line: String) -> Bool {
        let t = LineJoiner.trim(line)
        // Most lines start with none of the openers; key their head once to find out.
        let head = Fold.Head(t)
        guard blockOpeners.contains(where: head.starts) else { return false }
        return !head.starts(with: blockOpeners[2]) || AppendixParser.isLabel(t)
    }

    static func splitAtBlockStarts(_ items: [Item]) -> [Item] {
        items.flatMap { item -> [Item] in
            guard case let .para(p) = item, p.lines.count > 1 else { return [item] }
            var parts: [Para] = []
            for line in p.lines {
                if parts.isEmpty || opensBlock(line.text) {
                    parts.append(Para(lines: [line], page: p.page, style: p.style))
                } else {
                    parts[parts.count - 1].lines.append(line)
                }
            }
            return parts.map { .para($0) }
        }
    }

    /// Removes the first `n` lines, keeping the rest of a paragraph the header cut through.
    static func drop(lines n: Int, from items: [Item]) -> [Item] {
        var left = n
        var out: [Item] = []
        for item in items {
            guard left > 0, case var .para(p) = item else { out.append(item); continue }
            if p.lines.count <= left { left -= p.lines.count; continue }
            p.lines.removeFirst(left)
            left = 0
            out.append(.para(p))
        }
        return out
    }
}

enum TextReaderHints {
    /// A paragraph that is only a number of one to three digits is a running page number.
    static func isPageNumber(_ p: Para) -> Bool {
        p.lines.count == 1 && {
            let t = LineJoiner.trim(p.lines[0].text)
            return !t.isEmpty && t.count <= 3 && t.allSatisfy(\.isNumber)
        }()
    }
}
