/// A structured plan ("Kế hoạch") and its parts, Codable to `vanban.plan/1`
/// (docs/plan-json.md). Field names are the contract's; add, never rename.
public struct Plan: Codable, Sendable, Equatable {
    public static let schemaName = "vanban.plan/1"

    public var schema: String = Plan.schemaName
    public var source: Source
    public var header: Header
    /// Paragraphs before the first numbered heading (the "Căn cứ / Thực hiện" preamble).
    public var preamble: [Text]
    public var outline: [OutlineNode]
    /// Paragraphs after the outline, before "Nơi nhận".
    public var closing: [Text]
    public var appendices: [Appendix]
    public var tasks: [Task]
    public var indicators: [Indicator]
    public var references: [Reference]
    public var namedReferences: [NamedReference]
    public var diagnostics: [Diagnostic]
    /// Footnotes and endnotes, in the order their marks stand in the text.
    public var footnotes: [Footnote] = []

    public init(source: Source, header: Header = Header(), preamble: [Text] = [], outline: [OutlineNode] = [],
                closing: [Text] = [], appendices: [Appendix] = [], tasks: [Task] = [], indicators: [Indicator] = [],
                references: [Reference] = [], namedReferences: [NamedReference] = [], diagnostics: [Diagnostic] = []) {
        self.source = source; self.header = header; self.preamble = preamble; self.outline = outline
        self.closing = closing; self.appendices = appendices; self.tasks = tasks; self.indicators = indicators
        self.references = references; self.namedReferences = namedReferences; self.diagnostics = diagnostics
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        schema = try c.decodeIfPresent(String.self, forKey: .schema) ?? Plan.schemaName
        source = try c.decodeIfPresent(Source.self, forKey: .source) ?? Source(file: "", format: "json", pages: 0)
        header = try c.decodeIfPresent(Header.self, forKey: .header) ?? Header()
        preamble = try c.decodeIfPresent([Text].self, forKey: .preamble) ?? []
        outline = try c.decodeIfPresent([OutlineNode].self, forKey: .outline) ?? []
        closing = try c.decodeIfPresent([Text].self, forKey: .closing) ?? []
        appendices = try c.decodeIfPresent([Appendix].self, forKey: .appendices) ?? []
        tasks = try c.decodeIfPresent([Task].self, forKey: .tasks) ?? []
        indicators = try c.decodeIfPresent([Indicator].self, forKey: .indicators) ?? []
        references = try c.decodeIfPresent([Reference].self, forKey: .references) ?? []
        namedReferences = try c.decodeIfPresent([NamedReference].self, forKey: .namedReferences) ?? []
        diagnostics = try c.decodeIfPresent([Diagnostic].self, forKey: .diagnostics) ?? []
        footnotes = try c.decodeIfPresent([Footnote].self, forKey: .footnotes) ?? []
    }
}

/// A footnote or endnote: its mark, the words the mark follows and where, and its paragraphs.
public struct Footnote: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable { case footnote, endnote }
    public var kind: Kind
    /// As printed ("1"); "" when the author typed a symbol of their own.
    public var mark: String
    /// The text the mark follows (its last words).
    public var anchor: String
    /// Where the paragraph holding the mark starts.
    public var position: Position?
    public var paras: [Text]

    public init(kind: Kind, mark: String, anchor: String, position: Position? = nil, paras: [Text]) {
        self.kind = kind; self.mark = mark; self.anchor = anchor; self.position = position; self.paras = paras
    }
}

/// A paragraph of the plan with where it starts in the source. Encoded as its text alone, as
/// the contract has it; the position lives on for the analyzers of this run.
public struct Text: Codable, Sendable, Equatable, ExpressibleByStringLiteral, CustomStringConvertible {
    public var text: String
    public var position: Position?
    /// Offsets (in characters of `text`) where each printed line after the first begins, so an
    /// analyzer can turn an offset into a source line.
    public var lineStarts: [Int]

