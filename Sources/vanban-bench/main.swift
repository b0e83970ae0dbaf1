import Foundation
import VanBan

// vanban-bench SUBCOMMAND [options]: one subcommand per benchmark; add new ones to `benchmarks`.

struct Options {
    var megabytes = 100
    var corpus = "Corpus"
    var runs = 3

    init(_ args: ArraySlice<String>) {
        var it = args.makeIterator()
        while let a = it.next() {
            switch a {
            case "--mb": megabytes = it.next().flatMap(Int.init) ?? megabytes
            case "--runs": runs = it.next().flatMap(Int.init) ?? runs
            default: corpus = a
            }
        }
    }
}

let benchmarks: [(name: String, help: String, run: (Options) throws -> Void)] = [
    ("refs", "reference scanner on Corpus/*.txt repeated to --mb MB, against a Python `re` baseline", benchRefs),
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

func benchRefs(_ o: Options) throws {
    let text = try corpusText(o.corpus, megabytes: o.megabytes)
    let mb = Double(text.utf8.count) / 1e6
    let scanner = MentionScanner()
    _ = scanner.mentions(in: String(text.prefix(10_000)))   // dictionaries and tables loaded outside the timing
    var best = Double.infinity
    var count = 0
    for _ in 0..<max(1, o.runs) {
        let t = seconds { count = scanner.mentions(in: text).count }
        best = min(best, t)
    }
    print(String(format: "swift  refs: %.1f MB in %.3f s = %.1f MB/s, %d mentions (best of %d, one thread)", mb, best, mb / best, count, o.runs))
    fflush(nil)

    // The same patterns with Python's `re`, on the same text, in the same run.
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("vanban-bench-\(getpid())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let textFile = dir.appendingPathComponent("corpus.txt"), script = dir.appendingPathComponent("refs.py")
    try text.write(to: textFile, atomically: false, encoding: .utf8)
    let typeNames = Dictionaries.shared.typeNamesLongestFirst.map(\.spelling)
    try pythonRefs(typeNames).write(to: script, atomically: false, encoding: .utf8)
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["python3", script.path, textFile.path, String(o.runs)]
    try p.run()
    p.waitUntilExit()
    if p.terminationStatus != 0 { print("python refs: failed (exit \(p.terminationStatus))") }
}

/// A Python baseline with the scanner's patterns: type name, "số", the three symbol forms with
/// white space allowed after a dash or slash, the date in both forms and the "của" phrase.
func pythonRefs(_ typeNames: [String]) -> String {
    let types = typeNames.map { NSRegularExpression.escapedPattern(for: $0).replacingOccurrences(of: " ", with: "\\s+") }
        .joined(separator: "|")
    return #"""
    import re, sys, time
    D = r'[-\u2010-\u2015\u2212]'
    SEG = r'[A-Za-zĐđÐð][A-Za-zĐđÐð0-9&]*(?![^\W\d_])'
    SYM = (r'(?<![\w./,\-])\d{1,6}(?:/\s*(?:\d{4}\s*/\s*)?' + SEG + r'(?:(?:' + D + r'|/)\s*' + SEG + r')*'
           r'|' + D + r'\s*' + SEG + r'(?:/\s*' + SEG + r')?)')
    DATE = (r'(?:\s*,?\s*ngày\s*(?:\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}'
            r'|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}))?')
    ISSUER = r'(?:\s*,?\s*của\s+(?P<issuer>[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴỦỨỪỬỮỰỐỒỔỖỘỚỜỞỠỢẤẦẨẪẬẮẰẲẴẶẾỀỂỄỆ][^,;:()“”".\n]{0,80}))?'
    PAT = re.compile(r'(?:(?P<type>(?i:\#(types)))\s+)?(?:(?i:số)\s*:?\s*)?(?P<sym>' + SYM + r')' + DATE + ISSUER)
    text = open(sys.argv[1], encoding='utf-8').read()
    mb = len(text.encode('utf-8')) / 1e6
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    best = None
    for _ in range(max(1, runs)):
        t0 = time.perf_counter()
        n = sum(1 for m in PAT.finditer(text))
        t = time.perf_counter() - t0
        best = t if best is None else min(best, t)
    print(f"python refs: {mb:.1f} MB in {best:.3f} s = {mb / best:.1f} MB/s, {n} matches (re, best of {runs}, one thread)")
    """#
}

let args = CommandLine.arguments.dropFirst()
guard let name = args.first, let bench = benchmarks.first(where: { $0.name == name }) else { usage() }
do {
    try bench.run(Options(args.dropFirst()))
} catch {
    FileHandle.standardError.write(Data("vanban-bench: \(error)\n".utf8))
    exit(1)
}
