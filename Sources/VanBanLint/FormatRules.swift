import VanBanCore
import VanBanModel

/// Thể thức by document kind, as Dictionaries/nd30-format.tsv lists it; each finding names
/// the article of Nghị định 30/2020/NĐ-CP its rule comes from.
struct FormatRules {
    let ctx: Context
    init(_ ctx: Context) { self.ctx = ctx }

    /// "KH", "CV" …: the header's type, or a Công văn when there is no type name but a "V/v".
    static func kind(of h: Header, _ d: Dictionaries) -> String? {
        if let c = h.type?.code { return c }
        if h.type?.name == "Công văn" { return "CV" }
        if h.typeName == nil, let t = h.title, Fold.startsWith(t, "V/v") { return "CV" }
        if h.typeName == nil, let s = h.symbol, let first = s.split(whereSeparator: Fold.isDashChar).first,
           d.type(code: String(first)) == nil, !s.isEmpty { return "CV" }
        return nil
    }

    func run() -> [LintFinding] {
        let h = ctx.plan.header
        // An annex sent on its own (a table with no header, no signature) has no thể thức to check.
        if h.issuer.isEmpty, h.typeName == nil, h.numberLine == nil, !h.motto, h.signer == nil, h.placeDate == nil {
            guard !ctx.plan.appendices.isEmpty || !ctx.plan.outline.isEmpty else { return [] }
            return [LintFinding(code: "no-header", group: "format", severity: .info, where: "Header",
                                message: "Văn bản không có phần thể thức (cơ quan ban hành, số, ký hiệu, tên loại, chữ ký): có thể là phụ lục tách rời; không kiểm tra thể thức")]
        }
        let kind = Self.kind(of: h, ctx.dictionaries)
        var out: [LintFinding] = []
        for r in ctx.data.formatRules where r.applies(to: kind) {
            if let f = check(r, h, kind) { out.append(f) }
        }
        return out
    }

    private func finding(_ r: LintData.FormatRule, _ place: String, text: String? = nil, message: String? = nil, suggestion: String? = nil) -> LintFinding {
        LintFinding(code: r.id, group: "format", severity: Diagnostic.Severity(rawValue: r.severity) ?? .warning, where: place,
                    text: text, message: message ?? r.message, suggestion: suggestion, rule: "Nghị định 30/2020/NĐ-CP, " + r.article)
    }