    public init(_ text: String, position: Position? = nil, lineStarts: [Int] = []) {
        self.text = text; self.position = position; self.lineStarts = lineStarts
    }
    public init(stringLiteral value: String) { self.init(value) }
    public init(from decoder: Decoder) throws { self.init(try decoder.singleValueContainer().decode(String.self)) }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(text)
    }
    public var description: String { text }

    /// The source position of the character at `offset` in `text`.
    public func position(at offset: Int) -> Position? {
        guard let p = position else { return nil }
        let extra = lineStarts.lastIndex(where: { $0 <= offset }).map { $0 + 1 } ?? 0
        return Position(page: p.page, line: p.line + extra)
    }
}

public struct Position: Codable, Sendable, Equatable, Hashable {
    public var page: Int
    public var line: Int
    public init(page: Int, line: Int) { self.page = page; self.line = line }
}

public struct Source: Codable, Sendable, Equatable {
    public var file: String
    public var format: String
    public var pages: Int
    /// The parts typed in a legacy font encoding and decoded (absent when all was Unicode).
    public var encodings: [SourceEncoding]?
    /// Present when the text was read by OCR: the recognizer and its mean confidence per page.
    public var ocr: SourceOCR?
    public init(file: String, format: String, pages: Int) { self.file = file; self.format = format; self.pages = pages }

    // A plan JSON written by another tool may leave out what it does not know.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        file = try c.decodeIfPresent(String.self, forKey: .file) ?? ""
        format = try c.decodeIfPresent(String.self, forKey: .format) ?? "json"
        pages = try c.decodeIfPresent(Int.self, forKey: .pages) ?? 0
    }
}

/// Text decoded from a legacy encoding: "TCVN3", "VNI", "VISCII", "VPS" or "VIQR"; the fonts that
/// declared it (empty when the text's statistics told); the pages; how many characters.
public struct SourceEncoding: Codable, Sendable, Equatable {
    public var encoding: String
    public var fonts: [String]
    public var pages: [Int]
    public var characters: Int
    public init(encoding: String, fonts: [String], pages: [Int], characters: Int) {
        self.encoding = encoding; self.fonts = fonts; self.pages = pages; self.characters = characters
    }
}

/// How a scan was read: the engine ("tesseract 5.3.0 vie") and each page's mean word confidence (0-1).
public struct SourceOCR: Codable, Sendable, Equatable {
    public struct Page: Codable, Sendable, Equatable {
        public var page: Int
        public var meanConfidence: Double
        public var words: Int
        public init(page: Int, meanConfidence: Double, words: Int) { self.page = page; self.meanConfidence = meanConfidence; self.words = words }
    }
    public var engine: String
    public var pages: [Page]
    public init(engine: String, pages: [Page]) { self.engine = engine; self.pages = pages }
}

public struct TypeRef: Codable, Sendable, Equatable, Hashable {
    public var code: String?
    public var name: String
    public init(code: String?, name: String) { self.code = code; self.name = name }
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        code = try c.decodeIfPresent(String.self, forKey: .code)
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? code ?? ""
    }
}

public struct Signer: Codable, Sendable, Equatable {
    /// "KT.", "TM.", "Q.", "TL.", "TUQ." or nil when the head signs in person.
    public var authority: String?
    public var position: [String]
    public var name: String?
    public init(authority: String?, position: [String], name: String?) {
        self.authority = authority; self.position = position; self.name = name
    }
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        authority = try c.decodeIfPresent(String.self, forKey: .authority)
        position = try c.decodeIfPresent([String].self, forKey: .position) ?? []
        name = try c.decodeIfPresent(String.self, forKey: .name)
    }
}

public struct Header: Codable, Sendable, Equatable {
    public var issuer: [String] = []
    /// The number/symbol line as printed ("Số:     /KH- SGDĐT").
    public var numberLine: String?
    public var number: String?
    public var symbol: String?
    public var motto: Bool = false
    public var type: TypeRef?
    /// The type name as printed ("KẾ HOẠCH").
    public var typeName: String?
    public var placeDate: String?
    public var place: String?
    public var date: String?
    public var year: Int?
    public var title: String?
    public var subtitle: String?
    public var signer: Signer?
    public var recipients: [String] = []
    /// The kind of document, as the canonical type name of Dictionaries/ ("Quyết định",
    /// "Công văn", "Phụ lục"), from the type line, else from the symbol, else from the layout.
    public var kind: String?
    /// "Kính gửi: …": whom a Công văn or a Tờ trình is addressed to, one entry each.
    public var addressees: [String] = []
    /// A Quyết định's (or a Nghị quyết's) legal grounds: its "Căn cứ …" lines, as printed.
    public var basis: [String] = []
    /// "Theo đề nghị của …": who proposed the decision.
    public var proposal: String?
    /// The enacting line: "QUYẾT ĐỊNH:", "QUYẾT NGHỊ:".
    public var enacting: String?
    /// The authority line above the grounds ("ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG", "CHỦ TỊCH …").
    public var authority: String?
    /// The Party's own header ("ĐẢNG CỘNG SẢN VIỆT NAM" in place of the Quốc hiệu).
    public var party: Bool = false

