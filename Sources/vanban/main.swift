import ArgumentParser
import Foundation
import VanBan
import VanBanGraph

struct VanBanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vanban",
        abstract: "Read Vietnamese administrative plans (Kế hoạch) into a structured plan.",
        subcommands: [Parse.self, Refs.self, Tasks.self, Check.self, Lint.self, Import.self, Graph.self, Serve.self]
    )
}

struct Parse: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Parse a plan (.txt, .pdf or .docx) and print it.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case json, markdown, outline, text }

    @Argument(help: "The document to read.") var file: String
    @Option(name: .shortAndLong, help: "json (vanban.plan/1), markdown, outline, or text (what the reader read, in reading order).") var format: Format = .json
    @Flag(name: .customLong("json"), help: "Same as --format json.") var json = false
    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.") var output: String?
    @Flag(name: .customLong("allow-empty"), help: "Print the plan even when nothing in the document was recognized.") var allowEmpty = false

    func run() throws {
        if format == .text, !json {
            do { return try write(Data(VanBan.text(of: VanBan.layout(of: URL(fileURLWithPath: file))).utf8), to: output) } catch let e as ReaderError {
                throw Failure(message: "\(e)")
            }
        }
        let plan: Plan
        do { plan = try Plan(contentsOf: URL(fileURLWithPath: file)) } catch {
            throw Failure(message: "\(error)")
        }
        // An empty plan is never a success: say what was found instead.
        if !allowEmpty, plan.references.isEmpty, let empty = plan.diagnostics.first(where: { $0.code == "nothing-recognized" }) {
            throw Failure(message: "\(file): nothing recognized: \(empty.message) (--allow-empty prints the plan anyway)")
        }
        let text: String
        switch json ? .json : format {
        case .json: text = try JSONWriter.string(plan)
        case .markdown: text = MarkdownWriter.string(plan)
        case .outline: text = OutlineWriter.string(plan)
        case .text: text = ""
        }
        try write(Data(text.utf8), to: output)
    }
}

struct Refs: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the documents each file cites, one row per document.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case tsv, json }

    @Argument(help: "Documents to read.") var files: [String]
    @Option(name: .shortAndLong, help: "tsv (a row per cited document) or json.") var format: Format = .tsv
    @Flag(name: .long, help: "Read each text file as a stream of lines, without building its plan (automatic over \(RefStream.threshold / 1_000_000) MB).")
    var stream = false

    struct Listing: Encodable {
        var file: String
        var references: [Reference]
        var namedReferences: [NamedReference]
    }

    func run() throws {
        var listings: [Listing] = []
        var failed: [String] = []
        for file in files {
            do {
                if let found = try RefStream.references(of: file, always: stream) {
                    listings.append(Listing(file: file, references: found.references, namedReferences: found.named))
                    continue
                }
                let plan = try Plan(contentsOf: URL(fileURLWithPath: file))
                listings.append(Listing(file: file, references: plan.references, namedReferences: plan.namedReferences))
            } catch {
                // One bad file is reported and the others are still listed.
                FileHandle.standardError.write(Data("vanban: \(error)\n".utf8))
                failed.append(file)
            }
        }
        switch format {
        case .json:
            FileHandle.standardOutput.write(try JSONWriter.data(listings))
        case .tsv:
            var out = "file\tid\ttype\tdate\tissuer\trelation\tcount\n"
            for l in listings {
                for r in l.references {
                    let fields = [l.file, r.id, r.type?.name ?? "", r.date ?? "", r.issuer ?? "", r.relation.rawValue, String(r.occurrences.count)]
                    out += fields.map { $0.replacingOccurrences(of: "\t", with: " ") }.joined(separator: "\t") + "\n"
                }
            }
            FileHandle.standardOutput.write(Data(out.utf8))
        }
        if !failed.isEmpty { throw ExitCode(1) }
    }
}

