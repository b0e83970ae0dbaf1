import Foundation
import VanBanCore
import VanBanLayout

/// Walks word/document.xml once and builds the blocks of the layout.
///
/// Accepts tracked changes (w:ins kept, w:del and w:moveFrom dropped, a deleted paragraph mark
/// joins its paragraph to the next, a deleted row disappears), keeps field results and drops
/// field instructions, and reads through w:sdt, w:hyperlink, w:smartTag and w:customXml.
struct DocumentParser {
    struct NotADocument: Error { let root: String }

    let styles: Styles
    var counter: ListCounter

    private(set) var blocks: [Block] = []
    private(set) var pageSize: Size?

    private var stack: [String] = []
    private var ordinal = 0
    private var para: ParagraphState?
    private var carry: ParagraphState?
    private var nestedParagraphs = 0
    /// Open fields carry over paragraph ends: a TOC's result spans many paragraphs.
    private var openFields: [Bool] = []

    // The outermost table; a table nested in a cell is flattened into that cell's paragraphs.
    private var tableDepth = 0
    private var rows: [Row] = []
    private var row: (cells: [Cell], header: Bool, deleted: Bool, before: Int, after: Int)?
    private var cell: (paragraphs: [Paragraph], span: Int, continues: Bool, borders: [String: Bool])?
    // Border evidence of the outermost table: its style's and its own edges, and per cell
    // whether it ends up drawn.
    private var tableStyle: String?
    private var tableEdges: [String: Bool] = [:]
    private var cellDrawn: [Bool] = []
    private var tableDraws = (horizontal: false, vertical: false)

    private var choiceTaken: [Bool] = []

    /// Elements whose subtree never contributes text.
    private static let skipped: Set<String> = [
        "delText", "delInstrText", "instrText", "object", "sdtPr", "sdtEndPr", "fldData",
        "rt", "tblGrid", "tblPrEx", "footnotePr", "endnotePr", "commentReference",
    ]

    /// A footnote or endnote reference met in the text, in document order.
    struct NoteMark { var kind: Note.Kind; var id: Int; var mark: String?; var line: Int; var anchor: String }
    private(set) var marks: [NoteMark] = []
    private var printedMarks: [Note.Kind: Int] = [:]
    /// The paragraphs of each footnote or endnote by id, when this parser reads a notes part.
    private(set) var notes: [Int: [Paragraph]] = [:]
    private var note: (id: Int, from: Int)?

    /// Drawings are walked (outside the WordprocessingML namespace) only to reach their text boxes.
    private var foreignDepth = 0
    private var drawingDepth = 0
    /// The paragraphs a text box interrupts; the box's own paragraphs are read in between.
    private var anchors: [(para: ParagraphState?, nested: Int)] = []

    /// The root element the part must have: "document", "footnotes" or "endnotes".
    let root: String

    init(styles: Styles, numbering: Numbering, root: String = "document") {
        self.styles = styles
        self.root = root
        counter = ListCounter(numbering: numbering, styles: styles)
    }

    mutating func parse(_ x: XMLStream) throws {
        var sawRoot = false
        while try x.next() {
            switch x.event {
            case .text:
                if para?.inText == true { append(x.text) }
            case .start:
                if !sawRoot {
                    sawRoot = true
                    guard x.isWord, x.name == root else { throw NotADocument(root: x.name) }
                }
                start(x)
            case .end:
                end(x)
            }
        }
        flushCarry()
    }

