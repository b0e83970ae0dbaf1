import Foundation
import XCTest
@testable import VanBanCheck
@testable import VanBanTasks
import VanBan
import VanBanSynthetic
import VanBanGraph

/// Child plans derived from the corpus plans with known edits (drop, merge, split, partial,
/// paraphrase, reorder, field changes, extra items); the checker must say what was done.
final class CheckGeneratorTests: XCTestCase {
    static let plans = ["000.docx", "001.docx", "002.docx", "003.docx", "pairs/team-khtn.docx"]
    static let seeds = Int(ProcessInfo.processInfo.environment["CHECK_SEEDS"] ?? "") ?? 16

    func testGeneratedChildPlans() throws {
        let plans = try Self.plans.map { try Plan(contentsOf: CorpusTests.corpus.appendingPathComponent($0)) }
        var tally = Tally()
        for (n, parent) in plans.enumerated() where !parent.tasks.isEmpty {
            let others = plans.indices.filter { $0 != n }.map { plans[$0] }
            for seed in 1...Self.seeds {
                var g = ChildGenerator(parent: parent, others: others, seed: UInt64(n * 100 + seed))
                let (child, truth) = g.generate()
                var options = Checker.Options()
                options.allIndicators = true
                let result = Checker().check(child: child, parent: parent, childFile: "child", parentFile: "parent", options: options)
                tally.add(result, truth, label: "\(Self.plans[n]) seed \(seed)")
            }
        }
        print(tally.report())
        fflush(nil)
        for (name, pr) in tally.scores() {
            let bar = 0.95
            XCTAssertGreaterThanOrEqual(pr.precision, bar, "\(name) precision \(pr)")
            XCTAssertGreaterThanOrEqual(pr.recall, bar, "\(name) recall \(pr)")
        }
        XCTAssertGreaterThanOrEqual(tally.items, 300, "a few hundred generated items")
    }
}

/// What the generator did to one parent item, and so what the checker must report.
struct Expectation {
    var status: String
    var links: Set<String>
    var findings: Set<String>
    var edit: String
}

struct Truth {
    /// Keyed "task|id" / "indicator|id" of the parent item.
    var items: [String: Expectation] = [:]
    /// Child items that implement nothing of the parent, keyed "kind|id".
    var extra: Set<String> = []
}

/// Counts per status and finding code, and per edit for the failures.
struct Tally {
    struct PR: CustomStringConvertible {
        var tp = 0, predicted = 0, expected = 0
        var precision: Double { predicted == 0 ? 1 : Double(tp) / Double(predicted) }
        var recall: Double { expected == 0 ? 1 : Double(tp) / Double(expected) }
        var description: String { String(format: "P %.3f R %.3f (tp %d, predicted %d, expected %d)", precision, recall, tp, predicted, expected) }
    }
    var classes: [String: PR] = [:]
    var byEdit: [String: (right: Int, all: Int)] = [:]
    var links = (right: 0, all: 0)
    var items = 0
    var failures: [String] = []

    mutating func count(_ name: String, predicted: Bool, expected: Bool) {
        var pr = classes[name] ?? PR()
        if predicted { pr.predicted += 1 }
        if expected { pr.expected += 1 }
        if predicted && expected { pr.tp += 1 }
        classes[name] = pr
    }

