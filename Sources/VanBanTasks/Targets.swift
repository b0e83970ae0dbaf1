import Foundation
import VanBanCore
import VanBanModel

/// Indicator targets: "≥95%", "> 95% cơ sở giáo dục phổ thông …; > 90% …", "100%", "≥200",
/// "Duy trì", "Duy trì, nâng cao", "Tăng", "Thí điểm", "-".
enum TargetParser {
    static let qualifiers: [(key: String, meaning: String)] = [
        ("duy trì, nâng cao", "maintain-raise"), ("duy trì và nâng cao", "maintain-raise"), ("duy trì", "maintain"),
        ("nâng cao", "raise"), ("tăng", "increase"), ("giảm", "decrease"), ("thí điểm", "pilot"), ("hoàn thành", "complete"),
    ].map { (Fold.key($0.0), $0.1) }

    static func parse(_ raw: String, year: Int?) -> [Target] {
        let text = Fold.collapse(raw)
        guard !text.isEmpty, text != "-", text != "–" else { return [] }
        let parts = text.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if parts.count > 1, parts.allSatisfy({ number(in: $0) != nil }) {
            return parts.map { target(String($0), year: year, whole: false) }
        }
        return [target(text, year: year, whole: true)]
    }

    static func target(_ text: String, year: Int?, whole: Bool) -> Target {
        var t = Target(year: year, text: text)
        if let (op, value, unit, rest) = number(in: text) {
            t.op = op ?? "="
            t.value = value
            t.unit = unit
            let scope = rest.trimmingCharacters(in: CharacterSet(charactersIn: " .;,"))
            if !scope.isEmpty { t.scope = scope }
        } else {
            let k = Fold.key(text)
            t.qualifier = qualifiers.first { k.hasPrefix($0.key) }?.meaning
        }
        return t
    }

    // Comparisons as plans write them, longest first.
    static let operators: [(String, String)] = [("≥", ">="), (">=", ">="), ("≤", "<="), ("<=", "<="), (">", ">"), ("<", "<"), ("=", "="),
                                                ("tối thiểu", ">="), ("ít nhất", ">="), ("tối đa", "<="), ("trên", ">"), ("dưới", "<")]

    /// The comparison, the number, its unit and the words after it. Read by hand: a regex
    /// here costs more than the rest of the parse.
    static func number(in s: String) -> (op: String?, value: Double, unit: String?, rest: String)? {
        var rest = Substring(s).drop { $0 == " " }
        var op: String?
        let lower = rest.lowercased()
        if let (word, symbol) = operators.first(where: { lower.hasPrefix($0.0) }) {
            op = symbol
            rest = rest.dropFirst(word.count).drop { $0 == " " }
        }
        let digits = rest.prefix { $0.isASCII && ($0.isNumber || $0 == "." || $0 == ",") }
        guard let first = digits.first, first.isNumber else { return nil }
        // "1.000" and "95,5": a separator followed by exactly three digits groups thousands.
        var text = String(digits)
        while let last = text.last, last == "." || last == "," { text.removeLast() }
        let grouped = text.split(whereSeparator: { $0 == "." || $0 == "," })
        let value: Double?
        if grouped.count > 1, grouped.dropFirst().allSatisfy({ $0.count == 3 }) { value = Double(grouped.joined()) }
        else { value = Double(text.replacingOccurrences(of: ",", with: ".")) }
        guard let value else { return nil }
        rest = rest.dropFirst(text.count).drop { $0 == " " }
        var unit: String?
        if rest.first == "%" { unit = "%"; rest = rest.dropFirst() }
        return (op, value, unit, String(rest))
    }
}
