import VanBanCore
import VanBanModel

/// Mentions of one document, merged by folded key, and the `Reference` made from them.
enum Merge {
    struct Group {
        var found: [Found]
        /// Partial mentions ("Nghị quyết số 03-NQ") attached to the full symbol cited elsewhere.
        var partial: [Found] = []
        /// Shorthands ("Kế hoạch 44", "Nghị quyết nêu trên"): occurrences only, no spelling.
        var short: [(order: Int, occurrence: Occurrence)] = []
        var all: [Found] { (found + partial).sorted { $0.order < $1.order } }
    }

    static func group(_ found: [Found]) -> [Group] {
        var order: [String] = []
        var byKey: [String: Group] = [:]
        var partials: [Found] = []
        for f in found {
            if f.mention.form == .partial { partials.append(f); continue }
            if byKey[f.mention.key] == nil { order.append(f.mention.key); byKey[f.mention.key] = Group(found: []) }
            byKey[f.mention.key]!.found.append(f)
        }
        for p in partials {
            if let k = order.first(where: { $0.hasPrefix(p.mention.key + "/") }) {
                byKey[k]!.partial.append(p)
            } else {
                if byKey[p.mention.key] == nil { order.append(p.mention.key); byKey[p.mention.key] = Group(found: []) }
                byKey[p.mention.key]!.partial.append(p)
            }
        }
        return order.map { byKey[$0]! }
    }

    /// Adds each shorthand to the group holding the mention it points back to.
    static func attach(_ shorthands: [(target: Int, order: Int, occurrence: Occurrence)], to groups: inout [Group]) {
        var groupOf: [Int: Int] = [:]
        for (gi, g) in groups.enumerated() { for f in g.all { groupOf[f.order] = gi } }
        for s in shorthands {
            if let gi = groupOf[s.target] { groups[gi].short.append((s.order, s.occurrence)) }
        }
    }

    static func reference(_ g: Group) -> Reference {
        let all = g.all
        let full = g.found.isEmpty ? g.partial : g.found
        // The id the document writes most often; the first such on a tie.
        var counts: [String: Int] = [:]
        for f in full { counts[f.mention.id, default: 0] += 1 }
        let best = full.first { counts[$0.mention.id] == counts.values.max() }!.mention
        var variants: [String] = []
        for f in all where !variants.contains(f.mention.written) { variants.append(f.mention.written) }

        let typed = all.first { $0.mention.typeName != nil }?.mention.type ?? all.first { $0.mention.type != nil }?.mention.type
        let date = all.lazy.compactMap(\.mention.date).first
        let year = date.flatMap { Int($0.prefix(4)) } ?? all.lazy.compactMap(\.mention.symbolYear).first
        let issuer = all.lazy.compactMap(\.mention.issuer).first ?? all.lazy.compactMap(\.sharedIssuer).first
        let relation = all.map(\.relation).max { rank($0) < rank($1) } ?? .cites
        return Reference(id: best.id, type: typed.map { TypeRef(code: $0.code, name: $0.name) },
                         number: best.number, symbol: best.symbol, date: date, year: year, issuer: issuer,
                         relation: relation, occurrences: occurrences(g), variants: variants)
    }

    /// Full mentions and shorthands in document order.
    static func occurrences(_ g: Group) -> [Occurrence] {
        (g.all.map { ($0.order, $0.occurrence) } + g.short.map { ($0.order, $0.occurrence) })
            .sorted { $0.0 < $1.0 }.map(\.1)
    }

    static func rank(_ r: Reference.Relation) -> Int {
        switch r { case .implements: 2; case .basis: 1; case .cites: 0 }
    }
}
