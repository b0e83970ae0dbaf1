import VanBanCore
import VanBanModel

/// Spelling and words: syllables hunspell-vi does not know, a word or phrase written twice,
/// a phrase spelt once with other marks than the document (or the project list) spells it
/// everywhere else, a bound syllable out of its compound, a missing space after punctuation,
/// a lower-case sentence start, unbalanced quotes, a capital in mid-sentence, and the two
/// tone placements mixed in one document (one finding for the document).
struct WordRules {
    let ctx: Context
    /// Folded word -> occurrences in the whole document.
    private var counts: [String: Int] = [:]
    private var pairs: [Pair: Int] = [:]
    private var lowerPairs: [Pair: Int] = [:]
    private var capitalPairs: [Pair: Int] = [:]
    /// The first spelling of each bigram, and which syllables stand before and after each syllable.
    private var pairText: [Pair: String] = [:]
    private var bareOf: [String: String] = [:]
    private var leftOf: [String: Set<String>] = [:]
    private var rightOf: [String: Set<String>] = [:]
    private var out: [LintFinding] = []

    init(_ ctx: Context) {
        self.ctx = ctx
        for toks in ctx.tokens {
            var prev: Token?
            for t in toks {
                guard t.isWord else { prev = nil; continue }
                counts[t.key, default: 0] += 1
                if bareOf[t.key] == nil { bareOf[t.key] = t.bare }
                if let p = prev, p.isWord {
                    let k = Pair(p.key, t.key)
                    pairs[k, default: 0] += 1
                    if pairs[k] == 1 { pairText[k] = p.text + " " + t.text }
                    if p.isLower && t.isLower { lowerPairs[k, default: 0] += 1 }
                    if p.isCapitalised && t.isLower { capitalPairs[k, default: 0] += 1 }
                }
                prev = t
            }
        }
        for k in pairs.keys {
            leftOf[k.b, default: []].insert(k.a)
            rightOf[k.a, default: []].insert(k.b)
        }
    }

    /// How often two folded words stand side by side; "a b" as one string.
    private func count(_ joined: String) -> Int {
        let w = joined.split(separator: " ", maxSplits: 2)
        guard w.count == 2 else { return 0 }
        return pairs[Pair(String(w[0]), String(w[1]))] ?? 0
    }

    /// Two folded words side by side.
    struct Pair: Hashable {
        let a: String, b: String
        init(_ a: String, _ b: String) { self.a = a; self.b = b }
    }

    mutating func run() -> [LintFinding] {
        var first = 0, second = 0
        var examples: [ToneMarks.Style: String] = [:]
        var styles: [String: ToneMarks.Style?] = [:]
        for (pi, toks) in ctx.tokens.enumerated() {
            let p = ctx.passages[pi]
            if p.uncut { repeatedPhrases(p, toks); continue }
            for (i, t) in toks.enumerated() {
                if t.isWord, t.text.count >= 2, let s = styles[String(t.text)] ?? { let s = ToneMarks.style(of: String(t.text)); styles[String(t.text)] = s; return s }() {
                    if s == .first { first += 1 } else { second += 1 }
                    if examples[s] == nil { examples[s] = String(t.text) }
                }
                if t.isWord { spelling(p, toks, i); if p.kind != .cell { bound(p, toks, i) } }
                doubled(p, toks, i)
                spacing(p, toks, i)
            }
            nearMisses(p, toks)
            repeatedPhrases(p, toks)
            quotes(pi, p, toks)
            capitals(p, toks)
        }
        if first > 0 && second > 0 {
            let a = examples[.first] ?? "", b = examples[.second] ?? ""
            out.append(LintFinding(code: "tone-placement-mixed", group: "spelling", severity: .info, where: "Document",
                                   text: "\(a) / \(b)",
                                   message: "Văn bản dùng lẫn hai cách đặt dấu thanh: kiểu “\(a)” (\(first) chỗ) và kiểu “\(b)” (\(second) chỗ); nên thống nhất một cách",
                                   suggestion: first >= second ? "đặt dấu kiểu “\(a)”" : "đặt dấu kiểu “\(b)”"))
        }
        return out
    }

    private mutating func add(_ code: String, _ s: Diagnostic.Severity, _ p: Passage, _ at: Int, _ text: String, _ message: String, _ suggestion: String? = nil) {
        let pos = p.position(at: at)
        out.append(LintFinding(code: code, group: "spelling", severity: s, where: p.place, page: pos?.page, line: pos?.line,
                               text: text, message: message, suggestion: suggestion))
    }

