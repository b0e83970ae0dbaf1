import Foundation
import GRDB
import VanBan
import VanBanGraph

/// Upload limits: a request over them is refused before anything is parsed.
public struct UploadLimits: Sendable {
    public var maxFiles = 20
    public var maxFileBytes = 25 * 1024 * 1024
    /// All files of one upload together: the body is held in memory while it is read.
    public var maxTotalBytes = 100 * 1024 * 1024
    public init(maxFiles: Int = 20, maxFileBytes: Int = 25 * 1024 * 1024, maxTotalBytes: Int = 100 * 1024 * 1024) {
        self.maxFiles = maxFiles; self.maxFileBytes = maxFileBytes; self.maxTotalBytes = maxTotalBytes
    }
    /// The whole request body: the files, plus the form's own bytes.
    var maxBodyBytes: Int { min(maxFiles * maxFileBytes, maxTotalBytes) + 64 * 1024 }
}

/// What became of one uploaded file.
struct UploadResult: Codable, Sendable {
    var file: String
    var kind: String
    var ok: Bool
    var outcome: String
    var id: String?
    var href: String?
    var error: String?
}

/// The store as the web app sees it: the corpus store (VanBanGraph) plus the parsed plans, kept
/// so a document can be shown and checked without its original file. One actor, so the two
/// SQLite connections never write at once.
actor Catalog {
    let store: CorpusStore
    let plans: DatabaseQueue

    /// A store file (created if missing), or nil for one in memory.
    init(path: String?) throws {
        if let path {
            store = try CorpusStore(path: path)
            var config = Configuration()
            config.busyMode = .timeout(5)
            plans = try DatabaseQueue(path: path, configuration: config)
        } else {
            store = try CorpusStore()
            plans = try DatabaseQueue()
        }
        try plans.write { db in
            try db.execute(sql: "CREATE TABLE IF NOT EXISTS serve_plans (id TEXT PRIMARY KEY, name TEXT NOT NULL, plan TEXT NOT NULL, stored_at TEXT NOT NULL)")
        }
    }

    // MARK: Upload

    /// Reads each upload through the CLI's pipeline (Plan(contentsOf:)) and imports it. The bytes
    /// go to a file the server names, in a folder of its own; the client's name is only shown.
    /// Parsing runs off the actor, so one slow PDF does not hold up every other request.
    nonisolated func ingest(name rawName: String, data: Data) async -> UploadResult {
        let name = Self.displayName(rawName)
        let kind = Sniff.kind(data)
        var result = UploadResult(file: name, kind: kind.label, ok: false, outcome: "failed")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("vanban-serve-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        do {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            let url = dir.appendingPathComponent("upload.\(kind.ext)")
            try data.write(to: url)
            var plan = try Plan(contentsOf: url)
            plan.source.file = name
            // The store imports the plan JSON: the document is parsed once, and it records the client's name.
            let planURL = dir.appendingPathComponent("plan.json")
            let json = try JSONWriter.data(plan)
            try json.write(to: planURL)
            return try await importPlan(planURL, json: json, result)
        } catch let e as ReaderError {
            result.error = "\(name): \(e.detail)"
        } catch {
            result.error = "\(name): \(error)"
        }
        return result
    }

    private func importPlan(_ url: URL, json: Data, _ result: UploadResult) throws -> UploadResult {
        var result = result
        let summary = store.importFiles([url])
        if let f = summary.failed.first { result.error = "\(result.file): \(f.reason)"; return result }
        let (id, outcome) = summary.imported.first.map { ($0, "imported") } ?? summary.updated.first.map { ($0, "updated") }
            ?? summary.unchanged.first.map { ($0, "unchanged") } ?? ("", "failed")
        guard !id.isEmpty else { result.error = "\(result.file): the store took nothing"; return result }
        try plans.write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO serve_plans (id, name, plan, stored_at) VALUES (?, ?, ?, ?)",
                           arguments: [id, result.file, String(decoding: json, as: UTF8.self), Date().ISO8601Format()])
        }
        result.ok = true; result.outcome = outcome; result.id = id; result.href = Links.doc(id)
        return result
    }

    /// The last path component of what the client sent, without control characters, at most 120 characters.
    static func displayName(_ raw: String) -> String {
        let last = raw.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let clean = String(String.UnicodeScalarView(last.unicodeScalars.filter { $0.properties.generalCategory != .control }))
        let nfc = Fold.nfc(clean.trimmingCharacters(in: .whitespaces))
        return nfc.isEmpty ? "(không tên)" : String(nfc.prefix(120))
    }

    // MARK: Reading

    /// The node `id` names: its exact id, else the one node with its folded key.
    func node(_ id: String) throws -> (n: Int64, node: Node)? {
        try store.read { db in
            let cols = "n, id, type, number, symbol, year, date, issuer, title, imported, level"
            var rows = try GRDB.Row.fetchAll(db, sql: "SELECT \(cols) FROM documents WHERE id = ?", arguments: [id])
            if rows.isEmpty { rows = try GRDB.Row.fetchAll(db, sql: "SELECT \(cols) FROM documents WHERE key = ?", arguments: [Fold.symbolKey(id)]) }
            guard rows.count == 1 else { return nil }
            return (rows[0]["n"], Self.makeNode(rows[0]))
        }
    }

    static func makeNode(_ r: GRDB.Row) -> Node {
        Node(id: r["id"], type: r["type"], year: r["year"], date: r["date"], issuer: r["issuer"], title: r["title"], imported: r["imported"])
    }

    /// The plan of an imported document: as uploaded, else parsed again from the file the
    /// store recorded when `vanban import` brought it (a path on the server, never the client's).
    func plan(_ id: String) throws -> Plan? {
        if let json = try plans.read({ try String.fetchOne($0, sql: "SELECT plan FROM serve_plans WHERE id = ?", arguments: [id]) }) {
            return try JSONDecoder().decode(Plan.self, from: Data(json.utf8))
        }
        guard let found = try node(id), found.node.imported else { return nil }
        let file = try store.read { try String.fetchOne($0, sql: "SELECT file FROM versions WHERE doc = ? AND replaced_at IS NULL", arguments: [found.n]) }
        guard let file, FileManager.default.fileExists(atPath: file) else { return nil }
        return try Plan(contentsOf: URL(fileURLWithPath: file))
    }

    /// Where each reference of document `n` points: cited id → (node id, imported).
    func targets(of n: Int64) throws -> [String: (id: String, imported: Bool)] {
        try store.read { db in
            var out: [String: (String, Bool)] = [:]
            for r in try GRDB.Row.fetchAll(db, sql: "SELECT r.to_id, t.id, t.imported FROM refs r JOIN documents t ON t.n = r.to_doc WHERE r.from_doc = ?", arguments: [n]) {
                out[r["to_id"]] = (r["id"], r["imported"])
            }
            return out
        }
    }

    func recent(limit: Int = 50) throws -> [Node] {
        try store.read { db in
            try GRDB.Row.fetchAll(db, sql: "SELECT * FROM documents WHERE imported = 1 ORDER BY imported_at DESC, id LIMIT ?", arguments: [limit]).map(Self.makeNode)
        }
    }

    /// Documents matching every field given. Number/symbol and issuer match on folded keys,
    /// title words each on the folded title, so "hoá" finds "hóa" and case does not matter.
    func search(_ q: SearchQuery) throws -> [Node] {
        let rows = try store.read { db in
            let sql = "SELECT * FROM documents WHERE \(q.importedOnly ? "imported = 1" : "1 = 1")"
            if let y = q.year { return try GRDB.Row.fetchAll(db, sql: sql + " AND year = ? ORDER BY id", arguments: [y]) }
            return try GRDB.Row.fetchAll(db, sql: sql + " ORDER BY year DESC, id")
        }
        let symbol = q.symbol.map { Fold.symbolKey($0) }.flatMap { $0.isEmpty ? nil : $0 }
        let type = q.type.map { Fold.key($0) }.flatMap { $0.isEmpty ? nil : $0 }
        let issuer = q.issuer.map { Fold.key($0) }.flatMap { $0.isEmpty ? nil : $0 }
        let words = (q.words ?? "").split(whereSeparator: \.isWhitespace).map { Fold.key($0) }.filter { !$0.isEmpty }
        return rows.filter { r in
            if let symbol, !Fold.symbolKey(r["id"] as String).contains(symbol) { return false }
            if let type, !Fold.key((r["type"] as String?) ?? "").contains(type), Fold.key((r["type_code"] as String?) ?? "") != type { return false }
            if let issuer, !Fold.key((r["issuer"] as String?) ?? "").contains(issuer) { return false }
            if !words.isEmpty {
                let title = Fold.key((r["title"] as String?) ?? "")
                if !words.allSatisfy({ title.contains($0) }) { return false }
            }
            return true
        }.prefix(500).map(Self.makeNode)
    }

    func implementers(of id: String) throws -> CitationGraph { try store.implementers(of: id) }
    func ancestors(of id: String) throws -> CitationGraph { try store.ancestors(of: id) }
    func orphans() throws -> CitationGraph { try store.orphans() }
    func stats() throws -> GraphStats { try store.stats() }
}

