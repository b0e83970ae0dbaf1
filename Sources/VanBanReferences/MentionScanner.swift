import VanBanCore

/// Finds numbered-document mentions in plain text, raw or joined, NFC or NFD.
///
/// It works on UTF-8 bytes: the only per-byte work is looking for a slash or a dash right
/// after a digit; everything else (the symbol, the type name before it, date and issuer
/// after it) is read only at such an anchor.
public struct MentionScanner: Sendable {
    let lex: Lexicon

    public init(dictionaries: Dictionaries = .shared) { lex = Lexicon(dictionaries) }

    public func mentions(in text: String) -> [Mention] {
        var text = text
        return text.withUTF8 { scan(Bytes(p: $0)) }
    }

    func scan(_ b: Bytes) -> [Mention] {
        var out: [Mention] = []
        let n = b.count
        guard n > 1, let base = b.p.baseAddress else { return out }
        var i = 1
        while i < n {
            let c = base[i]
            if c == 0x2F || c == 0x2D || c == 0xE2 || c == 0xEF, Bytes.isDigit(base[i - 1]), let m = parse(b, sepAt: i) {
                out.append(m)
                i = m.range.upperBound
                continue
            }
            i += 1
        }
        return out
    }

    // MARK: the symbol

    private func isSymbolLetter(_ v: UInt32) -> Bool {
        (v | 0x20) >= 0x61 && (v | 0x20) <= 0x7A || v == 0x110 || v == 0x111 || v == 0xD0 || v == 0xF0
    }

    /// One symbol segment ("KH", "BGDĐT", "QH14", "GD&ĐT") starting at `i`. After white space
    /// (a line break inside the symbol) only a code-like segment counts, so a bullet "- Tổ chức"
    /// on the next line is not read as part of "11/NQ-CP".
    private func segment(_ b: Bytes, at i: Int, afterSpace: Bool) -> Int? {
        guard i < b.count, isSymbolLetter(b.scalar(at: i).0) else { return nil }
        var j = i
        var lower = false
        while j < b.count {
            let (v, len) = b.scalar(at: j)
            if isSymbolLetter(v) {
                if (v >= 0x61 && v <= 0x7A) || v == 0x111 || v == 0xF0 { lower = true }
            } else if !(Bytes.isDigit(UInt8(truncatingIfNeeded: v)) && v < 0x80) && v != 0x26 {
                break
            }
            j += len
        }
        // A segment ends at a word boundary: "2030-Mức" is no symbol.
        if j < b.count, Letters.cls(b.scalar(at: j).0) != 0 { return nil }
        if afterSpace && lower && !lex.isCode(b.string(i..<j)) { return nil }
        return j
    }

    /// The separator at `i` ("/" or any dash) and its length.
    private func separator(_ b: Bytes, at i: Int) -> (slash: Bool, len: Int)? {
        guard i < b.count else { return nil }
        let (v, len) = b.scalar(at: i)
        if v == 0x2F { return (true, len) }
        if Bytes.isDash(v) { return (false, len) }
        return nil
    }

