import VanBanCore
import VanBanModel

/// Cited documents that disagree with each other or with the plan: one number beside a
/// dominant other of the same kind and issuer, the parent cited with other dates or types,
/// a date after the plan's own, a type that does not fit the symbol, appendices cited by
/// labels they do not carry. Symbols malformed in themselves are the reference finder's.
struct ReferenceRules {
    let ctx: Context
    init(_ ctx: Context) { self.ctx = ctx }

    func run() -> [LintFinding] { loneNumbers() + parentCitations() + laterDates() + typeFits() + appendixCitations() }

    private func place(_ r: Reference) -> (String, Int?, Int?) {
        let o = r.occurrences.first
        let p = ctx.place(of: r.variants.first ?? r.id)
        return (p?.0 ?? "References", o?.page ?? p?.1?.page, o?.line ?? p?.1?.line)
    }

    /// 004 implements 177/KH-UBND everywhere and cites 155/KH-UBND once, undated.
    private func loneNumbers() -> [LintFinding] {
        var out: [LintFinding] = []
        let refs = ctx.plan.references
        for r in refs where r.occurrences.count == 1 && r.date == nil && r.relation != .implements {
            guard let sym = r.symbol else { continue }
            let same = refs.filter { $0.id != r.id && $0.symbol.map(Fold.symbolKey) == Fold.symbolKey(sym) && $0.type?.code == r.type?.code }
            guard let dominant = same.max(by: { $0.occurrences.count < $1.occurrences.count }),
                  dominant.relation == .implements, dominant.occurrences.count >= 2 else { continue }
            let (where_, page, line) = place(r)
            out.append(LintFinding(code: "inconsistent-reference", group: "references", severity: .error, where: where_, page: page, line: line,
                                   text: r.occurrences.first?.text ?? r.id,
                                   message: "Dẫn “\(r.id)” một lần, không có ngày, trong khi văn bản thực hiện “\(dominant.id)”\(dominant.date.map { " ngày \(Self.display($0))" } ?? "") ở \(dominant.occurrences.count) chỗ khác: có thể ghi nhầm số",
                                   suggestion: dominant.id))
        }
        return out
    }

    /// The parent (and any document) written with different dates or type names.
    private func parentCitations() -> [LintFinding] {
        var out: [LintFinding] = []
        for r in ctx.plan.references where r.occurrences.count >= 2 && Set(r.occurrences.map(\.text)).count >= 2 {
            var dates: [String: String] = [:]   // iso -> text
            var types: [String: String] = [:]
            for o in r.occurrences {
                if let iso = DateText.parse(o.text).iso { dates[iso] = dates[iso] ?? o.text }
                let head = o.text.split(separator: " ").prefix(3).joined(separator: " ")
                if let t = ctx.typeNames.first(where: { Fold.startsWith(head, $0.spelling) })?.type.name {
                    types[t] = types[t] ?? o.text
                }
            }
            let (where_, page, line) = place(r)
            if dates.count > 1 {
                out.append(LintFinding(code: "inconsistent-reference", group: "references", severity: .error, where: where_, page: page, line: line,
                                       text: dates.values.sorted().joined(separator: " | "),
                                       message: "“\(r.id)” được dẫn với các ngày khác nhau: \(dates.keys.sorted().map(Self.display).joined(separator: ", "))"))
            }
            if types.count > 1 {
                out.append(LintFinding(code: "inconsistent-reference", group: "references", severity: .error, where: where_, page: page, line: line,
                                       text: types.values.sorted().joined(separator: " | "),
                                       message: "“\(r.id)” được dẫn với các tên loại khác nhau: \(types.keys.sorted().joined(separator: ", "))"))
            }
        }
        return out
    }

    /// A cited document dated after the plan itself.
    private func laterDates() -> [LintFinding] {
        let h = ctx.plan.header
        let own = h.date ?? DateText.parse(h.placeDate ?? "").iso
        var out: [LintFinding] = []
        for r in ctx.plan.references {
            let later: Bool
            if let own, let d = r.date { later = d > own } else if let y = h.year, let ry = r.year, own == nil, h.date == nil { later = ry > y } else { later = false }
            guard later else { continue }
            let (where_, page, line) = place(r)
            out.append(LintFinding(code: "reference-after-date", group: "references", severity: .error, where: where_, page: page, line: line,
                                   text: r.occurrences.first?.text ?? r.id,
                                   message: "Văn bản được dẫn “\(r.id)”\(r.date.map { " ngày \(Self.display($0))" } ?? " năm \(r.year ?? 0)") ban hành sau chính văn bản này (\(own.map(Self.display) ?? "năm \(h.year ?? 0)"))"))
        }
        return out
    }

