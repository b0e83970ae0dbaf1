import Foundation
import VanBanCore
import VanBanModel

/// A child plan may say that a parent task does not apply to it, with a reason: in a task row
/// (its text or note) or in a paragraph of its body. Such a task is exempt, not missing.
/// The phrases are in Dictionaries/exemptions.tsv.
struct Exemptions {
    let cues: [String]
    let reasons: [String]

    init(dictionaries: Dictionaries) {
        var cues: [String] = [], reasons: [String] = []
        for f in (try? dictionaries.table("exemptions.tsv", minFields: 2)) ?? [] {
            if f[1] == "cue" { cues.append(Fold.key(f[0])) } else if f[1] == "reason" { reasons.append(Fold.key(f[0])) }
        }
        self.cues = cues
        self.reasons = reasons
    }

    /// A declaration has a cue and, after it, a reason.
    func declares(_ text: String) -> Bool {
        // Every cue says "không": most texts are passed over without folding them.
        guard Self.mayNegate(text) else { return false }
        let k = " " + Fold.key(text) + " "
        guard let cue = cues.compactMap({ k.range(of: " " + $0 + " ") }).min(by: { $0.lowerBound < $1.lowerBound }) else { return false }
        let rest = k[cue.lowerBound...]
        return reasons.contains { rest.contains(" " + $0 + " ") || k.hasPrefix(" " + $0 + " ") }
    }

    /// Whether the UTF-8 bytes hold "hông" or "HÔNG" (of "không", in either case).
    static func mayNegate(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { u in
            // "ô" is C3 B4, "Ô" is C3 94; look for it after "h"/"H" and before "ng"/"NG".
            guard u.count >= 5 else { return false }
            for i in 1..<(u.count - 3) where u[i] == 0xC3 && (u[i + 1] == 0xB4 || u[i + 1] == 0x94) {
                let h = u[i - 1], n = u[i + 2], g = u[i + 3]
                if (h == 0x68 || h == 0x48) && (n == 0x6E || n == 0x4E) && (g == 0x67 || g == 0x47) { return true }
            }
            return false
        }
    }

    func declares(_ task: Task) -> Bool {
        declares([task.text, task.note, task.deadline?.text].compactMap { $0 }.joined(separator: " "))
    }

    /// The body's sentences that declare a parent task not applicable, as tasks to align.
    func declarations(in plan: Plan) -> [Task] {
        var out: [Task] = []
        func visit(_ node: OutlineNode, _ path: String) {
            let here = path.isEmpty ? node.label : path + node.label
            for (n, p) in node.text.enumerated() {
                for sentence in p.text.components(separatedBy: ". ") where declares(sentence) {
                    out.append(Task(id: "\(here)#\(n + 1)", group: node.title, number: here, text: sentence))
                }
            }
            for c in node.children { visit(c, here) }
        }
        for node in plan.outline { visit(node, "") }
        for (n, p) in (plan.preamble + plan.closing).enumerated() {
            for sentence in p.text.components(separatedBy: ". ") where declares(sentence) {
                out.append(Task(id: "text#\(n + 1)", group: nil, number: nil, text: sentence))
            }
        }
        return out
    }
}
