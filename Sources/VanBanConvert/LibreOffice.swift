import Foundation
import VanBanReaders

/// Legacy Word (.doc) and RTF through LibreOffice headless, into DOCX for the DOCX reader, so
/// tables, numbering and headers survive. Many files go through one LibreOffice process; the
/// converted files live in a temporary folder that is removed whatever happens.
public enum LibreOffice {
    /// The Debian package that provides `soffice` without a desktop.
    public static let package = "libreoffice-writer-nogui"

    /// The `soffice` executable on PATH (or LIBREOFFICE), nil when LibreOffice is not installed.
    public static var executable: URL? {
        let env = ProcessInfo.processInfo.environment
        if let p = env["LIBREOFFICE"] { return FileManager.default.isExecutableFile(atPath: p) ? URL(fileURLWithPath: p) : nil }
        let dirs = (env["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init) + ["/usr/bin", "/usr/lib/libreoffice/program"]
        for d in dirs {
            for name in ["soffice", "libreoffice"] {
                let p = (d as NSString).appendingPathComponent(name)
                if FileManager.default.isExecutableFile(atPath: p) { return URL(fileURLWithPath: p) }
            }
        }
        return nil
    }

    /// Each file's DOCX bytes, or the error that names it. One LibreOffice process converts a
    /// batch; files whose names would collide in the output folder go in separate batches.
    public static func convert(_ files: [URL], stall: Double? = nil) -> [URL: Result<Data, ReaderError>] {
        guard !files.isEmpty else { return [:] }
        guard let soffice = executable else {
            let e = { (u: URL) in ReaderError(file: u.lastPathComponent, kind: .unsupportedFormat,
                                              detail: "is a legacy Word/RTF file and LibreOffice is needed to read it: install the Debian package \(package) (make deps)") }
            return Dictionary(uniqueKeysWithValues: files.map { ($0, .failure(e($0))) })
        }
        var results: [URL: Result<Data, ReaderError>] = [:]
        var batches: [[URL]] = []
        for f in files {
            let stem = f.deletingPathExtension().lastPathComponent
            if let i = batches.firstIndex(where: { b in !b.contains { $0.deletingPathExtension().lastPathComponent == stem } }) {
                batches[i].append(f)
            } else {
                batches.append([f])
            }
        }
        let patience = stall ?? ProcessInfo.processInfo.environment["VANBAN_LIBREOFFICE_STALL"].flatMap(Double.init) ?? 180
        for b in batches {
            var rest = b
            // A process that stops making files is stopped; the files it had not reached go to a new one.
            while !rest.isEmpty {
                let r = run(soffice, rest, stall: patience)
                let done = rest.filter { (try? r[$0]?.get()) != nil }
                for (u, v) in r where done.contains(u) || done.isEmpty { results[u] = v }
                if done.isEmpty { break }
                rest = rest.filter { !done.contains($0) }
            }
        }
        return results
    }

    private static func run(_ soffice: URL, _ files: [URL], stall: Double) -> [URL: Result<Data, ReaderError>] {
        let fm = FileManager.default
        let work = fm.temporaryDirectory.appendingPathComponent("vanban-lo-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: work) }
        let out = work.appendingPathComponent("out")
        var failed: [URL: Result<Data, ReaderError>] = [:]
        do { try fm.createDirectory(at: out, withIntermediateDirectories: true) } catch {
            for f in files { failed[f] = .failure(ReaderError(file: f.lastPathComponent, kind: .unreadable, detail: "cannot be converted: no temporary folder (\(error.localizedDescription))")) }
            return failed
        }
        let p = Process()
        p.executableURL = soffice
        // A profile of its own: LibreOffice needs a writable one and must not share a running user's.
        p.arguments = ["-env:UserInstallation=\(work.appendingPathComponent("profile").absoluteString)",
                       "--headless", "--norestore", "--nolockcheck", "--convert-to", "docx:MS Word 2007 XML", "--outdir", out.path]
            + files.map(\.path)
        var env = ProcessInfo.processInfo.environment
        env["HOME"] = work.path
        p.environment = env
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        p.standardInput = FileHandle.nullDevice
        let done = DispatchSemaphore(value: 0)
        p.terminationHandler = { _ in done.signal() }
        do { try p.run() } catch {
            for f in files { failed[f] = .failure(ReaderError(file: f.lastPathComponent, kind: .unreadable, detail: "cannot be converted: LibreOffice did not start (\(error.localizedDescription))")) }
            return failed
        }
        var timedOut = false
        var made = 0, lastProgress = Date()
        while done.wait(timeout: .now() + 1) == .timedOut {
            let n = (try? fm.contentsOfDirectory(atPath: out.path).count) ?? 0
            if n > made { made = n; lastProgress = Date() }
            if Date().timeIntervalSince(lastProgress) > stall {
                timedOut = true
                p.terminate()
                if done.wait(timeout: .now() + 5) == .timedOut { kill(p.processIdentifier, SIGKILL); done.wait() }
                break
            }
        }
        var results: [URL: Result<Data, ReaderError>] = [:]
        for f in files {
            let converted = out.appendingPathComponent(f.deletingPathExtension().lastPathComponent + ".docx")
            if let data = try? Data(contentsOf: converted), !data.isEmpty {
                results[f] = .success(data)
            } else {
                let why = timedOut ? "LibreOffice made nothing for \(Int(stall)) s" : "LibreOffice could not convert it (damaged, truncated or password-protected?)"
                results[f] = .failure(ReaderError(file: f.lastPathComponent, kind: .corrupt, detail: "is a legacy Word/RTF file that cannot be read: \(why)"))
            }
        }
        return results
    }
}