    private func slice(_ p: Passage, _ toks: [Token], _ a: Int, _ b: Int) -> String {
        let u = p.text.text.unicodeScalars
        let s = u.index(u.startIndex, offsetBy: toks[a].start), e = u.index(u.startIndex, offsetBy: toks[b].end)
        return String(u[s..<e])
    }

    // MARK: Syllables

    private func known(_ t: Token) -> Bool {
        ctx.data.words.contains(t.key) || ctx.data.units.contains(t.key)
    }

    private mutating func spelling(_ p: Passage, _ toks: [Token], _ i: Int) {
        guard let speller = ctx.speller else { return }
        let t = toks[i]
        let w = String(t.text)
        guard w.count >= 2, !known(t) else { return }
        if t.isAllCaps {
            // Abbreviations ("GDĐT", "PII") are no syllables; a capitalised heading word with
            // a vowel mark is.
            guard w.decomposedStringWithCanonicalMapping.unicodeScalars.contains(where: { (0x300...0x323).contains($0.value) && $0.value != 0x31B || $0.value == 0x302 || $0.value == 0x306 || $0.value == 0x31B }) else { return }
        } else if !(t.isLower || t.isCapitalised) {
            return  // VNeID, eKYC: mixed case is a name
        }
        // A symbol's letters ("KH-UBND", "Ctr") and a word glued to a digit are other rules' concern.
        if i > 0, toks[i - 1].text == "/" || toks[i - 1].text == "-" && !toks[i - 1].spaced { return }
        if i + 1 < toks.count, toks[i + 1].text == "/" && !toks[i + 1].spaced { return }
        let lower = w.lowercased()
        if speller.accepts(lower) || speller.accepts(w) { return }
        // "fanpage", "graphics": letters no Vietnamese syllable can hold are a foreign word, not a typo.
        if Syllable.isForeign(lower) { return }
        // A foreign or unknown name used throughout is the writer's own; a one-off is a typo.
        if (counts[t.key] ?? 0) >= 3 && !t.isLower { return }
        // "Xã Nâm", "Krông Nô": a capitalised syllable inside a name (minority place names).
        if t.isCapitalised, i > 0 && toks[i - 1].isWord && !toks[i - 1].isLower || i + 1 < toks.count && toks[i + 1].isWord && toks[i + 1].isCapitalised { return }
        let s = speller.suggestions(lower).first
        add("spelling", .warning, p, t.start, w, "“\(w)” không phải là từ tiếng Việt đúng chính tả", s.map { t.isCapitalised ? $0.prefix(1).uppercased() + $0.dropFirst() : $0 })
    }

    /// "triển" stands only in "phát triển", "triển khai" …: "triển kế hoạch" lacks a word.
    private mutating func bound(_ p: Passage, _ toks: [Token], _ i: Int) {
        guard let b = ctx.data.bound[toks[i].key] else { return }
        let prev = i > 0 && toks[i - 1].isWord ? toks[i - 1].key : nil
        let next = i + 1 < toks.count && toks[i + 1].isWord ? toks[i + 1].key : nil
        if let prev, b.after.contains(prev) { return }
        if let next, b.before.contains(next) { return }
        let end = next != nil ? i + 1 : i
        let start = prev != nil ? i - 1 : i
        add("missing-word", .warning, p, toks[start].start, slice(p, toks, start, end),
            "“\(toks[i].text)” chỉ đứng trong từ ghép (\(b.compounds)): có thể thiếu chữ")
    }

    // MARK: Doubled words and phrases

    /// "thực hiện Thực hiện", "các các", "ngày 25/01/2022 ngày 25/01/2022".
    private mutating func doubled(_ p: Passage, _ toks: [Token], _ i: Int) {
        for n in 1...4 where i + 2 * n <= toks.count && toks[i].key == toks[i + n].key && toks[i].kind != .mark {
            let a = toks[i..<(i + n)], b = toks[(i + n)..<(i + 2 * n)]
            guard a.allSatisfy({ $0.kind != .mark }), b.allSatisfy({ $0.kind != .mark }), a.contains(where: \.isWord) else { continue }
            guard zip(a, b).allSatisfy({ $0.key == $1.key }) else { continue }
            // Only at the start of the repeat: "a a a" is reported once.
            if i >= n, toks[(i - n)..<i].map(\.key) == a.map(\.key) { return }
            let phrase = a.map(\.key).joined(separator: " ")
            if n == 1 && (ctx.data.reduplications.contains(phrase + " " + phrase) || a.first!.text.count < 2) { continue }
            // "trực tiếp tiếp nhận": the word ends one known phrase and begins the next.
            if n == 1, i > 0, i + 2 < toks.count,
               ctx.data.phraseKeys.contains(toks[i - 1].key + " " + a.first!.key), ctx.data.phraseKeys.contains(b.first!.key + " " + toks[i + 2].key) { continue }
            // "Luật Luật sư": a title before a name that begins with the same word.
            if n == 1 && a.first!.isCapitalised && b.first!.isCapitalised { continue }
            if a.allSatisfy({ $0.isAllCaps }) && n == 1 && a.first!.text.count <= 2 { continue }
            let text = slice(p, toks, i, i + 2 * n - 1)
            add("doubled-word", .warning, p, toks[i].start, text, "“\(slice(p, toks, i, i + n - 1))” bị viết lặp hai lần liền nhau", slice(p, toks, i, i + n - 1))
            return
        }
    }

