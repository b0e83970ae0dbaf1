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
