import Foundation
import VanBan

/// `vanban-bench docx [--runs N] [CORPUS_DIR]`: per Corpus/*.docx, the mean wall time of
/// DOCXReader alone, of the whole import (reader + structurer + analyzers), and of the `vanban parse`
/// process, against `unzip -p FILE word/document.xml | xmllint --stream -` in the same run.
func runDOCXBenchmark(arguments: [String]) throws {
    var runs = 20
    var dir = "Corpus"
    var it = arguments.makeIterator()
    while let a = it.next() {
        if a == "--runs" { runs = max(1, it.next().flatMap(Int.init) ?? runs) } else { dir = a }
    }
    let files = try FileManager.default.contentsOfDirectory(atPath: dir)
        .filter { $0.hasSuffix(".docx") }.sorted().map { URL(fileURLWithPath: dir).appendingPathComponent($0) }
    guard !files.isEmpty else { throw BenchError("no .docx files in \(dir)") }

    let unzip = executable("unzip"), xmllint = executable("xmllint")
    let pipeline = unzip != nil && xmllint != nil
    if !pipeline {
        print("note: \(unzip == nil ? "unzip" : "xmllint") not found: the pipeline column is skipped (apt-get install unzip libxml2-utils)")
    }
    // The CLI sits next to this benchmark in the same build directory.
    let cli = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        .deletingLastPathComponent().appendingPathComponent("vanban")
    let hasCLI = FileManager.default.isExecutableFile(atPath: cli.path)
    if !hasCLI { print("note: no vanban binary at \(cli.path): the `vanban parse` column is skipped (swift build --product vanban)") }

    print("mean of \(runs) runs, ms; ratio = vanban parse / pipeline (both whole processes), reader / pipeline in brackets")
    print(pad("file", 22) + pad("KB", 6) + pad("reader", 9) + pad("import", 9) + pad("parse", 9) + pad("pipeline", 10) + "ratio")
    var worst: (ratio: Double, file: String) = (0, "")
    defer { if worst.ratio > 0 { record("docx: parse / unzip|xmllint, worst", worst.ratio, atMost: 2, "\(worst.file), of \(files.count) DOCX") } }
    for url in files {
        let data = try Data(contentsOf: url)
        _ = try DOCXReader().read(data: data, name: url.lastPathComponent)   // warm the caches
        let reader = try meanMs(runs) { _ = try DOCXReader().read(data: data, name: url.lastPathComponent) }
        let whole = try meanMs(runs) { _ = VanBan.plan(from: try VanBan.layout(of: url)) }
        let parse = hasCLI ? try meanMs(runs) { try runQuietly(cli.path, ["parse", url.path, "--format", "json"]) } : nil
        let pipe = pipeline ? try meanMs(runs) {
            try runQuietly("/bin/sh", ["-c", "unzip -p \"$1\" word/document.xml | xmllint --stream - >/dev/null", "sh", url.path])
        } : nil
        var ratio = "-"
        if let pipe, pipe > 0, let parse, parse / pipe > worst.ratio { worst = (parse / pipe, url.lastPathComponent) }
        if let pipe, pipe > 0 {
            ratio = (parse.map { String(format: "%.2f", $0 / pipe) } ?? "-") + String(format: " [%.2f]", reader / pipe)
        }
        print(pad(url.lastPathComponent, 22) + pad(String(data.count / 1024), 6) + pad(ms(reader), 9) + pad(ms(whole), 9)
              + pad(parse.map(ms) ?? "-", 9) + pad(pipe.map(ms) ?? "-", 10) + ratio)
    }
}

private func meanMs(_ runs: Int, _ body: () throws -> Void) throws -> Double {
    let t0 = DispatchTime.now().uptimeNanoseconds
    for _ in 0..<runs { try body() }
    return Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6 / Double(runs)
}

private func executable(_ name: String) -> String? {
    let dirs = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
    return dirs.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
}

private func ms(_ v: Double) -> String { String(format: "%.2f", v) }
private func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s + " " : s + String(repeating: " ", count: n - s.count) }
