/// The format-neutral page layout every reader produces and the structurer consumes.
/// It knows pages, paragraphs, lines and tables; it knows nothing of plans.
public struct Layout: Sendable, Equatable {
    public enum Format: String, Sendable, Codable { case txt, pdf, docx, doc, rtf }

    public var file: String
    public var format: Format
    /// Pages as the source has them; a text file without form feeds is one page.
    public var pages: [Page]
    /// Footnotes and endnotes, in the order their marks stand in the text.
    public var notes: [Note] = []
    /// What the reader saw but could not turn into structure (a table flattened past recovery).
    public var remarks: [ReaderNote] = []
    /// Which parts were decoded from a legacy font encoding (empty when all was Unicode).
    public var encodings: [EncodedPart] = []
    /// Pages read by OCR, with what the recognizer said of them (empty for a text layer).
    public var recognized: [RecognizedPage] = []

    public init(file: String, format: Format, pages: [Page]) {
        self.file = file
        self.format = format
        self.pages = pages
    }

    /// Every block in reading order with the page it is on (1-based).
    public var blocks: [(page: Int, block: Block)] {
        pages.flatMap { p in p.blocks.map { (p.number, $0) } }
    }
}

/// A footnote or endnote: its printed mark, where the mark stands, and its own paragraphs.
public struct Note: Sendable, Equatable {
    public enum Kind: String, Sendable { case footnote, endnote }
    public var kind: Kind
    /// The mark as printed ("1", "2", … or the author's own symbol).
    public var mark: String
    /// The page and `Line.number` of the paragraph the mark stands in.
    public var page: Int
    public var line: Int
    /// The text the mark follows in that paragraph (its last words).
    public var anchor: String
    public var paragraphs: [Paragraph]

    public init(kind: Kind, mark: String, page: Int, line: Int, anchor: String, paragraphs: [Paragraph]) {
        self.kind = kind; self.mark = mark; self.page = page; self.line = line; self.anchor = anchor; self.paragraphs = paragraphs
    }
}

/// A reader's remark about its source, passed on to the plan's diagnostics.
public struct ReaderNote: Sendable, Equatable {
    public var code: String
    public var message: String
    /// Page (1-based) and line where it applies.
    public var page: Int, line: Int
    public init(code: String, message: String, page: Int, line: Int) {
        self.code = code; self.message = message; self.page = page; self.line = line
    }
}

public struct Page: Sendable, Equatable {
    public var number: Int
    /// Width and height in points when the source has geometry.
    public var size: Size?
    public var landscape: Bool { size.map { $0.width > $0.height } ?? false }
    public var blocks: [Block]
    /// Strokes drawn on the page (table rules), when the reader looked for them; nil when it
    /// cannot tell (a text file), [] when it looked and found none.
    public var rulings: [Segment]?
    /// Lines that repeat on every page outside the text flow (running page numbers), kept as
    /// evidence rather than deleted; they are not part of any block.
    public var furniture: [Line]

    public init(number: Int, size: Size? = nil, blocks: [Block] = [], rulings: [Segment]? = nil, furniture: [Line] = []) {
        self.number = number
        self.size = size
        self.blocks = blocks
        self.rulings = rulings
        self.furniture = furniture
    }
}

/// A straight stroke on a page in points (origin top-left, y down): horizontal when y0 == y1.
public struct Segment: Sendable, Equatable {
    public var x0: Double, y0: Double, x1: Double, y1: Double
    public init(x0: Double, y0: Double, x1: Double, y1: Double) { self.x0 = x0; self.y0 = y0; self.x1 = x1; self.y1 = y1 }
    public var isHorizontal: Bool { y1 - y0 < x1 - x0 }
    public var length: Double { max(x1 - x0, y1 - y0) }
}

public enum Block: Sendable, Equatable {
    case paragraph(Paragraph)
    case table(Table)
}

public struct Size: Sendable, Equatable {
    public var width: Double, height: Double
    public init(width: Double, height: Double) { self.width = width; self.height = height }
}