    private func check(_ r: LintData.FormatRule, _ h: Header, _ kind: String?) -> LintFinding? {
        switch r.element {
        case "issuer":
            return h.issuer.isEmpty ? finding(r, "Header, issuer") : nil
        case "motto":
            return h.motto ? nil : finding(r, "Header, Quốc hiệu", suggestion: r.value.replacingOccurrences(of: "|", with: " / "))
        case "number-line":
            return h.numberLine == nil ? finding(r, "Header, number line", suggestion: "Số:     /\(kind.map { $0 + "-" } ?? "")…") : nil
        case "symbol":
            guard let s = h.symbol, !s.isEmpty else { return nil }
            let parts = s.split(whereSeparator: Fold.isDashChar).map(String.init)
            if kind == "CV" {
                if let first = parts.first, let t = ctx.dictionaries.type(code: first), t.code != nil {
                    return finding(r, "Header, number line", text: s, message: r.message + ": “\(s)” bắt đầu bằng tên loại “\(first)”")
                }
                return nil
            }
            guard let code = kind else { return nil }
            if parts.count < 2 || Fold.symbolKey(parts[0]) != Fold.symbolKey(code) {
                let issuer = parts.count >= 2 ? parts.dropFirst().joined(separator: "-") : (parts.first ?? "…")
                return finding(r, "Header, number line", text: s, message: r.message.replacingOccurrences(of: "{code}", with: code) + ": viết “\(s)”",
                               suggestion: "\(code)-\(issuer)")
            }
            return nil
        case "place-date":
            return h.placeDate == nil ? finding(r, "Header, place and date") : nil
        case "place-date-form":
            guard let pd = h.placeDate else { return nil }
            let k = Fold.key(pd)
            let ok = k.contains(Fold.key(", ngày")) && k.contains(Fold.key("tháng")) && k.contains(Fold.key("năm"))
            if !ok {
                let place = h.place ?? "…"
                return finding(r, "Header, place and date", text: pd, suggestion: "\(place), ngày … tháng … năm …")
            }
            return nil
        case "date-exists":
            guard let pd = h.placeDate, let (d, m, y) = Self.dayMonthYear(pd) else { return nil }
            if !(1...12).contains(m) || d < 1 || d > Self.days(m, y) {
                return finding(r, "Header, place and date", text: pd, message: r.message + ": ngày \(d) tháng \(m) năm \(y)")
            }
            return nil
        case "type-name":
            return h.typeName == nil ? finding(r, "Header, type name") : nil
        case "title":
            return h.typeName != nil && (h.title ?? "").isEmpty ? finding(r, "Header (trích yếu)") : nil
        case "title-vv":
            guard let t = h.title else { return finding(r, "Header (trích yếu)") }
            return Fold.startsWith(t, "V/v") || Fold.startsWith(t, "Về việc") ? nil : finding(r, "Header (trích yếu)", text: t, suggestion: "V/v " + t)
        case "recipients":
            return h.recipients.isEmpty ? finding(r, "Nơi nhận") : nil
        case "recipients-last":
            guard let last = h.recipients.last else { return nil }
            let k = Fold.key(last)
            if !(k.hasPrefix(Fold.key("lưu")) && Fold.symbolKey(last).contains("VT")) {
                return finding(r, "Nơi nhận", text: last, suggestion: "Lưu: VT, …")
            }
            return nil
        case "signature":
            return h.signer == nil ? finding(r, "Signature") : nil
        case "signature-name":
            guard let s = h.signer else { return nil }
            return (s.name ?? "").isEmpty ? finding(r, "Signature", text: s.position.joined(separator: " / ")) : nil
        case "signature-authority":
            guard let s = h.signer, let a = s.authority else { return nil }
            let lines = s.position
            let text = lines.joined(separator: " / ")
            switch a {
            case "KT.":
                // "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC": the one who signs is a deputy.
                guard let last = lines.last, lines.count >= 2 else {
                    return finding(r, "Signature", text: text, message: "Ký thay (KT.) phải có dòng chức vụ của cấp phó ký thay", suggestion: "KT. … / PHÓ …")
                }
                return Fold.bare(last).hasPrefix("PHO") ? nil
                    : finding(r, "Signature", text: text, message: "Ký thay (KT.) nhưng dòng chức vụ “\(last)” không phải cấp phó", suggestion: "PHÓ " + last)
            case "TM.", "TL.", "TUQ.":
                return lines.count >= 2 ? nil
                    : finding(r, "Signature", text: text, message: "Ký \(a) phải có dòng chức vụ của người ký dưới dòng “\(lines.first ?? a)”")
            default:
                return nil
            }
        default:
            return nil
        }
    }

    /// Day, month and year of "…, ngày 31 tháng 02 năm 2025" when all three are filled in.
    static func dayMonthYear(_ s: String) -> (Int, Int, Int)? {
        let k = Fold.key(s)
        func number(after word: String) -> Int? {
            guard let r = k.range(of: word + " ") ?? k.range(of: word) else { return nil }
            let digits = k[r.upperBound...].drop { $0 == " " }.prefix { $0.isNumber }
            return Int(digits)
        }
        guard let d = number(after: Fold.key("ngày")), let m = number(after: Fold.key("tháng")), let y = number(after: Fold.key("năm")) else { return nil }
        return (d, m, y)
    }

    static func days(_ m: Int, _ y: Int) -> Int {
        switch m {
        case 2: return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

extension Fold {
    static func isDashChar(_ c: Character) -> Bool { c.unicodeScalars.count == 1 && isDash(c.unicodeScalars.first!) }
}
