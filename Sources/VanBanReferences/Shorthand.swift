import VanBanCore

/// A mention of a document without its symbol, which only means something once the document
/// has been cited in full: "Kế hoạch 44" / "Kế hoạch số 44", or "Nghị quyết nêu trên".
struct Shorthand {
    enum Kind: Equatable {
        /// The bare number, folded like a symbol (leading zeros dropped).
        case number(String)
        /// "nêu trên", "nói trên", "kể trên", "trên".
        case anaphor
    }
    /// UTF-8 range of the whole phrase, type name included.
    let range: Range<Int>
    let type: DocumentType
    let kind: Kind
}

extension MentionScanner {
    /// Every shorthand in `text`. Full mentions are not shorthands: a number followed by a slash
    /// or dash belongs to a symbol.
    func shorthands(in text: String) -> [Shorthand] {
        var text = text
        return text.withUTF8 { shorthands(Bytes(p: $0)) }
    }

    private func shorthands(_ b: Bytes) -> [Shorthand] {
        var out: [Shorthand] = []
        var i = 0
        while i < b.count {
            let (v, len) = b.scalar(at: i)
            if v < 0x80, Bytes.isDigit(UInt8(v)) {
                var e = i
                while e < b.count, Bytes.isDigit(b[e]) { e += 1 }
                if let s = numbered(b, i, e) { out.append(s) }
                i = e
            } else if v | 0x20 == 0x74, i + 1 < b.count, b[i + 1] | 0x20 == 0x72,
                      i == 0 || Letters.cls(b.scalar(at: b.previousStart(i)).0) == 0 {
                // Only "trên" matters among the words, and only a word opening with "tr" can be it.
                let (end, tren) = b.wordEnd(i, is: "tren")
                if tren, let s = anaphor(b, i, end) { out.append(s) }
                i = end
            } else {
                i += len
            }
        }
        return out
    }

    /// "Kế hoạch 44", "Kế hoạch số 44": the number stands alone after the type name.
    private func numbered(_ b: Bytes, _ s: Int, _ e: Int) -> Shorthand? {
        guard e - s <= 6, s > 0, Bytes.isSpace(b.scalar(at: b.previousStart(s)).0) else { return nil }
        let after = b.skipSpace(e).end
        if after < b.count {
            let (v, _) = b.scalar(at: after)
            // A symbol or range follows ("44/KH-UBND", "03-NQ", "3-5"); a letter means "44 tuổi".
            if v == 0x2F || Bytes.isDash(v) || (after == e && Letters.cls(v) != 0) { return nil }
            // "2.1", "1,5": a decimal, not a document number.
            if (v == 0x2E || v == 0x2C), after + 1 < b.count, Bytes.isDigit(b[after + 1]) { return nil }
        }
        var end = b.skipSpaceBack(s)
        if let w = b.wordBefore(end), w.bare.is("so") { end = b.skipSpaceBack(w.start) }
        guard let t = typeNameBefore(b, end, typeCode: nil) else { return nil }
        return Shorthand(range: t.start..<e, type: t.type, kind: .number(Lexicon.symbolKey(b.string(s..<e))))
    }

    /// "Nghị quyết nêu trên"; a bare "trên" only before punctuation or the end, since "Kế hoạch
    /// trên địa bàn …" is the preposition.
    private func anaphor(_ b: Bytes, _ s: Int, _ e: Int) -> Shorthand? {
        var end = b.skipSpaceBack(s)
        if let w = b.wordBefore(end), w.bare.is("neu") || w.bare.is("noi") || w.bare.is("ke") {
            end = b.skipSpaceBack(w.start)
        } else {
            let q = b.skipSpace(e).end
            guard q >= b.count || MentionScanner.isStop(b.scalar(at: q).0) else { return nil }
        }
        guard end < s, let t = typeNameBefore(b, end, typeCode: nil) else { return nil }
        return Shorthand(range: t.start..<e, type: t.type, kind: .anaphor)
    }
}

/// A full mention as a shorthand can point back to it.
struct Cited {
    /// `Found.order`; -1 for the plan's own number line.
    let order: Int
    let type: DocumentType?
    let number: String
    let paragraph: Int
    /// The plan itself: a shorthand resolving here is no reference.
    let own: Bool

    /// The latest earlier mention of the same type: with the same number for "Kế hoạch 44", in
    /// the same or the previous paragraph for "Kế hoạch nêu trên". Types compare by name, since
    /// two types can share a spelling.
    static func resolve(_ s: Shorthand, at order: Int, paragraph: Int, in cited: [Cited]) -> Cited? {
        for c in cited.reversed() where c.order < order {
            if s.kind == .anaphor && c.paragraph < paragraph - 1 { return nil }
            guard c.type?.name == s.type.name else { continue }
            switch s.kind {
            case .anaphor: return c
            case .number(let n): if n == c.number { return c }
            }
        }
        return nil
    }
}