    mutating func add(_ result: CheckResult, _ truth: Truth, label: String) {
        for item in result.items {
            let key = item.kind + "|" + item.parent.id
            guard let e = truth.items[key] else { continue }
            items += 1
            let got = item.status.rawValue
            for s in ["covered", "partial", "missing"] { count(s, predicted: got == s, expected: e.status == s) }
            let codes = Set(item.findings.map(\.code))
            for c in codes.union(e.findings) { count(c, predicted: codes.contains(c), expected: e.findings.contains(c)) }
            let linked = Set(item.children.map { item.kind + "|" + $0.id })
            let right = got == e.status && codes == e.findings && linked == e.links
            links.all += 1
            if linked == e.links { links.right += 1 }
            byEdit[e.edit, default: (0, 0)].all += 1
            if right { byEdit[e.edit, default: (0, 0)].right += 1 } else {
                failures.append("\(label) \(key) [\(e.edit)] expected \(e.status) \(e.links.sorted()) \(e.findings.sorted()), got \(got) \(linked.sorted()) \(codes.sorted()) — \(item.parent.text.prefix(70)) ⇒ \(item.children.map { "\($0.score) \($0.text.prefix(50))" })")
            }
        }
        let extra = Set(result.extra.map { $0.kind + "|" + $0.id })
        let children = Set(result.items.flatMap { i in i.children.map { i.kind + "|" + $0.id } }).union(extra)
        for c in children { count("extra", predicted: extra.contains(c), expected: truth.extra.contains(c)) }
        for c in truth.extra where !extra.contains(c) {
            failures.append("\(label) \(c) expected extra, linked to \(result.items.filter { $0.children.contains { $0.id == c.split(separator: "|").last.map(String.init) } }.map(\.parent.id))")
        }
    }

    func scores() -> [(String, PR)] { classes.sorted { $0.key < $1.key }.map { ($0.key, $0.value) } }

    func report() -> String {
        var out = ["check generator: \(items) parent items; link sets right \(links.right)/\(links.all)"]
        out += scores().map { "  \($0.0.padding(toLength: 18, withPad: " ", startingAt: 0)) \($0.1)" }
        out += byEdit.sorted { $0.key < $1.key }.map { "  edit \($0.key.padding(toLength: 22, withPad: " ", startingAt: 0)) \($0.value.right)/\($0.value.all) right" }
        // CHECK_FAILURES=FILE writes every wrong item there, to see why.
        if let file = ProcessInfo.processInfo.environment["CHECK_FAILURES"] {
            try? failures.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
        }
        return out.joined(separator: "\n")
    }
}


/// Derives a child plan from a parent with known edits and records what the checker must find.
struct ChildGenerator {
    let parent: Plan
    let others: [Plan]
    var rng: SplitMix
    let year: Int?
    let deadlines = DeadlineParser(dictionaries: .shared)
    /// Half the children of a Sở plan are a school's: their units stand for the Sở's.
    var school = false
    var truth = Truth()
    var childTasks: [Task] = []
    var childIndicators: [Indicator] = []

