import Foundation
import GRDB
import VanBan

public struct GraphNode: Codable, Sendable, Equatable {
    public var id: String
    public var type: String?
    public var number: String?
    public var symbol: String?
    public var year: Int?
    public var date: String?
    public var issuer: String?
    public var title: String?
    public var imported: Bool
    /// For colouring only; not part of the JSON shape.
    public var level: String = "other"

    enum CodingKeys: String, CodingKey { case id, type, number, symbol, year, date, issuer, title, imported }

    public func encode(to encoder: Encoder) throws {
        // Every key present, null when unknown, as in the plan JSON.
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id); try c.encode(type, forKey: .type); try c.encode(number, forKey: .number)
        try c.encode(symbol, forKey: .symbol); try c.encode(year, forKey: .year); try c.encode(date, forKey: .date)
        try c.encode(issuer, forKey: .issuer); try c.encode(title, forKey: .title); try c.encode(imported, forKey: .imported)
    }
}

public struct GraphEdge: Codable, Sendable, Equatable, Hashable {
    public var from: String
    public var to: String
    public var relation: String
}

/// A set of nodes and the edges among them: the whole store or a query's answer.
public struct CitationGraph: Codable, Sendable, Equatable {
    public var nodes: [GraphNode]
    public var edges: [GraphEdge]
}

public struct GraphStats: Sendable {
    public var documents = 0, imported = 0, citedOnly = 0, drafts = 0, versions = 0
    public var edges: [(relation: String, count: Int)] = []
    public var levels: [(level: String, count: Int)] = []
    public var mostCited: [(id: String, count: Int)] = []
}

extension CorpusStore {
    static let nodeColumns = "d.id, d.type, d.number, d.symbol, d.year, d.date, d.issuer, d.title, d.imported, d.level"

    static func node(_ row: GRDB.Row) -> GraphNode {
        GraphNode(id: row["id"], type: row["type"], number: row["number"], symbol: row["symbol"], year: row["year"],
                  date: row["date"], issuer: row["issuer"], title: row["title"], imported: row["imported"], level: row["level"])
    }

    /// The node a user means by `id`: its exact id, else the one document with that folded key
    /// ("44/kh-ubnd", "044/KH–UBND"). Several documents sharing the key must be named exactly.
    func nodeNumber(_ id: String, _ db: Database) throws -> Int64 {
        if let n = try Int64.fetchOne(db, sql: "SELECT n FROM documents WHERE id = ?", arguments: [id]) { return n }
        let rows = try GRDB.Row.fetchAll(db, sql: "SELECT n, id FROM documents WHERE key = ? ORDER BY id", arguments: [Identity.key(id)])
        if rows.count == 1 { return rows[0]["n"] }
        if rows.isEmpty { throw GraphError("no document \(id) in the store") }
        throw GraphError("\(id) names \(rows.count) documents: \(rows.map { $0["id"] as String }.joined(separator: ", ")); give one of these ids")
    }

    /// Every node and edge.
    public func graph() throws -> CitationGraph {
        try read { db in
            let nodes = try GRDB.Row.fetchAll(db, sql: "SELECT \(Self.nodeColumns) FROM documents d ORDER BY d.id").map(Self.node)
            let edges = try GRDB.Row.fetchAll(db, sql: """
                SELECT f.id AS f, t.id AS t, r.relation FROM refs r JOIN documents f ON f.n = r.from_doc
                JOIN documents t ON t.n = r.to_doc ORDER BY f.id, t.id
                """).map { GraphEdge(from: $0["f"], to: $0["t"], relation: $0["relation"]) }
            return CitationGraph(nodes: nodes, edges: edges)
        }
    }

    /// Who implements `id`, directly or through a chain of plans implementing plans, with `id` itself.
    public func implementers(of id: String) throws -> CitationGraph {
        try closure(of: id, step: "SELECT r.from_doc FROM refs r JOIN reach ON r.to_doc = reach.n WHERE r.relation = 'implements'",
                    relations: ["implements"])
    }

    /// What `id` rests on: what it implements or is based on ("Căn cứ"), and what those rest on,
    /// up to the Party's resolutions; with `id` itself.
    public func ancestors(of id: String) throws -> CitationGraph {
        try closure(of: id, step: "SELECT r.to_doc FROM refs r JOIN reach ON r.from_doc = reach.n WHERE r.relation IN ('implements', 'basis')",
                    relations: ["implements", "basis"])
    }