    private func parse(_ b: Bytes, sepAt i: Int) -> Mention? {
        guard let sep0 = separator(b, at: i) else { return nil }
        // The number: digits, not glued to a word, a date or another symbol.
        var s = i
        while s > 0 && Bytes.isDigit(b[s - 1]) { s -= 1 }
        guard i - s <= 6 else { return nil }
        if s > 0 {
            let (v, _) = b.scalar(at: b.previousStart(s))
            if Letters.cls(v) != 0 || v == 0x2F || v == 0x2E || v == 0x2C || Bytes.isDash(v) { return nil }
        }

        var spaces: [Int] = []
        var stray = false
        /// Skips white space inside the symbol, remembering where it was.
        func skipInner(_ k: Int) -> Int {
            let (e, br) = b.skipSpace(k)
            if e > k { spaces.append(k); if !br { stray = true } }
            return e
        }

        var k = skipInner(i + sep0.len)
        var year: Int?
        var segs: [Range<Int>] = []
        var form: Mention.Form
        if sep0.slash {
            // "02/2025/TT-BGDĐT": a four-digit year before the symbol proper.
            if k + 4 <= b.count, (k..<k + 4).allSatisfy({ Bytes.isDigit(b[$0]) }) {
                let y = b.skipSpace(k + 4).end
                guard y < b.count, b[y] == 0x2F else { return nil }
                year = (k..<k + 4).reduce(0) { $0 * 10 + Int(b[$1] - 0x30) }
                k = skipInner(y + 1)
            }
            guard let e = segment(b, at: k, afterSpace: !spaces.isEmpty) else { return nil }
            segs.append(k..<e)
            var end = e
            while let sep = separator(b, at: end) {
                let before = spaces.count
                let q = skipInner(end + sep.len)
                guard let e2 = segment(b, at: q, afterSpace: q > end + sep.len) else {
                    spaces.removeLast(spaces.count - before)
                    break
                }
                segs.append(q..<e2)
                end = e2
            }
            form = .state
        } else {
            guard let e = segment(b, at: k, afterSpace: !spaces.isEmpty) else { return nil }
            segs.append(k..<e)
            form = .partial
            if let sep = separator(b, at: e), sep.slash {
                let before = spaces.count
                let q = skipInner(e + sep.len)
                if let e2 = segment(b, at: q, afterSpace: q > e + sep.len) {
                    segs.append(q..<e2)
                    form = .party
                } else {
                    spaces.removeLast(spaces.count - before)
                }
            }
        }
        if spaces.isEmpty { stray = false }
        let symbolEnd = segs.last!.upperBound

        // Backwards: "số", then the type name.
        var start = s
        var hasSo = false
        var e = b.skipSpaceBack(s)
        if e > 0 && b[e - 1] == 0x3A { e = b.skipSpaceBack(e - 1) }
        if let w = b.wordBefore(e), w.bare.is("so") {
            hasSo = true
            start = w.start
            e = b.skipSpaceBack(w.start)
        }
        let segStrings = segs.map { b.string($0) }
        let typeCode: String? = form == .state ? (lex.typeCodes.contains(Lexicon.symbolKey(segStrings[0])) ? segStrings[0] : nil) : segStrings[0]
        let issuerCode: String? = form == .party ? segStrings[1] : form == .partial ? nil : (typeCode == nil ? segStrings[0] : (segStrings.count > 1 ? segStrings[1] : nil))
        var typeName: String?
        var type: DocumentType?
        if let found = typeNameBefore(b, e, typeCode: typeCode) {
            typeName = collapse(b.string(found.start..<e))
            type = found.type
            start = found.start
        }
        switch form {
        case .partial:
            guard typeName != nil || hasSo, lex.typeCodes.contains(Lexicon.symbolKey(segStrings[0])) else { return nil }
        default:
            guard typeName != nil || hasSo || segStrings.contains(where: lex.isCode) else { return nil }
        }
        if type == nil, let tc = typeCode { type = lex.typeByCode[Lexicon.symbolKey(tc)] }

        // The number and symbol as written: line breaks vanish, other white space stays.
        // Built as UTF-8 bytes: appending scalars to a String one by one costs far more.
        var writtenBytes: [UInt8] = [], idBytes: [UInt8] = []
        var p = s
        while p < symbolEnd {
            let (v, len) = b.scalar(at: p)
            if Bytes.isSpace(v) {
                let (q, br) = b.skipSpace(p)
                if !br { writtenBytes.append(0x20) }
                p = q
                continue
            }
            let ch: Unicode.Scalar
            switch v {
            case 0xD0: ch = "\u{0110}"
            case 0xF0: ch = "\u{0111}"
            default: ch = Bytes.isDash(v) ? "-" : Unicode.Scalar(v) ?? "?"
            }
            Self.append(Bytes.isDash(v) ? Unicode.Scalar(v) ?? "-" : ch, to: &writtenBytes)
            Self.append(ch, to: &idBytes)
            p += len
        }
        let written = String(decoding: writtenBytes, as: UTF8.self), id = String(decoding: idBytes, as: UTF8.self)
        let number = b.string(s..<i)
        let symbolStart = segs[0].lowerBound
        var symbolBytes: [UInt8] = []
        p = symbolStart
        while p < symbolEnd {
            let (v, len) = b.scalar(at: p)
            p += len
            if Bytes.isSpace(v) { continue }
            Self.append(Bytes.isDash(v) ? "-" : v == 0xD0 ? "\u{0110}" : Unicode.Scalar(v) ?? "\u{FFFD}", to: &symbolBytes)
        }
        let symbol = String(decoding: symbolBytes, as: UTF8.self)

        // Forwards: "ngày …" (once more for a repeated date), then "của …".
        var rangeEnd = symbolEnd
        var date: String?
        var q = afterComma(b, b.skipSpace(symbolEnd).end)
        for _ in 0..<2 {
            guard let w = b.wordAt(q), w.bare.is("ngay"), let d = parseDate(b, b.skipSpace(w.end).end) else { break }
            if date == nil { date = d.iso }
            rangeEnd = d.end
            q = afterComma(b, b.skipSpace(d.end).end)
        }
        var issuer: String?
        var clauseEnd = rangeEnd
        if let w = b.wordAt(q), w.bare.is("cua"), let ph = issuerPhrase(b, from: w.end) {
            issuer = ph.text
            clauseEnd = ph.end
        }

        return Mention(range: start..<rangeEnd, symbolRange: s..<symbolEnd, clauseEnd: clauseEnd,
                       typeName: typeName, type: type, form: form, number: number, symbol: symbol,
                       written: written, id: id, key: Lexicon.symbolKey(id), symbolYear: year, date: date,
                       issuer: issuer, hasNumberWord: hasSo, hasStraySpace: stray, innerSpaces: spaces,
                       typeCode: typeCode, issuerCode: issuerCode)
    }