    private mutating func start(_ x: XMLStream) {
        if x.isCompatibility {
            // mc:AlternateContent: the first mc:Choice, never the fallback copy.
            switch x.name {
            case "AlternateContent": choiceTaken.append(false)
            case "Choice" where choiceTaken.last == false: choiceTaken[choiceTaken.count - 1] = true
            case "Choice", "Fallback": x.skip(); return
            default: break
            }
            stack.append("mc:" + x.name)
            return
        }
        guard x.isWord else {
            // Inside a drawing, shapes and groups lead to w:txbxContent; anything else is skipped.
            if drawingDepth > 0 { foreignDepth += 1 } else { x.skip() }
            return
        }
        let name = x.name
        let parent = stack.last ?? ""
        let grandparent = stack.count >= 2 ? stack[stack.count - 2] : ""
        if Self.skipped.contains(name) || ignoredSubtrees.contains(name) { x.skip(); return }
        switch name {
        case "del", "moveFrom":
            // Empty markers inside properties say a paragraph mark or a row was deleted;
            // anywhere else the element wraps deleted content.
            if parent == "rPr", grandparent == "pPr" { para?.markDeleted = true }
            else if parent == "trPr" { row?.deleted = true }
            x.skip()
            return
        default: break
        }
        stack.append(name)

        if let p = para, p.inPPr {
            // A section break's properties, or the paragraph mark's run properties (not the text's).
            if stack.contains("sectPr") { if name == "pgSz" { sectionSize(x) }; return }
            if parent != "rPr" { _ = para?.direct.read(x) }
            return
        }
        switch name {
        case "drawing", "pict": drawingDepth += 1
        case "txbxContent":
            // A text box's paragraphs are read as paragraphs of their own, placed before the
            // paragraph that anchors the box.
            anchors.append((para, nestedParagraphs))
            para = nil
            nestedParagraphs = 0
        case "footnote" where parent == root, "endnote" where parent == root:
            // Separators and continuation notices are Word's furniture, not notes.
            let type = x.attribute("type") ?? "normal"
            if type == "normal", let id = x.int("id") { note = (id, blocks.count) } else { x.skip(); _ = stack.popLast() }
        case "footnoteReference", "endnoteReference":
            if let p = para, p.isShowing {
                let kind: Note.Kind = name == "footnoteReference" ? .footnote : .endnote
                var mark: String?
                if !x.flag(named: "customMarkFollows") {
                    printedMarks[kind, default: 0] += 1
                    mark = String(printedMarks[kind]!)
                }
                let text = p.lines.joined(separator: " ")
                marks.append(NoteMark(kind: kind, id: x.int("id") ?? -1, mark: mark, line: p.ordinal, anchor: LineJoiner.trim(nfc(String(text.suffix(60))))))
            }
        case "p":
            if para != nil { nestedParagraphs += 1; return }
            ordinal += 1
            para = ParagraphState(ordinal: ordinal)
            para?.fields = openFields
        case "pPr" where parent == "p": para?.inPPr = true
        case "r": para?.run = RunProps(); para?.effective = nil
        case "rPr" where parent == "r": break
        case "t": para?.inText = true
        case "tab" where parent == "r", "ptab": append(" ")
        case "br", "cr": if parent == "r", para?.isShowing == true { para?.lines.append(""); para?.runs.append([]) }
        case "noBreakHyphen": append("-")
        // Not shown, but a legacy font (TCVN3 ư) keeps a letter at the soft hyphen's byte: kept in the runs only.
        case "softHyphen": append("\u{00AD}", runsOnly: true)
        case "fldChar":
            switch x.attribute("fldCharType") {
            case "begin": para?.fields.append(false)
            case "separate": if let n = para?.fields.count, n > 0 { para?.fields[n - 1] = true }
            case "end": _ = para?.fields.popLast()
            default: break
            }
        case "tbl":
            flushCarry()
            tableDepth += 1
            if tableDepth == 1 { rows = []; tableStyle = nil; tableEdges = [:]; cellDrawn = []; tableDraws = (false, false) }
        case "tr" where tableDepth == 1: row = ([], false, false, 0, 0)
        case "tc" where tableDepth == 1: cell = ([], 1, false, [:])
        case "tblStyle" where parent == "tblPr" && tableDepth == 1: tableStyle = x.attribute("val")
        case "sectPr": break
        case "pgSz": sectionSize(x)
        default:
            if parent == "rPr", grandparent == "r" { _ = para?.run.read(x) }
            else if parent == "trPr", tableDepth == 1 {
                switch name {
                case "tblHeader": row?.header = x.flag
                case "gridBefore": row?.before = x.int() ?? 0
                case "gridAfter": row?.after = x.int() ?? 0
                default: break
                }
            } else if parent == "tcPr", tableDepth == 1 {
                switch name {
                case "gridSpan": cell?.span = max(1, x.int() ?? 1)
                case "vMerge": cell?.continues = x.attribute("val") != "restart"
                default: break
                }
            } else if parent == "tblBorders", grandparent == "tblPr", tableDepth == 1 {
                tableEdges[name] = x.isVisibleBorder
            } else if parent == "tcBorders", tableDepth == 1 {
                cell?.borders[name] = x.isVisibleBorder
            }
        }
    }

    private mutating func sectionSize(_ x: XMLStream) {
        guard pageSize == nil, let w = x.int("w"), let h = x.int("h") else { return }
        pageSize = Size(width: Double(w) / 20, height: Double(h) / 20)
    }

