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
        /// The share of each parent item's weight its children hold.
        var coverage: [Double] = []
    }

    let dictionaries: Dictionaries
    let threshold: Double
    /// The share of a second parent's weight the child must hold beyond what its better parents
    /// explain for the child to merge both.
    let mergeGain = 0.15
    /// The share of a parent's weight a further child must add for the parent to be split.
    let splitGain = 0.08
    /// A child always links to its best parent when they share this much: a paraphrase of one
    /// task into the unit's own words scores low but has nowhere better to go.
    let floor = 0.14

    func align(_ parents: [Entry], _ children: [Entry]) -> Result {
        var sim = Similarity(dictionaries: dictionaries)
        let vectors = sim.learnVectors(parents.map(\.ref.text) + children.map(\.ref.text))
        let pv = Array(vectors[..<parents.count]), cv = Array(vectors[parents.count...])
        // Group titles by index, so a pair's group similarity is computed once per pair of groups.
        var (pg, pGroups) = Self.index(parents.map(\.groupTitle)), (cg, cGroups) = Self.index(children.map(\.groupTitle))
        // Groups tell tasks apart only when each side has several: one section holding every
        // task would lift every pair alike.
        if pGroups.count < 2 || cGroups.count < 2 {
            pg = pg.map { _ in nil }
            cg = cg.map { _ in nil }
        }
        let pgv = pGroups.map { sim.vector($0) }, cgv = cGroups.map { sim.vector($0) }
        var groupRow = [Double](repeating: -1, count: cGroups.count)
        var rowOf = -1

        // Scores through an index of the children's terms: only pairs sharing a term are scored,
        // and only those that can become links are kept.
        var postings = [[(child: Int32, weight: Double)]](repeating: [], count: sim.termCount)
        for (j, v) in cv.enumerated() { for (t, w) in v.weights { postings[t].append((Int32(j), w)) } }
        var byChild = [[(Int, Double)]](repeating: [], count: children.count)
        var dot = [Double](repeating: 0, count: children.count)
        var touched: [Int] = []
        for (i, p) in pv.enumerated() where p.norm > 0 {
            for (t, w) in p.weights {
                for (j, x) in postings[t] {
                    let j = Int(j)
                    if dot[j] == 0 { touched.append(j) }
                    dot[j] += w * x
                }
            }
            if let a = pg[i], a != rowOf { rowOf = a; for k in groupRow.indices { groupRow[k] = -1 } }
            for j in touched {
                var s = dot[j] / (p.norm * cv[j].norm)
                dot[j] = 0
                // The group a task sits in tells a little about what it is.
                if let a = pg[i], let b = cg[j] {
                    if groupRow[b] < 0 { groupRow[b] = Similarity.cosine(pgv[a], cgv[b]) }
                    s = 0.88 * s + 0.12 * groupRow[b]
                }
                if s >= floor { byChild[j].append((i, s)) }
            }
            touched.removeAll(keepingCapacity: true)
        }

        // A child that names a document only one parent task names implements that task,
        // however it words the rest ("thực hiện Kế hoạch số 16/KH-UBND trong hoạt động dạy học").
        // Likewise a word only one parent task has, which the child repeats: it is what the
        // child is about ("bài học STEM … trải nghiệm STEM, Ngày hội STEM" and the one STEM task).
        let cited = Self.citedOnce(pv, sim)
        let own = Self.ownWords(pv, sim)
        var named = [[Int]](repeating: [], count: children.count)
        for (j, v) in cv.enumerated() {
            for t in v.weights.keys { if let i = cited[t], !named[j].contains(i) { named[j].append(i) } }
            // Only for a child with no parent at the floor: the word lifts a weak link, it does
            // not add one beside a good one.
            for (t, n) in sim.counts(v) where byChild[j].isEmpty && n >= Self.repeats && sim.frequency(t) <= 3 {
                if let i = own[t], !named[j].contains(i), Similarity.cosine(pv[i], v) >= floor / 2 { named[j].append(i) }
            }
            for i in named[j] where !byChild[j].contains(where: { $0.0 == i }) {
                byChild[j].append((i, Similarity.cosine(pv[i], v)))
            }
        }

        // A child goes to its best parent; to a further parent only when that one explains a
        // good share of the child the parents before did not (a merge), not when it merely
        // resembles the best one (two sibling tasks worded alike).
        var proposed = [[(Int, Double)]](repeating: [], count: parents.count)
        var marks = Marks(count: sim.termCount)
        for j in children.indices where !byChild[j].isEmpty {
            let ranked = byChild[j].sorted { $0.1 > $1.1 }
            for (k, (i, s)) in ranked.enumerated() where k == 0 || s >= threshold || named[j].contains(i) {
                if k > 0, !named[j].contains(i), Self.gain(pv[i], cv[j], beyond: marks) < mergeGain { continue }
                proposed[i].append((j, s))
                marks.mark(pv[i], cv[j])
            }
            marks.clear()
        }
        // Likewise a parent keeps its best child, and a further one only when it carries a part
        // of the parent the others do not (a split), not when it is one more task on the topic.
        var links = [[Link]](repeating: [], count: parents.count)
        var linked = Set<Int>()
        for i in parents.indices where !proposed[i].isEmpty {
            for (k, (j, s)) in proposed[i].sorted(by: { $0.1 > $1.1 }).enumerated() {
                if k > 0, !named[j].contains(i), Self.gain(pv[i], cv[j], beyond: marks) < splitGain { continue }
                links[i].append(Link(child: j, score: s, matched: sim.matched(pv[i], cv[j])))
                linked.insert(j)
                marks.mark(pv[i], cv[j])
            }
            marks.clear()
        }
        let uncovered = parents.indices.map { i in
            links[i].isEmpty ? nil : uncoveredClause(parents[i].ref.text, by: links[i].map { cv[$0.child] }, sim)
        }
        let coverage = parents.indices.map { i in links[i].isEmpty ? 0 : Similarity.coverage(of: pv[i], by: links[i].map { cv[$0.child] }) }
        return Result(links: links, uncovered: uncovered, linkedChildren: linked, coverage: coverage)
    }

    /// Terms that are a cited document's number and symbol, by the one parent item naming it.
    static func citedOnce(_ parents: [Similarity.Vector], _ sim: Similarity) -> [Int: Int] {
        var by: [Int: Int] = [:], many = Set<Int>()
        for (i, v) in parents.enumerated() {
            for t in v.weights.keys where sim.isDocument(t) {
                if let o = by[t], o != i { many.insert(t) } else { by[t] = i }
            }
        }
        for t in many { by[t] = nil }
        return by
    }

    /// How often the child must say a word only one parent task has.
    static let repeats = 3

    /// Unigram terms that occur in exactly one parent item, by that item.
    static func ownWords(_ parents: [Similarity.Vector], _ sim: Similarity) -> [Int: Int] {
        var by: [Int: Int] = [:], many = Set<Int>()
        for (i, v) in parents.enumerated() {
            for t in v.weights.keys where !sim.isBigramTerm(t) && !sim.isDocument(t) {
                if let o = by[t], o != i { many.insert(t) } else { by[t] = i }
            }
        }
        for t in many { by[t] = nil }
        return by
    }

    /// Each title's index among the distinct non-empty titles, and those titles.
    static func index(_ titles: [String?]) -> ([Int?], [String]) {
        var seen: [String: Int] = [:]
        var distinct: [String] = []
        let ids = titles.map { t -> Int? in
            guard let t, !t.isEmpty else { return nil }
            if let k = seen[t] { return k }
            seen[t] = distinct.count
            distinct.append(t)
            return distinct.count - 1
        }
        return (ids, distinct)
    }

    /// The share of `a`'s weight in terms it shares with `b`, leaving out those in `done`.
    static func gain(_ a: Similarity.Vector, _ b: Similarity.Vector, beyond done: Marks) -> Double {
        guard a.norm > 0 else { return 0 }
        var g = 0.0
        if a.weights.count <= b.weights.count {
            for (t, w) in a.weights where !done.marked[t] && b.weights[t] != nil { g += w * w }
        } else {
            for t in b.weights.keys where !done.marked[t] { if let w = a.weights[t] { g += w * w } }
        }
        return g / (a.norm * a.norm)
    }

    /// Terms already explained, as flags by term id (a set of ints hashes too slowly here).
    struct Marks {
        var marked: [Bool]
        var set: [Int] = []
        init(count: Int) { marked = [Bool](repeating: false, count: count) }
        /// Marks the terms `a` and `b` share.
        mutating func mark(_ a: Similarity.Vector, _ b: Similarity.Vector) {
            let (small, large) = a.weights.count <= b.weights.count ? (a, b) : (b, a)
            for t in small.weights.keys where !marked[t] && large.weights[t] != nil { marked[t] = true; set.append(t) }
        }
        mutating func clear() { for t in set { marked[t] = false }; set.removeAll(keepingCapacity: true) }
    }

    /// A parent text of several clauses ("…; đồng thời …", or sentences) is only partly carried
    /// over when the children hold one clause well and, of another, none of what it alone says
    /// (words it shares with the clauses kept do not make it present).
    func uncoveredClause(_ text: String, by children: [Similarity.Vector], _ sim: Similarity) -> String? {
        var bytes = text.utf8.makeIterator(), last: UInt8 = 0, several = false
        while let b = bytes.next(), !several { several = b == UInt8(ascii: ";") || (last == UInt8(ascii: ".") && b == UInt8(ascii: " ")); last = b }
        guard several else { return nil }
        let clauses = Self.clauses(text).filter { sim.terms($0) >= 6 }
        guard clauses.count >= 2 else { return nil }
        let vectors = clauses.map { sim.vector($0) }
        let own = vectors.indices.map { k in
            Self.without(vectors[k], vectors.indices.filter { $0 != k }.map { vectors[$0] })
        }
        let coverage = own.map { Similarity.coverage(of: $0, by: children) }
        guard let most = coverage.max(), most >= 0.45 else { return nil }
        let missing = own.indices.filter { own[$0].weights.count >= 4 && coverage[$0] < 0.15 }
        return missing.min { coverage[$0] < coverage[$1] }.map { clauses[$0] }
    }

    /// Clauses at ";" and between sentences.
    static func clauses(_ text: String) -> [String] {
        text.split(separator: ";").flatMap { $0.components(separatedBy: ". ") }
            .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " .")) }.filter { !$0.isEmpty }
    }

    /// `v` without the terms any of `others` has.
    static func without(_ v: Similarity.Vector, _ others: [Similarity.Vector]) -> Similarity.Vector {
        let w = v.weights.filter { t, _ in !others.contains { $0.weights[t] != nil } }
        return Similarity.Vector(weights: w, norm: sqrt(w.values.reduce(0) { $0 + $1 * $1 }))
    }
}