    /// "Quyết định số 12/KH-UBND": the type named is not the type the symbol says.
    private func typeFits() -> [LintFinding] {
        var out: [LintFinding] = []
        for r in ctx.plan.references {
            guard let code = r.type?.code, let sym = r.symbol else { continue }
            // State form "KH-UBND": the type code leads; Party form "NQ/TW" after the number's dash.
            let lead = sym.split(whereSeparator: { Fold.isDashChar($0) || $0 == "/" }).first.map(String.init) ?? ""
            guard let symType = ctx.dictionaries.type(code: lead), let symCode = symType.code,
                  Fold.symbolKey(symCode) != Fold.symbolKey(code) else { continue }
            let (where_, page, line) = place(r)
            out.append(LintFinding(code: "type-symbol-mismatch", group: "references", severity: .error, where: where_, page: page, line: line,
                                   text: r.occurrences.first?.text ?? r.id,
                                   message: "Tên loại “\(r.type?.name ?? code)” không khớp ký hiệu “\(sym)” (ký hiệu là của \(symType.name))"))
        }
        return out
    }

    /// "Phụ lục II" in the text while the appendices are labelled "PHỤ LỤC 2" (or there is no II).
    private func appendixCitations() -> [LintFinding] {
        var labels: [Int: String] = [:]
        var roman = 0, arabic = 0
        for a in ctx.plan.appendices {
            guard let l = a.label, let (n, isRoman) = Self.appendixNumber(Fold.key(l)[...]) else { continue }
            labels[n] = l
            if isRoman { roman += 1 } else { arabic += 1 }
        }
        guard !labels.isEmpty else { return [] }
        let phu = Fold.key("phụ"), luc = Fold.key("lục")
        var out: [LintFinding] = []
        var reported = Set<String>()
        for (pi, p) in ctx.passages.enumerated() where p.kind == .paragraph || p.kind == .heading {
            let toks = ctx.tokens[pi]
            var i = 0
            while i + 2 < toks.count {
                defer { i += 1 }
                guard toks[i].key == phu, toks[i + 1].key == luc else { continue }
                let label = toks[i + 2].text
                let isRoman = label.allSatisfy { "IVXL".contains($0) }
                guard let n = Int(label) ?? (isRoman ? Roman.value(String(label)) : nil) else { continue }
                var problem: String?
                if let l = labels[n] {
                    if isRoman && roman == 0 || !isRoman && arabic == 0 {
                        problem = "Văn bản dẫn “\(Self.show(n, isRoman))” nhưng phụ lục được đánh số “\(l)”"
                    }
                } else {
                    problem = "Văn bản dẫn “\(Self.show(n, isRoman))” nhưng không có phụ lục này"
                }
                guard let problem, reported.insert("\(p.place)|\(n)|\(isRoman)").inserted else { continue }
                let pos = p.position(at: toks[i].start)
                out.append(LintFinding(code: "appendix-reference", group: "references", severity: .warning, where: p.place,
                                       page: pos?.page, line: pos?.line, text: Self.show(n, isRoman), message: problem, suggestion: labels[n]))
            }
        }
        return out
    }

    static func show(_ n: Int, _ roman: Bool) -> String { "Phụ lục " + (roman ? Roman.string(n) : String(n)) }

    /// The number after "phụ lục " in a folded text: "phụ lục ii" -> (2, roman), "phụ lục 3" -> (3, arabic).
    static func appendixNumber(_ s: Substring) -> (Int, Bool)? {
        let phuLuc = Fold.key("phụ lục")
        guard s.hasPrefix(phuLuc) else { return nil }
        let rest = s.dropFirst(phuLuc.count).drop { $0 == " " }
        let token = rest.prefix { $0.isLetter || $0.isNumber }
        guard !token.isEmpty else { return nil }
        if let n = Int(token) { return (n, false) }
        let up = token.uppercased()
        if up.allSatisfy({ "IVXL".contains($0) }), let n = Roman.value(up) { return (n, true) }
        return nil
    }

    static func display(_ iso: String) -> String {
        let p = iso.split(separator: "-")
        guard p.count == 3 else { return iso }
        return "\(Int(p[2]) ?? 0)/\(Int(p[1]) ?? 0)/\(p[0])"
    }
}
