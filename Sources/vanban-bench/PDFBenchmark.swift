import Foundation
import VanBan

/// For each corpus PDF: the reader alone and the whole parse in this process, the `vanban parse`
/// command (when built beside this benchmark), and `pdftotext` on the same file, in one run.
func benchPDF(_ o: Options) throws {
    let dir = URL(fileURLWithPath: o.corpus)
    var files = try FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)
    files += (try? FileManager.default.contentsOfDirectory(at: dir.appendingPathComponent("pairs"), includingPropertiesForKeys: nil)) ?? []
    // The variants beside the shared corpus, when present.
    files += (try? FileManager.default.contentsOfDirectory(at: URL(fileURLWithPath: "../shared/corpus/variants"), includingPropertiesForKeys: nil)) ?? []
    files = files.filter { $0.pathExtension == "pdf" }.sorted { $0.path < $1.path }
    guard !files.isEmpty else { throw BenchError("no .pdf files in \(dir.path)") }
    let runs = max(o.runs, 10)
    let vanban = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("vanban")
    let hasCLI = FileManager.default.isExecutableFile(atPath: vanban.path)
    let pdftotext = ["/usr/bin/pdftotext", "/usr/local/bin/pdftotext"].first { FileManager.default.isExecutableFile(atPath: $0) }

    print("PDF: mean of \(runs) runs, milliseconds per file; ratio = vanban parse / pdftotext")
    print("file\tpages\treader\tno rules\tparse\tpages/s\tvanban parse\tpdftotext\tratio")
    var totals = (pages: 0, parse: 0.0, cli: 0.0, ref: 0.0)
    var worst: (ratio: Double, file: String) = (0, "")
    for url in files {
        let pages = try PDFReader().read(url: url).pages.count
        let reader = try seconds { for _ in 0..<runs { _ = try PDFReader().read(url: url) } } / Double(runs)
        let noRules = try seconds { for _ in 0..<runs { _ = try PDFReader(rulings: false).read(url: url) } } / Double(runs)
        let parse = try seconds { for _ in 0..<runs { _ = VanBan.plan(from: try PDFReader().read(url: url)) } } / Double(runs)
        let cli = hasCLI ? try process(vanban.path, ["parse", url.path, "--output", "/dev/null"], runs: runs) : nil
        let ref = try pdftotext.map { try process($0, [url.path, "/dev/null"], runs: runs) }
        totals.pages += pages; totals.parse += parse; totals.cli += cli ?? 0; totals.ref += ref ?? 0
        let ratio = (cli != nil && ref != nil) ? String(format: "%.2f", cli! / ref!) : "-"
        if let cli, let ref, cli / ref > worst.ratio { worst = (cli / ref, url.lastPathComponent) }
        print([url.lastPathComponent, String(pages), millis(reader), millis(noRules), millis(parse), String(format: "%.0f", Double(pages) / parse),
               cli.map(millis) ?? "-", ref.map(millis) ?? "-", ratio].joined(separator: "\t"))
    }
    print(String(format: "all: %d pages, %.0f pages/s in process (one core)", totals.pages, Double(totals.pages) / totals.parse)
          + (totals.ref > 0 && totals.cli > 0 ? String(format: ", vanban parse / pdftotext = %.2f", totals.cli / totals.ref) : ""))
    if worst.ratio > 0 {
        record("pdf: parse / pdftotext, worst file", worst.ratio, atMost: 2, "\(worst.file), of \(files.count) PDFs")
    }
    if !hasCLI { print("(build the CLI too for the command column: swift build -c release)") }
    if pdftotext == nil { print("(pdftotext not found: apt-get install poppler-utils)") }
}

func millis(_ s: Double) -> String { String(format: "%.1f", s * 1000) }

/// Mean wall time of running a command `runs` times (after one warm-up run).
func process(_ path: String, _ args: [String], runs: Int) throws -> Double {
    try runQuietly(path, args)
    return try seconds { for _ in 0..<runs { try runQuietly(path, args) } } / Double(runs)
}

/// Runs a command with its output thrown away; a failure is an error naming the command.
func runQuietly(_ path: String, _ args: [String]) throws {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: path)
    p.arguments = args
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    try p.run()
    p.waitUntilExit()
    if p.terminationStatus != 0 { throw BenchError("\(path) \(args.joined(separator: " ")) exited \(p.terminationStatus)") }
}