    /// A transitive closure by a recursive CTE over the covering edge indexes; UNION (not UNION
    /// ALL) keeps a citation cycle from looping.
    private func closure(of id: String, step: String, relations: [String]) throws -> CitationGraph {
        try read { db in
            let start = try nodeNumber(id, db)
            let cte = "WITH RECURSIVE reach(n) AS (SELECT ? UNION \(step))"
            let nodes = try GRDB.Row.fetchAll(db, sql: "\(cte) SELECT \(Self.nodeColumns) FROM reach JOIN documents d ON d.n = reach.n ORDER BY d.id",
                                         arguments: [start]).map(Self.node)
            let inList = relations.map { "'\($0)'" }.joined(separator: ", ")
            // Driven from the citing side (CROSS JOIN fixes the order): a hub answer member such
            // as 57-NQ/TW has thousands of incoming edges, any member only a few outgoing ones; the unary
            // + keeps SQLite from probing the index once per (member, member) pair.
            let edges = try GRDB.Row.fetchAll(db, sql: """
                \(cte), members AS MATERIALIZED (SELECT n FROM reach)
                SELECT f.id AS f, t.id AS t, r.relation FROM members a CROSS JOIN refs r ON r.from_doc = a.n
                JOIN documents f ON f.n = r.from_doc JOIN documents t ON t.n = r.to_doc
                WHERE r.relation IN (\(inList)) AND +r.to_doc IN (SELECT n FROM members) ORDER BY f.id, t.id
                """, arguments: [start]).map { GraphEdge(from: $0["f"], to: $0["t"], relation: $0["relation"]) }
            return CitationGraph(nodes: nodes, edges: edges)
        }
    }

    /// Documents cited but not imported, no edges.
    public func orphans() throws -> CitationGraph {
        try read { db in
            let nodes = try GRDB.Row.fetchAll(db, sql: "SELECT \(Self.nodeColumns) FROM documents d WHERE d.imported = 0 ORDER BY d.id").map(Self.node)
            return CitationGraph(nodes: nodes, edges: [])
        }
    }

    public func stats(top: Int = 10) throws -> GraphStats {
        try read { db in
            var s = GraphStats()
            s.documents = try Int.fetchOne(db, sql: "SELECT count(*) FROM documents") ?? 0
            s.imported = try Int.fetchOne(db, sql: "SELECT count(*) FROM documents WHERE imported = 1") ?? 0
            s.citedOnly = s.documents - s.imported
            s.drafts = try Int.fetchOne(db, sql: "SELECT count(*) FROM documents WHERE draft = 1") ?? 0
            s.versions = try Int.fetchOne(db, sql: "SELECT count(*) FROM versions") ?? 0
            s.edges = try GRDB.Row.fetchAll(db, sql: "SELECT relation, count(*) AS c FROM refs GROUP BY relation ORDER BY relation")
                .map { ($0["relation"], $0["c"]) }
            s.levels = try GRDB.Row.fetchAll(db, sql: "SELECT level, count(*) AS c FROM documents GROUP BY level ORDER BY c DESC, level")
                .map { ($0["level"], $0["c"]) }
            s.mostCited = try GRDB.Row.fetchAll(db, sql: """
                SELECT d.id, count(*) AS c FROM refs r JOIN documents d ON d.n = r.to_doc
                GROUP BY r.to_doc ORDER BY c DESC, d.id LIMIT ?
                """, arguments: [top]).map { ($0["id"], $0["c"]) }
            return s
        }
    }

    /// Earlier versions of a document, oldest first: (hash, file, imported at, replaced at).
    public func history(of id: String) throws -> [(hash: String, file: String?, importedAt: String, replacedAt: String?)] {
        try read { db in
            let n = try nodeNumber(id, db)
            return try GRDB.Row.fetchAll(db, sql: "SELECT hash, file, imported_at, replaced_at FROM versions WHERE doc = ? ORDER BY rowid",
                                    arguments: [n]).map { ($0["hash"], $0["file"], $0["imported_at"], $0["replaced_at"]) }
        }
    }
}
