import Foundation
import VanBanCore

/// A parent task that enumerates its scope ("hội nghị, hội thảo, tọa đàm, triển lãm";
/// "AI, IoT, Big Data"; "(1) …; (2) …") is carried over only when the child keeps that scope.
/// Words that introduce a list and words that end an item come from Dictionaries/scope-cues.tsv.
struct Scope {
    let sim: Similarity
    /// Words after which an item of a list stops ("về", "trong", "cho" …).
    let itemEnds: Set<String>
    /// Words that introduce a list ("như", "gồm", "bao gồm" …): what follows is the list.
    let listStarts: [String]
    /// Words that begin an action ("tuyên truyền", "triển khai"): a list of them is not a scope.
    let actions: Set<String>

    init(sim: Similarity, dictionaries: Dictionaries) {
        self.sim = sim
        var ends: Set<String> = [], starts: [String] = [], actions: Set<String> = []
        for f in (try? dictionaries.table("scope-cues.tsv", minFields: 2)) ?? [] {
            switch f[1] {
            case "item-end": ends.insert(Fold.key(f[0]))
            case "list-start": starts.append(Fold.key(f[0]))
            case "action": actions.insert(Fold.key(f[0]))
            default: break
            }
        }
        itemEnds = ends
        self.actions = actions
        listStarts = starts.sorted { $0.count > $1.count }
    }

    /// The lists of three or more short items a text enumerates.
    func enumerations(_ text: String) -> [[String]] {
        var out: [[String]] = []
        // A list stays inside a clause or a parenthesis.
        let segments = text.split(whereSeparator: { ";:()\n".contains($0) }).flatMap { $0.components(separatedBy: ". ") }
        for segment in segments {
            let pieces = segment.components(separatedBy: ", ").flatMap { piece -> [String] in
                // The last item joins with "và" / "hoặc".
                let p = " " + piece + " "
                for joiner in [" và ", " hoặc "] where p.contains(joiner) {
                    let halves = p.components(separatedBy: joiner)
                    if halves.count == 2, words(halves[1]).count <= 4 { return halves.map { $0.trimmingCharacters(in: .whitespaces) } }
                }
                return [piece.trimmingCharacters(in: .whitespaces)]
            }.filter { !$0.isEmpty }
            guard pieces.count >= 3 else { continue }
            // A run of short items (three words at most); its first piece may carry the words
            // that lead into the list, its last the words after it.
            var i = 0
            while i < pieces.count {
                var j = i + 1
                while j < pieces.count, words(pieces[j]).count <= 3 { j += 1 }
                var run = Array(pieces[i..<j])
                if j < pieces.count, endsItem(pieces[j]) { run.append(pieces[j]); j += 1 }
                if run.count >= 3 { out.append(trim(run)); i = j } else { i += 1 }
            }
        }
        return out.filter { list in
            list.count >= 3 && list.allSatisfy { !content($0).isEmpty } && list.filter(isAction).count * 2 < list.count
        }
    }

    /// The first piece keeps its last words, as many as the middle items have; the last piece
    /// stops where a word that ends an item comes.
    func trim(_ run: [String]) -> [String] {
        let middle = run.dropFirst().dropLast().map { words($0).count }
        let width = max(1, min(3, middle.max() ?? 2))
        var items = run
        var first = words(run[0])
        if let start = listStarts.compactMap({ s -> Int? in
            let k = first.map { Fold.key($0) }
            let sw = s.split(separator: " ").map(String.init)
            guard sw.count <= k.count else { return nil }
            for i in stride(from: k.count - sw.count, through: 0, by: -1) where Array(k[i..<(i + sw.count)]) == sw { return i + sw.count }
            return nil
        }).first, start < first.count {
            first = Array(first[start...])
        }
        items[0] = first.suffix(width).joined(separator: " ")
        var last = words(run[run.count - 1])
        if let stop = last.indices.dropFirst().first(where: { itemEnds.contains(Fold.key(last[$0])) }) { last = Array(last[..<stop]) }
        items[items.count - 1] = last.prefix(3).joined(separator: " ")
        return items
    }

    /// A longer last piece is an item when a word that ends items comes within its first four.
    func endsItem(_ piece: String) -> Bool {
        words(piece).prefix(5).dropFirst().contains { itemEnds.contains(Fold.key($0)) }
    }

    func isAction(_ item: String) -> Bool {
        let w = words(item).map { Fold.key($0) }
        return (w.count >= 2 && actions.contains(w[0] + " " + w[1])) || (w.first.map { actions.contains($0) } ?? false)
    }

    func words(_ s: String) -> [String] { s.split(separator: " ").map(String.init).filter { !$0.isEmpty } }

    func content(_ s: String) -> Set<String> { Set(sim.syllables(s).syllables.map(\.key)) }

    /// The items of the parent's lists that none of the children's words name, when the
    /// children keep at most half of a list of three or more and drop at least two of its items.
    func dropped(_ parent: String, by children: [String]) -> [String] {
        // A list needs two commas, or a comma and "và"/"hoặc".
        guard parent.utf8.lazy.filter({ $0 == UInt8(ascii: ",") }).count >= 1 else { return [] }
        let lists = enumerations(parent)
        guard !lists.isEmpty else { return [] }
        let held = children.reduce(into: Set<String>()) { $0.formUnion(content($1)) }
        var out: [String] = []
        for list in lists {
            // An item is kept when the child names any of its content words ("nhà giáo" keeps
            // "giáo viên" by "giáo"); a list whose items the child names none of is not judged.
            let kept = list.filter { !content($0).isDisjoint(with: held) }
            let gone = list.filter { content($0).isDisjoint(with: held) }
            if !kept.isEmpty, gone.count >= 2, kept.count * 2 <= list.count { out += gone }
        }
        return out
    }
}
