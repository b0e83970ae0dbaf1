import VanBanLayout

/// Layout -> Layout: text typed in a legacy Vietnamese encoding becomes NFC Unicode, run by run.
/// A run's font says its encoding where it names one (.VnTime, VNI-Times); elsewhere the text's
/// statistics decide, paragraph by paragraph and, where a paragraph says too little, for the
/// whole document. Text that holds Unicode Vietnamese letters is never touched, nor is a line
/// in which nothing needs decoding: its text stays the reader's, byte for byte.
public struct LegacyPass: Sendable {
    let decoder: LegacyDecoder
    public init(tables: EncodingTables = .shared) { decoder = LegacyDecoder(tables: tables) }

    private struct Key: Hashable { var encoding: LegacyCharset; var font: String? }

    public func apply(_ layout: Layout) -> Layout {
        // First pass: what the undeclared text of each paragraph and of the whole document looks like.
        var paragraphVotes: [Int: LegacyCharset?] = [:]
        var documentScore = Score()
        var paragraphScores: [Score] = []
        var ordinal = 0
        forEachParagraph(layout) { p, _ in
            var s = Score()
            for l in p.lines { for r in runs(of: l) where declared(r) == nil && !isUnicode(r.text) { s.add(r.text, decoder) } }
            // Only a character Vietnamese Unicode never writes (¸, µ, ø, ï …) opens the question.
            paragraphVotes[ordinal] = s.signals > 0 ? s.verdict(margin: 1) : nil
            paragraphScores.append(s)
            documentScore.merge(s)
            ordinal += 1
        }
        let documentEncoding = documentScore.verdict(margin: max(3, documentScore.tokens / 5)) ?? nil

        var out = layout
        var parts: [Key: (pages: Set<Int>, characters: Int)] = [:]
        ordinal = 0
        mapParagraphs(&out) { p, page in
            var vote = paragraphVotes[ordinal] ?? nil
            // The document's encoding wins over a paragraph's near tie between two tables.
            if let v = vote, let d = documentEncoding, v != d, paragraphScores[ordinal].decoded[d, default: 0] + 1 >= paragraphScores[ordinal].decoded[v, default: 0] { vote = d }
            ordinal += 1
            let fallback: LegacyCharset? = vote ?? documentEncoding
            var changed = false
            for li in p.lines.indices {
                let line = p.lines[li]
                var text = ""
                var lineChanged = false
                for r in runs(of: line) {
                    var piece = r.text
                    if !isUnicode(r.text) {
                        if let d = declared(r) {
                            piece = decoder.decode(r.text, from: d.encoding, capitals: d.capitals)
                            parts[Key(encoding: d.encoding, font: r.font), default: ([], 0)].pages.insert(page)
                            parts[Key(encoding: d.encoding, font: r.font), default: ([], 0)].characters += piece.count
                        } else if let e = fallback, Score.hasLegacy(r.text, e, decoder) {
                            piece = decoder.decode(r.text, from: e)
                            parts[Key(encoding: e, font: nil), default: ([], 0)].pages.insert(page)
                            parts[Key(encoding: e, font: nil), default: ([], 0)].characters += piece.count
                        }
                    }
                    piece = piece.replacingOccurrences(of: "\u{00AD}", with: "")
                    if piece != r.text.replacingOccurrences(of: "\u{00AD}", with: "") { lineChanged = true }
                    text += piece
                }
                if lineChanged {
                    p.lines[li].text = text.precomposedStringWithCanonicalMapping
                    p.lines[li].runs = []
                    changed = true
                }
            }
            _ = changed
        }
        // One part per encoding, its fonts named.
        var byEncoding: [LegacyCharset: (fonts: Set<String>, pages: Set<Int>, characters: Int)] = [:]
        for (k, v) in parts {
            var e = byEncoding[k.encoding] ?? ([], [], 0)
            if let f = k.font { e.fonts.insert(f) }
            e.pages.formUnion(v.pages)
            e.characters += v.characters
            byEncoding[k.encoding] = e
        }
        out.encodings = layout.encodings + byEncoding.sorted { $0.value.characters > $1.value.characters }.map {
            EncodedPart(encoding: $0.key.label, fonts: $0.value.fonts.sorted(), pages: $0.value.pages.sorted(), characters: $0.value.characters)
        }
        return out
    }

    func runs(of line: Line) -> [FontRun] {
        line.runs.isEmpty ? [FontRun(text: line.text, font: line.style.fontName)] : line.runs
    }

    func declared(_ run: FontRun) -> (encoding: LegacyCharset, capitals: Bool)? {
        run.font.flatMap { decoder.tables.encoding(ofFont: $0) }
    }

    /// Holds a Unicode Vietnamese letter no 8-bit reading gives (ư, ơ, đ, ă, ạ …): Unicode.
    func isUnicode(_ text: String) -> Bool {
        // Đ/đ do not count: a reader's folding makes them of the eth at 0xD0/0xF0.
        for u in text.unicodeScalars where u.value >= 0x100 && u.value != 0x110 && u.value != 0x111 {
            if (0x102...0x1B0).contains(u.value) || (0x1EA0...0x1EF9).contains(u.value) {
                if !EncodingTables.cp1252High.contains(u.value) { return true }
            }
        }
        return false
    }

