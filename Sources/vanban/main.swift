import ArgumentParser
import Foundation
import VanBan

struct VanBanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vanban",
        abstract: "Read Vietnamese administrative plans (Kế hoạch) into a structured plan.",
        subcommands: [Parse.self]
    )
}

struct Parse: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Parse a plan (.txt) and print it.")

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
        if let output {
            do { try Data(text.utf8).write(to: URL(fileURLWithPath: output)) } catch {
                throw Failure(message: "\(output): cannot write (\(error.localizedDescription))")
            }
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
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