    init(parent: Plan, others: [Plan], seed: UInt64) {
        self.parent = parent
        self.others = others
        rng = SplitMix(seed)
        year = Checker.year(of: parent)
        let issuedBySo = parent.header.issuer.last.map { Fold.key($0).hasPrefix(Fold.key("Sở")) } ?? false
            || (parent.header.signer?.position.first.map { Fold.key($0).contains(Fold.key("giám đốc")) } ?? false)
        school = issuedBySo && seed % 2 == 0
    }

    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < p }

    mutating func generate() -> (Plan, Truth) {
        generateTasks()
        generateIndicators()
        // Reordered: a child plan follows its own order, and the ids say nothing.
        var n = 0
        childTasks = childTasks.shuffled(using: &rng).map { t in
            var t = t; n += 1
            renumber(&truth, kind: "task", from: t.id, to: "C\(n)")
            t.id = "C\(n)"; t.number = "\(n)"
            return t
        }
        childIndicators = childIndicators.shuffled(using: &rng).map { t in
            var t = t; n += 1
            renumber(&truth, kind: "indicator", from: t.id, to: "C\(n)")
            t.id = "C\(n)"; t.number = "\(n)"
            return t
        }
        var child = parent
        if school { child.header.issuer = ["SỞ GIÁO DỤC VÀ ĐÀO TẠO", "TRƯỜNG THPT THỰC NGHIỆM"] }
        child.tasks = childTasks
        child.indicators = childIndicators
        return (child, truth)
    }

    func renumber(_ truth: inout Truth, kind: String, from: String, to: String) {
        let (a, b) = (kind + "|" + from, kind + "|" + to)
        for k in truth.items.keys where truth.items[k]!.links.contains(a) {
            truth.items[k]!.links.remove(a)
            truth.items[k]!.links.insert(b)
        }
        if truth.extra.remove(a) != nil { truth.extra.insert(b) }
    }

    var fresh = 0
    mutating func newID() -> String { fresh += 1; return "new\(fresh)" }

    // MARK: Tasks

    mutating func generateTasks() {
        let tasks = parent.tasks
        var i = 0
        while i < tasks.count {
            let p = tasks[i]
            let key = "task|" + p.id
            let roll = Double.random(in: 0..<1, using: &rng)
            let halves = Self.split(p.text)
            let kept = Self.partial(p.text)
            if roll < 0.15 {
                truth.items[key] = Expectation(status: "missing", links: [], findings: [], edit: "drop")
            } else if roll < 0.27, i + 1 < tasks.count, tasks[i + 1].group == p.group {
                let q = tasks[i + 1]
                var c = p
                c.id = newID()
                c.text = paraphraseMaybe(p.text) + "; " + lowerFirst(paraphraseMaybe(q.text))
                c.lead = unique(p.lead + q.lead); c.leadUnits = Units.typed(c.lead, .shared)
                c.partners = unique(p.partners + q.partners); c.partnerUnits = Units.typed(c.partners, .shared)
                c.deadline = p.deadline?.text == q.deadline?.text ? p.deadline : nil
                c.output = [p.output, q.output].compactMap { $0 }.joined(separator: "; ")
                if c.output!.isEmpty { c.output = nil }
                childTasks.append(c)
                for t in [p, q] { truth.items["task|" + t.id] = Expectation(status: "covered", links: ["task|" + c.id], findings: [], edit: "merge") }
                i += 2
                continue
            } else if roll < 0.39, let (a, b) = halves {
                var c1 = p, c2 = p
                c1.id = newID(); c2.id = newID()
                c1.text = paraphraseMaybe(a); c2.text = upperFirst(paraphraseMaybe(b))
                childTasks += [c1, c2]
                truth.items[key] = Expectation(status: "covered", links: ["task|" + c1.id, "task|" + c2.id], findings: [], edit: "split")
            } else if roll < 0.47, let kept {
                var c = p
                c.id = newID()
                c.text = upperFirst(paraphraseMaybe(kept))
                childTasks.append(c)
                truth.items[key] = Expectation(status: "partial", links: ["task|" + c.id], findings: [], edit: "partial")
            } else {
                var c = p
                c.id = newID()
                let heavy = chance(0.5)
                c.text = heavy ? paraphrase(p.text) : p.text
                var edit = heavy ? "paraphrase" : "keep"
                var findings: Set<String> = []
                fieldEdit(&c, &edit, &findings)
                childTasks.append(c)
                truth.items[key] = Expectation(status: "covered", links: ["task|" + c.id], findings: findings, edit: edit)
            }
            i += 1
        }
        addExtraTasks()
    }

    /// One field changed on a one-to-one link, or none.
    mutating func fieldEdit(_ c: inout Task, _ edit: inout String, _ findings: inout Set<String>) {
        switch Int.random(in: 0..<(school ? 12 : 10), using: &rng) {
        case 10, 11:
            // A school gives the Sở's units' work to its own: no finding.
            let lead = c.lead.map { Self.counterpart(of: $0) ?? $0 }, partners = c.partners.map { Self.counterpart(of: $0) ?? $0 }
            if lead != c.lead || partners != c.partners {
                setLead(&c, lead)
                c.partners = partners; c.partnerUnits = Units.typed(partners, .shared)
                edit += "+counterpart"
            }
        case 0: if let d = shiftedDeadline(c.deadline, later: true) { c.deadline = d; edit += "+deadline-later"; findings.insert("deadline-later") }
        case 1: if let d = shiftedDeadline(c.deadline, later: false) { c.deadline = d; edit += "+deadline-earlier" }
        case 2: if let d = changedDeadline(c.deadline) { c.deadline = d; edit += "+deadline-changed"; findings.insert("deadline-changed") }
        case 3:
            var bodies = ["Sở Y tế", "Công đoàn trường", "Sở Nội vụ", "Thanh tra Sở", "Phòng Quản lý chất lượng", "Tổng phụ trách Đội"]
            // At a school, its union stands for the Sở's union, its youth for the Sở's youth.
            if school { bodies = bodies.filter { b in !c.lead.contains { Self.counterpart(of: $0) == b } } }
            let taken = Set(c.leadUnits.map { Fold.key($0.canonical ?? $0.text) })
            if !c.lead.isEmpty, let body = bodies.filter({ !taken.contains(Fold.key(Dictionaries.shared.unit($0) ?? $0)) }).randomElement(using: &rng) {
                setLead(&c, [body]); edit += "+lead-other"; findings.insert("lead-changed")
            }
        case 4:
            if !c.lead.isEmpty { setLead(&c, [["Tổ trưởng", "Tổ phó", "Giáo viên", "Bộ phận văn thư", "Lãnh đạo đơn vị"].randomElement(using: &rng)!]); edit += "+lead-own" }
        case 5:
            let leads = Set(c.leadUnits.compactMap(\.canonical))
            // At a school, "các cơ sở giáo dục" names the school itself: it cannot drop it.
            if let drop = c.partnerUnits.firstIndex(where: { $0.canonical != nil && !leads.contains($0.canonical!) && !(school && Self.namesSchool($0.text)) }) {
                let gone = c.partnerUnits[drop].canonical
                var partners = c.partners.filter { Dictionaries.shared.unit($0) != gone }
                if partners.isEmpty { partners = [school ? "Ban đại diện cha mẹ học sinh" : "Tổ phó"] }
                c.partners = partners; c.partnerUnits = Units.typed(partners, .shared)
                edit += "+partners-dropped"; findings.insert("partners-dropped")
            }
        case 6:
            if let o = c.output {
                let words = Set(Fold.key(o).split(separator: " "))
                if let n = ["Báo cáo kết quả thực hiện", "Hồ sơ minh chứng", "Biên bản kiểm tra", "Danh sách đề xuất"]
                    .first(where: { Set(Fold.key($0).split(separator: " ")).isDisjoint(with: words) }) {
                    c.output = n; edit += "+output-changed"; findings.insert("output-changed")
                }
            }
        default: break
        }
    }

    /// The unit of a school that naturally stands for a unit of a Sở (the generator's own table).
    static func counterpart(of unit: String) -> String? {
        let k = Fold.key(Dictionaries.shared.unit(unit) ?? unit)
        let table: [(String, String)] = [("văn phòng", "Tổ Văn phòng"), ("phòng tổ chức", "Tổ Văn phòng"), ("phòng kế hoạch", "Kế toán"),
                                         ("các phòng", "Các tổ chuyên môn"), ("phòng giáo dục và đào tạo", "Ban Giám hiệu"), ("phòng", "Tổ Toán - Tin"),
                                         ("sở giáo dục", "Ban Giám hiệu"), ("công đoàn", "Công đoàn trường"), ("thanh tra", "Ban Giám hiệu"),
                                         ("đoàn", "Đoàn trường")]
        return table.first { k.hasPrefix(Fold.key($0.0)) }?.1
    }

    static func namesSchool(_ unit: String) -> Bool {
        let k = Fold.key(unit)
        return ["các cơ sở", "cơ sở giáo dục", "các trường", "các đơn vị trực thuộc", "phòng gdđt", "phòng giáo dục và đào tạo", "phòng gd&đt"].contains { k.hasPrefix(Fold.key($0)) }
    }

    mutating func setLead(_ c: inout Task, _ lead: [String]) {
        c.lead = lead
        c.leadUnits = Units.typed(lead, .shared)
    }

    /// The last year of the phrase one later or earlier; a recurring task started a year after
    /// the plan's own year.
    func shiftedDeadline(_ d: Deadline?, later: Bool) -> Deadline? {
        guard let d, d.event == nil else { return nil }
        let years = DeadlineParser.years(in: d.text)
        if let last = years.last, let r = d.text.range(of: String(last), options: .backwards) {
            if !later, years.count > 1, last - 1 < years[0] { return nil }
            return deadlines.parse(d.text.replacingCharacters(in: r, with: String(later ? last + 1 : last - 1))).0
        }
        guard d.recurrence == .annual || d.recurrence == .continuous, let year else { return nil }
        return deadlines.parse(later ? "\(d.text), từ năm \(year + 1)" : (d.recurrence == .annual ? "Thường xuyên" : "Hằng năm")).0
    }

    /// A deadline of another kind: dated or recurring work "by a separate plan", and back.
    func changedDeadline(_ d: Deadline?) -> Deadline? {
        guard let d else { return nil }
        if d.recurrence == .perPlan || d.event != nil { return deadlines.parse("Thường xuyên").0 }
        if d.from != nil || d.recurrence == .annual || d.recurrence == .continuous { return deadlines.parse("Theo kế hoạch riêng").0 }
        return nil
    }

    /// Tasks of another plan that share little wording with any parent task: realistic, unrelated.
    mutating func addExtraTasks() {
        let candidates = others.flatMap(\.tasks).filter { [grams = parent.tasks.map { Self.bigrams($0.text) }] in Self.unrelated($0.text, to: grams) }
        for var t in candidates.shuffled(using: &rng).prefix(max(2, parent.tasks.count / 6)) {
            t.id = newID()
            t.text = paraphraseMaybe(t.text)
            childTasks.append(t)
            truth.extra.insert("task|" + t.id)
        }
    }

    // MARK: Indicators

    mutating func generateIndicators() {
        for p in parent.indicators {
            let key = "indicator|" + p.id
            if chance(0.15) {
                truth.items[key] = Expectation(status: "missing", links: [], findings: [], edit: "drop")
                continue
            }
            var c = p
            c.id = newID()
            var edit = "keep"
            if chance(0.4) { c.text = paraphrase(p.text); edit = "paraphrase" }
            var findings: Set<String> = []
            let years = Set(p.targets.compactMap(\.year)).sorted()
            let single = years.filter { y in p.targets.filter { $0.year == y }.count == 1 }
            if let y = single.randomElement(using: &rng), let t = p.targets.first(where: { $0.year == y }) {
                switch Int.random(in: 0..<6, using: &rng) {
                case 0 where t.value != nil || t.qualifier != nil:
                    c.targets = p.targets.map { $0.year == y ? Target(year: y, text: "") : $0 }
                    edit += "+blank-year"; findings.insert("target-weaker")
                case 1 where t.value.map { $0 > 10 } ?? false && !(t.op ?? "").hasPrefix("<"):
                    c.targets = p.targets.map { $0.year == y ? retarget(t, by: -5) : $0 }
                    edit += "+target-lower"; findings.insert("target-weaker")
                case 2 where t.value.map { $0 <= 90 || t.unit != "%" } ?? false && !(t.op ?? "").hasPrefix("<"):
                    c.targets = p.targets.map { $0.year == y ? retarget(t, by: 5) : $0 }
                    edit += "+target-raise"; findings.insert("target-changed")
                default: break
                }
            }
            childIndicators.append(c)
            truth.items[key] = Expectation(status: "covered", links: ["indicator|" + c.id], findings: findings, edit: edit)
        }
        let candidates = others.flatMap(\.indicators).filter { [grams = parent.indicators.map { Self.bigrams($0.text) }] in Self.unrelated($0.text, to: grams) }
        for var t in candidates.shuffled(using: &rng).prefix(parent.indicators.isEmpty ? 0 : max(1, parent.indicators.count / 8)) {
            t.id = newID()
            childIndicators.append(t)
            truth.extra.insert("indicator|" + t.id)
        }
    }

    func retarget(_ t: Target, by delta: Double) -> Target {
        let v = t.value! + delta
        let number = v == v.rounded() ? String(Int(v)) : String(v)
        let m = t.text.firstMatch(of: #/\d+(?:[.,]\d+)?/#)!
        return TargetParser.parse(t.text.replacingCharacters(in: m.range, with: number), year: t.year).first!
    }
}

