import Foundation
import GRDB
import VanBan
import VanBanGraph
import VanBanSynthetic

/// Growing a store past what the import benchmark parses: rows written straight into its tables
/// (the store's schema), through a connection of the benchmark's own.
enum StoreGrowth {
    /// Inserts `corpus.docs[range]` as imported documents straight into the tables, without
    /// text or parse, to grow a store for query timing. Cited documents must already be nodes.
    static func insertDirectly(_ corpus: SyntheticCorpus, _ range: Range<Int>, into path: String) throws {
        try DatabaseQueue(path: path).write { db in
            let doc = try db.makeStatement(sql: """
                INSERT OR IGNORE INTO documents (id, key, type, number, symbol, year, level, title, imported) VALUES (?, ?, 'Kế hoạch', ?, ?, ?, ?, ?, 1)
                """)
            // Externals nobody has cited yet become cited-only nodes first.
            for d in corpus.docs[..<corpus.externalCount] {
                try db.execute(sql: "INSERT OR IGNORE INTO documents (id, key, number, symbol, year, level, imported) VALUES (?, ?, ?, ?, ?, ?, 0)",
                               arguments: [d.id, Fold.symbolKey(d.id), String(d.number), d.symbol, d.year, d.level])
            }
            let ref = try db.makeStatement(sql: """
                INSERT INTO refs (from_doc, to_doc, to_id, to_key, relation) SELECT ?, n, id, key, ? FROM documents WHERE id = ?
                """)
            for i in range {
                let d = corpus.docs[i]
                try doc.execute(arguments: [d.id, Fold.symbolKey(d.id), String(d.number), d.symbol, d.year, d.level, "Kế hoạch \(d.number)"])
                let n = db.lastInsertedRowID
                for (relation, targets) in [("implements", d.implements), ("basis", d.basis), ("cites", d.cites)] {
                    for t in targets { try ref.execute(arguments: [n, relation, corpus.docs[t].id]) }
                }
            }
        }
    }

    /// Ids of a sample of imported documents, for timing queries.
    static func sampleIDs(_ count: Int, in store: CorpusStore) throws -> [String] {
        try store.read { try String.fetchAll($0, sql: "SELECT id FROM documents WHERE imported = 1 ORDER BY random() LIMIT ?", arguments: [count]) }
    }
}
