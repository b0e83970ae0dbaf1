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

    /// The comparison, the number, its unit and the words after it.
    static func number(in s: String) -> (op: String?, value: Double, unit: String?, rest: String)? {
        guard let m = s.firstMatch(of: #/^\s*(≥|>=|>|≤|<=|<|=|[Tt]rên|[Tt]ối thiểu|[Íí]t nhất|[Dd]ưới|[Tt]ối đa)?\s*(\d+(?:[.,]\d+)?)\s*(%)?/#) else { return nil }
        let op: String? = switch m.1.map(String.init)?.lowercased() {
        case "≥", ">=", "tối thiểu", "ít nhất": ">="
        case ">", "trên": ">"
        case "≤", "<=", "tối đa": "<="
        case "<", "dưới": "<"
        case "=": "="
        default: nil
        }
        guard let value = Double(m.2.replacingOccurrences(of: ",", with: ".")) else { return nil }
        return (op, value, m.3.map(String.init), String(s[m.range.upperBound...]))
    }
}
