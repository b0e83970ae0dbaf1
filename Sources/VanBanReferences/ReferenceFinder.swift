import Foundation
import VanBanCore
import VanBanModel

/// Finds every document a plan cites (issue 3): one `Reference` per distinct document, with
/// each occurrence, plus named programmes and malformed-symbol diagnostics.
public struct ReferenceFinder: Sendable {
    let scanner: MentionScanner

    public init(dictionaries: Dictionaries = .shared) { scanner = MentionScanner(dictionaries: dictionaries) }

    /// Every numbered-document mention in a plain string (raw line breaks allowed).
    public func mentions(in text: String) -> [Mention] { scanner.mentions(in: text) }

    /// Finds every cited document in the plan (header, preamble, outline, closing, appendices).
    public func find(in plan: Plan) -> (references: [Reference], named: [NamedReference], diagnostics: [Diagnostic]) {
        var run = Run(scanner: scanner, header: plan.header)
        var named = NamedReferenceFinder.Collector()
        for passage in Passage.all(in: plan) {
            run.add(passage)
            if !passage.isAttachment { named.add(passage.text) }
        }
        let (references, diagnostics) = run.finish()
        return (references, named.result(), diagnostics)
    }

    /// The references of a document read passage by passage, in document order. It keeps what
    /// it found, not the passages: a stream of text far larger than a plan goes through it.
    struct Run {
        let scanner: MentionScanner
        let header: Header
        let own: Set<String>
        let ownSymbol: String?
        var found: [Found] = []
        /// Every full mention, the plan's own number included, for resolving shorthands.
        var cited: [Cited]
        /// Indices into `cited` by number, for "Kế hoạch 44".
        var citedByNumber: [String: [Int]] = [:]
        var shorthands: [(target: Int, order: Int, occurrence: Occurrence)] = []
        var paragraph = 0
        var passages = 0

        init(scanner: MentionScanner, header: Header) {
            self.scanner = scanner
            self.header = header
            own = ReferenceFinder.ownKeys(header, scanner)
            ownSymbol = ReferenceFinder.ownSymbolKey(header)
            cited = (header.numberLine.map(scanner.mentions) ?? []).map {
                Cited(order: -1, type: $0.type, number: Lexicon.symbolKey($0.number), paragraph: 0, own: true)
            }
            for (i, c) in cited.enumerated() { citedByNumber[c.number, default: []].append(i) }
        }

        mutating func add(_ passage: Passage) {
            let pi = passages
            passages += 1
            // A heading counts as part of the paragraph under it.
            if !passage.isHeading { paragraph += 1 }
            let para = passage.isHeading ? paragraph + 1 : paragraph
            let text = passage.text.text
            let ms = scanner.mentions(in: text)
            let relations = ms.isEmpty ? [] : Clauses.relations(of: ms, in: text, implementsAllowed: passage.implementsAllowed)
            for (k, m) in ms.enumerated() {
                let order = pi << 32 | m.range.lowerBound
                let isOwn = own.contains(m.key) || passage.isAttachment && ownSymbol != nil && Lexicon.symbolKey(m.symbol) == ownSymbol
                let c = Cited(order: order, type: m.type, number: Lexicon.symbolKey(m.number), paragraph: para, own: isOwn)
                citedByNumber[c.number, default: []].append(cited.count)
                cited.append(c)
                if isOwn { continue }
                found.append(Found(mention: m, relation: relations[k], sharedIssuer: ReferenceFinder.sharedIssuer(ms, k, text),
                                   order: order, place: passage.place, occurrence: passage.occurrence(m.range),
                                   spacesAreLineJoins: !m.innerSpaces.isEmpty && passage.areLineJoins(m.innerSpaces)))
            }
            for s in scanner.shorthands(in: text) {
                let order = pi << 32 | s.range.lowerBound
                guard let c = resolve(s, at: order, paragraph: para), !c.own else { continue }
                shorthands.append((c.order, order, passage.occurrence(s.range)))
            }
        }