    /// "hoạt động trải nghiệm và hoạt động trải nghiệm": a phrase of three words or more back
    /// again right after "và" or a comma; or one of eight words or more back within a few words.
    private mutating func repeatedPhrases(_ p: Passage, _ toks: [Token]) {
        let words = toks.indices.filter { toks[$0].kind != .mark }
        func same(_ i: Int, _ j: Int, _ n: Int) -> Bool {
            guard j + n <= words.count else { return false }
            return (0..<n).allSatisfy { toks[words[i + $0]].key == toks[words[j + $0]].key }
        }
        // Tokens between two word positions, marks included: nothing but "và" or "," may stand there.
        func onlyJoiner(_ endOfFirst: Int, _ startOfSecond: Int) -> Bool {
            let between = toks[(words[endOfFirst] + 1)..<words[startOfSecond]]
            return !between.isEmpty && between.count <= 2 && between.allSatisfy { $0.text == "," || $0.key == Fold.key("và") }
        }
        // The copy must end where an item ends: "tổ chức chính trị, tổ chức chính trị - xã hội" names two.
        func endsItem(_ last: Int) -> Bool {
            let t = words[last] + 1
            guard t < toks.count else { return true }
            return [",", ";", ".", ")", ":"].contains(String(toks[t].text))
        }
        var i = 0
        while i < words.count {
            var found: (Int, Int)?
            for n in stride(from: 6, through: 3, by: -1) where i + 2 * n <= words.count + 1 {
                for j in [i + n, i + n + 1] where j + n <= words.count && same(i, j, n) && onlyJoiner(i + n - 1, j) && endsItem(j + n - 1) {
                    found = (n, j); break
                }
                if found != nil { break }
            }
            if found == nil {
                let n = 8
                for g in 0...6 where i + n + g + n <= words.count && same(i, i + n + g, n) {
                    let span = toks[words[i]..<words[i + n + g]]
                    if !span.contains(where: { $0.text == "." || $0.text == ";" }) { found = (n, i + n + g); break }
                }
            }
            if let (n, j) = found {
                add("repeated-phrase", .warning, p, toks[words[i]].start, slice(p, toks, words[i], words[j + n - 1]),
                    "Cụm “\(slice(p, toks, words[i], words[i + n - 1]))” bị lặp lại", "bỏ phần lặp")
                i = j + n
            } else { i += 1 }
        }
    }

    // MARK: Near misses

    /// A two- or three-word phrase the document (or the project list) spells one way, written
    /// once with other marks or one other letter on a syllable found nowhere else.
    private mutating func nearMisses(_ p: Passage, _ toks: [Token]) {
        var i = 0
        while i + 1 < toks.count {
            var hit: (Int, String)?
            guard toks[i].isWord, toks[i + 1].isWord else { i += 1; continue }
            let listed = ctx.data.phraseHeads.contains(toks[i].bare)
            let rareHere = rare(toks[i].key) || rare(toks[i + 1].key)
            guard listed || rareHere else { i += 1; continue }
            for n in [3, 2] where i + n <= toks.count {
                let w = Array(toks[i..<(i + n)])
                guard w.allSatisfy(\.isWord), !w.allSatisfy(\.isAllCaps) else { continue }
                if let fix = listCorrection(w) ?? (n == 2 ? documentCorrection(w[0], w[1]) : nil) { hit = (n, fix); break }
            }
            if let (n, fix) = hit {
                let text = slice(p, toks, i, i + n - 1)
                add("near-miss", .warning, p, toks[i].start, text, "“\(text)” có thể viết sai; lẽ ra là “\(fix)”", fix)
                i += n
            } else { i += 1 }
        }
    }

    private func rare(_ k: String) -> Bool { (counts[k] ?? 0) <= 2 }

