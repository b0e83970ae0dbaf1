import VanBanCore
import VanBanModel

/// Programmes, strategies and laws cited by name without a number. Only forms whose end can be
/// told from the text itself are read, since an unquoted title has no closing mark:
/// - a programme word before a quoted title: `Đề án “Tăng cường ứng dụng …”`;
/// - a capitalised programme word whose title ends in a time horizon: "Chiến lược phát triển
///   giáo dục đến năm 2030, tầm nhìn đến năm 2045", "… giai đoạn 2021 - 2025", "… thời kỳ …";
/// - a programme word, up to five words and the year that names it: "Chương trình giáo dục phổ
///   thông 2018", "chương trình GDPT 2018" (not "… năm 2025", "… giai đoạn 2025");
/// - "Luật" and a capitalised name up to a function word or punctuation: "Luật Giáo dục".
///
/// Like the numbered scanner it reads UTF-8 bytes: one pass finds the quotes and the words that
/// could open a name (a programme word's first letter after a non-letter), and the forms are
/// read only there, each by a small matcher in the order above.
struct NamedReferenceFinder {
    func find(in passages: [Passage]) -> [NamedReference] {
        var c = Collector()
        for p in passages where !p.isAttachment { c.add(p.text) }
        return c.result()
    }

    /// Names gathered passage by passage, merged by key; the texts themselves are not kept.
    struct Collector {
        private var found: [(key: String, ref: NamedReference)] = []
        private var index: [String: Int] = [:]
        /// The same name written the same way again skips folding its key.
        private var byText: [String: Int] = [:]

        /// `lineStartsUTF8`: where the passage's source lines begin, for text read as a stream.
        mutating func add(_ t: Text, lineStartsUTF8: [Int]? = nil) {
            var s = t.text
            var names = NamedReferenceFinder.names(in: s)
            // Decomposed text (rare: readers compose) is read composed; names come out composed.
            if names.decomposed {
                s = Fold.nfc(s)
                names = NamedReferenceFinder.names(in: s, composed: true)
            }
            guard !names.found.isEmpty else { return }
            let u = s.utf8
            var charOffset = 0, at = u.startIndex
            for (range, kind) in names.found {
                let lo = u.index(u.startIndex, offsetBy: range.lowerBound)
                let text = Fold.collapse(String(s[lo..<u.index(lo, offsetBy: range.count)]))
                let pos: Position?
                if let starts = lineStartsUTF8, let p = t.position {
                    pos = Position(page: p.page, line: p.line + Passage.count(starts, atMost: range.lowerBound))
                } else {
                    charOffset += s.distance(from: at, to: lo)
                    at = lo
                    pos = t.position(at: charOffset)
                }
                add(text, kind: kind, occurrence: Occurrence(text: text, page: pos?.page, line: pos?.line))
            }
        }

        mutating func add(_ text: String, kind: String, occurrence: Occurrence) {
            if let i = byText[text] {
                found[i].ref.occurrences.append(occurrence)
                return
            }
            let key = NamedReferenceFinder.key(text)
            if let i = index[key] {
                found[i].ref.occurrences.append(occurrence)
                byText[text] = i
            } else {
                index[key] = found.count
                byText[text] = found.count
                found.append((key, NamedReference(text: text, type: kind, relation: .cites, occurrences: [occurrence])))
            }
        }

        func result() -> [NamedReference] { NamedReferenceFinder.mergeTruncated(found) }
    }

    /// Name ranges (UTF-8 offsets) in one passage, in text order, with the programme word as
    /// written; nothing is read inside a quoted title ("Đề án “Thí điểm Chương trình đào tạo …”").
    /// `decomposed`: the text holds combining marks, and should be read again composed.
    static func names(in s: String, composed: Bool = false) -> (found: [(Range<Int>, String)], decomposed: Bool) {
        var s = s
        return s.withUTF8 { names(Bytes(p: $0), composed: composed) }
    }

