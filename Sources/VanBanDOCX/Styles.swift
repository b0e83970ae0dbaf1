import Foundation
import VanBanLayout

/// Character formatting; nil means "inherit".
struct RunProps: Equatable {
    var bold: Bool?
    var italic: Bool?
    var size: Double?
    var font: String?
    var hidden: Bool?
    var style: String?

    /// `self` with `over`'s set values on top.
    func overlaid(by over: RunProps) -> RunProps {
        RunProps(bold: over.bold ?? bold, italic: over.italic ?? italic, size: over.size ?? size,
                 font: over.font ?? font, hidden: over.hidden ?? hidden, style: over.style ?? style)
    }

    /// Reads one child of a w:rPr; false if the element is not a run property we keep.
    mutating func read(_ x: XMLStream) -> Bool {
        switch x.name {
        case "b": bold = x.flag
        case "i": italic = x.flag
        case "sz": if let v = x.int() { size = Double(v) / 2 }
        case "rFonts": font = x.attribute("ascii") ?? x.attribute("hAnsi") ?? font
        case "vanish": hidden = x.flag
        case "rStyle": style = x.attribute("val")
        default: return false
        }
        return true
    }
}

/// Paragraph formatting; nil means "inherit".
struct ParaProps: Equatable {
    var style: String?
    var numId: Int?
    var ilvl: Int?
    var alignment: Style.Alignment?
    var indent: Double?
    var outlineLevel: Int?

    func overlaid(by over: ParaProps) -> ParaProps {
        ParaProps(style: over.style ?? style, numId: over.numId ?? numId, ilvl: over.ilvl ?? ilvl,
                  alignment: over.alignment ?? alignment, indent: over.indent ?? indent,
                  outlineLevel: over.outlineLevel ?? outlineLevel)
    }

    /// Reads one descendant of a w:pPr (numPr's children included).
    mutating func read(_ x: XMLStream) -> Bool {
        switch x.name {
        case "pStyle": style = x.attribute("val")
        case "numId": numId = x.int()
        case "ilvl": ilvl = x.int()
        case "jc":
            switch x.attribute("val") ?? "" {
            case "center": alignment = .center
            case "right", "end": alignment = .right
            case "both", "distribute", "justify", "lowKashida", "mediumKashida", "highKashida", "thaiDistribute": alignment = .justify
            case "left", "start": alignment = .left
            default: break
            }
        case "ind":
            // Twips to points; "start" is the strict-schema name of "left".
            if let v = x.int("left") ?? x.int("start") { indent = Double(v) / 20 }
        case "outlineLvl": outlineLevel = x.int()
        default: return false
        }
        return true
    }
}

/// Elements whose content is an earlier version of the properties (tracked formatting changes)
/// or data we never show; their subtree is skipped wherever they occur.
let ignoredSubtrees: Set<String> = [
    "pPrChange", "rPrChange", "tblPrChange", "trPrChange", "tcPrChange", "tblGridChange", "sectPrChange",
    "numberingChange", "tblPrExChange",
]

/// styles.xml: document defaults and the style chain (w:basedOn).
struct Styles {
    struct Definition {
        var type = "paragraph"
        var name = ""
        var basedOn: String?
        var para = ParaProps()
        var run = RunProps()
        /// A table style's border edges (top, insideH …): whether each is drawn.
        var borders: [String: Bool] = [:]
    }

    var defaultRun = RunProps()
    var defaultPara = ParaProps()
    var definitions: [String: Definition] = [:]
    var defaultParagraphStyle: String?

    init() {}