public struct Rect: Sendable, Equatable {
    public var x: Double, y: Double, width: Double, height: Double
    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x; self.y = y; self.width = width; self.height = height
    }
}

/// What typography says about a run of text; every field is optional because a plain text
/// file says almost nothing.
public struct Style: Sendable, Equatable {
    public enum Alignment: String, Sendable { case left, center, right, justify }
    public var bold: Bool?
    public var italic: Bool?
    public var fontSize: Double?
    public var fontName: String?
    public var alignment: Alignment?
    /// Left indentation in points.
    public var indent: Double?
    /// A list label the source renders but does not hold as text (DOCX automatic numbering).
    public var listLabel: String?
    /// An outline level the source declares (a heading style).
    public var headingLevel: Int?
    /// The name the source gives the paragraph's style ("heading 2", "Tiêu đề 1", "Body Text").
    public var styleName: String?
    /// The automatic numbering the source declares, beside the label it renders (`listLabel`).
    public var numbering: ListNumbering?

    public init(bold: Bool? = nil, italic: Bool? = nil, fontSize: Double? = nil, fontName: String? = nil,
                alignment: Alignment? = nil, indent: Double? = nil, listLabel: String? = nil, headingLevel: Int? = nil) {
        self.bold = bold; self.italic = italic; self.fontSize = fontSize; self.fontName = fontName
        self.alignment = alignment; self.indent = indent; self.listLabel = listLabel; self.headingLevel = headingLevel
    }
}

/// A paragraph's place in an automatic list as the source declares it (DOCX w:numPr): which list,
/// which level, and how that level prints.
public struct ListNumbering: Sendable, Equatable {
    /// The list instance (w:numId); paragraphs of one instance count together.
    public var list: Int
    /// 0-based level (w:ilvl).
    public var level: Int
    /// The level's number format as the source names it ("decimal", "upperRoman", "lowerLetter", "bullet").
    public var format: String
    /// The level's pattern ("%1.", "%1.%2.", "-").
    public var pattern: String?
    /// The value this paragraph's own level printed.
    public var value: Int

    public init(list: Int, level: Int, format: String, pattern: String?, value: Int) {
        self.list = list; self.level = level; self.format = format; self.pattern = pattern; self.value = value
    }
}

/// One printed line: its text as it appears, where it is in the source, and how it looks.
public struct Line: Sendable, Equatable {
    public var text: String
    /// 1-based line number within the page (or within the file for text input).
    public var number: Int
    public var box: Rect?
    public var style: Style
    /// The line's stretches in one font each, as the source holds them (soft hyphens included),
    /// for a pass whose reading depends on the font (a legacy Vietnamese encoding). Empty when
    /// the reader has no fonts to tell.
    public var runs: [FontRun] = []
    /// Mean word confidence (0-1) when the line was read by OCR.
    public var confidence: Double?

    public init(text: String, number: Int, box: Rect? = nil, style: Style = Style()) {
        self.text = text; self.number = number; self.box = box; self.style = style
    }
}

/// A stretch of text in one font.
public struct FontRun: Sendable, Equatable {
    public var text: String
    public var font: String?
    public init(text: String, font: String?) { self.text = text; self.font = font }
}

/// Text decoded from a legacy encoding: which, from which fonts (none when told by the text's
/// statistics), on which pages, how many characters.
public struct EncodedPart: Sendable, Equatable {
    public var encoding: String
    public var fonts: [String]
    public var pages: [Int]
    public var characters: Int
    public init(encoding: String, fonts: [String], pages: [Int], characters: Int) {
        self.encoding = encoding; self.fonts = fonts; self.pages = pages; self.characters = characters
    }
}

/// A page read by OCR: the recognizer's mean word confidence (0-1) and its word count.
public struct RecognizedPage: Sendable, Equatable {
    public var page: Int
    public var meanConfidence: Double
    public var words: Int
    public var engine: String
    public init(page: Int, meanConfidence: Double, words: Int, engine: String) {
        self.page = page; self.meanConfidence = meanConfidence; self.words = words; self.engine = engine
    }
}