    static func names(_ b: Bytes, composed: Bool) -> (found: [(Range<Int>, String)], decomposed: Bool) {
        var out: [(Range<Int>, String)] = []
        var quotes: [Range<Int>] = []
        var anchors: [Int] = []
        var open: Int?
        var decomposed = false
        let n = b.count
        var prev: UInt8 = 0x20
        var i = 0
        let table = Self.byteTable
        while i < n {
            let c = b[i]
            let k = table[Int(c)]
            if k != 0 {
                if k & startsName != 0, prev < 0x80, table[Int(prev)] & wordByte == 0, secondLetterFits(b, i) { anchors.append(i) }
                if c == 0xE2, i + 2 < n, b[i + 1] == 0x80 {
                    if b[i + 2] == 0x9C { open = i } else if b[i + 2] == 0x9D, let o = open { quotes.append(o..<i + 3); open = nil }
                } else if c == 0xCC || c == 0xCD, !composed {
                    decomposed = true
                }
            }
            prev = c
            i += 1
        }
        if decomposed { return ([], true) }
        guard !anchors.isEmpty else { return ([], false) }
        // Only a title that could end in a year needs to know whether the passage has one.
        var year: Bool?
        var q = 0
        for a in anchors {
            while q < quotes.count, quotes[q].upperBound <= a { q += 1 }
            if q < quotes.count, quotes[q].contains(a) { continue }
            if let last = out.last, last.0.upperBound > a { continue }
            let end: Int?
            if let k = kindEnd(b, a, caseSensitive: false) {
                if let e = quoted(b, k) {
                    end = e
                } else {
                    if year == nil { year = hasYear(b) }
                    end = year! ? horizon(b, a) ?? yearNamed(b, k) : nil
                }
            } else {
                end = law(b, a)
            }
            guard let end else { continue }
            out.append((a..<end, kind(b.string(a..<end))))
        }
        return (out, false)
    }

    /// Every programme word goes on with "h" (Chương, Chiến, Phong), "u" (Quy, Luật, Dự) or a
    /// letter beyond ASCII ("ề" of Đề, "ự" of Dự): a look at the next byte rules out most words.
    @inline(__always) private static func secondLetterFits(_ b: Bytes, _ i: Int) -> Bool {
        let j = b[i] == 0xC4 ? i + 2 : i + 1
        guard j < b.count else { return false }
        let c = b[j]
        return c >= 0xC0 || c | 0x20 == 0x68 || c | 0x20 == 0x75
    }

    // MARK: the forms

    /// `(?i:KIND) “[^”]*”`, from `k`, the end of KIND.
    static func quoted(_ b: Bytes, _ k: Int) -> Int? {
        guard b.has(spaceQuote, at: k) else { return nil }
        var p = k + 4
        while p + 2 < b.count {
            if b[p] == 0xE2, b[p + 1] == 0x80, b[p + 2] == 0x9D { return p + 3 }
            p += 1
        }
        return nil
    }

    /// `KIND [^\d;.:()“”\n]{1,200}?(?:đến năm Y|(?:giai đoạn|thời kỳ) Y(?: ?[-–] ?Y)?)(?:, (?:tầm nhìn|định hướng) đến năm Y)*`
    static func horizon(_ b: Bytes, _ i: Int) -> Int? {
        guard let k = kindEnd(b, i, caseSensitive: true), k < b.count, b[k] == 0x20 else { return nil }
        var p = k + 1
        for _ in 0..<200 {
            guard p < b.count else { return nil }
            let (v, len) = b.scalar(at: p)
            if isDecimal(v) || v == 0x3B || v == 0x2E || v == 0x3A || v == 0x28 || v == 0x29 || v == 0x201C || v == 0x201D || v == 0x0A {
                return nil
            }
            p += len
            if let e = horizonEnd(b, p) { return e }
        }
        return nil
    }

    private static func horizonEnd(_ b: Bytes, _ p: Int) -> Int? {
        var e: Int
        if b.has(denNam, at: p), let y = year(b, p + denNam.count) {
            e = y
        } else if let w = b.has(giaiDoan, at: p) ? p + giaiDoan.count : b.has(thoiKy, at: p) ? p + thoiKy.count : nil,
                  let y = year(b, w) {
            e = y
            // ` ?[-–] ?Y`
            var d = e
            if d < b.count, b[d] == 0x20 { d += 1 }
            let dash = d < b.count && b[d] == 0x2D ? 1 : b.has(enDash, at: d) ? 3 : 0
            if dash > 0 {
                d += dash
                if d < b.count, b[d] == 0x20, let y2 = year(b, d + 1) { e = y2 } else if let y2 = year(b, d) { e = y2 }
            }
        } else {
            return nil
        }
        while true {
            guard let w = b.has(tamNhin, at: e) ? e + tamNhin.count : b.has(dinhHuong, at: e) ? e + dinhHuong.count : nil,
                  let y = year(b, w) else { break }
            e = y
        }
        return e
    }

    /// `(?i:KIND) (?:(?!năm |đoạn |kỳ |học )\w+ ){1,5}Y(?![\d\-–])`, from `k`, the end of KIND.
    static func yearNamed(_ b: Bytes, _ k: Int) -> Int? {
        guard k < b.count, b[k] == 0x20 else { return nil }
        var starts: [Int] = []
        var p = k + 1
        while starts.count < 5 {
            if notWords.contains(where: { b.has($0, at: p) }) { break }
            let e = wordEnd(b, p)
            guard e > p, e < b.count, b[e] == 0x20 else { break }
            p = e + 1
            starts.append(p)
        }
        for s in starts.reversed() {
            guard let e = year(b, s) else { continue }
            if e < b.count, isDecimal(b.scalar(at: e).0) || b[e] == 0x2D || b.has(enDash, at: e) { continue }
            return e
        }
        return nil
    }

