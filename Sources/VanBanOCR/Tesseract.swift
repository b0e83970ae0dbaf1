import Foundation
import VanBanLayout
import VanBanPDF
import VanBanReaders

/// Scans through OCR: each page rendered by poppler (pdftoppm) at 300 dpi and read by tesseract
/// with its Vietnamese model, pages in parallel on the machine's cores. The words, their boxes
/// and confidences go into the Layout through the PDF reader's own line and paragraph rules, so
/// a scan is structured as a born-digital PDF is.
public struct OCRReader: Sendable {
    public static let packages = "tesseract-ocr tesseract-ocr-vie"
    public var dpi = 300
    public var language = "vie"
    /// Progress lines on standard error for scans this long or longer.
    public var progressFrom = 3

    public init() {}

    /// The tools, or the error that names the packages to install.
    public static func tools(for file: String) throws -> (tesseract: URL, pdftoppm: URL) {
        guard let t = which("tesseract") else {
            throw ReaderError(file: file, kind: .noTextLayer, detail: "has no text layer (a scan) and tesseract is needed to read it: install the Debian packages \(packages) (make deps)")
        }
        guard let p = which("pdftoppm") else {
            throw ReaderError(file: file, kind: .noTextLayer, detail: "has no text layer (a scan) and pdftoppm is needed to render it: install the Debian package poppler-utils (make deps)")
        }
        return (t, p)
    }

