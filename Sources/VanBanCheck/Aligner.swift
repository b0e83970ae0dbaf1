import Foundation
import VanBanCore

/// Aligns child items to parent items. Each child item links to the parent items it resembles
/// most (two when it merges them); a parent item may so gather several children (a split).
struct Aligner {
    struct Link { var child: Int; var score: Double; var matched: [String] }
    struct Result {
        var links: [[Link]]
        /// For a parent item only partly carried over: the clause no child holds.
        var uncovered: [String?]
        var linkedChildren: Set<Int>
    }

    let dictionaries: Dictionaries
    let threshold: Double
    /// A child links to every parent scoring at least this share of its best one.
    let mergeRatio = 0.68
    /// A child always links to its best parent when they share this much: a paraphrase of one
    /// task into the unit's own words scores low but has nowhere better to go.
    let floor = 0.14

    func align(_ parents: [Entry], _ children: [Entry]) -> Result {
        var sim = Similarity(dictionaries: dictionaries)
        sim.learn(parents.map(\.ref.text) + children.map(\.ref.text))
        let pv = parents.map { sim.vector($0.ref.text) }
        let cv = children.map { sim.vector($0.ref.text) }
        var groupCache: [String: Similarity.Vector] = [:]
        func groupVector(_ g: String?) -> Similarity.Vector? {
            guard let g, !g.isEmpty else { return nil }
            if let v = groupCache[g] { return v }
            let v = sim.vector(g)
            groupCache[g] = v
            return v
        }

        // Scores through an index of the children's terms: only pairs sharing a term are scored.
        var postings: [Int: [(Int, Double)]] = [:]
        for (j, v) in cv.enumerated() { for (t, w) in v.weights { postings[t, default: []].append((j, w)) } }
        var scores: [[(Int, Double)]] = Array(repeating: [], count: parents.count)
        var bestParent = [Double](repeating: 0, count: children.count)
        var dot = [Double](repeating: 0, count: children.count)
        var touched: [Int] = []
        for (i, p) in pv.enumerated() where p.norm > 0 {
            for (t, w) in p.weights {
                for (j, x) in postings[t] ?? [] {
                    if dot[j] == 0 { touched.append(j) }
                    dot[j] += w * x
                }
            }
            for j in touched {
                var s = dot[j] / (p.norm * cv[j].norm)
                // The group a task sits in tells a little about what it is.
                if let a = groupVector(parents[i].groupTitle), let b = groupVector(children[j].groupTitle) {
                    s = 0.88 * s + 0.12 * Similarity.cosine(a, b)
                }
                scores[i].append((j, s))
                bestParent[j] = max(bestParent[j], s)
                dot[j] = 0
            }
            touched.removeAll(keepingCapacity: true)
        }

        var links = [[Link]](repeating: [], count: parents.count)
        var linked = Set<Int>()
        for i in parents.indices {
            for (j, s) in scores[i] where (s >= threshold && s >= mergeRatio * bestParent[j]) || (s >= floor && s == bestParent[j]) {
                links[i].append(Link(child: j, score: s, matched: sim.matched(pv[i], cv[j])))
                linked.insert(j)
            }
            links[i].sort { $0.score > $1.score }
        }
        let uncovered = parents.indices.map { i in
            links[i].isEmpty ? nil : uncoveredClause(parents[i].ref.text, by: links[i].map { cv[$0.child] }, sim)
        }
        return Result(links: links, uncovered: uncovered, linkedChildren: linked)
    }

    /// A parent text of several clauses ("…; đồng thời …") whose one clause the children hold
    /// well and another not at all is only partly carried over.
    func uncoveredClause(_ text: String, by children: [Similarity.Vector], _ sim: Similarity) -> String? {
        let clauses = text.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { sim.terms($0).count >= 6 }
        guard clauses.count >= 2 else { return nil }
        let coverage = clauses.map { Similarity.coverage(of: sim.vector($0), by: children) }
        guard let most = coverage.max(), most >= 0.45, let least = coverage.min(), least < 0.12 else { return nil }
        return clauses[coverage.firstIndex(of: least)!]
    }
}