    /// `Luật \p{Lu}\w*(?: (?!(?:về|năm|…|là)\b)\w+){0,7}`
    static func law(_ b: Bytes, _ i: Int) -> Int? {
        guard b.has(luat, at: i), i + luat.count < b.count else { return nil }
        let (v, len) = b.scalar(at: i + luat.count)
        guard isUppercase(v) else { return nil }
        var p = wordEnd(b, i + luat.count + len)
        for _ in 0..<7 {
            guard p < b.count, b[p] == 0x20 else { break }
            let e = wordEnd(b, p + 1)
            guard e > p + 1 else { break }
            let word = e - p - 1
            if lawStops.contains(where: { $0.count == word && b.has($0, at: p + 1) }) { break }
            p = e
        }
        return p
    }

    // MARK: bytes and scalars

    /// After one of the programme words (or, for "Luật", never: it is matched as bytes).
    private static func kindEnd(_ b: Bytes, _ i: Int, caseSensitive: Bool) -> Int? {
        if caseSensitive {
            for k in kindBytes where b.has(k, at: i) { return i + k.count }
            return nil
        }
        // Most candidates are other words: their first letter rules most kinds out.
        let (v0, len0) = b.scalar(at: i)
        let candidates: Range<Int>
        switch lower(v0) {
        case 0x111: candidates = 0..<1   // đề án
        case 0x64: candidates = 1..<2    // dự án
        case 0x63: candidates = 2..<4    // chương trình, chiến lược
        case 0x70: candidates = 4..<5    // phong trào
        case 0x71: candidates = 5..<6    // quy hoạch
        default: return nil
        }
        next: for c in candidates {
            var p = i + len0
            for want in kindScalars[c].dropFirst() {
                guard p < b.count else { continue next }
                let (v, len) = b.scalar(at: p)
                guard lower(v) == want else { continue next }
                p += len
            }
            return p
        }
        return nil
    }

    /// `(?:19|20)\d\d`: the offset after it.
    @inline(__always) private static func year(_ b: Bytes, _ p: Int) -> Int? {
        guard p + 4 <= b.count, b[p] == 0x32 && b[p + 1] == 0x30 || b[p] == 0x31 && b[p + 1] == 0x39,
              Bytes.isDigit(b[p + 2]), Bytes.isDigit(b[p + 3]) else { return nil }
        return p + 4
    }

    /// The end of the run of word characters (`\w`) from `p`.
    private static func wordEnd(_ b: Bytes, _ p: Int) -> Int {
        var p = p
        while p < b.count {
            let (v, len) = b.scalar(at: p)
            guard isWord(v) else { break }
            p += len
        }
        return p
    }

