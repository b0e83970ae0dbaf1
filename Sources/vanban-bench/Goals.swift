import Foundation
import VanBan

// The goals of issue 15, each a ratio against a peer measured in the same run, whole processes
// where the goal is about what a user runs. `vanban-bench all` (what `make bench` runs) runs
// every benchmark and closes with the table of goals.

struct Goal {
    let name: String
    /// What was measured, in words and numbers.
    let detail: String
    let value: Double
    /// The goal holds when `value <= limit` (or `>=` for `atLeast`).
    let limit: Double
    let atLeast: Bool
    var holds: Bool { atLeast ? value >= limit : value <= limit }
}

nonisolated(unsafe) var goals: [Goal] = []

func record(_ name: String, _ value: Double, atMost limit: Double, _ detail: String) {
    goals.append(Goal(name: name, detail: detail, value: value, limit: limit, atLeast: false))
}

func record(_ name: String, _ value: Double, atLeast limit: Double, _ detail: String) {
    goals.append(Goal(name: name, detail: detail, value: value, limit: limit, atLeast: true))
}

func printGoals() {
    print("\n== goals (issue 15) ==")
    for g in goals {
        print(String(format: "%@  %-34@ %8.2f (goal %@ %.2f)  %@", g.holds ? "PASS" : "FAIL", g.name as NSString, g.value,
                     g.atLeast ? ">=" : "<=", g.limit, g.detail))
    }
    print("\(goals.filter(\.holds).count) of \(goals.count) goals hold")
}

/// Wall time and peak resident memory of one whole process, its output thrown away (or sent to
/// `output`). Spawned and reaped directly, so the memory is that child's own.
func measure(_ path: String, _ args: [String], output: String = "/dev/null", exits: Set<Int32> = [0]) throws -> (seconds: Double, maxRSS: Int, cpu: Double) {
    var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let argv = ([path] + args).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid: pid_t = 0
    let t0 = DispatchTime.now().uptimeNanoseconds
    let rc = posix_spawn(&pid, path, &actions, nil, argv, environ)
    guard rc == 0 else { throw BenchError("cannot run \(path) (\(String(cString: strerror(rc))))") }
    var status: Int32 = 0
    var usage = rusage()
    wait4(pid, &status, 0, &usage)
    let t = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
    guard status & 0x7F == 0, exits.contains((status >> 8) & 0xFF) else {
        throw BenchError("\(path) \(args.joined(separator: " ")) failed (wait status \(status))")
    }
    // CPU time too: on a machine shared with other work, wall time says more about the others.
    let cpu = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    return (t, usage.ru_maxrss * 1024, cpu)
}

/// The best of `runs` whole-process runs.
func best(_ runs: Int, _ path: String, _ args: [String]) throws -> (seconds: Double, maxRSS: Int, cpu: Double) {
    var b = (seconds: Double.infinity, maxRSS: 0, cpu: 0.0)
    for _ in 0..<max(1, runs) {
        let m = try measure(path, args)
        if m.seconds < b.seconds { b = m }
    }
    return b
}

/// The `vanban` binary built beside this benchmark.
func vanbanCLI() throws -> String {
    let cli = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        .deletingLastPathComponent().appendingPathComponent("vanban").path
    guard FileManager.default.isExecutableFile(atPath: cli) else {
        throw BenchError("no vanban binary at \(cli): swift build -c release --product vanban")
    }
    return cli
}

func tempDir(_ name: String) throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("vanban-bench-\(name)-\(getpid())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
}

/// `vanban parse` of the corpus texts repeated to 4 and 16 MB: MB/s, the 4 → 16 MB scaling
/// and the peak memory against the input.
func benchText(_ o: Options) throws {
    let cli = try vanbanCLI()
    let dir = try tempDir("text")
    defer { try? FileManager.default.removeItem(at: dir) }
    var times: [Int: Double] = [:]
    for mb in [4, 16] {
        let file = dir.appendingPathComponent("corpus-\(mb)mb.txt")
        let text = try corpusText(o.corpus, megabytes: mb)
        try text.write(to: file, atomically: false, encoding: .utf8)
        let size = Double(text.utf8.count)
        let m = try best(mb == 16 ? 1 : o.runs, cli, ["parse", file.path, "--format", "json"])
        times[mb] = m.seconds
        print(String(format: "text: vanban parse %.1f MB: %.2f s = %.2f MB/s, peak memory %.1f MB = %.1f× the input",
                     size / 1e6, m.seconds, size / 1e6 / m.seconds, Double(m.maxRSS) / 1e6, Double(m.maxRSS) / size))
        fflush(nil)
        if mb == 16 {
            record("text: parse MB/s (16 MB)", size / 1e6 / m.seconds, atLeast: 20, String(format: "%.2f s", m.seconds))
            record("text: memory / input (16 MB)", Double(m.maxRSS) / size, atMost: 4, String(format: "%.0f MB peak", Double(m.maxRSS) / 1e6))
        }
    }
    if let a = times[4], let b = times[16] {
        print(String(format: "text: 16 MB takes %.2f× the time of 4 MB (linear: 4×)", b / a))
        record("text: 16 MB time / 4 MB time", b / a, atMost: 4.5, String(format: "%.2f s vs %.2f s", b, a))
    }
}