    /// The project list: the same letters with other marks on one syllable that is rare here.
    private func listCorrection(_ w: [Token]) -> String? {
        guard let phrases = ctx.data.phrasesByBare[w.map(\.bare).joined(separator: " ")] else { return nil }
        let parts = w.map(\.key)
        let key = parts.joined(separator: " ")
        guard !ctx.data.phraseKeys.contains(key) else { return nil }
        for ph in phrases {
            let pp = ph.key.split(separator: " ").map(String.init)
            guard pp.count == parts.count else { continue }
            let differing = parts.indices.filter { pp[$0] != parts[$0] }
            // One syllable off, and either rare here or the phrase written right elsewhere.
            // A name of three words or more ("Ban Thường vụ") has no other reading.
            if differing.count == 1, parts.count >= 3 || rare(parts[differing[0]]) || count(ph.key) >= 2 && count(key) == 1 {
                return Self.capitalised(ph.text, like: w.map { String($0.text) })
            }
        }
        return nil
    }

    /// The document itself: a pair of words written once, beside a pair written at least twice
    /// that differs by one letter or mark in a syllable found nowhere else.
    private func documentCorrection(_ a: Token, _ b: Token) -> String? {
        let key = a.key + " " + b.key
        guard (pairs[Pair(a.key, b.key)] ?? 0) == 1, a.text.count >= 2 || b.text.count >= 2 else { return nil }
        if ctx.data.phraseKeys.contains(key) { return nil }
        // The odd spelling stands nowhere else in the document, the usual one at least three times.
        for (pos, odd) in [a.key, b.key].enumerated() where (counts[odd] ?? 0) == 1 && odd.count >= 2 {
            // Inside a name ("Xã Nâm") the odd spelling is the name's.
            if pos == 1 && b.isCapitalised && !a.isLower { continue }
            let candidates = pos == 0 ? (leftOf[b.key] ?? []) : (rightOf[a.key] ?? [])
            // Marks only: a letter changed may well be another word ("tiên"/"tiêu").
            // The tone mark alone differs ("đôi"/"đối"): a changed letter or vowel mark is
            // as often another word ("đức"/"dục", "mọi"/"mới").
            let toneless = Self.withoutTone(odd)
            for cand in candidates where cand != odd && (counts[cand] ?? 0) >= 3 && Self.withoutTone(cand) == toneless {
                let k = pos == 0 ? Pair(cand, b.key) : Pair(a.key, cand)
                if (pairs[k] ?? 0) >= 3, let text = pairText[k] { return text }
            }
        }
        return nil
    }

    /// A folded key without its tone digit (Fold.key writes the tone last, as a digit).
    static func withoutTone(_ k: String) -> Substring {
        k.last?.isNumber == true ? k.dropLast() : Substring(k)
    }

    /// Levenshtein distance of one between folded keys (marks are scalars of their own, the tone a digit).
    static func oneEdit(_ x: String, _ y: String) -> Bool {
        let a = Array(x.unicodeScalars), b = Array(y.unicodeScalars)
        if abs(a.count - b.count) > 1 { return false }
        var i = 0, j = 0, edits = 0
        while i < a.count && j < b.count {
            if a[i] == b[j] { i += 1; j += 1; continue }
            edits += 1
            if edits > 1 { return false }
            if a.count > b.count { i += 1 } else if b.count > a.count { j += 1 } else { i += 1; j += 1 }
        }
        edits += (a.count - i) + (b.count - j)
        return edits == 1
    }

    /// The phrase with the first letter capitalised when the text's was.
    static func capitalised(_ phrase: String, like words: [String]) -> String {
        guard let f = words.first?.first, f.isUppercase else { return phrase }
        if words.allSatisfy({ $0 == $0.uppercased() }) { return phrase.uppercased() }
        return phrase.prefix(1).uppercased() + phrase.dropFirst()
    }

    // MARK: Punctuation and capitals

