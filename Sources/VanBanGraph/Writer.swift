import Foundation
import GRDB
import VanBan

/// Writes one plan into the store and resolves what it cites to nodes.
struct Writer {
    let db: Database

    struct Candidate {
        let n: Int64, year: Int?, issuer: String?, imported: Bool
    }

    /// Documents with this key that could be the one described: a year or an issuer that both
    /// sides know and that disagree rules a candidate out.
    func candidates(key: String, year: Int?, issuer: String?) throws -> [Candidate] {
        try GRDB.Row.fetchAll(db.cachedStatement(sql: "SELECT n, year, issuer_match, imported FROM documents WHERE key = ?"), arguments: [key])
            .map { Candidate(n: $0["n"], year: $0["year"], issuer: $0["issuer_match"], imported: $0["imported"]) }
            .filter { c in
                (year == nil || c.year == nil || c.year == year) && Identity.issuersCompatible(issuer, c.issuer)
            }
            .sorted { a, b in
                // Most specific first: the same year, a known issuer, already imported, then the latest.
                let sa = (a.year != nil && a.year == year ? 4 : 0) + (a.issuer != nil ? 2 : 0) + (a.imported ? 1 : 0)
                let sb = (b.year != nil && b.year == year ? 4 : 0) + (b.issuer != nil ? 2 : 0) + (b.imported ? 1 : 0)
                return sa != sb ? sa > sb : (a.year ?? 0, a.n) > (b.year ?? 0, b.n)
            }
    }

    /// `base` if no node has that id yet, else `base@year`, else `base@2`, `base@3`…
    func uniqueID(_ base: String, year: Int?) throws -> String {
        func taken(_ id: String) throws -> Bool {
            try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM documents WHERE id = ?"), arguments: [id]) ?? false
        }
        if try !taken(base) { return base }
        if let year, try !taken("\(base)@\(year)") { return "\(base)@\(year)" }
        var k = 2
        while try taken("\(base)@\(k)") { k += 1 }
        return "\(base)@\(k)"
    }