/// `vanban refs` of 16 MB against the naive one-regex Python script on the same file, run
/// alternately; then 100 MB, which streams.
func benchRefs(_ o: Options) throws {
    let text = try corpusText(o.corpus, megabytes: o.megabytes)
    let mb = Double(text.utf8.count) / 1e6
    // The scanner alone, in this process: what the 179 MB/s of earlier notes measured.
    let scanner = MentionScanner()
    _ = scanner.mentions(in: String(text.prefix(10_000)))
    var inProcess = Double.infinity, count = 0
    for _ in 0..<max(1, o.runs) { inProcess = min(inProcess, seconds { count = scanner.mentions(in: text).count }) }
    print(String(format: "refs: numbered-mention scanner alone, in process: %.1f MB in %.3f s = %.0f MB/s, %d mentions", mb, inProcess, mb / inProcess, count))

    let cli = try vanbanCLI()
    let dir = try tempDir("refs")
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("corpus.txt")
    try text.write(to: file, atomically: false, encoding: .utf8)
    let script = try benchmarkScript("refs_naive.py")
    let types = URL(fileURLWithPath: script).deletingLastPathComponent().appendingPathComponent("../Dictionaries/document-types.tsv").standardized.path
    var ours = Double.infinity, python = Double.infinity, pythonSymbols = Double.infinity
    var oursCPU = Double.infinity, pythonCPU = Double.infinity, pythonSymbolsCPU = Double.infinity
    for _ in 0..<max(1, o.runs) {
        let a = try measure(cli, ["refs", file.path])
        let p = try measure("/usr/bin/env", ["python3", script, file.path, types])
        let q = try measure("/usr/bin/env", ["python3", script, file.path, "--symbols-only"])
        ours = min(ours, a.seconds); python = min(python, p.seconds); pythonSymbols = min(pythonSymbols, q.seconds)
        oursCPU = min(oursCPU, a.cpu); pythonCPU = min(pythonCPU, p.cpu); pythonSymbolsCPU = min(pythonSymbolsCPU, q.cpu)
    }
    print(String(format: "refs: vanban refs %.1f MB (dates, issuers, named references): %.2f s = %.1f MB/s (CPU %.2f s)", mb, ours, mb / ours, oursCPU))
    print(String(format: "refs: python3 one regex, type names + symbol: %.2f s, CPU %.2f s (vanban %.1f× faster, CPU %.1f×); symbol alone: %.2f s, CPU %.2f s (%.1f×, CPU %.1f×)",
                 python, pythonCPU, python / ours, pythonCPU / oursCPU, pythonSymbols, pythonSymbolsCPU, pythonSymbols / ours, pythonSymbolsCPU / oursCPU))
    record("refs: python one-regex / vanban refs", python / ours, atLeast: 10, String(format: "%.2f s vs %.2f s on %.0f MB", python, ours, mb))
    record("refs: the same in CPU time", pythonCPU / oursCPU, atLeast: 10, String(format: "%.2f s vs %.2f s", pythonCPU, oursCPU))
    fflush(nil)

    // 100 MB: it streams, in bounded memory.
    let big = dir.appendingPathComponent("corpus-100mb.txt")
    _ = FileManager.default.createFile(atPath: big.path, contents: nil)
    let h = try FileHandle(forWritingTo: big)
    let chunk = Data(text.utf8)
    var written = 0
    while written < 100_000_000 { h.write(chunk); written += chunk.count }
    try h.close()
    let m = try measure(cli, ["refs", big.path])
    print(String(format: "refs: vanban refs %.0f MB: %.2f s = %.1f MB/s (CPU %.2f s), peak memory %.0f MB", Double(written) / 1e6, m.seconds,
                 Double(written) / 1e6 / m.seconds, m.cpu, Double(m.maxRSS) / 1e6))
    record("refs: 100 MB stream, seconds", m.seconds, atMost: 10, String(format: "peak memory %.0f MB for %.0f MB", Double(m.maxRSS) / 1e6, Double(written) / 1e6))
    record("refs: 100 MB stream, CPU seconds", m.cpu, atMost: 10, "")
    record("refs: 100 MB stream, memory / input", Double(m.maxRSS) / Double(written), atMost: 1, "the plan is never held")
}

/// A script in benchmarks/, beside the package.
func benchmarkScript(_ name: String) throws -> String {
    let candidates = [URL(fileURLWithPath: "benchmarks/\(name)"),
                      URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../benchmarks/\(name)").standardized]
    guard let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0.path) }) else {
        throw BenchError("cannot find benchmarks/\(name)")
    }
    return found.path
}

/// Every benchmark, then the goals.
func benchAll(_ o: Options) throws {
    var o = o
    o.runs = max(1, min(o.runs, 3))
    let steps: [(String, (Options) throws -> Void)] = [
        ("text", benchText), ("refs", { var r = $0; r.megabytes = 16; try benchRefs(r) }),
        ("pdf", benchPDF), ("docx", { _ in try runDOCXBenchmark(arguments: ["--runs", "5", o.corpus]) }),
        ("check", benchCheck), ("graph", { var g = $0; g.megabytes = 100; try benchGraph(g) }),
    ]
    for (name, run) in steps {
        print("\n== \(name) ==")
        fflush(nil)
        do { try run(o) } catch { print("\(name): failed: \(error)") }
        fflush(nil)
    }
    printGoals()
}