struct Tasks: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List a plan's tasks and indicators with their typed fields.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case json, csv, markdown }

    @Argument(help: "The plan to read.") var file: String
    @Option(name: .shortAndLong, help: "json, csv (UTF-8 with BOM, for spreadsheets) or markdown.") var format: Format = .csv
    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.") var output: String?

    struct Listing: Encodable { var file: String; var tasks: [Task]; var indicators: [Indicator] }

    func run() throws {
        let plan: Plan
        do { plan = try Plan(contentsOf: URL(fileURLWithPath: file)) } catch { throw Failure(message: "\(error)") }
        let data: Data
        switch format {
        case .json: data = try JSONWriter.data(Listing(file: file, tasks: plan.tasks, indicators: plan.indicators))
        case .csv: data = TasksWriter.csv(plan)
        case .markdown: data = Data(TasksWriter.markdown(plan).utf8)
        }
        try write(data, to: output)
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check that a subordinate plan covers every task and indicator of its parent.",
        discussion: "Exit status: 0 when nothing is missing or diverging, 1 when something is, 2 on bad input.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, markdown, html, csv }

    @Argument(help: "The subordinate plan (txt, pdf, docx, or vanban.plan/1 JSON).") var child: String
    @Option(name: .long, help: "The plan it implements.") var parent: String?
    @Option(name: .long, help: "A folder of plans in which to find the parent the child says it implements.") var corpus: String?
    @Option(name: .shortAndLong, help: "text, json (vanban.check/1), markdown, html or csv.") var format: Format = .text
    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.") var output: String?
    @Option(name: .long, help: "A previous check's JSON: links whose parent text changed since are marked suspect.") var baseline: String?
    @Option(name: .long, help: "A file of parent items the child need not cover: 'ID<TAB>reason' per line.") var accept: String?
    @Option(name: .long, help: "A corpus store (vanban import): when it holds a newer version of the parent, links whose parent row changed are suspect.") var db: String?
    @Option(name: .long, help: "Exit 1 when coverage (percent) is below this.") var failUnder: Double?
    @Flag(name: .long, help: "Also list parent indicators the child does not take up (now the default).") var allIndicators = false

    func run() throws {
        do {
            let childPlan = try Plan(contentsOf: URL(fileURLWithPath: child))
            let (parentPlan, parentFile) = try findParent(of: childPlan)
            var options = Checker.Options()
            // Every parent indicator gets an item by default; the flag is kept for old scripts.
            if allIndicators { options.allIndicators = true }
            if let baseline {
                let data = try Data(contentsOf: URL(fileURLWithPath: baseline))
                do { options.baseline = try JSONDecoder().decode(CheckResult.self, from: data) } catch {
                    throw Failure(message: "\(baseline): not a vanban.check/1 file (\(error))")
                }
            }
            if let accept { options.accepted = try readAccepted(accept) }
            if let db {
                guard FileManager.default.fileExists(atPath: db) else { throw Failure(message: "\(db): no such corpus store") }
                let data = try Data(contentsOf: URL(fileURLWithPath: parentFile))
                options.newerParent = try CorpusStore(path: db).newerVersion(of: data)
            }
            let result = Checker().check(child: childPlan, parent: parentPlan, childFile: child, parentFile: parentFile, options: options)
            for d in result.diagnostics { FileHandle.standardError.write(Data("vanban: \(d.severity.rawValue): \(d.message)\n".utf8)) }
            let data: Data = switch format {
            case .json: try JSONWriter.data(result)
            case .text: Data(CheckWriter.text(result).utf8)
            case .markdown: Data(CheckWriter.markdown(result).utf8)
            case .html: Data(CheckWriter.html(result).utf8)
            case .csv: CheckWriter.csv(result)
            }
            try write(data, to: output)
            let diverging = result.summary.missing + result.summary.partial + result.summary.findings > 0
            if let failUnder, result.summary.coverage < failUnder { throw ExitCode(1) }
            if diverging && failUnder == nil { throw ExitCode(1) }
        } catch let e as ExitCode {
            throw e
        } catch {
            FileHandle.standardError.write(Data("vanban: \(error)\n".utf8))
            throw ExitCode(2)
        }
    }

    /// The parent given, or the plan in --corpus that the child says it implements.
    func findParent(of childPlan: Plan) throws -> (Plan, String) {
        if let parent { return (try Plan(contentsOf: URL(fileURLWithPath: parent)), parent) }
        guard let corpus else { throw Failure(message: "name the parent plan with --parent FILE, or a folder holding it with --corpus DIR") }
        let wanted = Set(childPlan.references.filter { $0.relation == .implements }.map { Fold.symbolKey($0.id) })
        let files = FileManager.default.enumerator(atPath: corpus)?.compactMap { $0 as? String }
            .filter { ["txt", "pdf", "docx", "json"].contains(($0 as NSString).pathExtension.lowercased()) }.sorted() ?? []
        for f in files {
            let path = (corpus as NSString).appendingPathComponent(f)
            guard let plan = try? Plan(contentsOf: URL(fileURLWithPath: path)),
                  let n = plan.header.number, let s = plan.header.symbol, wanted.contains(Fold.symbolKey("\(n)/\(s)")) else { continue }
            return (plan, path)
        }
        throw Failure(message: "\(corpus): holds none of the plans \(child) implements (\(childPlan.references.filter { $0.relation == .implements }.map(\.id).joined(separator: ", ")))")
    }

    func readAccepted(_ path: String) throws -> [String: String] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw Failure(message: "\(path): cannot be read") }
        var out: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: "\t", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard let id = parts.first, !id.isEmpty else { continue }
            out[id] = parts.count > 1 ? parts[1] : "accepted"
        }
        return out
    }
}

