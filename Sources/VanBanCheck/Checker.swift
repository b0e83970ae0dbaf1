import Foundation
import VanBanCore
import VanBanModel
import VanBanTasks

/// Checks that a subordinate plan implements its parent: aligns the child's tasks and
/// indicators to the parent's by meaning, gives each parent item a status, and compares the
/// fields of every covered link.
public struct Checker: Sendable {
    public struct Options: Sendable {
        /// The least similarity for a link.
        public var threshold: Double = 0.18
        /// Parent item ids (or "appendix/group/number" as printed) the child need not cover, with why.
        public var accepted: [String: String] = [:]
        /// A previous check: links whose parent text changed since are marked suspect.
        public var baseline: CheckResult?
        /// A newer version of the parent (from the store): links whose parent row changed in it,
        /// or is gone from it, are marked suspect.
        public var newerParent: Plan?
        /// List every parent indicator, the ones the child does not take up as missing. Off,
        /// only the indicators the child uses are listed (a unit adopts those of its remit).
        public var allIndicators = true
        public init() {}
    }

    let dictionaries: Dictionaries
    public init(dictionaries: Dictionaries = .shared) { self.dictionaries = dictionaries }

    public func check(child: Plan, parent: Plan, childFile: String, parentFile: String, options: Options = Options()) -> CheckResult {
        let parentID = Self.ownID(parent)
        let cites = parentID.map { id in child.references.contains { Fold.symbolKey($0.id) == Fold.symbolKey(id) } }
            ?? Self.citesBySymbol(child, parent)
        var diagnostics: [Diagnostic] = []
        if !cites {
            diagnostics.append(Diagnostic(.warning, "parent-not-cited", "the child plan does not cite the plan it is checked against (\(parentID ?? parent.header.title ?? parentFile))"))
        }
        let levels = LevelContext(levels: Levels(dictionaries: dictionaries), parent: parent, child: child, dictionaries: dictionaries)
        var fields = FieldCheck(dictionaries: dictionaries, parentYear: Self.year(of: parent), childYear: Self.year(of: child), childIssuer: child.header.issuer)
        fields.levels = levels
        fields.childNamesPartners = child.tasks.contains { !$0.partners.isEmpty }
        fields.parentHorizon = Self.horizon(of: parent)
        fields.childHorizon = Self.horizon(of: child)
        let scope = Scope(sim: Similarity(dictionaries: dictionaries), dictionaries: dictionaries)
        let declared = Exemptions(dictionaries: dictionaries)

        let parentTasks = Entry.tasks(of: parent)
        // The child's own declarations that a parent task does not apply to it ("không áp dụng
        // … do …") take part in the alignment; a parent they alone carry is exempt.
        let declarations = declared.declarations(in: child)
        let childTasks = Entry.tasks(of: child) + declarations.map { Entry(task: $0, plan: child) }
        let declaration = Set(child.tasks.indices.filter { declared.declares(child.tasks[$0]) }).union((0..<declarations.count).map { child.tasks.count + $0 })
        let parentIndicators = parent.indicators.map { Entry(indicator: $0, plan: parent) }
        let childIndicators = child.indicators.map { Entry(indicator: $0, plan: child) }
        let newer = options.newerParent.map { p in
            Dictionary((p.tasks.map { ("task|" + $0.id, $0.text) } + p.indicators.map { ("indicator|" + $0.id, $0.text) }), uniquingKeysWith: { a, _ in a })
        }

        var items: [CheckResult.Item] = []
        var extra: [CheckResult.Extra] = []
        for (kind, ps, cs) in [("task", parentTasks, childTasks), ("indicator", parentIndicators, childIndicators)] {
            let alignment = Aligner(dictionaries: dictionaries, threshold: options.threshold).align(ps, cs)
            let isDeclaration = { (j: Int) in kind == "task" && declaration.contains(j) }
            for (i, p) in ps.enumerated() {
                let all = alignment.links[i]
                let links = all.filter { !isDeclaration($0.child) }
                if kind == "indicator" && links.isEmpty && !options.allIndicators { continue }
                var item = CheckResult.Item(kind: kind, parent: p.ref, status: links.isEmpty ? .missing : .covered,
                                            children: links.map { CheckResult.Link(cs[$0.child].ref, score: ($0.score * 1000).rounded() / 1000, matched: $0.matched) })
                if let reason = options.accepted[p.ref.id] ?? options.accepted[p.printed] {
                    item.status = .exempt
                    item.note = reason
                } else if links.isEmpty, let d = all.first(where: { isDeclaration($0.child) }) {
                    item.status = .exempt
                    item.note = cs[d.child].task.map { [$0.text, $0.note].compactMap { $0 }.joined(separator: " — ") }
                    item.children = [CheckResult.Link(cs[d.child].ref, score: (d.score * 1000).rounded() / 1000, matched: d.matched)]
                } else if !links.isEmpty {
                    let linked = links.map { cs[$0.child] }
                    if let missingPart = alignment.uncovered[i] {
                        item.status = .partial
                        item.note = missingPart
                    } else if kind == "task", alignment.coverage[i] < 0.9 {
                        // Children that hold nine tenths of the parent's words dropped no part of its scope.
                        let gone = scope.dropped(p.ref.text, by: linked.map(\.ref.text))
                        if !gone.isEmpty {
                            item.status = .partial
                            item.dropped = gone
                            item.note = "Không có ở cấp dưới: " + gone.joined(separator: ", ")
                        }
                    }
                    if kind == "task" {
                        var (findings, counterparts) = fields.taskFields(p.task!, linked.compactMap(\.task))
                        // Who leads is compared on a link the texts make sure of: one kept only
                        // because the child had nowhere better to go (under the threshold) is a
                        // guess, and a guessed link's other lead is no evidence of a change.
                        if !links.contains(where: { $0.score >= options.threshold }) { findings.removeAll { $0.code == "lead-changed" } }
                        item.findings = findings
                        if !counterparts.isEmpty { item.counterparts = counterparts }
                    } else {
                        item.findings = fields.indicators(p.indicator!, linked.compactMap(\.indicator))
                    }
                    if let base = options.baseline, let old = base.items.first(where: { $0.parent.id == p.ref.id && $0.kind == kind }),
                       Fold.key(old.parent.text) != Fold.key(p.ref.text) {
                        item.findings.append(CheckResult.Finding(code: "suspect", parent: old.parent.text, child: p.ref.text))
                    }
                    if let newer, newer[kind + "|" + p.ref.id].map({ Fold.key($0) }) != Fold.key(p.ref.text) {
                        let now = newer[kind + "|" + p.ref.id]
                        item.findings.append(CheckResult.Finding(code: "suspect", parent: p.ref.text, child: now,
                                                                 reason: now == nil ? "the newer version of the parent no longer has this row" : "the newer version of the parent changed this row"))
                    }
                }
                items.append(item)
            }
            for j in cs.indices where !alignment.linkedChildren.contains(j) && !isDeclaration(j) {
                extra.append(CheckResult.Extra(kind: kind, cs[j].ref))
            }
        }

        var s = CheckResult.Summary()
        s.tasks = parentTasks.count
        s.indicators = items.filter { $0.kind == "indicator" }.count
        for item in items {
            switch item.status {
            case .covered: s.covered += 1
            case .partial: s.partial += 1
            case .missing: s.missing += 1
            case .exempt: s.exempt += 1
            }
        }
        s.extra = extra.count
        s.findings = items.reduce(0) { $0 + $1.findings.count }
        let required = Double(items.filter { $0.status != .exempt }.count)
        s.coverage = required > 0 ? ((Double(s.covered) + 0.5 * Double(s.partial)) / required * 1000).rounded() / 10 : 100
        return CheckResult(parent: .init(file: parentFile, id: parentID, title: parent.header.title),
                           child: .init(file: childFile, id: Self.ownID(child), title: child.header.title, citesParent: cites),
                           items: items, extra: extra, summary: s, diagnostics: diagnostics)
    }

