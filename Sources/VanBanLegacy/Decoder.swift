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
                if d == w { return d }
                return Syllable.isValid(Self.letters(d)) ? d : String(w)
            }.joined(separator: " ")
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
            if encoding == .viqr, s[i].value == 0x5C, i + 1 < s.count, "'`?~.(^+".unicodeScalars.contains(s[i + 1]) {
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

    static func letters(_ s: String) -> String {
        var v = String.UnicodeScalarView()
        for u in s.unicodeScalars where u.properties.isAlphabetic { v.append(u) }
        return String(v)
    }
}
