import Foundation
import GRDB
import VanBan

/// What importing one file did.
public enum ImportOutcome: Sendable, Equatable {
    /// A new document, or a cited-only node that is now imported.
    case imported(id: String)
    /// Same document, new content: the old version went to history.
    case updated(id: String)
    /// This content is already in the store (as the current or an earlier version).
    case unchanged(id: String)
    case failed(reason: String)
}

public struct ImportEvent: Sendable {
    public let file: String
    public let outcome: ImportOutcome
    /// Files done so far and in all.
    public let done: Int, total: Int
}

public struct ImportSummary: Sendable {
    public var imported: [String] = [], updated: [String] = [], unchanged: [String] = []
    public var failed: [(file: String, reason: String)] = []
    /// Time spent parsing (summed over threads) and writing (one thread), for the benchmark.
    public var parseSeconds = 0.0, writeSeconds = 0.0
    public var total: Int { imported.count + updated.count + unchanged.count + failed.count }
    public init() {}
}

extension CorpusStore {
    public static let extensions: Set<String> = ["txt", "pdf", "docx", "doc", "rtf"]

    /// The files named, and the supported files under the folders named (recursively, sorted).
    /// A path that does not exist comes back as a problem, not a file.
    public static func files(in paths: [String]) -> (files: [URL], missing: [String]) {
        var files: [URL] = [], missing: [String] = []
        let fm = FileManager.default
        for p in paths {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: p, isDirectory: &isDir) else { missing.append(p); continue }
            guard isDir.boolValue else { files.append(URL(fileURLWithPath: p)); continue }
            let found = (fm.enumerator(atPath: p)?.allObjects as? [String] ?? [])
                .filter { extensions.contains(($0 as NSString).pathExtension.lowercased()) }
                .sorted()
                .map { URL(fileURLWithPath: p).appendingPathComponent($0) }
            files += found
        }
        return (files, missing)
    }

    /// Imports `urls`, parsing on every core and writing each batch in one transaction. One bad
    /// file is reported in its event and the summary and does not stop the others.
    public func importFiles(_ urls: [URL], batchSize: Int = 64, progress: (ImportEvent) -> Void = { _ in }) -> ImportSummary {
        var summary = ImportSummary()
        // Hashes already stored: an unchanged file is not even parsed.
        let known = Set((try? read { try String.fetchAll($0, sql: "SELECT hash FROM versions") }) ?? [])
        var done = 0
        let size = max(1, batchSize)
        let batches = stride(from: 0, to: urls.count, by: size).map { Array(urls[$0..<min(urls.count, $0 + size)]) }
        var next = batches.first.map { Self.parse($0, skipping: known) }
        for k in batches.indices {
            let parsed = next ?? []
            // The next batch is parsed while this one is written.
            let upcoming = Locked<[Parsed]?>(nil), group = DispatchGroup()
            if k + 1 < batches.count {
                let batch = batches[k + 1]
                DispatchQueue.global().async(group: group) {
                    let parsed = Self.parse(batch, skipping: known)
                    upcoming.update { $0 = parsed }
                }
            }
            defer { group.wait(); next = upcoming.value }
            var outcomes: [ImportOutcome]
            let t0 = DispatchTime.now().uptimeNanoseconds
            do {
                // A batch of files already stored (a re-import) only looks up their ids.
                let writes = parsed.contains { $0.error == nil && $0.plan != nil }
                outcomes = try writes ? write { db in try parsed.map { try store($0, db) } } : read { db in try parsed.map { try store($0, db) } }
            } catch {
                outcomes = Array(repeating: .failed(reason: "cannot write to the store (\(error))"), count: parsed.count)
            }
            summary.writeSeconds += Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
            summary.parseSeconds += parsed.reduce(0) { $0 + $1.parseMilliseconds } / 1000
            for (p, outcome) in zip(parsed, outcomes) {
                done += 1
                switch outcome {
                case .imported(let id): summary.imported.append(id)
                case .updated(let id): summary.updated.append(id)
                case .unchanged(let id): summary.unchanged.append(id)
                case .failed(let reason): summary.failed.append((p.url.path, reason))
                }
                progress(ImportEvent(file: p.url.path, outcome: outcome, done: done, total: urls.count))
            }
        }
        return summary
    }

    /// One file read, hashed and (unless its hash is known) parsed.
    struct Parsed: Sendable {
        let url: URL
        var hash = ""
        var plan: Plan?
        var parseMilliseconds = 0.0
        var error: String?
    }

    static func parse(_ urls: [URL], skipping known: Set<String>) -> [Parsed] {
        // Legacy .doc/.rtf of the batch go through one LibreOffice process, before the parallel parse.
        VanBan.prepare(urls)
        let results = Locked([Parsed?](repeating: nil, count: urls.count))
        DispatchQueue.concurrentPerform(iterations: urls.count) { i in
            var p = Parsed(url: urls[i])
            do {
                let data = try Data(contentsOf: urls[i])
                p.hash = SHA256.hex(data)
                if !known.contains(p.hash) {
                    let t0 = DispatchTime.now().uptimeNanoseconds
                    p.plan = try Plan(contentsOf: urls[i])
                    p.parseMilliseconds = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6
                }
            } catch let e as ReaderError {
                p.error = e.detail
            } catch {
                p.error = "cannot be read (\(error.localizedDescription))"
            }
            results.update { $0[i] = p }
        }
        return results.value.map { $0! }
    }

    /// Writes one parsed file inside the batch's transaction, in a savepoint of its own so a
    /// failure leaves the rest of the batch standing.
    private func store(_ p: Parsed, _ db: Database) throws -> ImportOutcome {
        if let error = p.error { return .failed(reason: error) }
        if let id = try String.fetchOne(db.cachedStatement(sql: "SELECT d.id FROM versions v JOIN documents d ON d.n = v.doc WHERE v.hash = ?"), arguments: [p.hash]) {
            return .unchanged(id: id)
        }
        guard let plan = p.plan else { return .failed(reason: "was not parsed") }
        var outcome = ImportOutcome.failed(reason: "")
        do {
            try db.inSavepoint {
                outcome = try Writer(db: db).store(plan, p)
                return .commit
            }
        } catch {
            return .failed(reason: "cannot be stored (\(error))")
        }
        return outcome
    }
}

/// A value shared between the parsing threads.
final class Locked<T>: @unchecked Sendable {
    private var v: T
    private let lock = NSLock()
    init(_ v: T) { self.v = v }
    func update(_ body: (inout T) -> Void) { lock.lock(); body(&v); lock.unlock() }
    var value: T { lock.lock(); defer { lock.unlock() }; return v }
}
