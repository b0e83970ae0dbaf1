import Foundation
import VanBanLayout

/// Renders automatic-numbering labels the way Word prints them, paragraph by paragraph in
/// document order.
///
/// Counters belong to a list: all w:num instances that point to one abstractNum and carry no
/// override share it (Word continues such lists); an instance with a lvlOverride is a list of its
/// own (Word writes one for "Restart numbering").
struct ListCounter {
    let numbering: Numbering
    let styles: Styles

    private struct ListState {
        var values = [Int](repeating: 0, count: 9)
        var used = [Bool](repeating: false, count: 9)
    }
    private enum ListKey: Hashable { case abstract(Int), instance(Int) }
    private var lists: [ListKey: ListState] = [:]

    init(numbering: Numbering, styles: Styles) {
        self.numbering = numbering
        self.styles = styles
    }

    /// Advances the counters for a paragraph numbered (numId, ilvl) and returns its label, or nil
    /// when the level prints nothing. The level's indentation comes along for the paragraph style.
    mutating func next(numId: Int, ilvl rawLevel: Int) -> (label: String?, indent: Double?, evidence: ListNumbering)? {
        guard numId != 0, let aid = numbering.abstractId(for: numId, styles: styles),
              let inst = numbering.instances[numId] else { return nil }
        let ilvl = min(max(rawLevel, 0), 8)
        guard let level = numbering.level(ilvl, numId: numId, styles: styles) else { return nil }
        let key: ListKey = inst.hasOverrides ? .instance(numId) : .abstract(aid)
        var state = lists[key] ?? ListState()
        let levels = (0..<9).map { numbering.level($0, numId: numId, styles: styles) }

        state.values[ilvl] = state.used[ilvl] ? state.values[ilvl] + 1 : level.start
        state.used[ilvl] = true
        for deeper in (ilvl + 1)..<9 {
            // Without w:lvlRestart a level restarts after any shallower level; with it, only after
            // a level up to the one it names; 0 means never.
            let restart = levels[deeper]?.restart ?? deeper
            if restart > 0, ilvl < restart { state.used[deeper] = false }
        }
        lists[key] = state

        let evidence = ListNumbering(list: numId, level: ilvl, format: level.format, pattern: level.text, value: state.values[ilvl])
        guard let pattern = level.text else { return (nil, level.indent, evidence) }
        var out = ""
        var chars = pattern.makeIterator()
        while let c = chars.next() {
            guard c == "%" else { out.append(c); continue }
            guard let d = chars.next() else { out.append(c); break }
            guard let n = d.wholeNumberValue, (1...9).contains(n) else { out.append(c); out.append(d); continue }
            let l = n - 1
            let lvl = levels[l]
            // A level not used yet prints its start value.
            let value = state.used[l] ? state.values[l] : (lvl?.start ?? 0)
            let format = level.isLegal ? "decimal" : (lvl?.format ?? "decimal")
            out += Self.format(value, as: format, custom: lvl?.customFormat)
        }
        if level.format == "bullet" { out = Self.bullet(out) }
        return (out.isEmpty ? nil : out, level.indent, evidence)
    }

    static func format(_ n: Int, as format: String, custom: String? = nil) -> String {
        switch format {
        case "decimal": return String(n)
        case "decimalZero": return n >= 0 && n < 10 ? "0\(n)" : String(n)
        case "upperRoman": return roman(n)
        case "lowerRoman": return roman(n).lowercased()
        case "upperLetter": return letters(n)
        case "lowerLetter": return letters(n).lowercased()
        case "none", "bullet": return ""
        case "custom":
            // "001, 002, 003, ..." pads with zeros to the width of the first sample.
            if let first = custom?.split(separator: ",").first?.trimmingCharacters(in: .whitespaces),
               !first.isEmpty, first.allSatisfy(\.isASCII), first.allSatisfy(\.isNumber) {
                let s = String(n)
                return s.count >= first.count ? s : String(repeating: "0", count: first.count - s.count) + s
            }
            return String(n)
        default: return String(n)   // ordinal, cardinalText, vietnameseCounting, …: the number
        }
    }

    static func roman(_ n: Int) -> String {
        guard n > 0, n < 4000 else { return String(n) }
        let table: [(Int, String)] = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                                      (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
        var rest = n, out = ""
        for (v, s) in table { while rest >= v { out += s; rest -= v } }
        return out
    }

    /// Word's letters: A … Z, then AA, BB … ZZ, then AAA (not the spreadsheet AA, AB).
    static func letters(_ n: Int) -> String {
        guard n > 0 else { return String(n) }
        let letter = Character(Unicode.Scalar(UInt8(65 + (n - 1) % 26)))
        return String(repeating: letter, count: (n - 1) / 26 + 1)
    }

    /// Symbol- and Wingdings-font bullets live in the private use area; print what they look like.
    static func bullet(_ s: String) -> String {
        String(s.unicodeScalars.map { c -> String in
            switch c.value {
            case 0xF0B7, 0xF0A8, 0x2022: return "•"
            case 0xF0A7, 0xF06E: return "▪"
            case 0xF0D8: return "➢"
            case 0xF076: return "❖"
            case 0xF0FC: return "✓"
            case 0xF02D: return "-"
            case 0xF02B: return "+"
            case 0xF000...0xF0FF: return "•"
            default: return String(c)
            }
        }.joined())
    }
}
