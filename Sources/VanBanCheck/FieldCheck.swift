import Foundation
import VanBanCore
import VanBanModel

// Foundation has a Unit too; here it is always the plan's.
typealias Unit = VanBanModel.Unit

/// Where a plan's undated continuous work ends: a year and a month.
struct Horizon: Sendable {
    var year: Int
    var month: Int
    var value: Int { year * 100 + month }
}

/// Field by field on a covered link: deadline, lead, partners, output; targets per year.
struct FieldCheck {
    let dictionaries: Dictionaries
    let parentYear: Int?
    let childYear: Int?
    let childIssuer: [String]
    /// The levels of both plans, for counterparts; nil compares units by name alone.
    var levels: LevelContext? = nil
    /// Whether the child plan gives partners at all: a plan without the column drops none.
    var childNamesPartners = true
    /// Where each plan's undated continuous work ends ("Thường xuyên" in a 2025 plan ends with 2025).
    var parentHorizon: Horizon? = nil
    var childHorizon: Horizon? = nil

    typealias Finding = CheckResult.Finding
    typealias Counterpart = CheckResult.Counterpart

    func tasks(_ p: Task, _ children: [Task]) -> [Finding] { taskFields(p, children).findings }

    func taskFields(_ p: Task, _ children: [Task]) -> (findings: [Finding], counterparts: [Counterpart]) {
        var out: [Finding] = []
        var accepted: [Counterpart] = []
        for c in children {
            if let f = deadline(p.deadline, c.deadline), !out.contains(where: { $0.code == f.code }) { out.append(f) }
        }
        if let f = lead(p, children, &accepted) { out.append(f) }
        out += partners(p, children, &accepted)
        if let po = p.output, !po.isEmpty {
            let outputs = children.compactMap(\.output).filter { !$0.isEmpty }
            if !outputs.isEmpty, !outputs.contains(po), !outputs.contains(where: { Self.similar(po, $0) }) {
                out.append(Finding(code: "output-changed", parent: po, child: outputs.joined(separator: "; ")))
            }
        }
        return (out, accepted)
    }

    // MARK: Deadlines

    enum Kind { case dated, recurring, perPlan, event, unknown }

    func kind(_ d: Deadline) -> Kind {
        if d.event != nil { return .event }
        switch d.recurrence {
        case .perPlan: return .perPlan
        case .annual, .continuous: return .recurring
        default: return d.from != nil || d.to != nil || d.everyYears != nil ? .dated : .unknown
        }
    }

    /// Later when the child starts in a later year or ends after the parent (a recurring task
    /// starts with its plan's year; a school year ends in May, a year in December; undated
    /// continuous work ends with its plan's horizon); changed when the two cannot be compared.
    /// Earlier or equal says nothing.
    func deadline(_ p: Deadline?, _ c: Deadline?) -> Finding? {
        guard let p, let c else { return nil }
        let (pk, ck) = (kind(p), kind(c))
        guard pk != .unknown, ck != .unknown else { return nil }
        let pFrom = p.from ?? (pk == .recurring ? parentYear : nil)
        let cFrom = c.from ?? (ck == .recurring ? childYear : nil)
        if let pf = pFrom, let cf = cFrom, cf > pf { return Finding(code: "deadline-later", parent: p.text, child: c.text) }
        if let pt = end(p), let ct = end(c), ct > pt { return Finding(code: "deadline-later", parent: p.text, child: c.text) }
        if let pt = p.to, pk == .dated, c.to == nil, ck == .recurring, (cFrom ?? 0) > pt {
            return Finding(code: "deadline-later", parent: p.text, child: c.text)
        }
        // "Thường xuyên" in a 2025 plan is done within 2025: a dated child ending later is late.
        if pk == .recurring, p.from == nil, p.to == nil, ck == .dated, let h = parentHorizon, let ct = end(c), ct > h.value {
            return Finding(code: "deadline-later", parent: p.text, child: c.text)
        }
        let comparable: Bool = switch (pk, ck) {
        case (.dated, .dated), (.recurring, .recurring), (.perPlan, .perPlan), (.event, .event): true
        // A year range kept up ("2026 và duy trì") and a recurring task are the same kind of work.
        case (.dated, .recurring), (.recurring, .dated): (p.from != nil) == (c.from != nil) || c.from != nil
        default: false
        }
        return comparable ? nil : Finding(code: "deadline-changed", parent: p.text, child: c.text)
    }

