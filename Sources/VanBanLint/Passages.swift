import VanBanCore
import VanBanModel

/// A piece of the plan's running text with the place a finding names.
struct Passage {
    enum Kind { case title, paragraph, heading, cell, groupTitle }
    let text: Text
    let place: String
    let kind: Kind
    /// For a table cell: the column heading.
    var column: String? = nil
    /// A cell of a table whose text came without cell boundaries: its words may be cut or
    /// run together, so only whole-row rules apply.
    var uncut = false

    func position(at offset: Int) -> Position? { text.position(at: offset) }
}

extension Passage {
    /// Every passage of the plan in reading order. Recipients, the signature and the number
    /// line are the format rules' concern, not running text.
    static func all(in plan: Plan) -> [Passage] {
        var out: [Passage] = []
        let h = plan.header
        if let t = h.title { out.append(Passage(text: Text(t), place: "Header (trích yếu)", kind: .title)) }
        if let t = h.subtitle { out.append(Passage(text: Text(t), place: "Header (subtitle)", kind: .title)) }
        for (i, p) in plan.preamble.enumerated() { out.append(Passage(text: p, place: "Preamble ¶\(i + 1)", kind: .paragraph)) }
        for n in plan.outline {
            n.walk { node, path in
                let place = "Body " + sectionPath(path)
                if !node.title.isEmpty {
                    out.append(Passage(text: Text(node.title, position: node.position), place: place + " (heading)", kind: .heading))
                }
                for (i, p) in node.text.enumerated() { out.append(Passage(text: p, place: "\(place) ¶\(i + 1)", kind: .paragraph)) }
            }
        }
        for (i, p) in plan.closing.enumerated() { out.append(Passage(text: p, place: "Closing ¶\(i + 1)", kind: .paragraph)) }
        let uncut = uncutTables(plan)
        for (ai, a) in plan.appendices.enumerated() {
            let name = appendixName(a, ai)
            let isUncut = uncut.contains(a.label ?? "") || uncut.contains(a.title) || uncut.contains(name)
            if !a.title.isEmpty { out.append(Passage(text: Text(a.title, position: a.position), place: "\(name) (title)", kind: .title)) }
            if let at = a.attachedTo { out.append(Passage(text: Text(at), place: "\(name) (Kèm theo)", kind: .title)) }
            for row in TableWalk(a, name: name).rows {
                switch row.row {
                case let .group(_, title):
                    out.append(Passage(text: Text(title), place: row.place, kind: .groupTitle))
                case let .cells(cells):
                    for (c, cell) in cells.enumerated() where !cell.isEmpty {
                        let col = c < a.columns.count ? a.columns[c] : nil
                        out.append(Passage(text: Text(cell), place: row.place, kind: .cell, column: col, uncut: isUncut))
                    }
                }
            }
        }
        return out
    }

    /// "II.5" from ["II.", "5."]; "III.1.a" from ["III.", "1.", "a)"].
    /// A dotted label under its own head stands for both: ["III.", "3.", "3.4."] -> "III.3.4".
    static func sectionPath(_ labels: [String]) -> String {
        var parts: [String] = []
        for l in labels.map({ $0.trimmingCharacters(in: .init(charactersIn: ".) ")) }) {
            if let last = parts.last, l.hasPrefix(last + "."), l.first?.isNumber ?? false { parts[parts.count - 1] = l } else { parts.append(l) }
        }
        return parts.joined(separator: ".")
    }

    /// Tables the structurer says it read without cell boundaries (from plain text).
    static func uncutTables(_ plan: Plan) -> Set<String> {
        Set(plan.diagnostics.filter { $0.code == "table" && $0.message.contains("no cell boundaries") }.compactMap(\.where))
    }

    static func appendixName(_ a: Appendix, _ index: Int) -> String {
        if let l = a.label, !l.isEmpty { return l }
        if let i = a.in { return "Bảng trong mục \(i)" }
        let t = a.title.isEmpty ? "Bảng \(index + 1)" : String(a.title.prefix(40))
        return t
    }
}

