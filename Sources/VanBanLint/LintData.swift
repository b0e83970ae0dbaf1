import Foundation
import VanBanCore

/// The linter's data from Dictionaries/: the format rules of Nghị định 30 by kind
/// (nd30-format.tsv) and the words beyond the syllable dictionary (lint-terms.tsv).
public struct LintData: Sendable {
    public struct FormatRule: Sendable {
        public let id: String
        /// Type codes, "*" (all) or "-CV" (all but Công văn).
        public let kinds: String
        public let severity: String
        public let element: String
        public let value: String
        public let article: String
        public let message: String

        func applies(to kind: String?) -> Bool {
            if kinds == "*" { return true }
            if kinds.hasPrefix("-") { return kind != String(kinds.dropFirst()) }
            return kinds.split(separator: ",").contains { $0 == kind ?? "" }
        }
    }

    public let formatRules: [FormatRule]
    /// Folded tokens that are correct though no Vietnamese syllable.
    let words: Set<String>
    let units: Set<String>
    /// Folded "word word" that may stand doubled.
    let reduplications: Set<String>
    /// Syllable key -> (may follow, may precede).
    let bound: [String: Bound]
    struct Bound: Sendable {
        let after: Set<String>
        let before: Set<String>
        /// "phát triển, triển khai …" for the message.
        let compounds: String
    }
    /// Common administrative phrases: bare letters -> folded keys and the spelling.
    let phrasesByBare: [String: [(key: String, text: String)]]
    let phraseKeys: Set<String>
    /// The first word of each phrase, bare: most word pairs need no closer look.
    let phraseHeads: Set<String>

    public static let shared: LintData = {
        do { return try LintData(directory: try Dictionaries.directory()) } catch {
            FileHandle.standardError.write(Data("vanban: \(error)\n".utf8))
            exit(70)
        }
    }()

    public init(directory: URL) throws {
        formatRules = try Self.rows(directory.appendingPathComponent("nd30-format.tsv"), minFields: 7).map {
            FormatRule(id: $0[0], kinds: $0[1], severity: $0[2], element: $0[3], value: $0[4], article: $0[5], message: $0[6])
        }
        var words = Set<String>(), units = Set<String>(), redup = Set<String>()
        var bound: [String: Bound] = [:]
        var byBare: [String: [(String, String)]] = [:]
        var keys = Set<String>()
        for f in try Self.rows(directory.appendingPathComponent("lint-terms.tsv"), minFields: 2) {
            let term = f[0]
            switch f[1] {
            case "word": words.insert(Fold.key(term))
            case "unit": units.insert(Fold.key(term))
            case "redup": redup.insert(Fold.key(term))
            case "bound":
                let n = f.count > 2 ? f[2].split(separator: " ") : []
                let after = n.filter { $0.hasPrefix("<") }.map { $0.dropFirst() }, before = n.filter { $0.hasPrefix(">") }.map { $0.dropFirst() }
                bound[Fold.key(term)] = Bound(after: Set(after.map { Fold.key($0) }), before: Set(before.map { Fold.key($0) }),
                                              compounds: (after.map { "\($0) \(term)" } + before.map { "\(term) \($0)" }).joined(separator: ", "))
            case "phrase":
                let k = Fold.key(term)
                keys.insert(k)
                byBare[Self.bare(term), default: []].append((k, term))
            default: throw LintDataError(description: "lint-terms.tsv: unknown kind “\(f[1])” for “\(term)”")
            }
        }
        self.words = words; self.units = units; reduplications = redup
        self.bound = bound
        phrasesByBare = byBare.mapValues { $0.map { (key: $0.0, text: $0.1) } }
        phraseKeys = keys
        phraseHeads = Set(byBare.keys.compactMap { $0.split(separator: " ").first.map(String.init) })
    }

    /// Letters without diacritics, lower-cased, words joined by one space: "Ban Thường vụ" -> "ban thuong vu".
    static func bare(_ s: some StringProtocol) -> String {
        Fold.bare(s).lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).joined(separator: " ")
    }

    static func rows(_ url: URL, minFields: Int) throws -> [[String]] {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw LintDataError(description: "cannot read \(url.path)")
        }
        return text.split(separator: "\n", omittingEmptySubsequences: true).compactMap { line -> [String]? in
            if line.hasPrefix("#") { return nil }
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map { Fold.nfc(String($0)).trimmingCharacters(in: .whitespaces) }
            return f.count >= minFields ? f : nil
        }
    }
}

public struct LintDataError: Error, CustomStringConvertible {
    public let description: String
}