    @inline(__always) static func append(_ c: Unicode.Scalar, to out: inout [UInt8]) {
        if c.value < 0x80 { out.append(UInt8(c.value)) } else { UTF8.encode(c) { out.append($0) } }
    }

    private func afterComma(_ b: Bytes, _ q: Int) -> Int {
        q < b.count && b[q] == 0x2C ? b.skipSpace(q + 1).end : q
    }

    // MARK: the type name

    /// The longest dictionary type name whose words end at `end`, separated by white space only.
    func typeNameBefore(_ b: Bytes, _ end: Int, typeCode: String?) -> (start: Int, type: DocumentType)? {
        // The last word first: most words end no type name, and the others need not be read.
        guard let lastWord = b.wordBefore(end), let candidates = lex.typeNamesByLastWord[lastWord.bare] else { return nil }
        var words: [(bare: [UInt8], start: Int)] = [(lastWord.bare, lastWord.start)]
        var p = b.skipSpaceBack(lastWord.start)
        while words.count < lex.maxTypeWords, p < words[words.count - 1].start, let w = b.wordBefore(p) {
            words.append((w.bare, w.start))
            let q = b.skipSpaceBack(w.start)
            if q == w.start { break }
            p = q
        }
        let codeKey = typeCode.map(Lexicon.symbolKey)
        var best: (words: Int, start: Int, type: DocumentType)?
        for c in candidates where c.words.count <= words.count {
            if let bst = best, c.words.count < bst.words { break }
            var ok = true
            for (k, w) in c.words.reversed().enumerated() where words[k].bare != w { ok = false; break }
            guard ok else { continue }
            let start = words[c.words.count - 1].start
            if best == nil { best = (c.words.count, start, c.type) }
            // Two types share a spelling ("Quy định"): the one whose code the symbol carries.
            if let ck = codeKey, c.type.code.map(Lexicon.symbolKey) == ck { best = (c.words.count, start, c.type); break }
        }
        return best.map { ($0.start, $0.type) }
    }

    // MARK: date and issuer

    private func digits(_ b: Bytes, _ i: Int, max: Int) -> (value: Int, end: Int)? {
        var j = i, v = 0
        while j < b.count, j - i < max, Bytes.isDigit(b[j]) { v = v * 10 + Int(b[j] - 0x30); j += 1 }
        if j == i || (j < b.count && Bytes.isDigit(b[j])) { return nil }
        return (v, j)
    }

    /// "28/02/2025", "31 /12/2024", "22 tháng 8 năm 2025".
    private func parseDate(_ b: Bytes, _ i: Int) -> (iso: String, end: Int)? {
        guard let d = digits(b, i, max: 2) else { return nil }
        var p = b.skipSpace(d.end).end
        guard p < b.count else { return nil }
        let m: (value: Int, end: Int), y: (value: Int, end: Int)
        let sep = b[p]
        if sep == 0x2F || sep == 0x2D || sep == 0x2E {
            guard let mm = digits(b, b.skipSpace(p + 1).end, max: 2) else { return nil }
            p = b.skipSpace(mm.end).end
            guard p < b.count, b[p] == sep, let yy = digits(b, b.skipSpace(p + 1).end, max: 4) else { return nil }
            m = mm; y = yy
        } else {
            guard let w = b.wordAt(p), w.bare.is("thang"),
                  let mm = digits(b, b.skipSpace(w.end).end, max: 2),
                  let w2 = b.wordAt(b.skipSpace(mm.end).end), w2.bare.is("nam"),
                  let yy = digits(b, b.skipSpace(w2.end).end, max: 4) else { return nil }
            m = mm; y = yy
        }
        guard (1...31).contains(d.value), (1...12).contains(m.value), y.value >= 1900 else { return nil }
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return ("\(y.value)-\(two(m.value))-\(two(d.value))", y.end)
    }

