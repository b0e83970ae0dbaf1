import Foundation
import VanBan

/// Matches lint findings to a gold file's `defects` by kind and place: a finding counts for
/// a defect when its code can stand for the defect's kind, its place names the same part of
/// the document (header, preamble, a body section or one below it, an appendix/group/row,
/// the closing), and the text it quotes shares a word with the defect's description.
struct LintGold {
    struct Defect: Decodable { let kind: String; let `where`: String; let what: String }

    static func defects(_ url: URL) throws -> [Defect] {
        struct File: Decodable { let defects: [Defect]? }
        return try JSONDecoder().decode(File.self, from: Data(contentsOf: url)).defects ?? []
    }

    static let typoCodes: Set<String> = ["spelling", "near-miss", "doubled-word", "repeated-phrase", "missing-space", "missing-word",
                                         "lowercase-sentence", "unbalanced-quote", "capital-mid-sentence"]
    static func kinds(_ code: String) -> Set<String> {
        switch code {
        case "duplicate-label", "label-gap", "label-parent": return ["duplicate-label", "label-gap", "other"]
        case "malformed-symbol": return ["malformed-symbol"]
        case "space-in-symbol": return ["malformed-symbol", "typo"]
        case "type-symbol-mismatch": return ["malformed-symbol", "inconsistent-reference"]
        case "inconsistent-reference", "appendix-reference", "reference-after-date": return ["inconsistent-reference", "other"]
        case "group-title-repeated", "group-heading-mismatch": return ["heading-mismatch", "other"]
        case "cell-repeat", "clause-repeat": return ["other", "typo"]
        default: return typoCodes.contains(code) ? ["typo", "other"] : ["other"]
        }
    }

    enum Area: Equatable {
        case any, header, preamble, closing, footnote
        case body(String)
        case appendix(Int?, Int?, Int?)
    }

    static func romanOrNumber(_ s: Substring) -> Int? { Int(s) ?? Roman.value(s.uppercased()) }

    /// The parts of the document a place names ("Body II.3", "Phụ lục II, group V, row 4", "Closing ¶2").
    static func areas(_ place: String) -> [Area] {
        var out: [Area] = []
        let parts = place.replacingOccurrences(of: " vs ", with: ";").split(separator: ";")
        for part in parts {
            let words = part.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "(" || $0 == ")" })
            let lower = words.map { Fold.bare($0).lowercased() }
            func after(_ w: String) -> Substring? { lower.firstIndex(of: w).flatMap { $0 + 1 < words.count ? words[$0 + 1] : nil } }
            if let i = lower.indices.first(where: { lower[$0] == "phu" && $0 + 2 < lower.count && lower[$0 + 1] == "luc" }) {
                let group = after("group").flatMap(romanOrNumber), row = (after("row") ?? after("rows")).flatMap { Int($0) }
                out.append(.appendix(romanOrNumber(words[i + 2]), group, row))
            } else if lower.contains("group") || lower.contains("row") || lower.contains("rows") || lower.contains("table") || lower.contains("attachedto") {
                out.append(.appendix(nil, after("group").flatMap(romanOrNumber), (after("row") ?? after("rows")).flatMap { Int($0) }))
            } else if lower.contains("header") || lower.contains("signature") {
                out.append(.header)
            } else if lower.contains("preamble") {
                out.append(.preamble)
            } else if lower.contains("closing") {
                out.append(.closing)
            } else if let path = words.first(where: { w in
                let head = w.split(separator: ".").first.map(String.init) ?? ""
                return !head.isEmpty && (Roman.value(head) != nil || Int(head) != nil) && (w.contains(".") || Roman.value(head) != nil)
            }) {
                out.append(.body(path.trimmingCharacters(in: .init(charactersIn: ".)")).uppercased()))
            } else if lower.contains("footnote") {
                out.append(.footnote)
            }
        }
        return out.isEmpty ? [.any] : out
    }

    static func samePlace(_ g: [Area], _ f: [Area], flat: Bool) -> Bool {
        for a in g {
            for b in f {
                switch (a, b) {
                case (.any, _), (_, .any): return true
                case (.header, .header), (.preamble, .preamble), (.closing, .closing), (.footnote, .footnote): return true
                case let (.body(x), .body(y)) where x == y || y.hasPrefix(x + ".") || x.hasPrefix(y + "."): return true
                case let (.appendix(n1, g1, r1), .appendix(n2, g2, r2)):
                    if let n1, let n2, n1 != n2 { continue }
                    if let g1, let g2, g1 != g2 { continue }
                    if let r1, let r2, r1 != r2 { continue }
                    return true
                // A document given no outline holds its text in preamble and closing.
                case (.body, .preamble), (.body, .closing), (.closing, .preamble), (.preamble, .closing), (.footnote, .preamble), (.footnote, .closing):
                    if flat { return true }
                default: continue
                }
            }
        }
        return false
    }

    static func words(_ s: String) -> [String] {
        Fold.key(s).split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init).filter { $0.count >= 2 }
    }

    static func sameText(_ d: Defect, _ f: LintFinding) -> Bool {
        guard let t = f.text else { return true }
        let w = words(t)
        if w.isEmpty { return true }
        let what = Set(words(d.what))
        return w.contains(where: what.contains)
    }

    /// Indices of the defects found, and of the findings that found them (each used once).
    /// A finding that names several places ("A; B") stands for each of them.
    static func perPlace(_ findings: [LintFinding]) -> [LintFinding] {
        findings.flatMap { f in
            f.where.components(separatedBy: "; ").map { w -> LintFinding in var g = f; g.where = w; return g }
        }
    }

    static func match(_ defects: [Defect], _ all: [LintFinding], flat: Bool) -> (found: Set<Int>, used: Set<Int>) {
        let findings = perPlace(all)
        var found = Set<Int>(), used = Set<Int>()
        for (di, d) in defects.enumerated() {
            let g = areas(d.where)
            for (fi, f) in findings.enumerated() where !used.contains(fi) && kinds(f.code).contains(d.kind) {
                if samePlace(g, areas(f.where), flat: flat) && sameText(d, f) { found.insert(di); used.insert(fi); break }
            }
        }
        return (found, used)
    }
}
