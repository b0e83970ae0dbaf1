import Foundation

/// Keys for comparing Vietnamese text. Output always keeps the document's own spelling;
/// only comparisons go through these keys.
public enum Fold {
    /// NFC, with the look-alike capital eth (Ð, U+00D0) read as Đ and odd spaces made plain.
    public static func nfc(_ s: String) -> String {
        // One look at the bytes clears nearly all text, and mends the look-alikes of text that
        // needs no composition; the scalar checks below are for the rest.
        if let fast = s.utf8.withContiguousStorageIfAvailable({ b -> String? in
            switch nfcNeed(b) {
            case .none: return s
            case .lookAlikes: return mendLookAlikes(b)
            case .composition: return nil
            }
        }), let fast { return fast }
        // Text without combining marks (nearly all of it) is NFC already; Foundation's
        // normalization is costly enough to skip.
        var out = s.unicodeScalars.contains(where: needsComposition) ? s.precomposedStringWithCanonicalMapping : s
        if out.unicodeScalars.contains(where: { $0 == "\u{00D0}" || $0 == "\u{00F0}" || $0 == "\u{00A0}" || $0 == "\u{FEFF}" }) {
            out = String(String.UnicodeScalarView(out.unicodeScalars.compactMap { c -> Unicode.Scalar? in
                switch c {
                case "\u{00D0}": return "\u{0110}"
                case "\u{00F0}": return "\u{0111}"
                case "\u{00A0}": return " "
                case "\u{FEFF}": return nil
                default: return c
                }
            }))
        }
        return out
    }

    /// What `nfc` must do to some UTF-8 bytes, from one look at each byte: nothing; only mend
    /// the look-alikes (Ð ð, the no-break space, the byte-order mark), which needs no decoding;
    /// or compose, for combining marks and anything outside the Latin and punctuation blocks.
    enum NFCNeed { case none, lookAlikes, composition }