    /// "học sinh;Xây dựng", "đầu.h", "2031và", "(PII)năm".
    private mutating func spacing(_ p: Passage, _ toks: [Token], _ i: Int) {
        let t = toks[i]
        guard i + 1 < toks.count, i > 0 else { return }
        let next = toks[i + 1], prev = toks[i - 1]
        // "177 /BC-CAT", "31 /12/2024": a space inside a number or symbol.
        if t.kind == .number, next.text == "/", next.spaced, i + 2 < toks.count, !toks[i + 2].spaced, toks[i + 2].kind != .mark,
           !(prev.text == ":") {
            add("space-in-symbol", .warning, p, t.start, slice(p, toks, i, i + 2), "Dấu cách thừa trước dấu “/” trong “\(slice(p, toks, i, i + 2))”",
                "\(t.text)/\(toks[i + 2].text)")
        }
        guard !next.spaced, next.isWord else { return }
        var glued = false
        switch t.text {
        case ";", ",":
            glued = prev.isWord && !prev.isAllCaps && !next.isAllCaps
        case ":":
            glued = prev.isWord && prev.isLower && next.text.count >= 2 && !next.isAllCaps
        case ".":
            glued = prev.isWord && prev.isLower && prev.text.count >= 2 && next.isLower && !(i + 2 < toks.count && toks[i + 2].text == "." && !toks[i + 2].spaced)
                && !(i >= 2 && toks[i - 2].text == "." && !prev.spaced)
        case ")":
            glued = next.isLower && next.text.count >= 2
        default:
            if t.kind == .number, next.isLower, next.text.count >= 2, !ctx.data.units.contains(next.key),
               let speller = ctx.speller, speller.accepts(String(next.text)) {
                add("missing-space", .warning, p, t.start, slice(p, toks, i, i + 1),
                    "Thiếu dấu cách giữa “\(t.text)” và “\(next.text)”", "\(t.text) \(next.text)")
            }
            return
        }
        if glued {
            add("missing-space", .warning, p, prev.start, slice(p, toks, i - 1, i + 1),
                "Thiếu dấu cách sau dấu “\(t.text)”", "\(prev.text)\(t.text) \(next.text)")
        }
    }

    /// More closing quotes than opening ones, or an opening one left open at the paragraph's end.
    private mutating func quotes(_ pi: Int, _ p: Passage, _ toks: [Token]) {
        var open = 0, close = 0
        var lastClose = 0
        for t in toks where t.kind == .mark {
            if t.text == "“" { open += 1 } else if t.text == "”" { close += 1; lastClose = t.start }
        }
        guard open != close else { return }
        if close > open {
            add("unbalanced-quote", .warning, p, lastClose, String(p.text.text.unicodeScalars.dropFirst(max(0, lastClose - 40)).prefix(48).map(Character.init)),
                "Thừa dấu đóng ngoặc kép “”” (\(open) mở, \(close) đóng)")
        } else if pi + 1 < ctx.tokens.count, !ctx.tokens[pi + 1].contains(where: { $0.text == "”" }) {
            add("unbalanced-quote", .warning, p, 0, String(p.text.text.prefix(60)), "Dấu mở ngoặc kép ““” không được đóng (\(open) mở, \(close) đóng)")
        }
    }

    /// ". đến nay" (a sentence starting small) and "xem xét, Phê duyệt" (a capital in mid-sentence
    /// on a phrase the document writes small elsewhere).
    private mutating func capitals(_ p: Passage, _ toks: [Token]) {
        guard toks.count >= 3 else { return }
        for i in 1..<(toks.count - 1) {
            let t = toks[i], prev = toks[i - 1], next = toks[i + 1]
            if t.text == ".", p.kind == .paragraph, prev.isWord, prev.isLower, prev.text.count >= 2, next.isWord, next.isLower, next.spaced,
               !(i + 1 < toks.count && toks[i + 1].text == "/"), !(i >= 2 && toks[i - 2].text == ".") {
                add("lowercase-sentence", .warning, p, next.start, slice(p, toks, i - 1, i + 1),
                    "Câu mới bắt đầu bằng chữ thường “\(next.text)”", next.text.prefix(1).uppercased() + next.text.dropFirst())
            }
            guard t.isWord, t.isCapitalised, i + 1 < toks.count, next.isWord, next.isLower, t.spaced, p.kind != .heading, !p.uncut else { continue }
            // After a comma that closes a run of small words: "xem xét, Phê duyệt".
            guard prev.text == ",", i >= 3 else { continue }
            guard toks[i - 2].isWord, toks[i - 2].isLower, toks[i - 3].isWord, toks[i - 3].isLower else { continue }
            // "tích hợp Khoa học, Kỹ thuật, Công nghệ": a list of capitalised names.
            if prev.text == ",", i >= 2, toks[i - 2].isWord, !toks[i - 2].isLower { continue }
            if i + 3 < toks.count, toks[i + 2].text == ",", toks[i + 3].isWord, toks[i + 3].isCapitalised { continue }
            let k = Pair(t.key, next.key)
            // Fold.key ignores case: the small and the capitalised spellings are counted apart.
            guard (lowerPairs[k] ?? 0) >= 2, (capitalPairs[k] ?? 0) == 1 else { continue }
            add("capital-mid-sentence", .warning, p, t.start, slice(p, toks, i, i + 1),
                "“\(t.text) \(next.text)” viết hoa giữa câu; ở chỗ khác văn bản viết thường", t.text.lowercased() + " " + next.text)
        }
    }
}
