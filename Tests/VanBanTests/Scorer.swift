import Foundation
import VanBan

/// The corpus gold format (Corpus/README.md) and the measures of ../shared/tools/score.py,
/// so tests hold the parser to the same figures the scorer prints.
struct Gold: Decodable {
    struct GHeader: Decodable {
        var issuerLines: [String]
        var numberLine: String?
        var number: String?
        var symbol: String?
        var motto: Bool
        var placeDate: String?
        var place: String?
        var date: String?
        var year: Int?
        var typeName: String?
        var title: String?
        var subtitle: String?
    }
    struct GNode: Decodable {
        var label: String
        var title: String
        var paras: [String]
        var children: [GNode]
    }
    struct GSignature: Decodable { var lines: [String]; var name: String? }
    struct GTable: Decodable { var header: [String]; var rows: [TableRow] }
    struct GAppendix: Decodable {
        var label: String?
        var title: String
        var attachedTo: String?
        var kind: String
        var table: GTable?
    }
    struct GReference: Decodable {
        var canonical: String
        var typeName: String?
        var date: String?
        var issuer: String?
        var count: Int
        var variants: [String]
    }
    var id: String
    var header: GHeader
    var preamble: [String]
    var body: [GNode]
    var closing: [String]
    var recipients: [String]
    var signature: GSignature?
    var appendices: [GAppendix]
    var references: [GReference]

    static func load(_ url: URL) throws -> Gold {
        try JSONDecoder().decode(Gold.self, from: Data(contentsOf: url))
    }
}

enum Score {
    static func norm(_ s: String?) -> String {
        guard let s else { return "" }
        var t = Fold.nfc(s).replacingOccurrences(of: "\u{00A0}", with: " ")
            .replacingOccurrences(of: "–", with: "-").replacingOccurrences(of: "—", with: "-")
        t = Fold.collapse(t)
        return t.lowercased()
    }

    static func normLabel(_ s: String) -> String {
        var t = norm(s)
        while let l = t.last, l == "." || l == ")" || l == " " { t.removeLast() }
        return t
    }

    static func f1(_ tp: Int, gold: Int, pred: Int) -> Double {
        let p = pred > 0 ? Double(tp) / Double(pred) : (gold == 0 ? 1 : 0)
        let r = gold > 0 ? Double(tp) / Double(gold) : 1
        return p + r > 0 ? 2 * p * r / (p + r) : 0
    }

    /// Outline F1: a heading matches when depth and label agree and one title is a prefix of the other.
    static func outline(gold: Gold, plan: Plan) -> (f1: Double, gold: Int, parsed: Int, missed: [String]) {
        var g: [(Int, String, String)] = []
        func walkG(_ ns: [Gold.GNode], _ d: Int) { for n in ns { g.append((d, normLabel(n.label), norm(n.title))); walkG(n.children, d + 1) } }
        walkG(gold.body, 1)
        var p: [(Int, String, String)] = []
        func walkP(_ ns: [OutlineNode], _ d: Int) { for n in ns { p.append((d, normLabel(n.label), norm(n.title))); walkP(n.children, d + 1) } }
        walkP(plan.outline, 1)
        var used = Array(repeating: false, count: p.count)
        var tp = 0
        var missed: [String] = []
        for (gd, gl, gt) in g {
            var hit = false
            for (i, (pd, pl, pt)) in p.enumerated() where !used[i] && pl == gl && pd == gd {
                if gt == pt || (!gt.isEmpty && !pt.isEmpty && (pt.hasPrefix(gt) || gt.hasPrefix(pt))) || (gt.isEmpty && pt.isEmpty) {
                    used[i] = true; tp += 1; hit = true; break
                }
            }
            if !hit { missed.append("\(gd) \(gl) \(gt.prefix(40))") }
        }
        return (f1(tp, gold: g.count, pred: p.count), g.count, p.count, missed)
    }

    static func rowKey(_ r: TableRow) -> [String] {
        switch r {
        case let .group(label, title): return ["G", normLabel(label), norm(title)]
        case let .cells(c): return ["R"] + c.map { norm($0) }
        }
    }

    /// Share of gold rows found exactly in the best-matching parsed table.
    static func tableRows(gold: Gold, plan: Plan) -> Double? {
        let tables = gold.appendices.compactMap(\.table)
        guard !tables.isEmpty else { return nil }
        var total = 0, exact = 0
        for t in tables {
            let g = t.rows.map(rowKey)
            total += g.count
            var best = 0
            for a in plan.appendices {
                var counts: [[String]: Int] = [:]
                for r in a.rows { counts[rowKey(r), default: 0] += 1 }
                var hit = 0
                for k in g where (counts[k] ?? 0) > 0 { counts[k]! -= 1; hit += 1 }
                best = max(best, hit)
            }
            exact += best
        }
        return Double(exact) / Double(max(1, total))
    }

    static func refKey(_ s: String) -> String { norm(s).uppercased().replacingOccurrences(of: " ", with: "") }

    static func references(gold: Gold, plan: Plan) -> (f1: Double, countsRight: Double, missing: [String], extra: [String]) {
        var alias: [String: String] = [:]
        for r in gold.references { for v in r.variants + [r.canonical] { alias[refKey(v)] = refKey(r.canonical) } }
        let g = Dictionary(gold.references.map { (refKey($0.canonical), $0) }, uniquingKeysWith: { a, _ in a })
        var p: [String: Reference] = [:]
        for r in plan.references { let k = refKey(r.id); p[alias[k] ?? k] = r }
        let both = Set(g.keys).intersection(p.keys)
        let counts = both.filter { p[$0]!.occurrences.count == g[$0]!.count }.count
        return (f1(both.count, gold: g.count, pred: p.count), Double(counts) / Double(max(1, both.count)),
                Set(g.keys).subtracting(p.keys).sorted(), Set(p.keys).subtracting(g.keys).sorted())
    }

    /// Header fields the gold has, right or wrong, by name.
    static func header(gold: Gold, plan: Plan) -> [(field: String, ok: Bool)] {
        let gh = gold.header, ph = plan.header
        var checks: [(String, Bool)] = []
        func chk(_ n: String, _ a: String?, _ b: String?) { checks.append((n, norm(a) == norm(b))) }
        if !gh.issuerLines.isEmpty { chk("issuer", gh.issuerLines.joined(separator: " / "), ph.issuer.joined(separator: " / ")) }
        chk("number", gh.number, ph.number)
        if let s = gh.symbol { chk("symbol", s, ph.symbol) }
        if let y = gh.year { chk("year", String(y), ph.year.map(String.init)) }
        if let d = gh.date { chk("date", d, ph.date) }
        if let p = gh.place { chk("place", p, ph.place) }
        if let t = gh.title { chk("title", t, ph.title) }
        if let n = gold.signature?.name { chk("signer", n, ph.signer?.name) }
        if !gold.recipients.isEmpty { checks.append(("recipients", gold.recipients.count == ph.recipients.count)) }
        return checks
    }
}
