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
        let headerParser = HeaderParser(dictionaries: dictionaries)
        var head = headerParser.parse(Self.leadLines(items))
        // A Công văn has no type line to show where its header table ends, so the table is
        // still whole here: read the header from the lines it holds.
        if head.consumed == 0, let at = items.prefix(4).firstIndex(where: { $0.para == nil }), case let .table(t, page) = items[at] {
            let unfolded = Array(items[..<at]) + Self.splitAtBlockStarts(Layout.flatten(t, page: page)) + Array(items[(at + 1)...])
            let retry = headerParser.parse(Self.leadLines(unfolded))
            if retry.consumed > 0 { items = unfolded; head = retry }
        }
        plan.header = head.header
        items = Self.drop(lines: head.consumed, from: items)
        plan.header.kind = head.kind ?? kind(of: plan.header, body: items)

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
        var outline = OutlineBuilder(families: dictionaries.labelFamilies(forKind: plan.header.kind),
                                     worded: WordedLabels(dictionaries.labelWords))
        let closingAt = Self.closingStart(body) { [outline] in outline.label(of: $0) != nil }
        plan.closing = body[closingAt...].compactMap { $0.para?.planText }
        body = Array(body[..<closingAt])

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
        readPreamble(plan.preamble, into: &plan.header)
        plan.diagnostics += layout.remarks.map { Diagnostic(.info, $0.code, $0.message, where: "page \($0.page), line \($0.line)") }

        let parsed = AppendixParser(dictionaries: dictionaries).parse(tail)
        plan.appendices = appendices + parsed.appendices
        plan.diagnostics += parsed.diagnostics
        plan.footnotes = layout.notes.map { n in
            let at = Position(page: n.page, line: n.line)
            return Footnote(kind: n.kind == .endnote ? .endnote : .footnote, mark: n.mark, anchor: n.anchor, position: at,
                            paras: n.paragraphs.map { Text($0.text, position: at) }.filter { !$0.text.isEmpty })
        }
        if plan.header.kind == nil, plan.header.number == nil, plan.header.symbol == nil, plan.outline.isEmpty,
           plan.appendices.allSatisfy({ $0.rows.isEmpty }) {
            let blocks = layout.blocks
            let paragraphs = blocks.filter { if case .paragraph = $0.block { return true }; return false }.count
            let tables = blocks.count - paragraphs
            plan.diagnostics.append(Diagnostic(.error, "nothing-recognized",
                "found \(paragraphs) paragraph\(paragraphs == 1 ? "" : "s") and \(tables) table\(tables == 1 ? "" : "s"), but no type name, number, outline or table rows"))
        }
        return plan
    }

    /// The kind of document: the type line's, else the type in the symbol ("KH-UBND", the
    /// Party's "KH/TU"), else a Công văn when it has a number but no type, else a Phụ lục when
    /// it opens with one.
    func kind(of h: Header, body: [Item]) -> String? {
        if let t = h.type?.name { return t }
        if let symbol = h.symbol {
            let code = symbol.split(whereSeparator: { $0 == "-" || $0 == "/" }).first.map(String.init) ?? ""
            if let t = dictionaries.type(code: code) { return t.name }
            return dictionaries.type(named: "Công văn")?.name
        }
        if h.numberLine != nil { return dictionaries.type(named: "Công văn")?.name }
        if let first = body.first(where: { $0.para.map { !$0.text.isEmpty } ?? true })?.para, AppendixParser.isLabel(first) {
            return "Phụ lục"
        }
        return nil
    }

    /// A decision's preamble as Nghị định 30/2020 lays it out: the authority line, the "Căn cứ …"
    /// grounds, "Theo đề nghị của …" and the enacting line ("QUYẾT ĐỊNH:"). They stay in the
    /// preamble too; the header names them.
    func readPreamble(_ preamble: [Text], into h: inout Header) {
        for (i, p) in preamble.enumerated() {
            let t = p.text
            switch dictionaries.headerLineRole(t) {
            case "basis": h.basis.append(t)
            case "proposal" where h.proposal == nil: h.proposal = t
            default:
                guard Fold.isUppercaseText(t), t.count <= 80 else { continue }
                if t.hasSuffix(":"), h.enacting == nil, !h.basis.isEmpty || h.proposal != nil || i == preamble.count - 1 {
                    h.enacting = t
                } else if h.basis.isEmpty, h.authority == nil, !t.hasSuffix(":"),
                          preamble[(i + 1)...].contains(where: { dictionaries.headerLineRole($0.text) == "basis" }) {
                    h.authority = t
                }
            }
        }
    }

    /// The printed lines of the paragraphs before the first table: where the header is read.
    static func leadLines(_ items: [Item]) -> [Line] {
        // A line says no more of its look than its paragraph when the reader styled only that.
        items.prefix { $0.para != nil }.flatMap { item in
            item.para!.lines.map { line in
                var l = line
                if l.style.bold == nil { l.style.bold = item.para!.style.bold }
                return l
            }
        }
    }

    static func isRecipientsHead(_ p: Para) -> Bool {
        Fold.startsWith(p.text, "Nơi nhận")
    }

    /// Where the closing paragraphs begin: at "Trên đây là …" when the plan has it, otherwise
    /// at a paragraph near the end that ends the text with "./.".
    static func closingStart(_ body: [Item], isLabelled: (String) -> Bool = { ListMarker.label(of: $0) != nil }) -> Int {
        if let i = body.lastIndex(where: { $0.para.map { Fold.startsWith($0.text, "Trên đây") } ?? false }) { return i }
        // The end mark "./." may be followed by an enclosure note "(… gửi kèm …)" or "Trân trọng".
        let text = body.indices.filter { body[$0].para.map { !TextReaderHints.isPageNumber($0) } ?? true }
        for at in text.suffix(3).reversed() {
            guard let p = body[at].para, !isLabelled(p.text) else { break }
            if p.text.hasSuffix("./.") || Fold.startsWith(p.text, "Trân trọng") {
                // Only what a closing holds may follow it: a note in brackets, a courtesy line.
                let after = text.filter { $0 > at }.compactMap { body[$0].para?.text }
                if after.allSatisfy({ $0.hasPrefix("(") || Fold.startsWith($0, "Trân trọng") || $0.hasSuffix("./.") }) { return at }
            }
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
    /// paragraph above: "Nơi nhận:", "Phụ lục II", "(Kèm theo …)", a label alone ("2.").
    static let blockOpeners = ["Nơi nhận", "(Kèm theo", "Phụ lục"].map(Fold.key)

    static func opensBlock(_ line: String, after previous: String? = nil) -> Bool {
        let t = LineJoiner.trim(line)
        // A label alone on its line ("2.", "III.") stands for the heading under it, once the line
        // above has ended its sentence ("… mức độ" / "2." is the end of a sentence, not a label).
        if t.count <= 8, OutlineBuilder.bareLabel(t) != nil {
            if let last = previous.map(LineJoiner.trim)?.last { return ".:;!?".contains(last) }
            return true
        }
        // Most lines start with none of the openers; key their head once to find out.
        let head = Fold.Head(t)
        guard blockOpeners.contains(where: head.starts) else { return false }
        // "(Chi tiết tại" / "Phụ lục 1 kèm theo Kế hoạch này)." closes a bracket opened on a line
        // above: the words run on, they open nothing.
        if t.filter({ $0 == ")" }).count > t.filter({ $0 == "(" }).count { return false }
        return !head.starts(with: blockOpeners[2]) || AppendixParser.isLabel(t)
    }

    static func splitAtBlockStarts(_ items: [Item]) -> [Item] {
        items.flatMap { item -> [Item] in
            guard case let .para(p) = item, p.lines.count > 1 else { return [item] }
            var parts: [Para] = []
            for line in p.lines {
                if parts.isEmpty || opensBlock(line.text, after: parts.last?.lines.last?.text) {
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
