import Foundation
import VanBan
import VanBanSynthetic

// vanban-bench check [--runs N] [CORPUS_DIR]: Checker().check on synthetic parent and child plans of
// N tasks each, N = 250 … 4,000, on one thread; the goal is 2,000 × 2,000 in a second.

func benchCheck(_ o: Options) throws {
    let dir = URL(fileURLWithPath: o.corpus)
    let plans = try ["000.docx", "001.docx", "002.docx", "003.docx", "pairs/team-khtn.docx"]
        .map { dir.appendingPathComponent($0) }
        .filter { FileManager.default.fileExists(atPath: $0.path) }
        .map { try Plan(contentsOf: $0) }
    let corpusTasks = plans.flatMap(\.tasks)
    guard let template = plans.first, !corpusTasks.isEmpty else { throw BenchError("no corpus plans with tasks in \(dir.path)") }
    var maker = CheckPlanMaker(tasks: corpusTasks)
    let checker = Checker()
    var previous: Double?
    for n in [250, 500, 1000, 2000, 4000] {
        let parent = maker.plan(n, like: template)
        let child = maker.child(of: parent)
        var best = Double.infinity
        var result: CheckResult?
        for _ in 0..<max(1, o.runs) {
            let t = seconds { result = checker.check(child: child, parent: parent, childFile: "child", parentFile: "parent") }
            best = min(best, t)
        }
        let s = result!.summary
        let scaling = previous.map { String(format: ", ×%.2f for ×2", best / $0) } ?? ""
        print(String(format: "check %5d × %5d tasks: %8.3f s (best of %d, one thread%@); covered %d, partial %d, missing %d, extra %d",
                     n, n, best, o.runs, scaling, s.covered, s.partial, s.missing, s.extra))
        fflush(nil)
        previous = best
        if n == 2000 { try checkProcess(parent, child) }
    }
}

/// `vanban check` as a whole process on the 2,000-task pair written as plan JSON: decoding included.
func checkProcess(_ parent: Plan, _ child: Plan) throws {
    let cli = try vanbanCLI()
    let dir = try tempDir("check")
    defer { try? FileManager.default.removeItem(at: dir) }
    let p = dir.appendingPathComponent("parent.json"), c = dir.appendingPathComponent("child.json")
    try JSONWriter.data(parent).write(to: p)
    try JSONWriter.data(child).write(to: c)
    var t = Double.infinity
    for _ in 0..<3 {
        t = min(t, try measure(cli, ["check", c.path, "--parent", p.path, "--format", "json"], exits: [0, 1]).seconds)
    }
    print(String(format: "check 2000 × 2000 tasks, vanban check as a whole process (plan JSON in): %.3f s (best of 3)", t))
    record("check: 2000×2000 whole process, s", t, atMost: 0.5, "JSON decoding included")
}

/// Task texts recombined from the corpus tasks' phrases: an opening (verb and object) from one
/// task, a few phrases from others, so the vocabulary and overlap are the corpus's own.
struct CheckPlanMaker {
    let tasks: [Task]
    let openings: [String]
    let phrases: [String]
    var rng = SplitMix(2026)

    init(tasks: [Task]) {
        self.tasks = tasks
        let pieces = tasks.map { $0.text.components(separatedBy: CharacterSet(charactersIn: ",;")).map { $0.trimmingCharacters(in: .whitespaces) } }
        openings = pieces.compactMap { $0.first }.filter { $0.split(separator: " ").count >= 3 }
        phrases = pieces.flatMap { $0.dropFirst() }.filter { $0.split(separator: " ").count >= 2 }
    }

    mutating func text() -> String {
        var t = openings.randomElement(using: &rng)!
        for _ in 0..<Int.random(in: 1...3, using: &rng) { t += ", " + phrases.randomElement(using: &rng)! }
        return t
    }

    mutating func plan(_ n: Int, like template: Plan) -> Plan {
        var plan = template
        plan.indicators = []
        plan.tasks = (0..<n).map { k in
            var t = tasks.randomElement(using: &rng)!
            t.id = "PL1/\(k / 20 + 1)/\(k + 1)"
            t.number = "\(k + 1)"
            t.text = text()
            return t
        }
        return plan
    }

    /// A child that keeps four in five of the parent's tasks, a phrase added to each, and adds
    /// as many of its own as it drops.
    mutating func child(of parent: Plan) -> Plan {
        var child = parent
        child.tasks = parent.tasks.enumerated().map { k, p in
            var t = p
            t.id = "PL2/\(k / 20 + 1)/\(k + 1)"
            if Int.random(in: 0..<5, using: &rng) == 0 { t.text = text() } else { t.text += ", " + phrases.randomElement(using: &rng)! }
            return t
        }.shuffled(using: &rng)
        return child
    }
}