    public static func which(_ name: String) -> URL? {
        let env = ProcessInfo.processInfo.environment
        if let p = env["VANBAN_" + name.uppercased()] { return FileManager.default.isExecutableFile(atPath: p) ? URL(fileURLWithPath: p) : nil }
        for d in (env["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let p = String(d) + "/" + name
            if FileManager.default.isExecutableFile(atPath: p) { return URL(fileURLWithPath: p) }
        }
        return nil
    }

    /// Reads `pages` (1-based; all when nil) of the PDF at `url`.
    public func read(url: URL, pages wanted: [Int]? = nil) throws -> Layout {
        let name = url.lastPathComponent
        let tools = try Self.tools(for: name)
        let sizes = try PDFReader.pageSizes(url: url)
        guard !sizes.isEmpty else { throw ReaderError(file: name, kind: .corrupt, detail: "has no pages") }
        let pages = (wanted ?? Array(1...sizes.count)).filter { $0 >= 1 && $0 <= sizes.count }
        let engine = Self.engine(tools.tesseract, language)
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("vanban-ocr-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }

        let results = Locked([Result<PlacedPage, ReaderError>?](repeating: nil, count: pages.count))
        let done = Locked(0)
        let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let gate = DispatchSemaphore(value: cores)
        let group = DispatchGroup()
        let t0 = Date()
        for (i, n) in pages.enumerated() {
            gate.wait()
            group.enter()
            DispatchQueue.global().async {
                defer { gate.signal(); group.leave() }
                let r = Result { try self.page(n, of: url, size: sizes[n - 1], tools: tools, work: work) }.mapError { $0 as? ReaderError ?? ReaderError(file: name, kind: .unreadable, detail: "OCR failed on page \(n) (\($0))") }
                results.update { $0[i] = r }
                let k = done.update { $0 += 1; return $0 }
                if pages.count >= progressFrom {
                    let conf = (try? r.get()).map { p -> String in
                        let c = p.lines.flatMap { $0 }.compactMap(\.confidence)
                        return c.isEmpty ? "" : String(format: ", confidence %.2f", c.reduce(0, +) / Double(c.count))
                    } ?? ""
                    FileHandle.standardError.write(Data(String(format: "vanban: OCR %@: page %d of %d read%@ (%.0f s)\n", name, k, pages.count, conf, Date().timeIntervalSince(t0)).utf8))
                }
            }
        }
        group.wait()
        var placed: [PlacedPage] = []
        for r in results.value { placed.append(try r!.get()) }
        var layout = PDFReader().layout(file: name, pages: placed)
        layout.recognized = placed.map { p in
            let c = p.lines.flatMap { $0 }.compactMap(\.confidence)
            return RecognizedPage(page: p.number, meanConfidence: c.isEmpty ? 0 : (c.reduce(0, +) / Double(c.count) * 1000).rounded() / 1000, words: c.count, engine: engine)
        }
        return layout
    }

    private func page(_ n: Int, of url: URL, size: Size, tools: (tesseract: URL, pdftoppm: URL), work: URL) throws -> PlacedPage {
        let name = url.lastPathComponent
        let prefix = work.appendingPathComponent("p\(n)")
        try Self.run(tools.pdftoppm, ["-r", "\(dpi)", "-f", "\(n)", "-l", "\(n)", "-gray", "-png", "-singlefile", url.path, prefix.path], file: name, what: "render page \(n)")
        let png = prefix.appendingPathExtension("png")
        let tsv = try Self.run(tools.tesseract, [png.path, "stdout", "-l", language, "--psm", "3", "tsv"], file: name, what: "read page \(n)")
        try? FileManager.default.removeItem(at: png)
        return Self.parse(tsv, page: n, size: size, dpi: Double(dpi))
    }

    /// tesseract's TSV: one row per word (level 5) with its block, paragraph and line numbers.
    public static func parse(_ tsv: String, page: Int, size: Size, dpi: Double) -> PlacedPage {
        let scale = 72 / dpi
        var lines: [[PlacedWord]] = []
        var key: (Int, Int, Int)?
        for row in tsv.split(separator: "\n").dropFirst() {
            let f = row.split(separator: "\t", omittingEmptySubsequences: false)
            guard f.count >= 12, f[0] == "5", let l = Double(f[6]), let t = Double(f[7]), let w = Double(f[8]), let h = Double(f[9]),
                  let conf = Double(f[10]) else { continue }
            let text = String(f[11...].joined(separator: "\t")).trimmingCharacters(in: .whitespaces).precomposedStringWithCanonicalMapping
            guard !text.isEmpty else { continue }
            let k = (Int(f[2]) ?? 0, Int(f[3]) ?? 0, Int(f[4]) ?? 0)
            // tesseract may run two header columns into one line: a gap of several heights splits it.
            let gap = lines.last?.last.map { l * scale - $0.x1 } ?? 0
            let height = lines.last?.last.map { $0.y1 - $0.y0 } ?? 0
            // A word left of the one before belongs to another column's line.
            let backwards = lines.last?.last.map { l * scale < $0.x0 } ?? false
            if key.map({ $0 != k }) ?? true || gap > 3 * max(height, h * scale) || backwards { lines.append([]); key = k }
            lines[lines.count - 1].append(PlacedWord(text: text, x0: l * scale, y0: t * scale, x1: (l + w) * scale, y1: (t + h) * scale,
                                                     confidence: conf < 0 ? nil : conf / 100))
        }
        return PlacedPage(number: page, width: size.width, height: size.height, lines: lines)
    }

    static func engine(_ tesseract: URL, _ language: String) -> String {
        let v = (try? run(tesseract, ["--version"], file: "", what: "version"))?.split(separator: "\n").first.map(String.init) ?? "tesseract"
        return v + " " + language
    }

    @discardableResult
    public static func run(_ exe: URL, _ args: [String], file: String, what: String) throws -> String {
        let p = Process()
        p.executableURL = exe
        p.arguments = args
        var env = ProcessInfo.processInfo.environment
        env["OMP_THREAD_LIMIT"] = "1"   // one core a page: the pages run side by side
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            let msg = String(decoding: errData, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? ""
            throw ReaderError(file: file, kind: .corrupt, detail: "cannot \(what) for OCR (\(exe.lastPathComponent): \(msg))")
        }
        return String(decoding: data, as: UTF8.self)
    }
}

final class Locked<Value>: @unchecked Sendable {
    private var v: Value
    private let lock = NSLock()
    init(_ v: Value) { self.v = v }
    var value: Value { lock.lock(); defer { lock.unlock() }; return v }
    @discardableResult func update<R>(_ body: (inout Value) -> R) -> R { lock.lock(); defer { lock.unlock() }; return body(&v) }
}