    public init() {}

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        issuer = try c.decodeIfPresent([String].self, forKey: .issuer) ?? []
        numberLine = try c.decodeIfPresent(String.self, forKey: .numberLine)
        number = try c.decodeIfPresent(String.self, forKey: .number)
        symbol = try c.decodeIfPresent(String.self, forKey: .symbol)
        motto = try c.decodeIfPresent(Bool.self, forKey: .motto) ?? false
        type = try c.decodeIfPresent(TypeRef.self, forKey: .type)
        typeName = try c.decodeIfPresent(String.self, forKey: .typeName)
        placeDate = try c.decodeIfPresent(String.self, forKey: .placeDate)
        place = try c.decodeIfPresent(String.self, forKey: .place)
        date = try c.decodeIfPresent(String.self, forKey: .date)
        year = try c.decodeIfPresent(Int.self, forKey: .year)
        title = try c.decodeIfPresent(String.self, forKey: .title)
        subtitle = try c.decodeIfPresent(String.self, forKey: .subtitle)
        signer = try c.decodeIfPresent(Signer.self, forKey: .signer)
        recipients = try c.decodeIfPresent([String].self, forKey: .recipients) ?? []
        kind = try c.decodeIfPresent(String.self, forKey: .kind)
        addressees = try c.decodeIfPresent([String].self, forKey: .addressees) ?? []
        basis = try c.decodeIfPresent([String].self, forKey: .basis) ?? []
        proposal = try c.decodeIfPresent(String.self, forKey: .proposal)
        enacting = try c.decodeIfPresent(String.self, forKey: .enacting)
        authority = try c.decodeIfPresent(String.self, forKey: .authority)
        party = try c.decodeIfPresent(Bool.self, forKey: .party) ?? false
    }

    public func encode(to encoder: Encoder) throws {
        // Contract fields are always present, null when the document does not say.
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(issuer, forKey: .issuer)
        try c.encode(numberLine, forKey: .numberLine)
        try c.encode(number, forKey: .number)
        try c.encode(symbol, forKey: .symbol)
        try c.encode(motto, forKey: .motto)
        try c.encode(type, forKey: .type)
        try c.encode(typeName, forKey: .typeName)
        try c.encode(placeDate, forKey: .placeDate)
        try c.encode(place, forKey: .place)
        try c.encode(date, forKey: .date)
        try c.encode(year, forKey: .year)
        try c.encode(title, forKey: .title)
        try c.encode(subtitle, forKey: .subtitle)
        try c.encode(signer, forKey: .signer)
        try c.encode(recipients, forKey: .recipients)
        try c.encode(kind, forKey: .kind)
        try c.encode(addressees, forKey: .addressees)
        try c.encode(basis, forKey: .basis)
        try c.encode(proposal, forKey: .proposal)
        try c.encode(enacting, forKey: .enacting)
        try c.encode(authority, forKey: .authority)
        try c.encode(party, forKey: .party)
    }

    enum CodingKeys: String, CodingKey {
        case issuer, numberLine, number, symbol, motto, type, typeName, placeDate, place, date, year, title, subtitle, signer, recipients
        case kind, addressees, basis, proposal, enacting, authority, party
    }
}

public struct OutlineNode: Codable, Sendable, Equatable {
    /// The label exactly as printed: "I.", "1.", "2.1.", "a)".
    public var label: String
    public var title: String
    public var level: Int
    /// Paragraphs under this heading before its first child.
    public var text: [Text]
    public var children: [OutlineNode]
    public var position: Position?