    private mutating func end(_ x: XMLStream) {
        if x.isCompatibility {
            if x.name == "AlternateContent" { _ = choiceTaken.popLast() }
            _ = stack.popLast()
            return
        }
        guard x.isWord else { if foreignDepth > 0 { foreignDepth -= 1 }; return }
        _ = stack.popLast()
        switch x.name {
        case "drawing", "pict": drawingDepth = max(0, drawingDepth - 1)
        case "txbxContent":
            flushCarry()
            if let a = anchors.popLast() { para = a.para; nestedParagraphs = a.nested }
        case "footnote", "endnote":
            if let n = note {
                flushCarry()
                notes[n.id] = blocks[n.from...].flatMap { block -> [Paragraph] in
                    switch block {
                    case let .paragraph(p): return [p]
                    case let .table(t): return t.rows.flatMap { $0.cells.flatMap(\.paragraphs) }
                    }
                }
                blocks.removeSubrange(n.from...)
            }
            note = nil
        case "p":
            if nestedParagraphs > 0 { nestedParagraphs -= 1; return }
            if let p = para { openFields = p.fields; finish(p) }
            para = nil
        case "pPr" where para?.inPPr == true && stack.last == "p": para?.inPPr = false
        case "t": para?.inText = false
        case "tblPr" where tableDepth == 1:
            // The table's own edges over its style's.
            let edges = styles.borders(ofTableStyle: tableStyle).merging(tableEdges) { _, own in own }
            tableDraws = (Self.horizontal.contains { edges[$0] == true }, Self.vertical.contains { edges[$0] == true } || edges["insideV"] == true)
        case "tc" where tableDepth == 1:
            flushCarry()
            if let c = cell {
                row?.cells.append(Cell(paragraphs: c.continues ? [] : c.paragraphs, columnSpan: c.span, continuesAbove: c.continues))
                cellDrawn.append(Self.drawsGrid(c.borders, table: tableDraws))
            }
            cell = nil
        case "tr" where tableDepth == 1:
            if let r = row, !r.deleted {
                var cells = r.cells
                if r.before > 0 { cells.insert(Cell(paragraphs: [], columnSpan: r.before), at: 0) }
                if r.after > 0 { cells.append(Cell(paragraphs: [], columnSpan: r.after)) }
                rows.append(Row(cells: cells, isHeader: r.header))
            }
            row = nil
        case "tbl":
            tableDepth -= 1
            if tableDepth == 0, !rows.isEmpty {
                var table = Table(rows: Self.countingRowSpans(rows))
                table.ruled = cellDrawn.filter { $0 }.count * 2 >= max(cellDrawn.count, 1)
                blocks.append(.table(table))
                rows = []
            }
        default: break
        }
    }

    private mutating func finish(_ raw: ParagraphState) {
        var p = raw
        if let c = carry {
            p = c.joined(with: p)
            carry = nil
        }
        if p.markDeleted { carry = p; return }
        emit(p)
    }

    /// A paragraph whose mark was deleted but nothing followed it in its container.
    private mutating func flushCarry() {
        guard let c = carry else { return }
        carry = nil
        emit(c)
    }

    private mutating func emit(_ p: ParagraphState) {
        let resolved = styles.resolve(paragraphStyle: p.direct.style)
        let props = resolved.para.overlaid(by: p.direct)
        var style = Style()
        var numberingIndent: Double?
        if let numId = props.numId, numId != 0 {
            var ilvl = props.ilvl
            if ilvl == nil, p.direct.numId == nil, let s = p.direct.style ?? styles.defaultParagraphStyle {
                ilvl = counter.numbering.level(linkedTo: s, numId: numId, styles: styles)
            }
            if let r = counter.next(numId: numId, ilvl: ilvl ?? 0) {
                style.listLabel = r.label.map(nfc)
                style.numbering = r.evidence
                numberingIndent = r.indent
            }
        }
        let lines = p.lines.map(nfc)
        let hasText = lines.contains { !$0.allSatisfy(\.isWhitespace) }
        guard hasText || style.listLabel != nil else { return }

        let paraRun = resolved.run
        style.bold = p.stats.bold ?? paraRun.bold
        style.italic = p.stats.italic ?? paraRun.italic
        style.fontSize = p.stats.dominantSize ?? paraRun.size
        style.fontName = p.stats.font ?? paraRun.font
        style.alignment = props.alignment
        style.indent = p.direct.indent ?? numberingIndent ?? props.indent
        if let o = props.outlineLevel, (0..<9).contains(o) { style.headingLevel = o + 1 }
        else { style.headingLevel = resolved.headingLevel }
        style.styleName = styles.name(ofStyle: p.direct.style ?? styles.defaultParagraphStyle).map(nfc)

        var kept = zip(lines, p.runs).filter { !$0.0.allSatisfy(\.isWhitespace) }
        if kept.isEmpty { kept = [("", [])] }
        var out: [Line] = []
        for (i, (text, runs)) in kept.enumerated() {
            var s = style
            if i > 0 { s.listLabel = nil }
            var line = Line(text: text, number: p.ordinal, style: s)
            line.runs = runs.map { FontRun(text: nfc($0.text), font: $0.font) }
            out.append(line)
        }
        let paragraph = Paragraph(lines: out, style: style)
        if tableDepth > 0, cell != nil { cell?.paragraphs.append(paragraph) }
        else { blocks.append(.paragraph(paragraph)) }
    }

