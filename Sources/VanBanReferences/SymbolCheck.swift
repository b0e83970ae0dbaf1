import VanBanCore
import VanBanModel

/// `malformed-symbol` warnings: a symbol that breaks its family's format is kept as written
/// and reported once per document and kind, naming every place it occurs.
struct SymbolCheck {
    let lexicon: Lexicon

    func check(_ groups: [Merge.Group]) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for g in groups {
            let fullID = g.found.first?.mention.id
            // (message, places) per problem, in order of first occurrence.
            var found: [(String, [String])] = []
            var index: [String: Int] = [:], seen = Set<[String]>()
            func add(_ message: String, _ place: String) {
                if let i = index[message] {
                    if seen.insert([message, place]).inserted { found[i].1.append(place) }
                } else {
                    index[message] = found.count
                    seen.insert([message, place])
                    found.append((message, [place]))
                }
            }
            for f in g.all {
                for message in problems(of: f, fullID: fullID) { add(message, f.place) }
            }
            for (message, places) in found {
                out.append(Diagnostic(.warning, "malformed-symbol", message, where: places.joined(separator: ", ")))
            }
        }
        return out
    }

    private func problems(of f: Found, fullID: String?) -> [String] {
        let m = f.mention
        var out: [String] = []
        let yearPart = m.symbolYear.map { "\($0)/" } ?? ""
        switch m.form {
        case .party:
            if let ic = m.issuerCode, let issuer = lexicon.dictionaries.issuer(code: ic), issuer.level != "party",
               let tc = m.typeCode {
                out.append("“\(m.written)”: a \(issuer.name) symbol written Party-style; expected “\(m.number)/\(tc)-\(ic)”")
            }
        case .partial:
            let expected = fullID ?? "\(m.number)-\(m.typeCode ?? "")/…"
            out.append("“\(m.written)” is truncated: the issuer part of the symbol is missing; expected “\(expected)”")
        case .state:
            if !m.symbol.contains("-"), !m.symbol.contains("/"), let split = typeIssuerSplit(m.symbol) {
                out.append("“\(m.written)” lacks the hyphen between type and issuer; expected “\(m.number)/\(yearPart)\(split.0)-\(split.1)”")
            }
        }
        if let tc = m.typeCode, let code = lexicon.typeByCode[Lexicon.symbolKey(tc)]?.code, code != tc,
           code.count == tc.count, code.uppercased() == tc.uppercased() {
            out.append("“\(m.written)”: the type code is written “\(tc)”; expected “\(code)” (“\(m.id.replacingFirst(tc, with: code))”)")
        }
        if m.hasStraySpace && !f.spacesAreLineJoins {
            out.append("“\(m.written)” has a stray space inside the symbol; expected “\(m.id)”")
        }
        return out
    }

    /// "NQHĐND" = type code "NQ" + issuer code "HĐND".
    private func typeIssuerSplit(_ s: String) -> (String, String)? {
        let chars = Array(s)
        for n in stride(from: chars.count - 1, to: 0, by: -1) {
            let t = String(chars[..<n]), i = String(chars[n...])
            if lexicon.typeCodes.contains(Lexicon.symbolKey(t)), lexicon.issuerCodes.contains(Lexicon.symbolKey(i)) { return (t, i) }
        }
        return nil
    }

    /// The header's own "Số: …/KH- SGDĐT" line, which is no reference but can carry the same typo.
    static func ownNumberLine(_ h: Header) -> Diagnostic? {
        guard let line = h.numberLine, let slash = line.firstIndex(of: "/") else { return nil }
        let symbol = line[line.index(after: slash)...].trimmingCharacters(in: .whitespaces)
        guard symbol.contains(where: { $0.isWhitespace }), !symbol.isEmpty else { return nil }
        let fixed = symbol.filter { !$0.isWhitespace }
        return Diagnostic(.warning, "malformed-symbol",
                          "the plan's own symbol “\(symbol)” has a stray space; expected “\(fixed)”", where: "Header, number line")
    }
}

extension String {
    func replacingFirst(_ a: String, with b: String) -> String {
        guard let r = range(of: a) else { return self }
        return replacingCharacters(in: r, with: b)
    }
}