    /// When a dated deadline ends, as year × 100 + month: the month its text names for the last
    /// year ("tháng 4/2025"), May for a school year ("Năm học 2025-2026"), else December.
    func end(_ d: Deadline) -> Int? {
        guard let to = d.to else { return nil }
        let key = Fold.key(d.text)
        if key.contains(Self.schoolYear) { return to * 100 + 5 }
        if let m = Self.lastMonth(d.text, year: to) { return to * 100 + m }
        return to * 100 + 12
    }

    static let schoolYear = Fold.key("năm học")

    /// The month written with the last year: "tháng 4/2025", "04/2025", "tháng 4 năm 2025".
    static func lastMonth(_ text: String, year: Int) -> Int? {
        let y = String(year)
        guard let r = text.range(of: y, options: .backwards) else { return nil }
        let before = text[..<r.lowerBound].lowercased()
        var tail = Substring(before)
        for suffix in ["năm ", "/", " / ", "-"] where tail.hasSuffix(suffix) { tail = tail.dropLast(suffix.count); break }
        tail = Substring(tail.trimmingCharacters(in: .whitespaces))
        let digits = tail.reversed().prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, let m = Int(String(digits.reversed())), (1...12).contains(m) else { return nil }
        // In "28/02/2025" the month is what stands just before the year.
        return m
    }

    // MARK: Units

    func key(_ unit: Unit) -> String { Fold.key(unit.canonical ?? unit.text) }

    func same(_ a: Unit, _ b: Unit) -> Bool {
        // Two units the dictionary knows are the same only by name: "Các cơ sở giáo dục" is
        // not "Các cơ sở giáo dục nghề nghiệp" although one name begins the other.
        if let x = a.canonical, let y = b.canonical { return x == y }
        let (x, y) = (key(a), key(b))
        return x == y || x.hasPrefix(y + " ") || y.hasPrefix(x + " ")
    }

    /// A role inside the child's own body: its people doing what the parent gave to a unit.
    func isOwn(_ u: Unit) -> Bool {
        let k = Fold.key(u.text)
        if dictionaries.roles.contains(where: { k == $0 || k.hasPrefix($0 + " ") }) { return true }
        if k.hasSuffix(Fold.key(" trong tổ")) || k.hasSuffix(Fold.key(" của tổ")) { return true }
        return childIssuer.contains { Fold.key($0) == k }
    }

    func lead(_ p: Task, _ children: [Task]) -> Finding? {
        var accepted: [Counterpart] = []
        return lead(p, children, &accepted)
    }

    /// Changed when no child lead is the parent's lead or its counterpart at the child's level,
    /// and a child lead is a body of its own (not the child's people carrying out the task).
    func lead(_ p: Task, _ children: [Task], _ accepted: inout [Counterpart]) -> Finding? {
        let parentLead = p.leadUnits
        let childLead = children.flatMap(\.leadUnits)
        guard !parentLead.isEmpty, !childLead.isEmpty else { return nil }
        if childLead.contains(where: { c in parentLead.contains { same($0, c) } }) { return nil }
        var matched: [Counterpart] = []
        var why: String?
        var foreign = false
        for c in childLead {
            // The child's own people (roles.tsv) carry out whatever the parent gave its units.
            if isOwn(c) { continue }
            var verdicts: [LevelContext.Verdict] = []
            for u in parentLead { verdicts.append(levels?.judge(u, c) ?? .unknown) }
            if let k = verdicts.firstIndex(where: { if case .counterpart = $0 { true } else { false } }), case let .counterpart(r) = verdicts[k] {
                if !matched.contains(where: { $0.parent == parentLead[k].text && $0.child == c.text }) {
                    matched.append(Counterpart(field: "lead", parent: parentLead[k].text, child: c.text, reason: r))
                }
                continue
            }
            if let d = verdicts.first(where: { if case .different = $0 { true } else { false } }), case let .different(r) = d {
                foreign = true
                why = why ?? r
                continue
            }
            foreign = true
            why = why ?? "“\(c.text)” là đơn vị khác, không phải “\(p.lead.joined(separator: "; "))” hay đơn vị tương ứng của cấp dưới"
        }
        if !matched.isEmpty { accepted += matched; return nil }
        guard foreign else { return nil }
        return Finding(code: "lead-changed", parent: p.lead.joined(separator: "; "), child: children.flatMap(\.lead).joined(separator: "; "), reason: why)
    }

