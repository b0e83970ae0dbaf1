import VanBanModel

/// The relation of each mention in a paragraph, from the clause it opens.
///
/// A paragraph is split into items at ";". An item opening with "Căn cứ" is a basis, one
/// opening with "Thực hiện" / "Triển khai" (in the header or preamble) names what the plan
/// implements, and an item that opens directly with a mention continues the previous item's
/// verb. Within an item the verb reaches the first mention and those listed right after it
/// ("…, Nghị quyết số … và Chương trình hành động số …"), not documents named later in a "về
/// việc thực hiện …" clause, which the cited document itself implements.
enum Clauses {
    static func relations(of ms: [Mention], in text: String, implementsAllowed: Bool) -> [Reference.Relation] {
        let bytes = Array(text.utf8)
        var out = [Reference.Relation](repeating: .cites, count: ms.count)
        var itemStart = 0
        var verb: Reference.Relation?
        var k = 0
        while itemStart <= bytes.count && k < ms.count {
            var itemEnd = itemStart
            while itemEnd < bytes.count && bytes[itemEnd] != 0x3B { itemEnd += 1 }
            // The first real character of the item, past bullets and brackets.
            var s = itemStart
            while s < itemEnd {
                if " \t\n\r-+*(".utf8.contains(bytes[s]) { s += 1 } else if bytes[s] == 0xE2 { s += 3 } else { break }
            }
            s = min(s, itemEnd)
            let head = Lexicon.bareWords(bytes[s..<min(itemEnd, s + 24)], limit: 2)
            let opensWithMention = ms[k].range.lowerBound == s
            if head.count >= 2 && head[0].is("can") && head[1].is("cu") {
                verb = .basis
            } else if implementsAllowed && head.count >= 2 &&
                        (head[0].is("thuc") && head[1].is("hien") || head[0].is("trien") && head[1].is("khai")) {
                verb = .implements
            } else if !opensWithMention {
                verb = nil
            }
            // The verb reaches the item's first mention and those chained to it; a document named
            // later in the item ("về thực hiện …") breaks the chain for this item only, so the next
            // item opening with a mention still continues the verb.
            var chain = verb
            // "Căn cứ Kế hoạch … của UBND về thực hiện Nghị quyết số 57-NQ/TW": the first number
            // sits inside what an unnumbered document implements, not under the verb.
            if k < ms.count, ms[k].range.lowerBound < itemEnd, ms[k].range.lowerBound > s {
                if Lexicon.hasThucHien(bytes[s..<ms[k].range.lowerBound], after: 2) { chain = nil }
            }
            var first = true
            while k < ms.count && ms[k].range.lowerBound < itemEnd {
                if let v = chain {
                    if first || chained(ms[k - 1], ms[k], text) { out[k] = v } else { chain = nil }
                }
                first = false
                k += 1
            }
            itemStart = itemEnd + 1
        }
        return out
    }

    /// Only a comma or "và" stands between the end of `a` (its date and issuer) and `b`: at
    /// most one word, and it is "và"; else only commas, white space and letters.
    static func chained(_ a: Mention, _ b: Mention, _ text: String) -> Bool {
        guard a.clauseEnd <= b.range.lowerBound else { return false }
        var text = text
        return text.withUTF8 { p in
            let g = Bytes(p: UnsafeBufferPointer(rebasing: p[a.clauseEnd..<b.range.lowerBound]))
            var words = 0, k = 0, va = true, inWord = false
            var i = 0
            while i < g.count {
                let (v, len) = g.scalar(at: i)
                i += len
                let c = Letters.cls(v)
                if c > 1 {
                    if !inWord { words += 1; inWord = true; k = 0 }
                    va = va && k < 2 && c & 0x7F == (k == 0 ? 0x76 : 0x61)
                    k += 1
                    continue
                }
                // A combining mark is neither comma, space nor letter.
                if c == 1 { return false }
                if inWord { va = va && k == 2; inWord = false }
                if v == 0x2C || v == 0x20 { continue }
                guard let u = Unicode.Scalar(v), u.properties.isWhitespace || u.properties.isAlphabetic else { return false }
            }
            if inWord { va = va && k == 2 }
            return words == 0 || words == 1 && va
        }
    }
}