/// A table's rows with their group and the row's number within it ("Phụ lục II, group V, row 4").
struct TableWalk {
    struct Row { let row: TableRow; let group: String?; let number: String?; let place: String }
    let rows: [Row]

    init(_ a: Appendix, name: String) {
        var out: [Row] = []
        var group: String?
        var inGroup = 0
        for r in a.rows {
            switch r {
            case let .group(label, _):
                group = label.trimmingCharacters(in: .init(charactersIn: ".) "))
                inGroup = 0
                out.append(Row(row: r, group: group, number: nil, place: "\(name), group \(group ?? "")"))
            case let .cells(cells):
                inGroup += 1
                let first = cells.first?.trimmingCharacters(in: .whitespaces) ?? ""
                let number = !first.isEmpty && first.count <= 3 && first.allSatisfy({ $0.isNumber || $0 == "." }) ? first.trimmingCharacters(in: .init(charactersIn: ".")) : String(inGroup)
                let place = group.map { "\(name), group \($0), row \(number)" } ?? "\(name), row \(number)"
                out.append(Row(row: r, group: group, number: number, place: place))
            }
        }
        rows = out
    }
}

/// A word, number or mark of a passage, by scalar offsets.
struct Token {
    enum Kind { case word, number, mark }
    let kind: Kind
    let text: Substring
    let start: Int
    let end: Int
    /// White space (or the passage start) before it.
    let spaced: Bool
    /// Fold.key of a word or number: case and tone placement ignored.
    let key: String
    /// The letters without marks, lower-cased ("thuong" for "Thường").
    let bare: String

    var isWord: Bool { kind == .word }
    var isLower: Bool { text.first?.isLowercase ?? false }
    var isCapitalised: Bool {
        guard let f = text.first, f.isUppercase else { return false }
        return text.dropFirst().allSatisfy { !$0.isUppercase }
    }
    var isAllCaps: Bool { text.count >= 2 && text.allSatisfy { !$0.isLowercase } }
}

/// Keys of the words of one document, folded once each: a document repeats its words.
final class WordKeys {
    private var table: [String: (String, String)] = [:]
    func keys(_ w: Substring) -> (key: String, bare: String) {
        let s = String(w)
        if let k = table[s] { return k }
        let k = Fold.key(s)
        let b = LintData.bare(s)
        table[s] = (k, b)
        return (k, b)
    }
}

enum Tokenizer {
    static func tokens(_ s: String, _ cache: WordKeys) -> [Token] {
        var out: [Token] = []
        let scalars = Array(s.unicodeScalars)
        let str = s.unicodeScalars
        var idx = str.startIndex
        var i = 0
        var spaced = true
        func isLetter(_ c: Unicode.Scalar) -> Bool {
            c.properties.isAlphabetic || c.properties.generalCategory == .nonspacingMark
        }
        func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 0x30 && c.value <= 0x39 }
        while i < scalars.count {
            let c = scalars[i]
            if c.properties.isWhitespace { spaced = true; i += 1; idx = str.index(after: idx); continue }
            let startIdx = idx, start = i
            var kind = Token.Kind.mark
            if isDigit(c) {
                kind = .number
                i += 1
                while i < scalars.count, isDigit(scalars[i]) || ((scalars[i] == "." || scalars[i] == "," || scalars[i] == "/") && i + 1 < scalars.count && isDigit(scalars[i + 1])) { i += 1 }
            } else if isLetter(c) && !isDigit(c) {
                kind = .word
                i += 1
                while i < scalars.count, isLetter(scalars[i]), !isDigit(scalars[i]) { i += 1 }
            } else {
                i += 1
            }
            idx = str.index(startIdx, offsetBy: i - start)
            let text = Substring(str[startIdx..<idx])
            let (key, bare) = kind == .mark ? (String(text), String(text)) : cache.keys(text)
            out.append(Token(kind: kind, text: text, start: start, end: i, spaced: spaced, key: key, bare: bare))
            spaced = false
        }
        return out
    }
}
