import Foundation
import VanBanCore
import VanBanModel

/// Deadline phrases as plans write them, typed: years and ranges, recurrence, an event.
public struct DeadlineParser: Sendable {
    let dictionaries: Dictionaries

    /// The typed deadline, and whether the phrase was understood.
    func parse(_ raw: String) -> (Deadline, understood: Bool) {
        let text = Fold.collapse(raw)
        var d = Deadline(text: text)
        guard !text.isEmpty, text != "-" else { return (d, true) }
        let key = Fold.key(text)
        let years = Self.years(in: text)
        var understood = false

        // A phrase from the dictionary: "Thường xuyên", "Hằng năm", "Theo kế hoạch riêng", "Sau khi …".
        if let (_, phrase, meaning) = dictionaries.deadlinePhrases.first(where: { key.hasPrefix($0.key) || key.contains(" " + $0.key) || key.contains(";" + $0.key) }) {
            understood = true
            switch meaning {
            case "continuous": d.recurrence = .continuous
            case "annual": d.recurrence = .annual
            case "per-plan": d.recurrence = .perPlan
            case "periodic":
                let every = Self.numbers(in: text).filter { $0 > 0 && $0 < 100 }
                if !every.isEmpty, key.contains(Fold.key("năm")) { d.everyYears = every }
            case "event":
                if let r = text.range(of: phrase, options: [.caseInsensitive, .diacriticInsensitive]) {
                    d.event = text[r.upperBound...].trimmingCharacters(in: .whitespaces)
                }
            default: break
            }
        }
        if let first = years.first {
            understood = true
            d.from = first
            d.to = years.count > 1 ? years.last : first
            let openEnded = [Fold.key("duy trì"), Fold.key("các năm tiếp theo"), Fold.key("từ năm"), Fold.key("trở đi")].contains { key.contains($0) }
            if openEnded {
                d.to = years.count > 1 ? years.last : nil
                if d.recurrence == nil { d.recurrence = .continuous }
            } else if years.count == 1, d.recurrence == nil {
                d.recurrence = .once
            }
            d.month = Self.month(in: text)
        }
        return (d, understood)
    }

    /// "Tháng 12 năm 2025" or "04/2026" -> the month.
    static func month(in text: String) -> Int? {
        let lower = text.lowercased()
        if let r = lower.range(of: "tháng") {
            let n = lower[r.upperBound...].drop { $0 == " " }.prefix { $0.isASCII && $0.isNumber }
            if let m = Int(n), (1...12).contains(m) { return m }
        }
        if let slash = text.firstIndex(of: "/") {
            let before = text[..<slash].reversed().prefix { $0.isASCII && $0.isNumber }
            let after = text[text.index(after: slash)...].prefix { $0.isASCII && $0.isNumber }
            if after.count == 4, let m = Int(String(before.reversed())), (1...12).contains(m) { return m }
        }
        return nil
    }

    /// Four-digit years 1990–2099, in order.
    public static func years(in s: String) -> [Int] {
        // Runs of exactly four digits starting 19 or 20, not the tail of a date ("28/02/2025"
        // still counts: its year is the plan's year).
        var out: [Int] = []
        var run = ""
        for ch in s + " " {
            if ch.isASCII, ch.isNumber { run.append(ch); continue }
            if run.count == 4, run.hasPrefix("19") || run.hasPrefix("20"), let y = Int(run) { out.append(y) }
            run = ""
        }
        return out
    }

    static func numbers(in s: String) -> [Int] {
        s.split(whereSeparator: { !($0.isASCII && $0.isNumber) }).compactMap { Int($0) }
    }
}