    public init(label: String, title: String, level: Int, text: [Text] = [], children: [OutlineNode] = [], position: Position? = nil) {
        self.label = label; self.title = title; self.level = level; self.text = text; self.children = children; self.position = position
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        label = try c.decode(String.self, forKey: .label)
        title = try c.decodeIfPresent(String.self, forKey: .title) ?? ""
        level = try c.decodeIfPresent(Int.self, forKey: .level) ?? 1
        text = try c.decodeIfPresent([Text].self, forKey: .text) ?? []
        children = try c.decodeIfPresent([OutlineNode].self, forKey: .children) ?? []
        position = try c.decodeIfPresent(Position.self, forKey: .position)
    }

    /// This node and all below it, depth first, with the labels on the way ("III.1.a)").
    public func walk(_ path: [String] = [], _ body: (OutlineNode, [String]) -> Void) {
        let p = path + [label]
        body(self, p)
        for c in children { c.walk(p, body) }
    }
}

public struct Appendix: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable { case tasks, indicators, other }
    /// "Phụ lục I" as printed, or nil for an untitled annex table.
    public var label: String?
    public var title: String
    /// The "(Kèm theo …)" line.
    public var attachedTo: String?
    public var kind: Kind
    /// For a table inside the body: the outline path that holds it ("III.1.a").
    public var `in`: String?
    public var columns: [String]
    public var rows: [TableRow]
    public var position: Position?

    public init(label: String?, title: String, attachedTo: String? = nil, kind: Kind, in: String? = nil,
                columns: [String] = [], rows: [TableRow] = [], position: Position? = nil) {
        self.label = label; self.title = title; self.attachedTo = attachedTo; self.kind = kind
        self.in = `in`; self.columns = columns; self.rows = rows; self.position = position
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        label = try c.decodeIfPresent(String.self, forKey: .label)
        title = try c.decodeIfPresent(String.self, forKey: .title) ?? ""
        attachedTo = try c.decodeIfPresent(String.self, forKey: .attachedTo)
        kind = try c.decodeIfPresent(Kind.self, forKey: .kind) ?? .other
        self.in = try c.decodeIfPresent(String.self, forKey: .in)
        columns = try c.decodeIfPresent([String].self, forKey: .columns) ?? []
        rows = try c.decodeIfPresent([TableRow].self, forKey: .rows) ?? []
        position = try c.decodeIfPresent(Position.self, forKey: .position)
    }

    enum CodingKeys: String, CodingKey { case label, title, attachedTo, kind, `in`, columns, rows, position }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(label, forKey: .label)
        try c.encode(title, forKey: .title)
        try c.encode(attachedTo, forKey: .attachedTo)
        try c.encode(kind, forKey: .kind)
        try c.encode(self.in, forKey: .in)
        try c.encode(columns, forKey: .columns)
        try c.encode(rows, forKey: .rows)
        try c.encodeIfPresent(position, forKey: .position)
    }
}

/// A table row: a group row spanning the table ("I. CÔNG TÁC CHỈ ĐẠO") or a row of cells.
public enum TableRow: Codable, Sendable, Equatable {
    case group(label: String, title: String)
    case cells([String])

    enum CodingKeys: String, CodingKey { case group, title, cells }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let g = try c.decodeIfPresent(String.self, forKey: .group) {
            self = .group(label: g, title: try c.decodeIfPresent(String.self, forKey: .title) ?? "")
        } else {
            self = .cells(try c.decodeIfPresent([String].self, forKey: .cells) ?? [])
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case let .group(label, title):
            try c.encode(label, forKey: .group)
            try c.encode(title, forKey: .title)
        case let .cells(cells):
            try c.encode(cells, forKey: .cells)
        }
    }
}