    /// Lower-case words that belong inside a body's name ("Ủy ban nhân dân thành phố",
    /// "Bộ Giáo dục và Đào tạo", "Ban Chấp hành Trung ương Đảng khóa XI"); any other
    /// lower-case word ("về", "phê duyệt", "quy định") ends the name.
    private static let nameWords: Set<[UInt8]> = Set([
        "ban", "nhan", "dan", "thanh", "pho", "tinh", "vu", "tri", "phu", "te", "dong", "hanh", "thu",
        "uong", "dang", "khoa", "tuong", "duc", "tao", "hoc", "nghe", "uy", "hoi", "truong", "chinh",
        "phap", "dung", "an", "phong", "nguyen", "nghiep", "quan", "huyen",
    ].map { Array($0.utf8) })

    static func isStop(_ v: UInt32) -> Bool {
        switch v {
        case 0x2C, 0x3B, 0x3A, 0x28, 0x29, 0x5B, 0x5D, 0x22, 0x27, 0x2E, 0x21, 0x3F,
             0x201C, 0x201D, 0x2018, 0x2019, 0x2026, 0xAB, 0xBB: return true
        default: return false
        }
    }

    /// The body's name after "của", as written with white space collapsed.
    private func issuerPhrase(_ b: Bytes, from i: Int) -> (text: String, end: Int)? {
        var tokens: [(start: Int, end: Int, bare: [UInt8], capital: Bool)] = []
        var p = i
        var dashPending = false
        var stopped = false
        while !stopped && tokens.count < 16 {
            var q = p
            var cell = false
            var br = false
            while q < b.count {
                let (v, len) = b.scalar(at: q)
                guard Bytes.isSpace(v) else { break }
                if v == 0x0A { br = true } else if v == 0x09 && br { cell = true }
                q += len
            }
            // A tab after a line break starts a new table cell (text taken cell by cell).
            if cell || q >= b.count || q == p && !tokens.isEmpty && !dashPending { break }
            let (v, len) = b.scalar(at: q)
            if Bytes.isDash(v) {
                if tokens.isEmpty || dashPending { break }
                dashPending = true
                p = q + len
                continue
            }
            guard let w = b.wordAt(q) else { break }
            var end = q
            while end < b.count {
                let (u, l) = b.scalar(at: end)
                if Bytes.isSpace(u) || MentionScanner.isStop(u) || Bytes.isDash(u) { break }
                end += l
            }
            if end < b.count, MentionScanner.isStop(b.scalar(at: end).0) { stopped = true }
            if let accepted = acceptIssuerWord(b, w.bare, w.capital, first: tokens.first?.bare, last: tokens.last?.bare, next: end, dashBefore: dashPending) {
                guard accepted else { break }
            }
            tokens.append((q, end, w.bare, w.capital))
            dashPending = false
            p = end
        }
        guard let first = tokens.first, first.capital, let last = tokens.last else { return nil }
        return (collapse(b.string(first.start..<last.end)), last.end)
    }

    /// nil or true: take the word; false: the name ended before it.
    private func acceptIssuerWord(_ b: Bytes, _ bare: [UInt8], _ capital: Bool, first: [UInt8]?, last: [UInt8]?, next: Int, dashBefore: Bool) -> Bool? {
        guard let first else { return capital }
        if capital {
            // "khóa XIII" is part of the name, a Roman group label after it is not.
            if bare.count <= 5, bare.allSatisfy({ "ivxlc".utf8.contains($0) }), last.map({ !$0.is("khoa") }) ?? true { return false }
            if dashBefore, startsTypeName(b, bare, next) { return false }
            return true
        }
        if bare.is("va") {
            // Only a ministry or department has "và" in its name: "Bộ Giáo dục và Đào tạo".
            guard first.is("bo") || first.is("so") else { return false }
            let q = b.skipSpace(next).end
            guard let w = b.wordAt(q), w.capital, !startsTypeName(b, w.bare, w.end) else { return false }
            return true
        }
        if bare.is("ban") {
            // "ban hành" is a verb, "Ủy ban nhân dân" a name.
            if let w = b.wordAt(b.skipSpace(next).end), w.bare.is("hanh") { return false }
        }
        return MentionScanner.nameWords.contains(bare)
    }

    private func startsTypeName(_ b: Bytes, _ bare: [UInt8], _ end: Int) -> Bool {
        if lex.typeStarts.contains(bare) { return true }
        guard let w = b.wordAt(b.skipSpace(end).end) else { return false }
        return lex.typeStarts.contains(bare + [0x20] + w.bare)
    }

    private func collapse(_ s: String) -> String {
        var out = ""
        var space = false
        for ch in s.unicodeScalars {
            if Bytes.isSpace(ch.value) { space = !out.isEmpty; continue }
            if space { out.unicodeScalars.append(" "); space = false }
            out.unicodeScalars.append(ch)
        }
        return out
    }
}