    init(_ x: XMLStream) throws {
        var current: (id: String, def: Definition)?
        var section = ""   // "rPrDefault", "pPrDefault", "pPr", "rPr", "tblPr", "tblBorders" while inside one
        while try x.next() {
            guard x.event == .start else {
                if x.event == .end, x.isWord {
                    switch x.name {
                    case "style": if let c = current { definitions[c.id] = c.def }; current = nil
                    case "rPrDefault", "pPrDefault": section = ""
                    case "pPr", "rPr": if section == "pPr" || section == "rPr" { section = "" }
                    case "tblPr": if section == "tblPr" { section = "" }
                    case "tblBorders": if section == "tblBorders" { section = "tblPr" }
                    default: break
                    }
                }
                continue
            }
            guard x.isWord else { continue }
            // A table style's own w:tblPr says which borders it draws.
            if x.name == "tblPr", section.isEmpty, current?.def.type == "table" { section = "tblPr"; continue }
            if x.name == "tblBorders", section == "tblPr" { section = "tblBorders"; continue }
            if section == "tblBorders" { current?.def.borders[x.name] = x.isVisibleBorder; continue }
            if section == "tblPr" { x.skip(); continue }
            if ignoredSubtrees.contains(x.name) || x.name == "tblPr" || x.name == "tcPr" || x.name == "trPr" || x.name == "tblStylePr"
                || x.name == "latentStyles" {
                x.skip(); continue
            }
            switch x.name {
            case "rPrDefault", "pPrDefault": section = x.name
            case "style":
                var d = Definition()
                d.type = x.attribute("type") ?? "paragraph"
                let id = x.attribute("styleId") ?? ""
                if d.type == "paragraph", x.flag(named: "default") { defaultParagraphStyle = id }
                current = (id, d)
            case "name": current?.def.name = x.attribute("val") ?? ""
            case "basedOn": current?.def.basedOn = x.attribute("val")
            case "pPr", "rPr": if current != nil { section = x.name }
            default:
                if section == "rPrDefault" { _ = defaultRun.read(x) }
                else if section == "pPrDefault" { _ = defaultPara.read(x) }
                else if section == "rPr" { _ = current?.def.run.read(x) }
                else if section == "pPr" { _ = current?.def.para.read(x) }
            }
        }
    }

    /// The paragraph and run properties a paragraph style gives, down its w:basedOn chain.
    func resolve(paragraphStyle id: String?) -> (para: ParaProps, run: RunProps, headingLevel: Int?) {
        var chain: [Definition] = []
        var next = id ?? defaultParagraphStyle
        while let n = next, let d = definitions[n], chain.count < 32 {
            chain.append(d)
            next = d.basedOn
        }
        var para = defaultPara, run = defaultRun
        var heading: Int?
        for d in chain.reversed() {
            para = para.overlaid(by: d.para)
            run = run.overlaid(by: d.run)
            if let h = Self.headingLevel(named: d.name) { heading = h }
        }
        para.style = id
        return (para, run, heading)
    }

    /// The run properties of a character style chain.
    func resolve(characterStyle id: String?) -> RunProps {
        var chain: [RunProps] = []
        var next = id
        while let n = next, let d = definitions[n], chain.count < 32 {
            chain.append(d.run)
            next = d.basedOn
        }
        return chain.reversed().reduce(RunProps()) { $0.overlaid(by: $1) }
    }

    /// The border edges a table style draws, down its w:basedOn chain.
    func borders(ofTableStyle id: String?) -> [String: Bool] {
        var chain: [[String: Bool]] = []
        var next = id
        while let n = next, let d = definitions[n], chain.count < 32 {
            chain.append(d.borders)
            next = d.basedOn
        }
        return chain.reversed().reduce(into: [:]) { $0.merge($1) { _, new in new } }
    }

    /// The name a paragraph style is given ("heading 1", "Tiêu đề 2"), nil for an unknown id.
    func name(ofStyle id: String?) -> String? {
        id.flatMap { definitions[$0]?.name }.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The numPr a numbering style (the target of w:numStyleLink) carries.
    func numId(ofNumberingStyle id: String) -> Int? {
        var next: String? = id
        var depth = 0
        while let n = next, let d = definitions[n], depth < 32 {
            if let num = d.para.numId { return num }
            next = d.basedOn
            depth += 1
        }
        return nil
    }

    /// "heading 1" … "heading 9" as Word names its built-in styles whatever the display
    /// language, and the names localized templates give them ("Heading1", "Đầu đề 1").
    static func headingLevel(named name: String) -> Int? {
        let lower = nfc(name).lowercased()
        for prefix in ["heading", "đầu đề"] where lower.hasPrefix(prefix) {
            let rest = lower.dropFirst(prefix.count).drop { $0 == " " }
            if let n = Int(rest), (1...9).contains(n) { return n }
        }
        return nil
    }
}

extension XMLStream {
    /// A border element (w:top, w:insideH …) that draws a line: not nil/none, not zero width,
    /// not white (which offices use to hide a grid).
    var isVisibleBorder: Bool {
        let v = (attribute("val") ?? "").lowercased()
        if v.isEmpty || v == "nil" || v == "none" { return false }
        if let sz = int("sz"), sz <= 0 { return false }
        let color = (attribute("color") ?? "").lowercased()
        return color != "ffffff" && color != "white"
    }

    /// An on/off attribute other than w:val (w:default="1").
    func flag(named local: String) -> Bool {
        guard let v = attribute(local) else { return false }
        return ["1", "true", "on"].contains(v.lowercased())
    }
}