/// A row of the store's documents table, as pages show it.
struct Node: Sendable {
    var id: String
    var type: String?
    var year: Int?
    var date: String?
    var issuer: String?
    var title: String?
    var imported: Bool
}

struct SearchQuery: Codable, Sendable {
    var symbol: String?
    var type: String?
    var issuer: String?
    var year: Int?
    var words: String?
    var importedOnly = false
    var isEmpty: Bool { [symbol, type, issuer, words].allSatisfy { ($0 ?? "").isEmpty } && year == nil }
}

/// What an upload is, read from its first bytes (never from its name): it picks the extension
/// of the server's own file name, so readers that go by extension see the right one.
enum Sniff {
    struct Kind { let label: String, ext: String }
    static func kind(_ data: Data) -> Kind {
        let head = [UInt8](data.prefix(8))
        func starts(_ s: [UInt8]) -> Bool { head.starts(with: s) }
        if data.isEmpty { return Kind(label: "trống", ext: "bin") }
        if starts(Array("%PDF".utf8)) { return Kind(label: "PDF", ext: "pdf") }
        if starts([0x50, 0x4B, 0x03, 0x04]) || starts([0x50, 0x4B, 0x05, 0x06]) { return Kind(label: "DOCX", ext: "docx") }
        if starts([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return Kind(label: "DOC", ext: "doc") }
        if starts(Array("{\\rtf".utf8)) { return Kind(label: "RTF", ext: "rtf") }
        if starts([0x89, 0x50, 0x4E, 0x47]) { return Kind(label: "ảnh PNG", ext: "png") }
        if starts([0xFF, 0xD8, 0xFF]) { return Kind(label: "ảnh JPEG", ext: "jpg") }
        if starts([0x49, 0x49, 0x2A, 0x00]) || starts([0x4D, 0x4D, 0x00, 0x2A]) { return Kind(label: "ảnh TIFF", ext: "tif") }
        if data.prefix(4096).contains(0) && !(starts([0xFF, 0xFE]) || starts([0xFE, 0xFF])) { return Kind(label: "nhị phân", ext: "bin") }
        return Kind(label: "văn bản", ext: "txt")
    }
}

/// Links to pages, the id percent-encoded (ids hold "/", and may hold "&" or "#").
enum Links {
    static let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/")
    static func enc(_ s: String) -> String { s.addingPercentEncoding(withAllowedCharacters: allowed) ?? "" }
    static func doc(_ id: String) -> String { "/doc?id=\(enc(id))" }
    static func graph(_ id: String) -> String { "/graph?id=\(enc(id))" }
    static func check(_ id: String) -> String { "/check?child=\(enc(id))" }
    static func check(_ child: String, _ parent: String) -> String { "/check?child=\(enc(child))&parent=\(enc(parent))" }
}
