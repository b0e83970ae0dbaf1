import Foundation
import VanBan

// vanban-bench SUBCOMMAND [options]: one subcommand per benchmark; add new ones to `benchmarks`.

struct Options {
    var megabytes = 100
    var megabytesGiven = false
    var corpus = "Corpus"
    var runs = 3

    init(_ args: ArraySlice<String>) {
        var it = args.makeIterator()
        while let a = it.next() {
            switch a {
            case "--mb": megabytes = it.next().flatMap(Int.init) ?? megabytes; megabytesGiven = true
            case "--runs": runs = it.next().flatMap(Int.init) ?? runs
            default: corpus = a
            }
        }
    }
}

let benchmarks: [(name: String, help: String, run: (Options) throws -> Void)] = [
    ("all", "every benchmark below, then each goal of issue 15 as a ratio against its peer (make bench)", benchAll),
    ("text", "vanban parse of Corpus/*.txt repeated to 4 and 16 MB: MB/s, scaling, memory", benchText),
    ("refs", "vanban refs of Corpus/*.txt repeated to --mb MB (16), against benchmarks/refs_naive.py; then 100 MB streamed", { o in
        var o = o
        if !o.megabytesGiven { o.megabytes = 16 }
        try benchRefs(o)
    }),
    ("pdf", "PDF reader and whole parse per corpus PDF, against pdftotext on the same files", benchPDF),
    ("graph", "corpus store: import 10,000 synthetic plans, query at 100,000 documents", benchGraph),
    ("check", "vanban check on synthetic plans of 250 to 4,000 tasks each, one core", benchCheck),
    ("docx", "DOCX reader and vanban parse per corpus DOCX, against unzip -p | xmllint --stream", { _ in
        try runDOCXBenchmark(arguments: Array(CommandLine.arguments.dropFirst(2)))
    }),
]

@MainActor func usage() -> Never {
    print("usage: vanban-bench SUBCOMMAND [--mb N] [--runs N] [CORPUS_DIR]")
    for b in benchmarks { print("  \(b.name)\t\(b.help)") }
    exit(2)
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let t0 = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
}

/// The corpus texts concatenated, repeated until the text reaches `megabytes`.
func corpusText(_ dir: String, megabytes: Int) throws -> String {
    let url = URL(fileURLWithPath: dir)
    let files = try FileManager.default.contentsOfDirectory(at: url, includingPropertiesForKeys: nil)
        .filter { $0.pathExtension == "txt" }.sorted { $0.path < $1.path }
    guard !files.isEmpty else { throw BenchError("no .txt files in \(url.path)") }
    let one = try files.map { Fold.nfc(try String(contentsOf: $0, encoding: .utf8)) }.joined(separator: "\n\n")
    let target = megabytes * 1_000_000
    var text = ""
    text.reserveCapacity(target + one.utf8.count)
    while text.utf8.count < target { text += one; text += "\n\n" }
    return text
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}

let args = CommandLine.arguments.dropFirst()
guard let bench = benchmarks.first(where: { $0.name == args.first ?? "all" }) else { usage() }
do {
    try bench.run(Options(args.dropFirst()))
    if bench.name != "all" && !goals.isEmpty { printGoals() }
} catch {
    FileHandle.standardError.write(Data("vanban-bench: \(error)\n".utf8))
    exit(1)
}
