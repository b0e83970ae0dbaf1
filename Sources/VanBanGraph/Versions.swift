import Foundation
import GRDB
import VanBan

extension CorpusStore {
    /// When the store holds a newer version of the document `data` is a version of: that
    /// version's tasks and indicators (the checker marks links whose parent row changed
    /// since as suspect). Nil when the file is the current version or the store lacks it.
    public func newerVersion(of data: Data) throws -> Plan? {
        let hash = SHA256.hex(data)
        return try read { db -> Plan? in
            guard let doc = try Int64.fetchOne(db, sql: "SELECT doc FROM versions WHERE hash = ? AND replaced_at IS NOT NULL", arguments: [hash]),
                  let current = try String.fetchOne(db, sql: "SELECT hash FROM documents WHERE n = ?", arguments: [doc]), current != hash else { return nil }
            var plan = Plan(source: Source(file: "", format: "store", pages: 0))
            if let t = try String.fetchOne(db, sql: "SELECT json FROM tasks WHERE doc = ?", arguments: [doc]) {
                plan.tasks = try JSONDecoder().decode([Task].self, from: Data(t.utf8))
            }
            if let t = try String.fetchOne(db, sql: "SELECT json FROM indicators WHERE doc = ?", arguments: [doc]) {
                plan.indicators = try JSONDecoder().decode([Indicator].self, from: Data(t.utf8))
            }
            return plan
        }
    }
}