    private static func isWord(_ v: UInt32) -> Bool {
        if v < 0x80 { return byteClass[Int(v)] & wordByte != 0 }
        if Letters.cls(v) != 0 { return true }
        guard let s = Unicode.Scalar(v) else { return false }
        let p = s.properties
        switch p.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark, .connectorPunctuation, .decimalNumber: return true
        default: return p.isAlphabetic
        }
    }

    private static func isDecimal(_ v: UInt32) -> Bool {
        v < 0x80 ? v &- 0x30 < 10 : Unicode.Scalar(v)?.properties.generalCategory == .decimalNumber
    }

    private static func isUppercase(_ v: UInt32) -> Bool {
        v < 0x80 ? v &- 0x41 < 26 : Unicode.Scalar(v)?.properties.generalCategory == .uppercaseLetter
    }

    @inline(__always) private static func lower(_ v: UInt32) -> UInt32 {
        if v < 0x80 { return v &- 0x41 < 26 ? v | 0x20 : v }
        return v < 0x1F00 ? lowerTable[Int(v)] : lowerSlow(v)
    }

    private static func lowerSlow(_ v: UInt32) -> UInt32 {
        guard let s = Unicode.Scalar(v), let l = s.properties.lowercaseMapping.unicodeScalars.first else { return v }
        return l.value
    }

    /// Lower case of the scalars the Latin letters live in, looked up once.
    private static let lowerTable: [UInt32] = (0..<0x1F00).map { lowerSlow(UInt32($0)) }

    /// Per byte: may start a programme word or "Luật" (d c p q l, and 0xC4 for Đ/đ); is part of
    /// a word (ASCII letters and digits; any byte of a multi-byte letter); needs a closer look
    /// (0xE2 for the curly quotes, 0xCC/0xCD for combining marks).
    private static let startsName: UInt8 = 1, wordByte: UInt8 = 2, special: UInt8 = 4
    /// `byteClass` where the per-byte loop can read it without a lazy-global check.
    nonisolated(unsafe) private static let byteTable: UnsafePointer<UInt8> = {
        let p = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        p.initialize(from: byteClass, count: 256)
        return UnsafePointer(p)
    }()
    private static let byteClass: [UInt8] = {
        var t = [UInt8](repeating: 0, count: 256)
        for c in "DCPQLdcpql".utf8 { t[Int(c)] |= startsName }
        t[0xC4] |= startsName
        for c in UInt8(ascii: "0")...UInt8(ascii: "9") { t[Int(c)] |= wordByte }
        for c in UInt8(ascii: "A")...UInt8(ascii: "Z") { t[Int(c)] |= wordByte; t[Int(c | 0x20)] |= wordByte }
        t[Int(UInt8(ascii: "_"))] |= wordByte
        for c in [0xE2, 0xCC, 0xCD] { t[c] |= special }
        return t
    }()

    private static func utf8(_ s: String) -> [UInt8] { Array(Fold.nfc(s).utf8) }
    static let kinds = ["Đề án", "Dự án", "Chương trình", "Chiến lược", "Phong trào", "Quy hoạch"]
    private static let kindBytes = kinds.map(utf8)
    private static let kindScalars: [[UInt32]] = kinds.map { Fold.nfc($0).lowercased().unicodeScalars.map(\.value) }
    private static let spaceQuote = utf8(" “"), enDash = utf8("–"), luat = utf8("Luật ")
    private static let denNam = utf8("đến năm "), giaiDoan = utf8("giai đoạn "), thoiKy = utf8("thời kỳ ")
    private static let tamNhin = utf8(", tầm nhìn đến năm "), dinhHuong = utf8(", định hướng đến năm ")
    private static let notWords = ["năm ", "đoạn ", "kỳ ", "học "].map(utf8)
    private static let lawStops = ["về", "năm", "số", "và", "của", "theo", "tại", "trên", "đã", "để", "được", "quy", "ban",
                                   "sửa", "ngày", "trong", "nhằm", "đối", "với", "các", "là"].map(utf8)

    /// "19dd" or "20dd" somewhere in the text.
    static func hasYear(_ b: Bytes) -> Bool {
        var last: (UInt8, UInt8, UInt8) = (0, 0, 0)
        for i in 0..<b.count {
            let c = b[i]
            if c &- 0x30 < 10, last.1 &- 0x30 < 10, last.2 &- 0x30 < 10,
               last.0 == 0x32 && last.1 == 0x30 || last.0 == 0x31 && last.1 == 0x39 { return true }
            last = (last.1, last.2, c)
        }
        return false
    }

    /// The programme word as written ("Đề án", "phong trào", "Luật").
    private static func kind(_ name: String) -> String {
        let words = name.split(separator: " ", maxSplits: 2)
        return words.first == "Luật" ? "Luật" : words.prefix(2).joined(separator: " ")
    }

    /// Fold.key, with white space around a dash ignored ("2021 - 2030" = "2021-2030").
    static func key(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        var space = false
        for c in Fold.key(s).unicodeScalars {
            if c == " " { if space { out.append(" ") }; space = true; continue }
            if space && c != "-" && out.last != "-" { out.append(" ") }
            space = false
            out.append(c)
        }
        if space { out.append(" ") }
        return String(out)
    }

    /// A title cut short of its horizon ("… đến năm 2030 (Kế hoạch số 83/KH-UBND) tầm nhìn …") is
    /// the same programme as the full title cited elsewhere: its occurrences join that one.
    static func mergeTruncated(_ found: [(key: String, ref: NamedReference)]) -> [NamedReference] {
        var refs = found
        var drop = Set<Int>()
        for (i, a) in found.enumerated() {
            guard let j = found.indices.first(where: { found[$0].key.hasPrefix(a.key + ",") }) else { continue }
            refs[j].ref.occurrences += a.ref.occurrences
            drop.insert(i)
        }
        return refs.indices.filter { !drop.contains($0) }.map { refs[$0].ref }
    }
}

extension Bytes {
    /// Do the bytes at `i` spell `s`?
    @inline(__always) func has(_ s: [UInt8], at i: Int) -> Bool {
        guard i >= 0, i + s.count <= count else { return false }
        for k in 0..<s.count where p[i + k] != s[k] { return false }
        return true
    }
}
