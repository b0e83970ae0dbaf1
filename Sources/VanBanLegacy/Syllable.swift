/// Whether a word is a well-formed Vietnamese syllable: an onset, a rhyme from the language's
/// rhymes, at most one tone mark. Decoding with the wrong table breaks this ("thaựng" for "tháng"),
/// so counting well-formed words tells which table a text was written in.
enum Syllable {
    static let onsets: [String] = ["ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "th", "tr", "qu",
                                   "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x"]
    static let rhymes: Set<String> = {
        let list = """
        a ai ao au ay an ang anh am ac ach ap at ăn ăng ăm ăc ăp ăt âu ây ân âng âm âc âp ât
        e eo en eng em ec ep et ê êu ên ênh êm êch êp êt i ia iu in inh im ich ip it iêu iên iêng iêm iêc iêp iêt
        yêu yên yêm yêt yêng o oi oa oai oao oay oan oang oanh oam oac oach oap oat oăn oăng oăm oăc oăt oăp
        oe oeo oen oet oong ooc on ong om oc op ot ô ôi ôn ông ôm ôc ôp ôt ơ ơi ơn ơm ơp ơt
        u ua ui uôi uân uâng uây uât uê uênh uêch uy uya uyu uyên uyêt uynh uych uyt uyn un ung um uc up ut
        uôn uông uôm uôc uôt uơ uya ư ưa ưi ưu ươi ươu ưn ưng ưm ưc ưt ươn ương ươm ươc ươp ươt y
        """
        return Set(list.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))
    }()
    static let tones: Set<UInt32> = [0x300, 0x301, 0x303, 0x309, 0x323]

    /// `word` holds letters only; case does not matter.
    static func isValid(_ word: String) -> Bool {
        var base = ""
        var toneCount = 0
        for s in word.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
            if tones.contains(s.value) { toneCount += 1 } else { base.unicodeScalars.append(s) }
        }
        guard toneCount <= 1 else { return false }
        let b = base.precomposedStringWithCanonicalMapping
        if rhymes.contains(b) { return true }
        for o in onsets where b.hasPrefix(o) {
            let rest = String(b.dropFirst(o.count))
            if rhymes.contains(rest) { return true }
            // "gi" and "qu" also read as g/q + a rhyme starting with i/u ("gìn", "quá").
        }
        return false
    }
}

/// How much of a text reads as Vietnamese: the share of its words that are well-formed
/// syllables in one case, and the share that carry a Vietnamese mark. A bad OCR text layer
/// ("ceNG no.r, xA Her") scores low on both; capitals-only words that make no syllable (UBND,
/// KH) are abbreviations and not counted.
public enum TextQuality {
    public static func wellFormedShare(_ text: String) -> (share: Double, words: Int, marked: Double) {
        var counted = 0, valid = 0, marked = 0
        for w in text.split(whereSeparator: { !$0.isLetter }) where w.count >= 2 {
            let s = String(w)
            let upperAfterLower = zip(s, s.dropFirst()).contains { $0.isLowercase && $1.isUppercase }
            let ok = Syllable.isValid(s) && !upperAfterLower
            if !ok && !s.contains(where: { $0.isLowercase }) { continue }
            counted += 1
            if ok { valid += 1 }
            if s.unicodeScalars.contains(where: { $0.value > 0x7F }) { marked += 1 }
        }
        guard counted > 0 else { return (1, 0, 1) }
        return (Double(valid) / Double(counted), counted, Double(marked) / Double(counted))
    }

    /// Not worth keeping as the text of a Vietnamese page.
    public static func isGarbage(_ text: String) -> Bool {
        let q = wellFormedShare(text)
        return q.words >= 30 && (q.share < 0.6 || q.marked < 0.15)
    }
}