    /// Where a plan's undated continuous work ends: the school year its title names ("năm học
    /// 2025-2026" ends in May 2026), else the last year it names before "tầm nhìn" ("đến năm
    /// 2030"), else its own year. None when it runs on ("… và những năm tiếp theo").
    static func horizon(of plan: Plan) -> Horizon? {
        let title = [plan.header.title, plan.header.subtitle].compactMap { $0 }.joined(separator: " ")
        var key = Fold.key(title)
        if let r = key.range(of: Fold.key("tầm nhìn")) { key = String(key[..<r.lowerBound]) }
        if [Fold.key("năm tiếp theo"), Fold.key("trở đi")].contains(where: { key.contains($0) }) { return nil }
        let years = DeadlineParser.years(in: key)
        if let r = key.range(of: Fold.key("năm học")), let y = DeadlineParser.years(in: String(key[r.upperBound...])).prefix(2).last {
            return Horizon(year: y, month: 5)
        }
        if let last = years.max() { return Horizon(year: last, month: 12) }
        return year(of: plan).map { Horizon(year: $0, month: 12) }
    }

    /// The year a plan starts from: its date line, or, for a draft whose date line lacks it,
    /// the year its appendices are "attached" under ("Kèm theo … tháng 3 năm 2026").
    static func year(of plan: Plan) -> Int? {
        plan.header.year ?? plan.appendices.compactMap { a in a.attachedTo.flatMap { DateText.parse($0).year } }.first
    }

