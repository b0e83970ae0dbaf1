import ArgumentParser
import Foundation
import VanBan
import VanBanGraph

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import plans (.txt, .pdf, .docx; folders recursively) into the corpus store.",
        discussion: "Exits 1 only when no file could be imported or found; failures are listed and skipped.")

    @Argument(help: "Files and folders to import.") var paths: [String]
    @Option(help: "The store (created if missing).") var db = CorpusStore.defaultPath

    func run() throws {
        let store = try openStore(db)
        let (files, missing) = CorpusStore.files(in: paths)
        for m in missing { warn("\(m): no such file or folder") }
        guard !files.isEmpty else { throw Failure(message: "no .txt, .pdf or .docx files in \(paths.joined(separator: ", "))") }

        let tty = isatty(STDERR_FILENO) != 0
        let summary = store.importFiles(files) { e in
            if tty {
                let width = 30, filled = width * e.done / max(1, e.total)
                let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
                let name = (e.file as NSString).lastPathComponent
                FileHandle.standardError.write(Data("\r\u{1B}[K[\(bar)] \(e.done)/\(e.total) \(name.prefix(40))".utf8))
                if case .failed(let reason) = e.outcome { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)); warn("\(e.file): \(reason)") }
                if e.done == e.total { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            } else {
                switch e.outcome {
                case .imported(let id): line("imported  \(e.file)  \(id)")
                case .updated(let id): line("updated   \(e.file)  \(id)")
                case .unchanged(let id): line("unchanged \(e.file)  \(id)")
                case .failed(let reason): warn("\(e.file): \(reason)")
                }
            }
        }
        print("\(summary.imported.count) imported, \(summary.updated.count) updated, \(summary.unchanged.count) unchanged, \(summary.failed.count) failed")
        for f in summary.failed { print("  failed: \(f.file): \(f.reason)") }
        if summary.failed.count == summary.total { throw ExitCode(1) }
    }

    private func line(_ s: String) { FileHandle.standardError.write(Data((s + "\n").utf8)) }
}

struct Graph: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Query and export the citation graph of the corpus store.",
        discussion: "With no query, prints the whole graph. A query prints the same shape restricted to its answer.")

    @Option(help: "The store.") var db = CorpusStore.defaultPath
    @Option(help: ArgumentHelp("Who implements this document, transitively.", valueName: "id")) var implements: String?
    @Option(help: ArgumentHelp("What this document rests on (implements, basis), transitively.", valueName: "id")) var ancestors: String?
    @Flag(help: "Documents cited but not imported.") var orphans = false
    @Flag(help: "Counts of documents, edges and levels, and the most cited documents.") var stats = false
    @Option(name: .shortAndLong, help: "dot, graphml, json or mermaid.") var format: CitationGraph.Format = .json
    @Option(help: ArgumentHelp("Also render the answer to this SVG file through Graphviz dot.", valueName: "file")) var svg: String?
    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.") var output: String?

    func validate() throws {
        let queries = [implements != nil, ancestors != nil, orphans, stats].filter { $0 }.count
        if queries > 1 { throw ValidationError("give at most one of --implements, --ancestors, --orphans, --stats") }
    }

    func run() throws {
        guard FileManager.default.fileExists(atPath: db) else {
            throw Failure(message: "\(db): no such store; create it with `vanban import PATH…`")
        }
        let store = try openStore(db)
        if stats { return try printStats(store) }
        let graph: CitationGraph
        do {
            if let id = implements { graph = try store.implementers(of: id) }
            else if let id = ancestors { graph = try store.ancestors(of: id) }
            else if orphans { graph = try store.orphans() }
            else { graph = try store.graph() }
        } catch let e as GraphError {
            throw Failure(message: "\(db): \(e)")
        }
        // With --svg alone the picture is the answer; the text goes out when asked for.
        if svg == nil || output != nil || CommandLine.arguments.contains(where: { $0 == "--format" || $0 == "-f" || $0.hasPrefix("--format=") }) {
            try write(Data(try graph.string(format).utf8), to: output)
        }
        if let svg {
            do { try graph.writeSVG(to: svg) } catch { throw Failure(message: "\(svg): \(error)") }
        }
    }

    private func printStats(_ store: CorpusStore) throws {
        let s = try store.stats()
        var out = "documents\t\(s.documents)\nimported\t\(s.imported)\ncited only\t\(s.citedOnly)\ndrafts\t\(s.drafts)\nversions\t\(s.versions)\n"
        for e in s.edges { out += "edges \(e.relation)\t\(e.count)\n" }
        for l in s.levels { out += "level \(l.level)\t\(l.count)\n" }
        for c in s.mostCited { out += "cited \(c.id)\t\(c.count)\n" }
        FileHandle.standardOutput.write(Data(out.utf8))
    }
}

extension CitationGraph.Format: ExpressibleByArgument {}

private func openStore(_ path: String) throws -> CorpusStore {
    do { return try CorpusStore(path: path) } catch {
        throw Failure(message: "\(path): cannot open the store (\(error))")
    }
}

private func warn(_ s: String) { FileHandle.standardError.write(Data("vanban: \(s)\n".utf8)) }
