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
        plan.diagnostics += layout.notes.map { Diagnostic(.info, $0.code, $0.message, where: "page \($0.page), line \($0.line)") }

        let parsed = AppendixParser(dictionaries: dictionaries).parse(tail)
        plan.appendices = appendices + parsed.appendices
        plan.diagnostics += parsed.diagnostics
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

    /// Word lays out the header and the signature block as borderless tables; they are read
    /// as the lines they hold. A table counts as layout when it comes before the type name
    /// ("KẾ HOẠCH") or when it holds "Nơi nhận".
    func unfoldLayoutTables(_ items: [Item]) -> [Item] {
        let headerParser = HeaderParser(dictionaries: dictionaries)
        let typeAt = items.prefix(40).firstIndex { $0.para.map { headerParser.isTypeLine($0.text) } ?? false }
        return items.enumerated().flatMap { i, item -> [Item] in
            guard case let .table(t, page) = item else { return [item] }
            let firstText = t.rows.first?.cells.first?.text ?? ""
            if let typeAt, i < typeAt { return Layout.flatten(t, page: page) }
            if Fold.startsWith(firstText, "Nơi nhận") { return Layout.flatten(t, page: page) }
            return [item]
        }
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