/// A paragraph as the reader recovered it: its printed lines, in order.
public struct Paragraph: Sendable, Equatable {
    public var lines: [Line]
    public var style: Style

    public init(lines: [Line], style: Style = Style()) {
        self.lines = lines; self.style = style
    }

    /// The lines joined as the contract wants: a word split across lines joins with one space,
    /// a symbol split after a hyphen ("44/KH-" + "UBND") joins without one.
    public var text: String { LineJoiner.join(lines.map(\.text)) }
    public var firstLine: Int { lines.first?.number ?? 0 }
}

public struct Table: Sendable, Equatable {
    public var rows: [Row]
    /// Whether the source draws rules around or between most cells (DOCX table, style and cell
    /// borders); nil when the source does not say.
    public var ruled: Bool?
    public init(rows: [Row]) { self.rows = rows }
}

public struct Row: Sendable, Equatable {
    public var cells: [Cell]
    /// The source marks this row as a header row (repeated on each page in Word).
    public var isHeader: Bool
    public init(cells: [Cell], isHeader: Bool = false) { self.cells = cells; self.isHeader = isHeader }
}

public struct Cell: Sendable, Equatable {
    public var paragraphs: [Paragraph]
    public var columnSpan: Int
    /// True for the lower parts of a vertically merged cell: its text lives in the cell above.
    public var continuesAbove: Bool
    /// How many rows this cell covers, itself included (the rows below it hold `continuesAbove` cells).
    public var rowSpan: Int
    /// The first grid column the cell stands in (0-based), when the source places it; nil when
    /// cells simply follow one another.
    public var gridColumn: Int?

    public init(paragraphs: [Paragraph], columnSpan: Int = 1, continuesAbove: Bool = false, rowSpan: Int = 1, gridColumn: Int? = nil) {
        self.paragraphs = paragraphs; self.columnSpan = columnSpan; self.continuesAbove = continuesAbove
        self.rowSpan = rowSpan; self.gridColumn = gridColumn
    }

    /// The cell's text, its paragraphs separated by one space (cells are compared as one line).
    public var text: String {
        paragraphs.map(\.text).filter { !$0.isEmpty }.joined(separator: " ")
    }
}

public enum LineJoiner {
    /// Joins printed lines into one string. A line ending in a hyphen that follows a letter or
    /// digit (a symbol or a compound broken by the line end: "44/KH-", "GDNN-") runs straight on;
    /// any other break becomes one space.
    public static func join(_ lines: [String]) -> String {
        var out = ""
        for raw in lines {
            let line = trim(raw)
            if line.isEmpty { continue }
            if out.isEmpty { out = line; continue }
            // A line that opens with closing punctuation ("; Phòng GDĐT") belongs to the word before.
            if let f = line.unicodeScalars.first, ",;.:)]”".unicodeScalars.contains(f), !line.hasPrefix("..") {
                out += line
                continue
            }
            if let last = out.unicodeScalars.last, isHyphen(last), out.unicodeScalars.count >= 2 {
                let before = out.unicodeScalars[out.unicodeScalars.index(out.unicodeScalars.endIndex, offsetBy: -2)]
                if before.properties.isAlphabetic || before.properties.numericType != nil {
                    out += line
                    continue
                }
            }
            out += " " + line
        }
        return out
    }

    /// Trims white space, including the no-break and zero-width spaces extractors leave.
    public static func trim(_ s: String) -> String {
        if let f = s.unicodeScalars.first, let l = s.unicodeScalars.last, !isSpace(f), !isSpace(l) { return s }
        var scalars = Substring(s).unicodeScalars[...]
        while let f = scalars.first, isSpace(f) { scalars.removeFirst() }
        while let l = scalars.last, isSpace(l) { scalars.removeLast() }
        return String(String.UnicodeScalarView(scalars))
    }

    static func isSpace(_ c: Unicode.Scalar) -> Bool {
        c.properties.isWhitespace || c == "\u{200B}" || c == "\u{FEFF}"
    }

    static func isHyphen(_ c: Unicode.Scalar) -> Bool {
        c == "-" || c == "\u{2010}" || c == "\u{2011}"
    }
}