    static func ownID(_ plan: Plan) -> String? {
        guard let n = plan.header.number, let s = plan.header.symbol else { return nil }
        return "\(n)/\(s)"
    }

    /// A draft parent has no number: the child cites it when one of its references carries the
    /// parent's symbol (its number is filled in only when the parent is issued).
    static func citesBySymbol(_ child: Plan, _ parent: Plan) -> Bool {
        guard let symbol = parent.header.symbol.map(Fold.symbolKey) else { return false }
        return child.references.contains { r in r.relation == .implements && r.symbol.map(Fold.symbolKey) == symbol }
    }
}

/// A task or indicator with its printed name and the text that is compared.
struct Entry {
    var task: Task?
    var indicator: Indicator?
    var ref: CheckResult.ItemRef
    var groupTitle: String?

    init(task: Task, plan: Plan) {
        self.task = task
        ref = Entry.ref(id: task.id, text: task.text, plan: plan)
        groupTitle = task.group
    }

    init(indicator: Indicator, plan: Plan) {
        self.indicator = indicator
        ref = Entry.ref(id: indicator.id, text: indicator.text, plan: plan)
        groupTitle = indicator.group
    }

    /// A plan's tasks; one in the body is known by its heading ("Công tác truyền thông") as a
    /// table row is by its group.
    static func tasks(of plan: Plan) -> [Entry] {
        var headings: [String: String] = [:]
        func visit(_ node: OutlineNode, _ path: [String]) {
            let here = path + [node.label.trimmingCharacters(in: CharacterSet(charactersIn: ".)"))]
            headings[here.joined(separator: ".")] = node.title
            for c in node.children { visit(c, here) }
        }
        for node in plan.outline { visit(node, []) }
        return plan.tasks.map { t in
            var e = Entry(task: t, plan: plan)
            if !t.id.hasPrefix("PL"), let h = headings[t.id], h != t.text { e.groupTitle = h }
            return e
        }
    }

    var printed: String { [ref.appendix, ref.group, ref.number].compactMap { $0 }.joined(separator: "/") }

    /// "PL3/II/5" -> appendix "PHỤ LỤC 3", group "II", number "5", as the plan prints them.
    static func ref(id: String, text: String, plan: Plan) -> CheckResult.ItemRef {
        let parts = id.split(separator: "/").map(String.init)
        guard parts.count >= 2, parts[0].hasPrefix("PL") else {
            return .init(id: id, appendix: nil, group: nil, number: id, text: text)
        }
        let label = plan.appendices.enumerated().first { TaskExtractor.appendixID($0.element.label, ordinal: $0.offset + 1) == parts[0] }?.element.label
        let number = parts.last!.split(separator: "#").first.map(String.init)
        return .init(id: id, appendix: label, group: parts.count >= 3 ? parts[1] : nil, number: number, text: text)
    }
}