    private func forEachParagraph(_ layout: Layout, _ body: (Paragraph, Int) -> Void) {
        for page in layout.pages {
            for b in page.blocks {
                switch b {
                case let .paragraph(p): body(p, page.number)
                case let .table(t): for r in t.rows { for c in r.cells { for p in c.paragraphs { body(p, page.number) } } }
                }
            }
        }
    }

    private func mapParagraphs(_ layout: inout Layout, _ body: (inout Paragraph, Int) -> Void) {
        for pi in layout.pages.indices {
            let number = layout.pages[pi].number
            for bi in layout.pages[pi].blocks.indices {
                switch layout.pages[pi].blocks[bi] {
                case var .paragraph(p):
                    body(&p, number)
                    layout.pages[pi].blocks[bi] = .paragraph(p)
                case var .table(t):
                    for r in t.rows.indices { for c in t.rows[r].cells.indices { for k in t.rows[r].cells[c].paragraphs.indices {
                        body(&t.rows[r].cells[c].paragraphs[k], number)
                    } } }
                    layout.pages[pi].blocks[bi] = .table(t)
                }
            }
        }
    }
}

/// Well-formed words as the text stands and as each table would decode it.
struct Score {
    var signals = 0
    var asIs = 0
    var decoded: [LegacyCharset: Int] = [:]
    var tokens = 0

    mutating func add(_ text: String, _ decoder: LegacyDecoder) {
        for u in text.unicodeScalars where u.value > 0x7F && !decoder.tables.vietnameseLetters.contains(u.value) && u.properties.isAlphabetic || (0xA1...0xBF).contains(u.value) && u.value != 0xAB && u.value != 0xBB && u.value != 0xB0 && u.value != 0xA9 && u.value != 0xA7 {
            signals += 1
        }
        for w in text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }) {
            let word = String(w)
            let viqrShaped = word.unicodeScalars.allSatisfy(\.isASCII) && Self.viqrMarks(word)
            guard viqrShaped || word.unicodeScalars.contains(where: { $0.value > 0x7F }) else { continue }
            tokens += 1
            if Self.wellFormed(word) { asIs += 1 }
            for e in LegacyCharset.allCases where e != .viqr || viqrShaped {
                if Self.wellFormed(decoder.decode(word, from: e)) { decoded[e, default: 0] += 1 }
            }
        }
    }

    mutating func merge(_ o: Score) {
        asIs += o.asIs; tokens += o.tokens; signals += o.signals
        for (k, v) in o.decoded { decoded[k, default: 0] += v }
    }

    /// nil: too little to tell; .some(nil): Unicode; .some(e): encoding e.
    func verdict(margin: Int) -> LegacyCharset?? {
        guard tokens > 0 else { return nil }
        let best = decoded.max { $0.value < $1.value || ($0.value == $1.value && $0.key.rawValue > $1.key.rawValue) }
        guard let best else { return .some(nil) }
        if best.value >= asIs + margin { return .some(best.key) }
        if best.value <= asIs { return asIs > 0 ? .some(nil) : nil }
        return nil
    }

    /// A word of letters (and edge punctuation) that makes a syllable.
    static func wellFormed(_ word: String) -> Bool {
        let trimmed = word.unicodeScalars.drop { isEdge($0) }.reversed().drop { isEdge($0) }.reversed()
        guard !trimmed.isEmpty, trimmed.allSatisfy({ $0.properties.isAlphabetic || $0.properties.generalCategory == .nonspacingMark }) else { return false }
        return Syllable.isValid(String(String.UnicodeScalarView(trimmed)))
    }

    static func isEdge(_ u: Unicode.Scalar) -> Bool {
        u.isASCII && !(u.properties.isAlphabetic) || u.value == 0x201C || u.value == 0x201D || u.value == 0x2018 || u.value == 0x2019
    }

    /// A VIQR mark inside the word ("hoa.ch", "Ke^'"), not only punctuation at its end.
    static func viqrMarks(_ word: String) -> Bool {
        let s = Array(word.unicodeScalars)
        guard s.count >= 2 else { return false }
        for i in 1..<s.count where "^(+".unicodeScalars.contains(s[i]) && "aeiouyAEIOUY".unicodeScalars.contains(s[i - 1]) { return true }
        for i in 1..<(s.count - 1) where "'`?~.".unicodeScalars.contains(s[i]) && "aeiouyAEIOUY^(+".unicodeScalars.contains(s[i - 1]) && s[i + 1].properties.isAlphabetic { return true }
        return false
    }

    /// The run holds something `e` changes.
    static func hasLegacy(_ text: String, _ e: LegacyCharset, _ decoder: LegacyDecoder) -> Bool {
        decoder.decode(text, from: e) != text.precomposedStringWithCanonicalMapping
    }
}
