import VanBanCore

/// What the scanner needs from the dictionaries, precomputed as bare ASCII words.
struct Lexicon: Sendable {
    struct TypeName: Sendable {
        let words: [[UInt8]]
        let type: DocumentType
    }
    /// Type names keyed by their last bare word, longest first within each key.
    let typeNamesByLastWord: [[UInt8]: [TypeName]]
    let maxTypeWords: Int
    /// First two bare words of multi-word type names, and one-word type names, for telling
    /// "Bộ Giáo dục và Đào tạo" from "Chính phủ và Chương trình hành động".
    let typeStarts: Set<[UInt8]>
    /// Fold.symbolKey of every type and issuer code.
    let typeCodes: Set<String>
    let issuerCodes: Set<String>
    /// The administrative type for a code key, for mentions without a type name ("Kế Tổ trưởng hoạch số 112/KH-THCS").
    let typeByCode: [String: DocumentType]
    let dictionaries: Dictionaries

    init(_ d: Dictionaries) {
        dictionaries = d
        var byLast: [[UInt8]: [TypeName]] = [:]
        var starts = Set<[UInt8]>()
        var maxWords = 1
        for (spelling, type) in d.typeNamesLongestFirst {
            let words = Lexicon.bareWords(spelling)
            guard let last = words.last else { continue }
            byLast[last, default: []].append(TypeName(words: words, type: type))
            maxWords = max(maxWords, words.count)
            starts.insert(words.count == 1 ? words[0] : words[0] + [0x20] + words[1])
        }
        for k in byLast.keys { byLast[k]!.sort { $0.words.count > $1.words.count } }
        typeNamesByLastWord = byLast
        maxTypeWords = maxWords
        typeStarts = starts
        typeCodes = Set(d.documentTypes.compactMap { $0.code.map(Fold.symbolKey) })
        issuerCodes = Set(d.issuers.map { Fold.symbolKey($0.code) })
        // The first non-Party type for a shared code ("CTr": Chương trình, "KH": Kế hoạch).
        var byCode: [String: DocumentType] = [:]
        for t in d.documentTypes {
            guard let c = t.code else { continue }
            let k = Fold.symbolKey(c)
            if let old = byCode[k], old.family != .party || t.family == .party { continue }
            byCode[k] = t
        }
        typeByCode = byCode
    }

    static func bareWords(_ s: String) -> [[UInt8]] {
        var words: [[UInt8]] = [], cur: [UInt8] = []
        for u in s.unicodeScalars {
            let c = Letters.cls(u.value)
            if c == 0 {
                if !cur.isEmpty { words.append(cur); cur = [] }
            } else if c != 1 {
                cur.append(c & 0x7F)
            }
        }
        if !cur.isEmpty { words.append(cur) }
        return words
    }

    /// `bareWords` of UTF-8 bytes, the first `limit` words only.
    static func bareWords(_ bytes: ArraySlice<UInt8>, limit: Int) -> [[UInt8]] {
        var words: [[UInt8]] = []
        forEachBareWord(bytes) { w in words.append(w); return words.count < limit }
        return words
    }

    /// Does "thực hiện" stand among the words of `bytes` past the first `after`?
    static func hasThucHien(_ bytes: ArraySlice<UInt8>, after: Int) -> Bool {
        var n = 0, thuc = false, found = false
        forEachBareWord(bytes) { w in
            n += 1
            if n > after + 1, thuc, w.is("hien") { found = true; return false }
            thuc = n > after && w.is("thuc")
            return true
        }
        return found
    }

    /// Calls `body` with each bare word (as `bareWords` splits them) until it returns false;
    /// the word's buffer is reused.
    static func forEachBareWord(_ bytes: ArraySlice<UInt8>, _ body: ([UInt8]) -> Bool) {
        bytes.withUnsafeBufferPointer { p in
            let b = Bytes(p: p)
            var cur: [UInt8] = []
            cur.reserveCapacity(16)
            var i = 0
            while i < b.count {
                let (v, len) = b.scalar(at: i)
                i += len
                let c = Letters.cls(v)
                if c == 0 {
                    if !cur.isEmpty { if !body(cur) { return }; cur.removeAll(keepingCapacity: true) }
                } else if c != 1 {
                    cur.append(c & 0x7F)
                }
            }
            if !cur.isEmpty { _ = body(cur) }
        }
    }

    func isCode(_ s: String) -> Bool {
        let k = Lexicon.symbolKey(s)
        if typeCodes.contains(k) || issuerCodes.contains(k) { return true }
        // "QH14": an issuer code with the term of office after it.
        let stem = String(k.reversed().drop(while: { $0.isNumber }).reversed())
        return stem != k && issuerCodes.contains(stem)
    }
}

extension Lexicon {
    /// `Fold.symbolKey` for the characters a symbol can hold (ASCII, Đ/đ/Ð/ð, dashes), without
    /// Foundation: the scanner calls it once per mention.
    static func symbolKey(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        var atNumberStart = true, pendingZero = false
        for c in s.unicodeScalars {
            var v = c.value
            if Bytes.isSpace(v) || (0x300...0x36F).contains(v) { continue }
            switch v {
            case 0x110, 0x111, 0xD0, 0xF0: v = 0x44
            default:
                if Bytes.isDash(v) { v = 0x2D } else if v >= 0x61 && v <= 0x7A { v -= 0x20 }
            }
            if v >= 0x30 && v <= 0x39 {
                if atNumberStart && v == 0x30 { pendingZero = true; continue }
                atNumberStart = false; pendingZero = false
                out.append(Unicode.Scalar(v)!)
                continue
            }
            if pendingZero { out.append("0"); pendingZero = false }
            atNumberStart = true
            if v < 0x80 { out.append(Unicode.Scalar(v)!) } else { out.append(contentsOf: c.properties.uppercaseMapping.unicodeScalars) }
        }
        if pendingZero { out.append("0") }
        return String(out)
    }
}
