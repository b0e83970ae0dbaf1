import Foundation

/// Markers that open a list item or a numbered heading at the start of a line.
public enum ListMarker {
    /// "- ", "+ ", "• ", "I. ", "12. ", "2.1. ", "a) ", "đ) ", "a. " followed by text.
    public static func starts(_ s: String) -> Bool {
        guard let f = s.unicodeScalars.first else { return false }
        if "-+•*–".unicodeScalars.contains(f) {
            let rest = s.dropFirst()
            return rest.first == " " || rest.first == "\t"
        }
        return label(of: s) != nil
    }

    /// The outline label at the start of `s` and the text after it, if any: "II." "1." "2.1."
    /// "2.1.3." "a)" "a." "1)". The text after it must begin with a capital letter or a digit,
    /// which keeps "2. khoản" mid-sentence from reading as a heading.
    public static func label(of s: String) -> (label: String, rest: Substring)? {
        let chars = Array(s.prefix(16))
        var i = 0
        func restAfter(_ n: Int) -> Substring? {
            var k = s.index(s.startIndex, offsetBy: n)
            guard k < s.endIndex, s[k] == " " || s[k] == "\t" else { return nil }
            while k < s.endIndex, s[k] == " " || s[k] == "\t" { k = s.index(after: k) }
            guard k < s.endIndex else { return nil }
            let c = s[k]
            guard c.isUppercase || c.isNumber || c == "(" || c == "“" || c == "\"" else { return nil }
            return s[k...]
        }
        // Roman numeral.
        while i < chars.count, "IVXL".contains(chars[i]) { i += 1 }
        if i > 0, i < chars.count, chars[i] == "." || chars[i] == ")", Roman.value(String(chars[0..<i])) != nil {
            if let r = restAfter(i + 1) { return (String(chars[0...i]), r) }
            return nil
        }
        // Decimal, possibly dotted.
        i = 0
        var groups = 0
        while i < chars.count {
            let st = i
            while i < chars.count, chars[i].isASCII, chars[i].isNumber { i += 1 }
            if i == st || i - st > 2 { break }
            groups += 1
            if i < chars.count, chars[i] == "." {
                i += 1
                if i < chars.count, chars[i].isNumber { continue }
                if let r = restAfter(i) { return (String(chars[0..<i]), r) }
                return nil
            }
            if i < chars.count, chars[i] == ")", groups == 1 {
                if let r = restAfter(i + 1) { return (String(chars[0...i]), r) }
                return nil
            }
            // "1.1 Text": a dotted label without the final dot.
            if groups >= 2, let r = restAfter(i) { return (String(chars[0..<i]), r) }
            return nil
        }
        // Letter.
        if chars.count >= 2, Alphabet.index(of: chars[0]) != nil, chars[1] == ")" || chars[1] == "." {
            if let r = restAfter(2) { return (String(chars[0...1]), r) }
        }
        return nil
    }
}

public enum Roman {
    static let values: [Character: Int] = ["I": 1, "V": 5, "X": 10, "L": 50]
    /// The value of a well-formed Roman numeral up to 89, or nil.
    public static func value(_ s: String) -> Int? {
        guard !s.isEmpty, s.count <= 7 else { return nil }
        var total = 0, prev = 0
        for c in s.reversed() {
            guard let v = values[c] else { return nil }
            if v < prev { total -= v } else { total += v; prev = v }
        }
        return string(total) == s ? total : nil
    }
    public static func string(_ n: Int) -> String {
        let table: [(Int, String)] = [(50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
        var n = n, out = ""
        for (v, s) in table { while n >= v { out += s; n -= v } }
        return out
    }
}

/// The Vietnamese alphabet as lettered lists use it: a b c d đ e g h i k l m n o p q r s t u v x y.
public enum Alphabet {
    static let letters: [Character] = ["a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v", "x", "y"]
    public static func index(of c: Character) -> Int? { letters.firstIndex(of: c) }
    public static func letter(at i: Int) -> Character? { letters.indices.contains(i) ? letters[i] : nil }
}

/// The families of outline label a document can number its parts with. Which families a kind of
/// document uses, and how they nest, is data (Dictionaries/label-families.tsv); this type only
/// names them and tells which family a printed label belongs to.
public enum LabelFamily: String, Sendable, CaseIterable {
    /// "Phần I", "Chương II", "Mục 1", "Điều 5.": a word, then a numeral.
    case part, chapter, section, article
    /// "I." "1." "1.1." "1.1.1." "a)" "1)"
    case roman, decimal, dotted2, dotted3, letter, decimalParen
    /// "- " and "+ " bullets: list items inside a part, never parts of the outline themselves.
    case dash, plus

    public var isWorded: Bool { [.part, .chapter, .section, .article].contains(self) }

    /// The ordinal a plain label carries within its family (the last number, the letter's place).
    public static func ordinal(_ label: String) -> Int? {
        let body = label.trimmingCharacters(in: CharacterSet(charactersIn: ".)"))
        if let r = Roman.value(body) { return r }
        if body.count == 1, let c = body.first, let i = Alphabet.index(of: c) { return i + 1 }
        return body.split(separator: ".").last.flatMap { Int($0) }
    }

    /// The family of a label `ListMarker.label(of:)` found ("IV." -> roman, "đ)" -> letter).
    public init?(plainLabel label: String) {
        let core = label.dropLast()
        if label.hasSuffix(")") {
            if core.count == 1, let c = core.first, Alphabet.index(of: c) != nil { self = .letter; return }
            if !core.isEmpty, core.allSatisfy(\.isNumber) { self = .decimalParen; return }
            if Roman.value(String(core)) != nil { self = .roman; return }
            return nil
        }
        let body = label.hasSuffix(".") ? core : Substring(label)
        if Roman.value(String(body)) != nil { self = .roman; return }
        if body.count == 1, let c = body.first, Alphabet.index(of: c) != nil { self = .letter; return }
        let groups = body.split(separator: ".", omittingEmptySubsequences: false)
        guard !groups.isEmpty, groups.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }) else { return nil }
        switch groups.count {
        case 1: self = .decimal
        case 2: self = .dotted2
        default: self = .dotted3
        }
    }
}

