import Foundation
import VanBan
import VanBanGraph
import VanBanSynthetic

/// vanban-bench graph [--runs N]: import 10,000 synthetic plan texts (parse included) into a
/// store on disk, then grow it to 100,000 documents by direct inserts and time the transitive
/// queries. --mb N scales the plan count (N × 100 plans; the default 100 MB means 10,000).
func benchGraph(_ o: Options) throws {
    let planCount = o.megabytes * 100, target = 100_000
    let corpus = SyntheticCorpus(plans: target - 200)   // about 200 external documents on top
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("vanban-graph-bench-\(getpid())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }

    let first = corpus.externalCount, last = first + planCount
    var bytes = 0
    var files: [URL] = []
    let writeTime = try graphBenchSeconds {
        for i in first..<last {
            let url = dir.appendingPathComponent(String(format: "plan-%06d.txt", i))
            let data = Data(corpus.text(i).utf8)
            bytes += data.count
            try data.write(to: url)
            files.append(url)
        }
    }
    print(String(format: "graph: wrote %d plan texts (%.1f MB) in %.1f s", files.count, Double(bytes) / 1e6, writeTime))

    let dbPath = dir.appendingPathComponent("vanban.sqlite").path
    let store = try CorpusStore(path: dbPath)
    var summary = ImportSummary()
    let cpu0 = graphBenchCPUSeconds()
    let importTime = graphBenchSeconds { summary = store.importFiles(files) }
    let cpu = graphBenchCPUSeconds() - cpu0
    print(String(format: "graph: import %d files in %.1f s = %.0f files/s on %d cores (goal <= 30 s at 10,000): %d imported, %d failed",
                 files.count, importTime, Double(files.count) / importTime, ProcessInfo.processInfo.activeProcessorCount,
                 summary.imported.count, summary.failed.count))
    // CPU below 2 × wall means other processes had the cores; parse time is wall time per file.
    print(String(format: "graph:   process CPU %.1f s; parse %.1f s summed over threads (%.2f ms/file), writes %.1f s",
                 cpu, summary.parseSeconds, summary.parseSeconds * 1000 / Double(max(1, files.count)), summary.writeSeconds))
    for f in summary.failed.prefix(3) { print("  failed: \(f.file): \(f.reason)") }
    let again = graphBenchSeconds { summary = store.importFiles(files) }
    print(String(format: "graph: re-import (all unchanged: %d) in %.2f s", summary.unchanged.count, again))
    if files.count == 10_000 {
        record("import: 10,000 plans, s", importTime, atMost: 30, String(format: "CPU %.0f s on %d cores", cpu, ProcessInfo.processInfo.activeProcessorCount))
        record("import: unchanged re-import, s", again, atMost: 1, "\(summary.unchanged.count) unchanged")
    }
    fflush(nil)

    let grow = try graphBenchSeconds { try StoreGrowth.insertDirectly(corpus, last..<corpus.docs.count, into: dbPath) }
    let s = try store.stats()
    print(String(format: "graph: grew to %d documents (%d rows inserted directly, no parse) in %.1f s; %d edges",
                 s.documents, corpus.docs.count - last, grow, s.edges.reduce(0) { $0 + $1.count }))

    let ids = try StoreGrowth.sampleIDs(200, in: store)
    for (name, query) in [("ancestors", store.ancestors(of:)), ("implements", store.implementers(of:))] as [(String, (String) throws -> CitationGraph)] {
        var times: [Double] = [], sizes: [Int] = []
        for _ in 0..<max(1, o.runs) {
            for id in ids {
                var g: CitationGraph?
                times.append(try graphBenchSeconds { g = try query(id) } * 1000)
                sizes.append(g?.nodes.count ?? 0)
            }
        }
        times.sort()
        print(String(format: "graph: --%@ at %d documents: median %.2f ms, p95 %.2f ms, max %.2f ms (goal <= 5 ms; %d queries, answers of %d-%d nodes)",
                     name, s.documents, times[times.count / 2], times[times.count * 95 / 100], times.last!, times.count,
                     sizes.min() ?? 0, sizes.max() ?? 0))
    }
    // The worst case: everything that implements, through the hierarchy, the most cited Party text.
    if let hub = s.mostCited.first(where: { $0.id.hasSuffix("/TW") }) {
        var g: CitationGraph?
        let t = try graphBenchSeconds { g = try store.implementers(of: hub.id) } * 1000
        print(String(format: "graph: --implements %@ (cited %d times): %.1f ms, %d nodes, %d edges",
                     hub.id, hub.count, t, g?.nodes.count ?? 0, g?.edges.count ?? 0))
    }
}

func graphBenchSeconds(_ body: () throws -> Void) rethrows -> Double {
    let t0 = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
}

/// CPU time of this process, every thread.
func graphBenchCPUSeconds() -> Double { Double(clock()) / Double(CLOCKS_PER_SEC) }