public struct Deadline: Codable, Sendable, Equatable {
    public enum Recurrence: String, Codable, Sendable { case once, annual, continuous, perPlan = "per-plan" }
    public var text: String
    public var from: Int?
    public var to: Int?
    public var recurrence: Recurrence?
    /// "Tháng 12 năm 2025" -> 12.
    public var month: Int?
    /// "Sau khi Chính phủ ban hành Nghị định" -> the event the task waits for.
    public var event: String?
    /// "Định kỳ 05 năm, 10 năm" -> [5, 10].
    public var everyYears: [Int]?
    public init(text: String, from: Int? = nil, to: Int? = nil, recurrence: Recurrence? = nil,
                month: Int? = nil, event: String? = nil, everyYears: [Int]? = nil) {
        self.text = text; self.from = from; self.to = to; self.recurrence = recurrence
        self.month = month; self.event = event; self.everyYears = everyYears
    }
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        text = try c.decodeIfPresent(String.self, forKey: .text) ?? ""
        from = try c.decodeIfPresent(Int.self, forKey: .from)
        to = try c.decodeIfPresent(Int.self, forKey: .to)
        recurrence = try c.decodeIfPresent(Recurrence.self, forKey: .recurrence)
        month = try c.decodeIfPresent(Int.self, forKey: .month)
        event = try c.decodeIfPresent(String.self, forKey: .event)
        everyYears = try c.decodeIfPresent([Int].self, forKey: .everyYears)
    }

    enum CodingKeys: String, CodingKey { case text, from, to, recurrence, month, event, everyYears }

    // Every field is written, null when the document does not say, as the contract asks.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(text, forKey: .text)
        try c.encode(from, forKey: .from)
        try c.encode(to, forKey: .to)
        try c.encode(recurrence, forKey: .recurrence)
        try c.encode(month, forKey: .month)
        try c.encode(event, forKey: .event)
        try c.encode(everyYears, forKey: .everyYears)
    }
}

/// A unit as the plan writes it, and the full name it stands for when the dictionary knows it.
public struct Unit: Codable, Sendable, Equatable, Hashable {
    public var text: String
    public var canonical: String?
    public init(text: String, canonical: String? = nil) { self.text = text; self.canonical = canonical }
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        text = try c.decodeIfPresent(String.self, forKey: .text) ?? ""
        canonical = try c.decodeIfPresent(String.self, forKey: .canonical)
    }

    enum CodingKeys: String, CodingKey { case text, canonical }

    // Every field is written, null when the document does not say, as the contract asks.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(text, forKey: .text)
        try c.encode(canonical, forKey: .canonical)
    }
}

public struct Task: Codable, Sendable, Equatable {
    /// Appendix, group and number ("PL2/I/1"), or the outline path for a task in the body ("II.1").
    public var id: String
    public var group: String?
    /// The number as printed in the table ("1"), or the heading label.
    public var number: String?
    public var text: String
    public var lead: [String]
    public var partners: [String]
    public var deadline: Deadline?
    public var output: String?
    public var basis: [String]
    public var note: String?
    public var leadUnits: [Unit]
    public var partnerUnits: [Unit]

    public init(id: String, group: String?, number: String? = nil, text: String, lead: [String] = [], partners: [String] = [],
                deadline: Deadline? = nil, output: String? = nil, basis: [String] = [], note: String? = nil,
                leadUnits: [Unit] = [], partnerUnits: [Unit] = []) {
        self.id = id; self.group = group; self.number = number; self.text = text; self.lead = lead; self.partners = partners
        self.deadline = deadline; self.output = output; self.basis = basis; self.note = note
        self.leadUnits = leadUnits; self.partnerUnits = partnerUnits
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        group = try c.decodeIfPresent(String.self, forKey: .group)
        number = try c.decodeIfPresent(String.self, forKey: .number)
        text = try c.decodeIfPresent(String.self, forKey: .text) ?? ""
        lead = try c.decodeIfPresent([String].self, forKey: .lead) ?? []
        partners = try c.decodeIfPresent([String].self, forKey: .partners) ?? []
        deadline = try c.decodeIfPresent(Deadline.self, forKey: .deadline)
        output = try c.decodeIfPresent(String.self, forKey: .output)
        basis = try c.decodeIfPresent([String].self, forKey: .basis) ?? []
        note = try c.decodeIfPresent(String.self, forKey: .note)
        leadUnits = try c.decodeIfPresent([Unit].self, forKey: .leadUnits) ?? []
        partnerUnits = try c.decodeIfPresent([Unit].self, forKey: .partnerUnits) ?? []
    }

    enum CodingKeys: String, CodingKey {
        case id, group, number, text, lead, partners, deadline, output, basis, note, leadUnits, partnerUnits
    }