/// The label words of the worded families ("Điều" -> article), as Dictionaries/label-families.tsv
/// lists them, and the reading of a worded label at the start of a line.
public struct WordedLabels: Sendable {
    /// Folded word -> family, e.g. "dieu" -> .article.
    let words: [(key: String, word: String, family: LabelFamily)]

    public init(_ words: [(word: String, family: LabelFamily)]) {
        self.words = words.map { (Fold.key($0.word), $0.word, $0.family) }
    }

    /// Only the words of the families a kind of document uses.
    public func restricted(to families: Set<LabelFamily>) -> WordedLabels {
        WordedLabels(words.filter { families.contains($0.family) }.map { ($0.word, $0.family) })
    }

    /// "Điều 1. Phạm vi điều chỉnh" -> ("Điều 1.", .article, "Phạm vi điều chỉnh"); "Chương II" ->
    /// ("Chương II", .chapter, ""); "PHẦN THỨ NHẤT" -> ("PHẦN THỨ NHẤT", .part, ""). The numeral
    /// must follow the word, so "Điều lệ …" or "Mục tiêu …" never read as labels. The text after
    /// the label, when there is any, must open with a capital, a digit or a quote, as for
    /// `ListMarker.label(of:)`; a label ending in "." or ":" may also stand alone. An article's
    /// number always ends in "." or ":".
    public func label(of s: String) -> (label: String, family: LabelFamily, rest: Substring)? {
        guard let first = s.unicodeScalars.first, first.properties.isUppercase else { return nil }
        let head = Fold.Head(s)
        for w in words where head.starts(with: w.key) {
            var i = s.index(s.startIndex, offsetBy: w.word.count, limitedBy: s.endIndex) ?? s.endIndex
            guard i < s.endIndex, s[i] == " " else { continue }
            while i < s.endIndex, s[i] == " " { i = s.index(after: i) }
            let numStart = i
            while i < s.endIndex, s[i].isLetter || s[i].isNumber { i = s.index(after: i) }
            var numeral = String(s[numStart..<i])
            // "Phần thứ nhất": an ordinal in words.
            if Fold.key(numeral) == Fold.key("thứ"), i < s.endIndex, s[i] == " " {
                var j = s.index(after: i)
                while j < s.endIndex, s[j].isLetter { j = s.index(after: j) }
                numeral = String(s[numStart..<j]); i = j
            } else if !(numeral.allSatisfy(\.isNumber) && (1...3).contains(numeral.count)) && Roman.value(numeral.uppercased()) == nil {
                continue
            }
            var labelEnd = i
            if i < s.endIndex, s[i] == "." || s[i] == ":" { i = s.index(after: i); labelEnd = i }
            let punctuated = labelEnd > s.startIndex && ".:".contains(s[s.index(before: labelEnd)])
            while i < s.endIndex, s[i] == " " || s[i] == "\t" || s[i] == "-" || s[i] == "–" { i = s.index(after: i) }
            let rest = s[i...]
            // "Điều 5 Quyết định số …" at a line start is a cross-reference, not an article: an
            // article's number is followed by "." or ":".
            if w.family == .article && !punctuated { continue }
            if let c = rest.first {
                guard c.isUppercase || c.isNumber || c == "(" || c == "“" || c == "\"" else { continue }
            }
            return (String(s[s.startIndex..<labelEnd]), w.family, rest)
        }
        return nil
    }
}
