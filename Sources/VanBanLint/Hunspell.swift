import CHunspell
import Foundation

/// Vietnamese syllables checked with libhunspell and Debian's hunspell-vi. The dictionary
/// spells tone marks the old way (hoá, uỷ); a syllable is accepted in either placement.
/// Answers are cached: a document repeats its words.
final class Speller: @unchecked Sendable {
    private let handle: OpaquePointer
    private var cache: [String: Bool] = [:]
    private var suggested: [String: [String]] = [:]
    private let lock = NSLock()

    static let searchPaths = ["/usr/share/hunspell", "/usr/share/myspell", "/usr/share/myspell/dicts"]

    /// nil when the dictionary is not installed (the spelling rule then says so once).
    init?(language: String = "vi_VN") {
        let env = ProcessInfo.processInfo.environment["VANBAN_HUNSPELL"].map { [$0] } ?? []
        guard let dir = (env + Self.searchPaths).first(where: {
            FileManager.default.fileExists(atPath: "\($0)/\(language).dic") && FileManager.default.fileExists(atPath: "\($0)/\(language).aff")
        }), let h = Hunspell_create("\(dir)/\(language).aff", "\(dir)/\(language).dic") else { return nil }
        handle = h
    }

    deinit { Hunspell_destroy(handle) }

    /// Is this one syllable (already lower-cased or capitalised as written) a Vietnamese word?
    func accepts(_ word: String) -> Bool {
        lock.lock(); defer { lock.unlock() }
        if let known = cache[word] { return known }
        let ok = Self.variants(of: word).contains { v in ToneMarks.placements(of: v).contains { Hunspell_spell(handle, $0) != 0 } }
        cache[word] = ok
        return ok
    }

    /// "qui"/"quy", "kĩ"/"kỹ", "lí"/"lý": the final i and y after a consonant are one spelling.
    static func variants(of word: String) -> [String] {
        let d = Array(word.decomposedStringWithCanonicalMapping.unicodeScalars)
        guard let lastLetter = d.lastIndex(where: { !(0x300...0x36F).contains($0.value) }), lastLetter >= 1 else { return [word] }
        let swap: [Unicode.Scalar: Unicode.Scalar] = ["i": "y", "y": "i", "I": "Y", "Y": "I"]
        guard let other = swap[d[lastLetter]] else { return [word] }
        let before = d[..<lastLetter].filter { !(0x300...0x36F).contains($0.value) }
        let vowels: Set<Unicode.Scalar> = ["a", "e", "i", "o", "u", "y", "A", "E", "I", "O", "U", "Y"]
        // Only where i/y is the whole vowel: after consonants, or after the u of "qu".
        let body = before.count >= 2 && (before[before.count - 1] == "u" || before[before.count - 1] == "U")
            && (before[before.count - 2] == "q" || before[before.count - 2] == "Q") ? Array(before.dropLast()) : Array(before)
        guard !body.contains(where: vowels.contains) else { return [word] }
        var e = d
        e[lastLetter] = other
        return [word, String(String.UnicodeScalarView(e)).precomposedStringWithCanonicalMapping]
    }

    /// Hunspell's suggestions are slow to make; a misspelt word is often misspelt again.
    func suggestions(_ word: String, limit: Int = 3) -> [String] {
        lock.lock(); defer { lock.unlock() }
        if let s = suggested[word] { return s }
        let s = Array(makeSuggestions(word).prefix(limit))
        suggested[word] = s
        return s
    }

    private func makeSuggestions(_ word: String) -> [String] {
        var list: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
        let n = Hunspell_suggest(handle, &list, word)
        guard n > 0, let words = list else { return [] }
        defer { Hunspell_free_list(handle, &list, n) }
        return (0..<Int(n)).compactMap { words[$0].map { String(cString: $0) } }
    }
}

/// Where a syllable carries its tone mark: "hóa" (on the first vowel of oa/oe/uy) or "hoá"
/// (on the second). Both are correct; a document should keep to one.
enum ToneMarks {
    enum Style { case first, second }
    static let tones: Set<UInt32> = [0x300, 0x301, 0x303, 0x309, 0x323]

    /// The word as written and with its tone mark moved between the vowels of oa/oe/uy.
    static func placements(of word: String) -> [String] {
        guard let (style, base, tone, v) = analyse(word) else { return [word] }
        var s = base
        let target = style == .first ? v + 1 : v
        s.insert(tone, at: target + 1)
        return [word, String(String.UnicodeScalarView(s)).precomposedStringWithCanonicalMapping]
    }

    /// For a syllable ending in oa/oe/uy with a tone mark: which vowel carries it, the letters
    /// without the mark (decomposed), the mark, and where the pair starts.
    static func analyse(_ word: String) -> (Style, [Unicode.Scalar], Unicode.Scalar, Int)? {
        let d = Array(word.decomposedStringWithCanonicalMapping.unicodeScalars)
        guard d.count >= 3, d.count <= 12 else { return nil }
        var base: [Unicode.Scalar] = []
        var tone: Unicode.Scalar?
        var toneAfter = -1
        for c in d {
            if tones.contains(c.value) { tone = c; toneAfter = base.count - 1 } else { base.append(c) }
        }
        guard let tone, base.count >= 2 else { return nil }
        let lower = base.map { Character($0).lowercased().unicodeScalars.first! }
        let n = lower.count
        let pair = (lower[n - 2], lower[n - 1])
        let isPair = (pair.0 == "o" && (pair.1 == "a" || pair.1 == "e")) || (pair.0 == "u" && pair.1 == "y")
        // "qu" + y: the u belongs to the consonant ("quý").
        guard isPair, !(pair.0 == "u" && n >= 3 && lower[n - 3] == "q") else { return nil }
        if toneAfter == n - 2 { return (.first, base, tone, n - 2) }
        if toneAfter == n - 1 { return (.second, base, tone, n - 2) }
        return nil
    }

    static func style(of word: String) -> Style? { analyse(word)?.0 }
}