        /// `Cited.resolve`, through the index for numbered shorthands.
        private func resolve(_ s: Shorthand, at order: Int, paragraph: Int) -> Cited? {
            guard case .number(let n) = s.kind else { return Cited.resolve(s, at: order, paragraph: paragraph, in: cited) }
            for i in (citedByNumber[n] ?? []).reversed() where cited[i].order < order && cited[i].type?.name == s.type.name {
                return cited[i]
            }
            return nil
        }

        func finish() -> (references: [Reference], diagnostics: [Diagnostic]) {
            var groups = Merge.group(found)
            Merge.attach(shorthands, to: &groups)
            let references = groups.map(Merge.reference)
            var diagnostics = SymbolCheck(lexicon: scanner.lex).check(groups)
            if let d = SymbolCheck.ownNumberLine(header) { diagnostics.insert(d, at: 0) }
            return (references, diagnostics)
        }
    }

    /// The plan's own number/symbol: a mention of it is the document itself.
    static func ownKeys(_ h: Header, _ scanner: MentionScanner) -> Set<String> {
        var keys = Set<String>()
        if let line = h.numberLine { keys.formUnion(scanner.mentions(in: line).map(\.key)) }
        if let n = h.number, let s = h.symbol { keys.insert(Lexicon.symbolKey("\(n)/\(s)")) }
        return keys
    }

    /// The symbol of the plan's own number ("KH-TKHTN"), known even when the number is left blank,
    /// so "(Kèm theo Kế hoạch số 05/KH-TKHTN …)" under an appendix is the plan itself.
    static func ownSymbolKey(_ h: Header) -> String? {
        if let s = h.symbol, !s.isEmpty { return Lexicon.symbolKey(s) }
        guard let line = h.numberLine, let slash = line.firstIndex(of: "/") else { return nil }
        let s = Lexicon.symbolKey(String(line[line.index(after: slash)...]))
        return s.isEmpty ? nil : s
    }

    /// "Nghị quyết số 03-NQ/TU, Kết luận số 312-KL/TU của Ban Thường vụ Thành ủy": a "của" that
    /// closes a list speaks for every listed document with the same issuer code.
    static func sharedIssuer(_ ms: [Mention], _ k: Int, _ text: String) -> String? {
        guard ms[k].issuer == nil, let code = ms[k].issuerCode.map(Lexicon.symbolKey) else { return nil }
        var j = k
        while j + 1 < ms.count, Clauses.chained(ms[j], ms[j + 1], text) {
            j += 1
            guard ms[j].issuerCode.map(Lexicon.symbolKey) == code else { return nil }
            if let i = ms[j].issuer { return i }
        }
        return nil
    }
}

/// A mention with where it stands.
struct Found {
    let mention: Mention
    let relation: Reference.Relation
    let sharedIssuer: String?
    /// Position in document order: passage index in the high bits, UTF-8 offset in the low.
    let order: Int
    /// The passage's place ("Preamble ¶2").
    let place: String
    let occurrence: Occurrence
    /// The white space inside the symbol is all where printed lines were joined: no typo.
    let spacesAreLineJoins: Bool
}

/// One paragraph, title or cell of the plan, in document order.
struct Passage {
    let text: Text
    let place: String
    /// Header and preamble: "Thực hiện …" there names what the plan implements.
    let implementsAllowed: Bool
    /// An appendix's "(Kèm theo …)" line.
    var isAttachment = false
    /// An outline heading or appendix title.
    var isHeading = false
    /// For text read as a stream: the UTF-8 offsets where each source line after the first
    /// begins, used instead of `text.lineStarts` (character offsets, costly to count).
    var lineStartsUTF8: [Int]? = nil

