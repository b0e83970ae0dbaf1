/// Decodes text typed in a legacy encoding into NFC Unicode, by the tables alone.
public struct LegacyDecoder: Sendable {
    public let tables: EncodingTables
    public init(tables: EncodingTables = .shared) { self.tables = tables }

    /// `text` decoded from `encoding`; characters outside the table pass through unchanged.
    /// `capitals` is for an uppercase font, which shows every letter as a capital.
    public func decode(_ text: String, from encoding: LegacyCharset, capitals: Bool = false) -> String {
        var result: String
        if encoding == .viqr {
            // VIQR marks are also punctuation ("data." is not "datạ"): a word keeps its decoding
            // only where that makes a Vietnamese syllable.
            result = text.split(separator: " ", omittingEmptySubsequences: false).map { w -> String in
                let d = sequences(String(w), .viqr)
                if d == w || w.contains("\\") || Syllable.isValid(Self.letters(d)) { return d }
                // A mark at the word's end that makes no syllable is punctuation ("data.", "why?").
                let word = Array(w.unicodeScalars)
                var cut = word.count
                while cut > 0, "'`?~.,;:!)\"".unicodeScalars.contains(word[cut - 1]) { cut -= 1 }
                guard cut < word.count else { return d }
                let head = String(String.UnicodeScalarView(word[..<cut])), tail = String(String.UnicodeScalarView(word[cut...]))
                return sequences(head, .viqr) + tail
            }.joined(separator: " ")
        } else if encoding == .tcvn3, text.contains("\u{00AD}\u{00AD}") {
            // Word hides a soft hyphen, so a typist who saw no ư at 0xAD often typed it twice.
            var t = text
            while t.contains("\u{00AD}\u{00AD}") { t = t.replacingOccurrences(of: "\u{00AD}\u{00AD}", with: "\u{00AD}") }
            result = sequences(t, encoding)
        } else {
            result = sequences(text, encoding)
        }
        if capitals { result = result.uppercased() }
        return result.precomposedStringWithCanonicalMapping
    }

    /// The table applied left to right, the longest sequence first.
    func sequences(_ text: String, _ encoding: LegacyCharset) -> String {
        let map = tables.sequences[encoding] ?? [:]
        let s = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        next: while i < s.count {
            if encoding == .viqr, s[i].value == 0x5C, i + 1 < s.count, "'`?~.(^+dD".unicodeScalars.contains(s[i + 1]) {
                out.append(s[i + 1]); i += 2; continue
            }
            for o in map[s[i].value] ?? [] where i + o.rest.count < s.count {
                var ok = true
                for (k, r) in o.rest.enumerated() where s[i + 1 + k].value != r { ok = false; break }
                if ok {
                    out.append(contentsOf: o.unicode.unicodeScalars)
                    i += 1 + o.rest.count
                    continue next
                }
            }
            out.append(s[i]); i += 1
        }
        return String(out)
    }

    /// `text` written in `encoding` as a Windows-1252 reading of its bytes would show it (the
    /// inverse of `decode`), for round trips; nil when a letter has no place in the table.
    public func encode(_ text: String, to encoding: LegacyCharset) -> String? {
        let inv = tables.inverse[encoding] ?? [:]
        var out = ""
        let chars = Array(text.precomposedStringWithCanonicalMapping)
        for (i, ch) in chars.enumerated() {
            if let seq = inv[String(ch)] { out += seq; continue }
            guard ch.unicodeScalars.allSatisfy({ $0.isASCII }) else { return nil }
            if encoding == .viqr, let last = out.last {
                // RFC 1456: a backslash keeps a literal mark after a vowel, and a d before another d.
                let mark = "'`?~.(^+".contains(ch) && ("aeiouyAEIOUY'`?~.(^+".contains(last))
                let d = (ch == "d" || ch == "D") && i + 1 < chars.count && "dDđĐ".contains(chars[i + 1])
                if mark || d { out += "\\" }
            } else if encoding == .viqr, (ch == "d" || ch == "D"), i + 1 < chars.count, "dDđĐ".contains(chars[i + 1]) {
                out += "\\"
            }
            out.append(ch)
        }
        return out
    }

    /// The letters of every table: how many distinct Unicode letters each encodes.
    public func letterCount(_ encoding: LegacyCharset) -> Int { tables.inverse[encoding]?.count ?? 0 }

    static func letters(_ s: String) -> String {
        var v = String.UnicodeScalarView()
        for u in s.unicodeScalars where u.properties.isAlphabetic { v.append(u) }
        return String(v)
    }
}