// MARK: Text edits

extension ChildGenerator {
    /// Synonyms a unit may use for the parent's words; the checker knows none of them.
    static let synonyms: [(String, String)] = [
        ("triển khai", "thực hiện"), ("tăng cường", "đẩy mạnh"), ("nâng cao", "cải thiện"), ("bồi dưỡng", "tập huấn"),
        ("tuyên truyền", "truyền thông"), ("xây dựng", "thiết lập"), ("khuyến khích", "động viên"), ("hỗ trợ", "giúp đỡ"),
        ("quản lý", "quản trị"), ("ứng dụng", "áp dụng"), ("hoàn thiện", "kiện toàn"), ("rà soát", "kiểm tra lại"),
        ("học sinh", "người học"), ("giáo viên", "nhà giáo"), ("nhiệm vụ", "công việc"), ("bảo đảm", "đảm bảo"),
        ("trực tuyến", "qua mạng"), ("thúc đẩy", "khuyến khích"), ("hội thảo", "diễn đàn"), ("tổ chức", "thực hiện"),
    ]
    static let fillers = ["các ", "những ", "tiếp tục ", "có hiệu quả ", "một cách phù hợp", "kịp thời ", "toàn thể ", "cụ thể "]

    /// A light touch half the time: an abbreviation or a dropped filler.
    mutating func paraphraseMaybe(_ text: String) -> String { chance(0.5) ? paraphrase(text, strength: 0.3) : text }