    // Every field is written, null when the document does not say, as the contract asks.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(group, forKey: .group)
        try c.encode(number, forKey: .number)
        try c.encode(text, forKey: .text)
        try c.encode(lead, forKey: .lead)
        try c.encode(partners, forKey: .partners)
        try c.encode(deadline, forKey: .deadline)
        try c.encode(output, forKey: .output)
        try c.encode(basis, forKey: .basis)
        try c.encode(note, forKey: .note)
        try c.encode(leadUnits, forKey: .leadUnits)
        try c.encode(partnerUnits, forKey: .partnerUnits)
    }
}

public struct Target: Codable, Sendable, Equatable {
    public var year: Int?
    public var text: String
    public var op: String?
    public var value: Double?
    /// "%", or the counted thing ("cơ sở") when the target is a number of them.
    public var unit: String?
    /// What the target applies to, when a cell holds several ("cơ sở giáo dục phổ thông …").
    public var scope: String?
    /// A target in words: "maintain", "maintain-raise", "increase", "pilot".
    public var qualifier: String?
    public init(year: Int?, text: String, op: String? = nil, value: Double? = nil, unit: String? = nil,
                scope: String? = nil, qualifier: String? = nil) {
        self.year = year; self.text = text; self.op = op; self.value = value
        self.unit = unit; self.scope = scope; self.qualifier = qualifier
    }
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        year = try c.decodeIfPresent(Int.self, forKey: .year)
        text = try c.decodeIfPresent(String.self, forKey: .text) ?? ""
        op = try c.decodeIfPresent(String.self, forKey: .op)
        value = try c.decodeIfPresent(Double.self, forKey: .value)
        unit = try c.decodeIfPresent(String.self, forKey: .unit)
        scope = try c.decodeIfPresent(String.self, forKey: .scope)
        qualifier = try c.decodeIfPresent(String.self, forKey: .qualifier)
    }

    enum CodingKeys: String, CodingKey { case year, text, op, value, unit, scope, qualifier }

    // Every field is written, null when the document does not say, as the contract asks.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(year, forKey: .year)
        try c.encode(text, forKey: .text)
        try c.encode(op, forKey: .op)
        try c.encode(value, forKey: .value)
        try c.encode(unit, forKey: .unit)
        try c.encode(scope, forKey: .scope)
        try c.encode(qualifier, forKey: .qualifier)
    }
}

public struct Indicator: Codable, Sendable, Equatable {
    public var id: String
    public var group: String?
    public var number: String?
    public var text: String
    public var unit: String?
    public var targets: [Target]
    public var lead: [String]
    public var partners: [String]

    public init(id: String, group: String? = nil, number: String? = nil, text: String, unit: String? = nil,
                targets: [Target] = [], lead: [String] = [], partners: [String] = []) {
        self.id = id; self.group = group; self.number = number; self.text = text; self.unit = unit
        self.targets = targets; self.lead = lead; self.partners = partners
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        group = try c.decodeIfPresent(String.self, forKey: .group)
        number = try c.decodeIfPresent(String.self, forKey: .number)
        text = try c.decodeIfPresent(String.self, forKey: .text) ?? ""
        unit = try c.decodeIfPresent(String.self, forKey: .unit)
        targets = try c.decodeIfPresent([Target].self, forKey: .targets) ?? []
        lead = try c.decodeIfPresent([String].self, forKey: .lead) ?? []
        partners = try c.decodeIfPresent([String].self, forKey: .partners) ?? []
    }

    enum CodingKeys: String, CodingKey { case id, group, number, text, unit, targets, lead, partners }

    // Every field is written, null when the document does not say, as the contract asks.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(group, forKey: .group)
        try c.encode(number, forKey: .number)
        try c.encode(text, forKey: .text)
        try c.encode(unit, forKey: .unit)
        try c.encode(targets, forKey: .targets)
        try c.encode(lead, forKey: .lead)
        try c.encode(partners, forKey: .partners)
    }
}

public struct Occurrence: Codable, Sendable, Equatable {
    public var text: String
    public var page: Int?
    public var line: Int?
    public init(text: String, page: Int?, line: Int?) { self.text = text; self.page = page; self.line = line }
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        text = try c.decodeIfPresent(String.self, forKey: .text) ?? ""
        page = try c.decodeIfPresent(Int.self, forKey: .page)
        line = try c.decodeIfPresent(Int.self, forKey: .line)
    }
}

