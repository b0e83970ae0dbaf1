/// The shape of a Vietnamese syllable, for telling a foreign word from a misspelt one:
/// initial consonant, one run of vowels, a final consonant from the few the language has.
enum Syllable {
    static let initials: Set<String> = ["", "b", "c", "ch", "d", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh",
                                        "nh", "p", "ph", "q", "qu", "r", "s", "t", "th", "tr", "v", "x"]
    static let finals: Set<String> = ["", "c", "ch", "m", "n", "ng", "nh", "p", "t"]
    static let vowels: Set<Character> = ["a", "e", "i", "o", "u", "y"]

    /// True for a plain-ASCII word that cannot be a Vietnamese syllable without its marks.
    static func isForeign(_ w: String) -> Bool {
        guard w.allSatisfy({ $0.isASCII && $0.isLetter }) else { return false }
        let s = Array(w.lowercased())
        if s.contains(where: { "fjwz".contains($0) }) { return true }
        guard let v0 = s.firstIndex(where: vowels.contains), let v1 = s.lastIndex(where: vowels.contains) else { return true }
        let initial = String(s[..<v0]), final = String(s[(v1 + 1)...]), nucleus = s[v0...v1]
        if nucleus.contains(where: { !vowels.contains($0) }) || nucleus.count > 3 { return true }
        return !initials.contains(initial) || !finals.contains(final)
    }
}
