import ArgumentParser
import Foundation
import VanBan

struct VanBanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vanban",
        abstract: "Read Vietnamese administrative plans (Kế hoạch) into a structured plan.",
        subcommands: [Parse.self, Refs.self, Tasks.self]
    )
}

struct Parse: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Parse a plan (.txt, .pdf or .docx) and print it.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case json, markdown, outline }

    @Argument(help: "The document to read.") var file: String
    @Option(name: .shortAndLong, help: "json (vanban.plan/1), markdown, or outline.") var format: Format = .json
    @Flag(name: .customLong("json"), help: "Same as --format json.") var json = false
    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.") var output: String?

    func run() throws {
        let plan: Plan
        do { plan = try Plan(contentsOf: URL(fileURLWithPath: file)) } catch {
            throw Failure(message: "\(error)")
        }
        let text: String
        switch json ? .json : format {
        case .json: text = try JSONWriter.string(plan)
        case .markdown: text = MarkdownWriter.string(plan)
        case .outline: text = OutlineWriter.string(plan)
        }
        try write(Data(text.utf8), to: output)
    }
}

struct Refs: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the documents each file cites, one row per document.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case tsv, json }

    @Argument(help: "Documents to read.") var files: [String]
    @Option(name: .shortAndLong, help: "tsv (a row per cited document) or json.") var format: Format = .tsv

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