    /// Synonyms, abbreviations both ways, filler words dropped, word order within clauses.
    mutating func paraphrase(_ text: String, strength: Double = 0.6) -> String {
        var t = text
        for (abbr, expansion) in Dictionaries.shared.abbreviations where chance(0.7) {
            t = Self.replace(t, expansion, abbr)
            t = Self.replace(t, abbr, expansion)
        }
        for (a, b) in Self.synonyms where chance(strength) { t = chance(0.5) ? Self.replace(t, a, b) : Self.replace(t, b, a) }
        for f in Self.fillers where chance(strength) { t = Self.replace(t, f.trimmingCharacters(in: .whitespaces) , "") }
        // Word order: the items of an enumeration, and the two sides of "A và B".
        let clauses = t.components(separatedBy: "; ").map { clause -> String in
            var items = clause.components(separatedBy: ", ")
            if items.count >= 3, chance(strength) { items = [items[0]] + items.dropFirst().shuffled(using: &rng) }
            var c = items.joined(separator: ", ")
            let sides = c.components(separatedBy: " và ")
            if sides.count == 2, sides.allSatisfy({ $0.split(separator: " ").count <= 5 }), chance(strength) {
                c = upperFirst(sides[1]) + " và " + lowerFirst(sides[0])
            }
            return c
        }
        t = clauses.joined(separator: "; ").split(separator: " ").joined(separator: " ")
        return upperFirst(t)
    }