    func store(_ plan: Plan, _ p: CorpusStore.Parsed) throws -> ImportOutcome {
        let h = plan.header
        let own = Identity.own(h, contentHash: p.hash)
        let issuer = Identity.ownIssuer(h)
        let existing: Candidate?
        if own.draft {
            existing = try GRDB.Row.fetchOne(db.cachedStatement(sql: "SELECT n, imported FROM documents WHERE id = ?"), arguments: [own.id])
                .map { Candidate(n: $0["n"], year: nil, issuer: nil, imported: $0["imported"]) }
        } else {
            existing = try candidates(key: own.key, year: h.year, issuer: issuer.match).first
        }
        let now = Date().ISO8601Format()
        let n: Int64, id: String
        if let e = existing {
            n = e.n
            // A cited-only node takes the document's own spelling of its id when that is free.
            let current = try String.fetchOne(db.cachedStatement(sql: "SELECT id FROM documents WHERE n = ?"), arguments: [n])!
            id = e.imported || current == own.id ? current : (try uniqueID(own.id, year: h.year))
            if e.imported {
                try db.run(sql: "UPDATE versions SET replaced_at = ? WHERE doc = ? AND replaced_at IS NULL", arguments: [now, n])
                try dropReferences(of: n)
            }
        } else {
            id = try uniqueID(own.id, year: h.year)
            try db.run(sql: "INSERT INTO documents (id, key, level) VALUES (?, ?, 'other')", arguments: [id, own.key])
            n = db.lastInsertedRowID
        }
        try db.run(sql: """
            UPDATE documents SET id = ?, key = ?, draft = ?, type = ?, type_code = ?, number = ?, symbol = ?, year = ?,
              date = ?, issuer = ?, issuer_match = ?, level = ?, title = ?, file = ?, format = ?, hash = ?, parse_ms = ?,
              imported_at = ?, imported = 1 WHERE n = ?
            """, arguments: [
                id, own.key, own.draft, h.type?.name, h.type?.code, h.number, h.symbol, h.year, h.date,
                issuer.display, issuer.match, Identity.level(symbol: own.draft ? h.symbol : own.id, issuer: issuer.match),
                h.title, plan.source.file, plan.source.format, p.hash, p.parseMilliseconds, now, n,
            ])
        let encoder = JSONEncoder()
        let refsJSON = String(decoding: try encoder.encode(plan.references), as: UTF8.self)
        try db.run(sql: """
            INSERT INTO versions (doc, hash, file, format, title, parse_ms, imported_at, references_json)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [n, p.hash, p.url.path, plan.source.format, h.title, p.parseMilliseconds, now, refsJSON])
        for r in plan.references { try cite(r, from: n, citingYear: h.year) }
        try db.run(sql: "INSERT OR REPLACE INTO tasks (doc, json) VALUES (?, ?)",
                       arguments: [n, String(decoding: try encoder.encode(plan.tasks), as: UTF8.self)])
        try db.run(sql: "INSERT OR REPLACE INTO indicators (doc, json) VALUES (?, ?)",
                       arguments: [n, String(decoding: try encoder.encode(plan.indicators), as: UTF8.self)])
        return existing?.imported == true ? .updated(id: id) : .imported(id: id)
    }

    /// Removes a document's outgoing citations, and the cited-only nodes nothing cites any more.
    private func dropReferences(of n: Int64) throws {
        let targets = try Int64.fetchAll(db.cachedStatement(sql: "SELECT to_doc FROM refs WHERE from_doc = ?"), arguments: [n])
        try db.run(sql: "DELETE FROM refs WHERE from_doc = ?", arguments: [n])
        for t in targets {
            try db.run(sql: """
                DELETE FROM documents WHERE n = ? AND imported = 0 AND NOT EXISTS (SELECT 1 FROM refs WHERE to_doc = ?)
                """, arguments: [t, t])
        }
    }

    /// Stores one reference, resolved to the best matching node or to a new cited-only node.
    private func cite(_ r: Reference, from: Int64, citingYear: Int?) throws {
        let key = Identity.key(r.id)
        let to: Int64
        if let c = try candidates(key: key, year: r.year, issuer: r.issuer).first {
            to = c.n
            if !c.imported {
                // A later citation may know what an earlier one did not.
                try db.run(sql: """
                    UPDATE documents SET year = coalesce(year, ?), date = coalesce(date, ?), issuer = coalesce(issuer, ?),
                      issuer_match = coalesce(issuer_match, ?), type = coalesce(type, ?), type_code = coalesce(type_code, ?)
                    WHERE n = ?
                    """, arguments: [r.year, r.date, r.issuer, r.issuer, r.type?.name, r.type?.code, to])
            }
        } else {
            let id = try uniqueID(r.id, year: r.year)
            try db.run(sql: """
                INSERT INTO documents (id, key, type, type_code, number, symbol, year, date, issuer, issuer_match, level, imported)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)
                """, arguments: [id, key, r.type?.name, r.type?.code, r.number, r.symbol, r.year, r.date, r.issuer, r.issuer,
                                 Identity.level(symbol: r.id, issuer: r.issuer)])
            to = db.lastInsertedRowID
        }
        try db.run(sql: """
            INSERT INTO refs (from_doc, to_doc, to_id, to_key, relation, year, date, issuer) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [from, to, r.id, key, r.relation.rawValue, r.year, r.date, r.issuer])
        let ref = db.lastInsertedRowID
        for o in r.occurrences {
            try db.run(sql: "INSERT INTO occurrences (ref, text, page, line) VALUES (?, ?, ?, ?)",
                           arguments: [ref, o.text, o.page, o.line])
        }
    }
}

extension Database {
    /// `execute(sql:arguments:)` through the statement cache: the importer runs the same few
    /// statements for every document, and compiling them each time cost more than running them.
    func run(sql: String, arguments: StatementArguments = []) throws {
        try cachedStatement(sql: sql).execute(arguments: arguments)
    }
}
