import Foundation
import GRDB
import VanBan

/// The corpus store: every imported plan, every document they cite, and the citations between
/// them, in one SQLite file (docs/graph.md).
public final class CorpusStore: Sendable {
    /// Bumped with each migration; `PRAGMA user_version` carries it for tools outside GRDB.
    public static let schemaVersion = 1
    public static let defaultPath = "vanban.sqlite"

    let queue: DatabaseQueue

    /// Opens (creating if need be) the store at `path` and brings its schema up to date.
    public init(path: String) throws {
        var config = Configuration()
        config.prepareDatabase { db in
            // Batches are written in one transaction each; a crash loses at most that batch.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        queue = try DatabaseQueue(path: path, configuration: config)
        try Self.migrator.migrate(queue)
    }

    /// A store in memory, for tests and benchmarks.
    public init() throws {
        queue = try DatabaseQueue()
        try Self.migrator.migrate(queue)
    }

    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1") { db in
            // `n` is the node's number; edges point at it, so a node keeps its edges when a cited
            // stub becomes an imported document or a document gets a new version.
            try db.execute(sql: """
                CREATE TABLE documents (
                  n INTEGER PRIMARY KEY,
                  id TEXT NOT NULL UNIQUE,
                  key TEXT NOT NULL,
                  draft INTEGER NOT NULL DEFAULT 0,
                  type TEXT, type_code TEXT, number TEXT, symbol TEXT, year INTEGER, date TEXT,
                  issuer TEXT, issuer_match TEXT, level TEXT NOT NULL DEFAULT 'other', title TEXT,
                  file TEXT, format TEXT, hash TEXT, parse_ms REAL, imported_at TEXT,
                  imported INTEGER NOT NULL DEFAULT 0
                );
                CREATE INDEX documents_key ON documents(key);
                CREATE INDEX documents_imported ON documents(imported);
                CREATE TABLE versions (
                  doc INTEGER NOT NULL REFERENCES documents(n) ON DELETE CASCADE,
                  hash TEXT NOT NULL UNIQUE,
                  file TEXT, format TEXT, title TEXT, parse_ms REAL,
                  imported_at TEXT NOT NULL, replaced_at TEXT,
                  references_json TEXT NOT NULL
                );
                CREATE INDEX versions_doc ON versions(doc);
                CREATE TABLE refs (
                  n INTEGER PRIMARY KEY,
                  from_doc INTEGER NOT NULL REFERENCES documents(n) ON DELETE CASCADE,
                  to_doc INTEGER NOT NULL REFERENCES documents(n),
                  to_id TEXT NOT NULL, to_key TEXT NOT NULL, relation TEXT NOT NULL,
                  year INTEGER, date TEXT, issuer TEXT
                );
                CREATE INDEX refs_from ON refs(from_doc, relation, to_doc);
                CREATE INDEX refs_to ON refs(to_doc, relation, from_doc);
                CREATE TABLE occurrences (
                  ref INTEGER NOT NULL REFERENCES refs(n) ON DELETE CASCADE,
                  text TEXT NOT NULL, page INTEGER, line INTEGER
                );
                CREATE INDEX occurrences_ref ON occurrences(ref);
                CREATE TABLE tasks (doc INTEGER PRIMARY KEY REFERENCES documents(n) ON DELETE CASCADE, json TEXT NOT NULL);
                CREATE TABLE indicators (doc INTEGER PRIMARY KEY REFERENCES documents(n) ON DELETE CASCADE, json TEXT NOT NULL);
                PRAGMA user_version = 1;
                """)
        }
        return m
    }

    /// Runs raw SQL reads, for tests and tools.
    public func read<T>(_ body: (Database) throws -> T) throws -> T { try queue.read(body) }
    func write<T>(_ body: (Database) throws -> T) throws -> T { try queue.write(body) }
}

/// A problem worded for the user ("no document 44/KH-UBND in the store").
public struct GraphError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ d: String) { description = d }
}