struct Lint: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Find the mistakes a careful clerk finds before a document is signed.",
        discussion: "Format (Nghị định 30/2020/NĐ-CP), numbering, references, tables, spelling. Exit status: 0 when there are no errors, 1 when there are, 2 on bad input.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, markdown, html }

    @Argument(help: "Documents to check (txt, pdf, docx, or vanban.plan/1 JSON).") var files: [String]
    @Option(name: .shortAndLong, help: "text, json (vanban.lint/1), markdown or html.") var format: Format = .text
    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.") var output: String?
    @Option(name: .long, help: "The least severity reported: error, warning or info.") var severity: String?
    @Option(name: .long, help: "A config file: 'group = off' (format, numbering, references, tables, spelling, or a code), 'severity = warning'.") var config: String?
    @Option(name: .long, help: "Rule groups or codes to turn off, comma-separated.") var disable: String?

    func run() throws {
        var options = Linter.Options()
        var report = LintReport(files: [])
        do {
            if let config {
                guard let text = try? String(contentsOfFile: config, encoding: .utf8) else { throw Failure(message: "\(config): cannot be read") }
                try LintConfig.parse(text, file: config, into: &options)
            }
            if let severity {
                guard let s = Diagnostic.Severity(rawValue: severity) else { throw Failure(message: "--severity is error, warning or info, not “\(severity)”") }
                options.minimumSeverity = s
            }
            for d in (disable ?? "").split(separator: ",") { options.disabled.insert(d.trimmingCharacters(in: .whitespaces)) }
            let linter = Linter(options: options)
            for file in files {
                let plan = try Plan(contentsOf: URL(fileURLWithPath: file))
                report.files.append(linter.lint(plan, file: file))
            }
            let data: Data = switch format {
            case .json: try JSONWriter.data(report)
            case .text: Data(LintWriter.text(report).utf8)
            case .markdown: Data(LintWriter.markdown(report).utf8)
            case .html: Data(LintWriter.html(report).utf8)
            }
            try write(data, to: output)
        } catch {
            FileHandle.standardError.write(Data("vanban: \(error)\n".utf8))
            throw ExitCode(2)
        }
        if report.errors > 0 { throw ExitCode(1) }
    }
}

/// Writes to the file named, or to standard output.
func write(_ data: Data, to output: String?) throws {
    guard let output else { FileHandle.standardOutput.write(data); return }
    do { try data.write(to: URL(fileURLWithPath: output)) } catch {
        throw Failure(message: "\(output): cannot write (\(error.localizedDescription))")
    }
}

/// An error already worded for the user: printed as "vanban: <message>", exit 1.
struct Failure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

do {
    var command = try VanBanCommand.parseAsRoot()
    try command.run()
} catch let f as Failure {
    FileHandle.standardError.write(Data("vanban: \(f.message)\n".utf8))
    exit(1)
} catch {
    VanBanCommand.exit(withError: error)
}