    private mutating func append(_ text: String, runsOnly: Bool = false) {
        guard var p = para else { return }
        if p.effective == nil {
            // Run properties are complete once content starts; resolve the style chain then.
            if p.styleRun == nil { p.styleRun = styles.resolve(paragraphStyle: p.direct.style).run }
            let character = p.run.style.map { styles.resolve(characterStyle: $0) } ?? RunProps()
            p.effective = p.styleRun!.overlaid(by: character).overlaid(by: p.run)
        }
        p.append(text, runsOnly: runsOnly)
        para = p
    }
}

/// One w:p while it is read.
struct ParagraphState {
    var ordinal: Int
    var direct = ParaProps()
    var run = RunProps()
    var lines: [String] = [""]
    /// Each line's text by font, soft hyphens included.
    var runs: [[FontRun]] = [[]]
    var inPPr = false
    var inText = false
    var markDeleted = false
    /// Open complex fields, innermost last: true once past w:fldChar separate (showing the result).
    var fields: [Bool] = []
    var stats = RunStats()
    /// The current run's properties with the paragraph and character styles under them.
    var effective: RunProps?
    var styleRun: RunProps?

    init(ordinal: Int) { self.ordinal = ordinal }

    /// Outside field instructions and hidden runs.
    var isShowing: Bool { fields.allSatisfy { $0 } && effective?.hidden != true && run.hidden != true }

    mutating func append(_ s: String, runsOnly: Bool = false) {
        guard isShowing, let r = effective else { return }
        if var last = runs[runs.count - 1].last, last.font == r.font {
            last.text += s
            runs[runs.count - 1][runs[runs.count - 1].count - 1] = last
        } else {
            runs[runs.count - 1].append(FontRun(text: s, font: r.font))
        }
        if runsOnly { return }
        lines[lines.count - 1] += s
        stats.add(s, run: r)
    }

    /// This paragraph (whose mark was deleted) run on into `next`; `next`'s properties win.
    func joined(with next: ParagraphState) -> ParagraphState {
        var out = next
        out.ordinal = ordinal
        out.lines = Array(lines.dropLast()) + [(lines.last ?? "") + (next.lines.first ?? "")] + next.lines.dropFirst()
        out.runs = Array(runs.dropLast()) + [(runs.last ?? []) + (next.runs.first ?? [])] + next.runs.dropFirst()
        out.stats = stats.merged(with: next.stats)
        return out
    }
}

/// Formatting shares over a paragraph's visible characters.
struct RunStats {
    var boldChars = 0, plainChars = 0, italicChars = 0, uprightChars = 0
    var sizes: [Double: Int] = [:]
    var font: String?

    mutating func add(_ s: String, run: RunProps) {
        // Visible characters, counted on UTF-8: lead bytes that are not ASCII blanks or a no-break space.
        var n = 0, previous: UInt8 = 0
        for b in s.utf8 {
            switch b {
            case 0x20, 0x09, 0x0A, 0x0D, 0x80...0xBF: break
            default: n += 1
            }
            if previous == 0xC2, b == 0xA0 { n -= 1 }
            previous = b
        }
        guard n > 0 else { return }
        if run.bold == true { boldChars += n } else { plainChars += n }
        if run.italic == true { italicChars += n } else { uprightChars += n }
        if let size = run.size { sizes[size, default: 0] += n }
        if font == nil { font = run.font }
    }

    /// Bold when every visible character is; nil when there is no visible text.
    var bold: Bool? { boldChars + plainChars == 0 ? nil : plainChars == 0 }
    var italic: Bool? { italicChars + uprightChars == 0 ? nil : uprightChars == 0 }
    var dominantSize: Double? { sizes.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key }

    func merged(with o: RunStats) -> RunStats {
        var m = self
        m.boldChars += o.boldChars; m.plainChars += o.plainChars
        m.italicChars += o.italicChars; m.uprightChars += o.uprightChars
        m.sizes.merge(o.sizes, uniquingKeysWith: +)
        m.font = font ?? o.font
        return m
    }
}

/// `Fold.nfc`, skipping the normalizer for text that is already NFC: Latin and Vietnamese
/// precomposed letters and common punctuation, none of the characters `Fold.nfc` maps.
func nfc(_ s: String) -> String {
    for c in s.unicodeScalars {
        switch c.value {
        case 0x00A0, 0x00D0, 0x00F0: return Fold.nfc(s)
        case 0...0x02FF, 0x1E00...0x1EFF, 0x2010...0x206F: continue
        default: return Fold.nfc(s)
        }
    }
    return s
}