    func partners(_ p: Task, _ children: [Task]) -> [Finding] {
        var accepted: [Counterpart] = []
        return partners(p, children, &accepted)
    }

    /// A named partner of the parent task that no linked child names, as partner or lead,
    /// by itself or by its counterpart. A partner that names the child itself ("các cơ sở
    /// giáo dục" for a school) is the child's own work.
    func partners(_ p: Task, _ children: [Task], _ accepted: inout [Counterpart]) -> [Finding] {
        guard childNamesPartners else { return [] }
        let named = children.flatMap { $0.partnerUnits + $0.leadUnits }
        var out: [Finding] = []
        for u in p.partnerUnits {
            if let l = levels, l.namesChild(u) {
                accepted.append(Counterpart(field: "partners", parent: u.text, child: nil, reason: "“\(u.text)” gồm cả đơn vị cấp dưới: nhiệm vụ là của chính đơn vị"))
                continue
            }
            guard u.canonical != nil else { continue }
            if named.contains(where: { same(u, $0) }) { continue }
            if let l = levels, let (v, r) = named.lazy.compactMap({ v -> (Unit, String)? in
                if case let .counterpart(r) = l.judge(u, v) { return (v, r) } else { return nil } }).first {
                accepted.append(Counterpart(field: "partners", parent: u.text, child: v.text, reason: r))
                continue
            }
            out.append(Finding(code: "partners-dropped", parent: u.text, child: children.flatMap(\.partners).joined(separator: "; ")))
        }
        return out
    }

    static func similar(_ a: String, _ b: String) -> Bool {
        let x = Set(Fold.key(a).split(separator: " ")), y = Set(Fold.key(b).split(separator: " "))
        guard !x.isEmpty, !y.isEmpty else { return true }
        return Double(x.intersection(y).count) / Double(min(x.count, y.count)) >= 0.5
    }

    // MARK: Targets

    /// Per year the parent sets: weaker when the child asks less (lower value, weaker operator,
    /// or its column for that year left empty), changed on any other difference. A year the
    /// child has no column for is beyond its horizon and not compared.
    func indicators(_ p: Indicator, _ children: [Indicator]) -> [Finding] {
        var out: [Finding] = []
        let years = Set(p.targets.compactMap(\.year)).sorted()
        for year in years {
            let pt = p.targets.filter { $0.year == year }
            let ct = children.flatMap(\.targets).filter { $0.year == year }
            guard !ct.isEmpty else { continue }
            let pText = pt.map(\.text).joined(separator: "; "), cText = ct.map(\.text).joined(separator: "; ")
            if ct.allSatisfy({ $0.value == nil && $0.qualifier == nil }) {
                if pt.contains(where: { $0.value != nil || $0.qualifier != nil }) {
                    out.append(Finding(code: "target-weaker", parent: pText, child: cText.isEmpty ? nil : cText, year: year))
                }
                continue
            }
            switch compare(pt, ct) {
            case .weaker: out.append(Finding(code: "target-weaker", parent: pText, child: cText, year: year))
            case .changed: out.append(Finding(code: "target-changed", parent: pText, child: cText, year: year))
            case .same: break
            }
        }
        return out
    }

    enum Comparison { case same, weaker, changed }

    func compare(_ p: [Target], _ c: [Target]) -> Comparison {
        let pn = p.filter { $0.value != nil }, cn = c.filter { $0.value != nil }
        if pn.isEmpty || cn.isEmpty {
            let pq = p.compactMap(\.qualifier), cq = c.compactMap(\.qualifier)
            return pn.isEmpty && cn.isEmpty && pq == cq ? .same : .changed
        }
        // The child's least demanding target against the parent's least demanding one.
        let a = pn.min { strength($0) < strength($1) }!, b = cn.min { strength($0) < strength($1) }!
        if a.unit != b.unit { return .changed }
        let (sa, sb) = (strength(a), strength(b))
        if sb < sa { return .weaker }
        if sb > sa { return .changed }
        return pn.count == cn.count ? .same : .changed
    }

    /// Comparable strength of an "at least" target: 100% exactly asks as much as ≥100%, and
    /// "> 95%" a little more than "≥ 95%".
    func strength(_ t: Target) -> Double {
        let v = t.value ?? 0
        switch t.op {
        case ">": return v + 0.001
        case "<", "<=": return -v
        default: return v
        }
    }
}