    /// The text at a UTF-8 range, white space collapsed, with its page and line.
    func occurrence(_ r: Range<Int>) -> Occurrence {
        let t = text.text
        let u = t.utf8
        let lo = u.index(u.startIndex, offsetBy: r.lowerBound)
        let hi = u.index(lo, offsetBy: r.count)
        let written = Fold.collapse(String(t[lo..<hi]))
        if let starts = lineStartsUTF8, let p = text.position {
            return Occurrence(text: written, page: p.page, line: p.line + Passage.count(starts, atMost: r.lowerBound))
        }
        let pos = text.position(at: t.distance(from: t.startIndex, to: lo))
        return Occurrence(text: written, page: pos?.page, line: pos?.line)
    }

    /// Do the white spaces at these UTF-8 offsets (runs of spaces) all end where a printed line
    /// began? Plan text has its line breaks joined, and such a space is no typo.
    func areLineJoins(_ offsets: [Int]) -> Bool {
        let t = text.text
        let u = t.utf8
        if let starts = lineStartsUTF8 {
            return !starts.isEmpty && offsets.allSatisfy { o in
                var i = u.index(u.startIndex, offsetBy: o), k = o
                while i < u.endIndex, u[i] == 0x20 { i = u.index(after: i); k += 1 }
                return Passage.count(starts, atMost: k) > Passage.count(starts, atMost: k - 1)
            }
        }
        guard !text.lineStarts.isEmpty else { return false }
        return offsets.allSatisfy { o in
            var i = u.index(u.startIndex, offsetBy: o)
            while i < u.endIndex, u[i] == 0x20 { i = u.index(after: i) }
            return text.lineStarts.contains(t.distance(from: t.startIndex, to: i))
        }
    }

    /// How many of the sorted `starts` are at most `x`.
    static func count(_ starts: [Int], atMost x: Int) -> Int {
        var lo = 0, hi = starts.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if starts[mid] <= x { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    static func all(in plan: Plan) -> [Passage] {
        var out: [Passage] = []
        let h = plan.header
        if let t = h.title { out.append(Passage(text: Text(t), place: "Header (title)", implementsAllowed: true)) }
        if let t = h.subtitle { out.append(Passage(text: Text(t), place: "Header (subtitle)", implementsAllowed: true)) }
        for (i, p) in plan.preamble.enumerated() {
            out.append(Passage(text: p, place: "Preamble ¶\(i + 1)", implementsAllowed: true))
        }
        for node in plan.outline {
            node.walk { n, path in
                let place = "Body " + path.map { $0.trimmingCharacters(in: .init(charactersIn: ".) ")) }.joined(separator: ".")
                if !n.title.isEmpty {
                    out.append(Passage(text: Text(n.title, position: n.position), place: place + " (heading)", implementsAllowed: false, isHeading: true))
                }
                for p in n.text { out.append(Passage(text: p, place: place, implementsAllowed: false)) }
            }
        }
        for p in plan.closing { out.append(Passage(text: p, place: "Closing", implementsAllowed: false)) }
        for f in plan.footnotes {
            for p in f.paras { out.append(Passage(text: p, place: "Footnote \(f.mark)", implementsAllowed: false)) }
        }
        for a in plan.appendices {
            let name = a.label ?? (a.title.isEmpty ? "Appendix" : String(a.title.prefix(40)))
            out.append(Passage(text: Text(a.title, position: a.position), place: "\(name) (title)", implementsAllowed: false, isHeading: true))
            if let at = a.attachedTo {
                out.append(Passage(text: Text(at), place: "\(name) (Kèm theo)", implementsAllowed: false, isAttachment: true))
            }
            var row = 0
            for r in a.rows {
                switch r {
                case let .group(label, title):
                    out.append(Passage(text: Text(title), place: "\(name), group \(label)", implementsAllowed: false))
                    row = 0
                case let .cells(cells):
                    row += 1
                    for c in cells where !c.isEmpty {
                        out.append(Passage(text: Text(c), place: "\(name), row \(row)", implementsAllowed: false))
                    }
                }
            }
        }
        return out
    }
}
