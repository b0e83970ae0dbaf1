import Foundation
import VanBanCore
import VanBanModel

// Foundation has a Unit too; here it is always the plan's.
typealias Unit = VanBanModel.Unit

/// Field by field on a covered link: deadline, lead, partners, output; targets per year.
struct FieldCheck {
    let dictionaries: Dictionaries
    let parentYear: Int?
    let childYear: Int?
    let childIssuer: [String]

    typealias Finding = CheckResult.Finding

    func tasks(_ p: Task, _ children: [Task]) -> [Finding] {
        var out: [Finding] = []
        for c in children {
            if let f = deadline(p.deadline, c.deadline), !out.contains(where: { $0.code == f.code }) { out.append(f) }
        }
        if let f = lead(p, children) { out.append(f) }
        out += partners(p, children)
        if let po = p.output, !po.isEmpty {
            let outputs = children.compactMap(\.output).filter { !$0.isEmpty }
            if !outputs.isEmpty, !outputs.contains(po), !outputs.contains(where: { Self.similar(po, $0) }) {
                out.append(Finding(code: "output-changed", parent: po, child: outputs.joined(separator: "; ")))
            }
        }
        return out
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

    /// Later when the child starts or ends after the parent (a recurring task starts with its
    /// plan's year); changed when the two cannot be compared. Earlier or equal says nothing.
    func deadline(_ p: Deadline?, _ c: Deadline?) -> Finding? {
        guard let p, let c else { return nil }
        let (pk, ck) = (kind(p), kind(c))
        guard pk != .unknown, ck != .unknown else { return nil }
        let pFrom = p.from ?? (pk == .recurring ? parentYear : nil)
        let cFrom = c.from ?? (ck == .recurring ? childYear : nil)
        if let pf = pFrom, let cf = cFrom, cf > pf { return Finding(code: "deadline-later", parent: p.text, child: c.text) }
        if let pt = p.to, let ct = c.to, ct > pt { return Finding(code: "deadline-later", parent: p.text, child: c.text) }
        if let pt = p.to, pk == .dated, c.to == nil, ck == .recurring, (cFrom ?? 0) > pt {
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
        let parentLead = p.leadUnits
        let childLead = children.flatMap(\.leadUnits)
        guard !parentLead.isEmpty, !childLead.isEmpty else { return nil }
        if childLead.contains(where: { c in parentLead.contains { same($0, c) } }) { return nil }
        guard childLead.contains(where: { !isOwn($0) }) else { return nil }
        return Finding(code: "lead-changed", parent: p.lead.joined(separator: "; "), child: children.flatMap(\.lead).joined(separator: "; "))
    }

    /// A named partner of the parent task that no linked child names, as partner or lead.
    func partners(_ p: Task, _ children: [Task]) -> [Finding] {
        let named = children.flatMap { $0.partnerUnits + $0.leadUnits }
        guard !children.allSatisfy({ $0.partnerUnits.isEmpty }) else { return [] }
        return p.partnerUnits.filter { u in u.canonical != nil && !named.contains { same(u, $0) } }
            .map { Finding(code: "partners-dropped", parent: $0.text, child: children.flatMap(\.partners).joined(separator: "; ")) }
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