/// A document cited by the plan, once per distinct document.
public struct Reference: Codable, Sendable, Equatable {
    public enum Relation: String, Codable, Sendable { case implements, basis, cites }
    public var id: String
    public var type: TypeRef?
    public var number: String?
    public var symbol: String?
    public var date: String?
    public var year: Int?
    public var issuer: String?
    public var relation: Relation
    public var occurrences: [Occurrence]
    /// Every distinct way the number/symbol was written.
    public var variants: [String]
    /// The OCR confidence (0-1) of the lines it was read from, when the text came from OCR.
    public var confidence: Double?

    public init(id: String, type: TypeRef?, number: String?, symbol: String?, date: String? = nil, year: Int? = nil,
                issuer: String? = nil, relation: Relation = .cites, occurrences: [Occurrence] = [], variants: [String] = []) {
        self.id = id; self.type = type; self.number = number; self.symbol = symbol; self.date = date; self.year = year
        self.issuer = issuer; self.relation = relation; self.occurrences = occurrences; self.variants = variants
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(type, forKey: .type)
        try c.encode(number, forKey: .number)
        try c.encode(symbol, forKey: .symbol)
        try c.encode(date, forKey: .date)
        try c.encode(year, forKey: .year)
        try c.encode(issuer, forKey: .issuer)
        try c.encode(relation, forKey: .relation)
        try c.encode(occurrences, forKey: .occurrences)
        try c.encode(variants, forKey: .variants)
        try c.encodeIfPresent(confidence, forKey: .confidence)
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        type = try c.decodeIfPresent(TypeRef.self, forKey: .type)
        number = try c.decodeIfPresent(String.self, forKey: .number)
        symbol = try c.decodeIfPresent(String.self, forKey: .symbol)
        date = try c.decodeIfPresent(String.self, forKey: .date)
        year = try c.decodeIfPresent(Int.self, forKey: .year)
        issuer = try c.decodeIfPresent(String.self, forKey: .issuer)
        relation = try c.decodeIfPresent(Relation.self, forKey: .relation) ?? .cites
        occurrences = try c.decodeIfPresent([Occurrence].self, forKey: .occurrences) ?? []
        variants = try c.decodeIfPresent([String].self, forKey: .variants) ?? []
        confidence = try c.decodeIfPresent(Double.self, forKey: .confidence)
    }

    enum CodingKeys: String, CodingKey { case id, type, number, symbol, date, year, issuer, relation, occurrences, variants, confidence }
}

/// A programme or project cited by name, without a number ("Đề án “…”").
public struct NamedReference: Codable, Sendable, Equatable {
    public var text: String
    public var type: String?
    public var relation: Reference.Relation
    public var occurrences: [Occurrence]
    public init(text: String, type: String?, relation: Reference.Relation = .cites, occurrences: [Occurrence] = []) {
        self.text = text; self.type = type; self.relation = relation; self.occurrences = occurrences
    }
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        text = try c.decodeIfPresent(String.self, forKey: .text) ?? ""
        type = try c.decodeIfPresent(String.self, forKey: .type)
        relation = try c.decodeIfPresent(Reference.Relation.self, forKey: .relation) ?? .cites
        occurrences = try c.decodeIfPresent([Occurrence].self, forKey: .occurrences) ?? []
    }
}

public struct Diagnostic: Codable, Sendable, Equatable {
    public enum Severity: String, Codable, Sendable { case error, warning, info }
    public var severity: Severity
    public var code: String
    public var message: String
    public var `where`: String?
    public init(_ severity: Severity, _ code: String, _ message: String, where place: String? = nil) {
        self.severity = severity; self.code = code; self.message = message; self.where = place
    }
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        severity = try c.decodeIfPresent(Severity.self, forKey: .severity) ?? .info
        code = try c.decodeIfPresent(String.self, forKey: .code) ?? ""
        message = try c.decodeIfPresent(String.self, forKey: .message) ?? ""
        self.where = try c.decodeIfPresent(String.self, forKey: .where)
    }
}