    static func nfcNeed(_ b: UnsafeBufferPointer<UInt8>) -> NFCNeed {
        var lookAlikes = false
        var i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            if c < 0xC2 { i += 1; continue }
            let d: UInt8 = i + 1 < n ? b[i + 1] : 0
            switch c {
            case 0xC2: if d == 0xA0 { lookAlikes = true }           // U+00A0
            case 0xC3: if d == 0x90 || d == 0xB0 { lookAlikes = true }   // Ð ð
            case 0xC4...0xCB, 0xCE...0xD3: break                     // U+0100-02FF, U+0380-04FF
            case 0xE1: if d < 0xB8 { return .composition }           // U+1E00-1FFF pass
            case 0xE2: if d > 0xAF { return .composition }           // U+2000-2BFF pass
            case 0xEF:
                guard d == 0xBB && i + 2 < n && b[i + 2] == 0xBF else { return .composition }
                lookAlikes = true                                     // BOM
            default: return .composition                             // marks, other scripts, astral
            }
            i += c < 0xE0 ? 2 : 3
        }
        return lookAlikes ? .lookAlikes : .none
    }

    /// False when the UTF-8 bytes surely come out of `nfc` unchanged.
    public static func mayNeedNFC(_ b: UnsafeBufferPointer<UInt8>) -> Bool { nfcNeed(b) != .none }

    /// Ð ð as Đ đ, the no-break space as a space, the byte-order mark dropped: on the bytes.
    static func mendLookAlikes(_ b: UnsafeBufferPointer<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            let d: UInt8 = i + 1 < n ? b[i + 1] : 0
            if c == 0xC3 && (d == 0x90 || d == 0xB0) { out.append(0xC4); out.append(d == 0x90 ? 0x90 : 0x91); i += 2; continue }
            if c == 0xC2 && d == 0xA0 { out.append(0x20); i += 2; continue }
            if c == 0xEF && d == 0xBB && i + 2 < n && b[i + 2] == 0xBF { i += 3; continue }
            out.append(c)
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    @inline(__always)
    static func needsComposition(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        if v < 0x300 { return false }
        if v <= 0x36F { return true }
        // Latin, Greek, Cyrillic and Latin Extended Additional hold no composing sequences;
        // other scripts take the full path.
        return !(0x370...0x52F).contains(v) && !(0x1E00...0x1FFF).contains(v) && !(0x2000...0x2BFF).contains(v)
    }

    /// Every dash a document may use for a hyphen.
    public static func isDash(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x2D, 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0xFE63, 0xFF0D: return true
        default: return false
        }
    }

    private static let toneMarks: [UInt32: UInt8] = [0x300: 1, 0x301: 2, 0x303: 3, 0x309: 4, 0x323: 5]

    /// Canonical decompositions of the precomposed Latin letters Vietnamese uses (Latin-1,
    /// Latin Extended-A/B, Latin Extended Additional), read once from Foundation: keys are hot
    /// and Foundation's per-string decomposition is not.
    private static let decompositions: [UInt32: [Unicode.Scalar]] = {
        var table: [UInt32: [Unicode.Scalar]] = [:]
        for range in [0xC0...0x24F, 0x1E00...0x1EFF] {
            for v in range {
                guard let c = Unicode.Scalar(UInt32(v)) else { continue }
                let d = Array(String(c).decomposedStringWithCanonicalMapping.unicodeScalars)
                if d.count > 1 || d.first != c { table[UInt32(v)] = d }
            }
        }
        return table
    }()

    /// Calls `body` with each scalar of `s` in canonical decomposition (for the letters above;
    /// anything else passes as it is).
    @inline(__always)
    static func forEachDecomposed(_ s: some StringProtocol, _ body: (Unicode.Scalar) -> Void) {
        forEachDecomposed(s.unicodeScalars, body)
    }

    @inline(__always)
    static func forEachDecomposed(_ scalars: some Sequence<Unicode.Scalar>, _ body: (Unicode.Scalar) -> Void) {
        for c in scalars {
            if c.value < 0xC0 { body(c); continue }
            if let d = decompositions[c.value] { for x in d { body(x) } } else { body(c) }
        }
    }

    /// A key that ignores case, tone placement (hoá/hóa, Uỷ/Ủy), qui/quy and i/y after a
    /// consonant (kĩ/kỹ), dash kind and runs of white space. Each syllable is written as its
    /// letters with the tone mark moved to the end, so the two placements give one key.
    public static func key(_ s: some StringProtocol) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count + 8)
        var syllable: [Unicode.Scalar] = []
        var tone: UInt8 = 0
        var pendingSpace = false

        func flush() {
            guard !syllable.isEmpty else { return }
            normalizeY(&syllable)
            if pendingSpace && !out.isEmpty { out.append(0x20) }
            pendingSpace = false
            for c in syllable { append(c, to: &out) }
            if tone != 0 { out.append(UInt8(ascii: "0") + tone) }
            syllable.removeAll(keepingCapacity: true)
            tone = 0
        }

        func apply(_ op: UInt32) {
            let v = op & 0x1F_FFFF
            switch op >> 24 {
            case KeyOp.tone: tone = UInt8(v)
            case KeyOp.syllable: syllable.append(Unicode.Scalar(v)!)
            case KeyOp.space:
                flush()
                pendingSpace = true
            default:
                flush()
                if pendingSpace && !out.isEmpty { out.append(0x20) }
                pendingSpace = false
                append(Unicode.Scalar(v)!, to: &out)
            }
        }

        let table = keyTable
        for c in s.unicodeScalars {
            let v = c.value
            if v < UInt32(table.count) {
                let e = table[Int(v)]
                if e.count > 0 {
                    for k in 0..<Int(e.count) { apply(table.ops[Int(e.start) + k]) }
                    continue
                }
            }
            forEachDecomposed(CollectionOfOne(c)) { apply(keyOp($0)) }
        }
        flush()
        return String(decoding: out, as: UTF8.self)
    }

    @inline(__always) private static func append(_ c: Unicode.Scalar, to out: inout [UInt8]) {
        if c.value < 0x80 { out.append(UInt8(c.value)) } else { UTF8.encode(c) { out.append($0) } }
    }

    /// What `key` does with one scalar of a decomposition, as an op: kind in the top byte.
    private enum KeyOp {
        static let syllable: UInt32 = 0, tone: UInt32 = 1, space: UInt32 = 2, other: UInt32 = 3
    }

    private static func keyOp(_ c: Unicode.Scalar) -> UInt32 {
        if let t = toneMarks[c.value] { return KeyOp.tone << 24 | UInt32(t) }
        if c.properties.isAlphabetic || c.properties.generalCategory == .nonspacingMark {
            var lower = c.properties.lowercaseMapping.unicodeScalars.first ?? c
            if lower == "\u{00F0}" { lower = "\u{0111}" }
            return KeyOp.syllable << 24 | lower.value
        }
        if c.properties.numericType != nil { return KeyOp.syllable << 24 | c.value }
        if c.properties.isWhitespace { return KeyOp.space << 24 }
        return KeyOp.other << 24 | (isDash(c) ? 0x2D : c.value)
    }

    /// The ops of every scalar of the Latin blocks Vietnamese is written in (below U+1F00), worked
    /// out once from the decompositions and the Unicode properties: `key` looks them up instead.
    private struct KeyTable: Sendable {
        let entries: [(start: UInt32, count: UInt8)]
        let ops: [UInt32]
        var count: Int { entries.count }
        subscript(_ v: Int) -> (start: UInt32, count: UInt8) { entries[v] }
    }

    private static let keyTable: KeyTable = {
        var entries = [(start: UInt32, count: UInt8)](repeating: (0, 0), count: 0x1F00)
        var ops: [UInt32] = []
        for range in [0..<0x250, 0x300..<0x370, 0x1E00..<0x1F00] {
            for v in range {
                guard let c = Unicode.Scalar(UInt32(v)) else { continue }
                let start = ops.count
                forEachDecomposed(CollectionOfOne(c)) { ops.append(keyOp($0)) }
                entries[v] = (UInt32(start), UInt8(ops.count - start))
            }
        }
        return KeyTable(entries: entries, ops: ops)
    }()

    private static let vowels: Set<Unicode.Scalar> = ["a", "e", "i", "o", "u", "y"]

    /// "quy"/"qui" and "kỹ"/"kĩ": a syllable whose only vowel is a final y after consonants
    /// (with "qu" counting as one) is keyed with i.
    private static func normalizeY(_ syl: inout [Unicode.Scalar]) {
        guard syl.count >= 2, syl.last == "y" else { return }
        var body = syl.dropLast()
        if body.count >= 2, body[body.startIndex] == "q", body[body.startIndex + 1] == "u" { body = body.dropFirst(2) }
        guard !body.isEmpty else { syl[syl.count - 1] = "i"; return }
        if body.allSatisfy({ !vowels.contains($0) && $0.properties.generalCategory != .nonspacingMark }) {
            syl[syl.count - 1] = "i"
        }
    }

    /// A key for document symbols: "57- NQ/TW", "57–NQ/TW" and "57-nq/tw" agree; Đ/Ð/D agree;
    /// leading zeros of numbers do not count.
    public static func symbolKey(_ s: some StringProtocol) -> String {
        var out = String.UnicodeScalarView()
        var atNumberStart = true
        var pendingZero = false
        forEachDecomposed(s) { c in
            if c.properties.isWhitespace || c.properties.generalCategory == .nonspacingMark { return }
            var ch = c
            switch c.value {
            case 0x110, 0x111, 0xD0, 0xF0: ch = "D"
            default: if isDash(c) { ch = "-" }
            }
            if ch.properties.numericType != nil, ("0"..."9").contains(ch) {
                if atNumberStart && ch == "0" { pendingZero = true; return }
                atNumberStart = false
                pendingZero = false
                out.append(ch)
                return
            }
            if pendingZero { out.append("0"); pendingZero = false }
            atNumberStart = true
            out.append(contentsOf: ch.properties.uppercaseMapping.unicodeScalars)
        }
        if pendingZero { out.append("0") }
        return String(out)
    }

    /// Letters without any diacritic, upper-cased, Đ as D: for comparing headings in capitals
    /// with their mixed-case spelling.
    public static func bare(_ s: some StringProtocol) -> String {
        var out = String.UnicodeScalarView()
        forEachDecomposed(s) { c in
            if c.properties.generalCategory == .nonspacingMark { return }
            switch c.value {
            case 0x110, 0x111, 0xD0, 0xF0: out.append("D")
            default: out.append(contentsOf: c.properties.uppercaseMapping.unicodeScalars)
            }
        }
        return String(out)
    }

    /// Does `text` begin with `phrase`, folded as `key` folds? Only the head of `text` is keyed.
    public static func startsWith(_ text: some StringProtocol, _ phrase: String) -> Bool {
        key(text.prefix(phrase.count + 4)).hasPrefix(key(phrase))
    }

    /// Prefix tests of one text against several phrases, keying the text's head once.
    public struct Head {
        let key: String
        public init(_ text: some StringProtocol, length: Int = 24) { key = Fold.key(text.prefix(length)) }
        /// `phraseKey` is `Fold.key(phrase)`, computed once by the caller.
        public func starts(with phraseKey: String) -> Bool { key.hasPrefix(phraseKey) }
    }

    /// Collapses runs of white space to one space and trims the ends.
    public static func collapse(_ s: String) -> String {
        if isCollapsed(s) { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count)
        var space = false
        for ch in s {
            if ch.isWhitespace { space = !out.isEmpty; continue }
            if space { out.append(" "); space = false }
            out.append(ch)
        }
        return out
    }

    /// No white space but single spaces between other characters: `collapse` would change
    /// nothing. Read on the bytes; a doubtful byte sends the text the long way.
    static func isCollapsed(_ s: String) -> Bool {
        var space = true   // a leading space is one to drop
        var it = s.utf8.makeIterator()
        while let b = it.next() {
            switch b {
            case 0x20:
                if space { return false }
                space = true
                continue
            case 0x09...0x0D, 0xC2, 0xE1, 0xE3:
                // Tab and line breaks; U+0085, U+00A0, U+1680, U+3000 live behind these lead bytes.
                if b < 0x20 { return false }
                guard let c = it.next() else { return false }
                if b == 0xC2 && (c == 0x85 || c == 0xA0) || b == 0xE1 && c == 0x9A || b == 0xE3 && c == 0x80 { return false }
            case 0xE2:
                // U+2000-200A, U+2028, U+2029, U+202F, U+205F.
                guard let c = it.next(), let d = it.next() else { return false }
                if c == 0x80 && (d <= 0x8A || d == 0xA8 || d == 0xA9 || d == 0xAF) || c == 0x81 && d == 0x9F { return false }
            case 0xCC, 0xCD:
                // A combining mark on a space belongs to that space.
                if space { return false }
            default: break
            }
            space = false
        }
        return !space || s.isEmpty
    }

    /// True when the letters of `s` are all capitals (at least three of them).
    public static func isUppercaseText(_ s: String) -> Bool {
        var letters = 0
        for c in s.unicodeScalars where c.properties.isAlphabetic {
            if c.properties.isLowercase { return false }
            letters += 1
        }
        return letters >= 3
    }
}