    /// Every whole-word occurrence of `a` replaced by `b`, ignoring case.
    static func replace(_ text: String, _ a: String, _ b: String) -> String {
        guard !a.isEmpty else { return text }
        var out = "", rest = Substring(text)
        while let r = rest.range(of: a, options: .caseInsensitive) {
            let before = r.lowerBound == rest.startIndex ? (out.last ?? " ") : rest[rest.index(before: r.lowerBound)]
            let after = r.upperBound == rest.endIndex ? " " : rest[r.upperBound]
            out += rest[..<r.lowerBound]
            out += before.isLetter || after.isLetter ? String(rest[r]) : b
            rest = rest[r.upperBound...]
        }
        return out + rest
    }

    func upperFirst(_ s: String) -> String { s.prefix(1).uppercased() + s.dropFirst() }
    func lowerFirst(_ s: String) -> String {
        // An abbreviation or a name keeps its capitals.
        guard let w = s.split(separator: " ").first, w.dropFirst().allSatisfy({ $0.isLowercase || !$0.isLetter }) else { return s }
        return s.prefix(1).lowercased() + s.dropFirst()
    }
    func unique(_ xs: [String]) -> [String] { xs.reduce(into: []) { if !$0.contains($1) { $0.append($1) } } }

    /// The clauses of a text: at ";" and between sentences.
    static func clauses(_ text: String) -> [String] {
        text.components(separatedBy: ";").flatMap { $0.components(separatedBy: ". ") }
            .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " .")) }.filter { !$0.isEmpty }
    }

    static func words(_ s: String) -> Int { s.split(separator: " ").count }

    /// Two halves to split a task into: at a clause (each half five words or more), else at the
    /// comma nearest the middle (eight or more: a shorter tail is a qualifier, not a task).
    static func split(_ text: String) -> (String, String)? {
        let cs = clauses(text)
        if cs.count >= 2 {
            let k = cs.count / 2
            let (a, b) = (cs[..<k].joined(separator: "; "), cs[k...].joined(separator: "; "))
            if words(a) >= 5, words(b) >= 5 { return (a, b) }
        }
        let parts = text.components(separatedBy: ", ")
        guard parts.count >= 2 else { return nil }
        let best = (1..<parts.count).map { k in (k, parts[..<k].joined(separator: ", "), parts[k...].joined(separator: ", ")) }
            .filter { words($0.1) >= 8 && words($0.2) >= 8 }
            .min { abs(words($0.1) - words($0.2)) < abs(words($1.1) - words($1.2)) }
        return best.map { ($0.1, $0.2) }
    }

    /// The text without one of its clauses, when that clause says something (four content
    /// words) no other clause does.
    static func partial(_ text: String) -> String? {
        let cs = clauses(text).filter { words($0) >= 6 }
        guard cs.count >= 2 else { return nil }
        for drop in cs.indices.reversed() {
            let rest = cs.indices.filter { $0 != drop }.map { cs[$0] }
            let others = Set(rest.flatMap(content))
            if Set(content(cs[drop])).subtracting(others).count >= 4 { return rest.joined(separator: "; ") }
        }
        return nil
    }

    static let stop = Set(["và", "các", "của", "trong", "cho", "với", "về", "để", "theo", "tại", "trên", "được", "có", "là", "những", "một"].map(Fold.key))

    /// Content syllables, abbreviations expanded.
    static let abbreviations = Dictionary(Dictionaries.shared.abbreviations.map { (Fold.key($0.abbreviation), $0.expansion) }, uniquingKeysWith: { a, _ in a })

    static func content(_ s: String) -> [String] {
        s.split(whereSeparator: { !($0.isLetter || $0.isNumber) }).flatMap { w -> [String] in
            let k = Fold.key(w)
            return abbreviations[k].map { Fold.key($0).split(separator: " ").map(String.init) } ?? [k]
        }.filter { !stop.contains($0) && $0.count > 1 }
    }

    /// Unrelated: shares under a fifth of its phrases (or of the other's, when shorter) with
    /// every text. The generator's own measure, not the checker's.
    static func unrelated(_ text: String, to texts: [Set<String>]) -> Bool {
        let g = bigrams(text)
        return !g.isEmpty && texts.allSatisfy { p in
            p.isEmpty || Double(p.intersection(g).count) / Double(min(p.count, g.count)) < 0.2
        }
    }

    static func bigrams(_ s: String) -> Set<String> {
        let c = content(s)
        return c.count < 2 ? [] : Set((0..<(c.count - 1)).map { c[$0] + " " + c[$0 + 1] })
    }
}
