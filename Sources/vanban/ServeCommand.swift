import ArgumentParser
import Foundation
import VanBanServe

struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the web app: upload plans, read them, check one against its parent, the citation graph.",
        discussion: "Binds to 127.0.0.1 unless --host says otherwise. Pages are in Vietnamese; every page has its JSON under /api/ (described at /api/openapi.json).")

    @Option(help: "The address to listen on.") var host = "127.0.0.1"
    @Option(help: "The port to listen on.") var port = 8080
    @Option(help: "The store (SQLite, created if missing).") var db = "vanban.sqlite"
    @Option(name: .customLong("import"), help: "Import these files or folders before serving (repeatable).") var imports: [String] = []
    @Option(help: "One shared password for everyone (or set VANBAN_PASSWORD); without it, anyone who reaches the port may use the app.") var auth: String?
    @Option(help: "Most files in one upload.") var maxFiles = 20
    @Option(help: "Largest file accepted, in megabytes.") var maxFileMb = 25

    func run() throws {
        guard (1...65535).contains(port) else { throw Failure(message: "--port \(port): not a port number (1-65535)") }
        let password = auth ?? ProcessInfo.processInfo.environment["VANBAN_PASSWORD"]
        if password?.isEmpty == true { throw Failure(message: "--auth: the password is empty") }
        let options = ServeOptions(host: host, port: port, store: db, password: password,
                                   limits: UploadLimits(maxFiles: max(1, maxFiles), maxFileBytes: max(1, maxFileMb) * 1024 * 1024))
        let imports = imports
        let outcome = ServeOutcome()
        let done = DispatchSemaphore(value: 0)
        Task {
            do { try await WebApp.run(options, importing: imports) } catch { outcome.set("\(error)") }
            done.signal()
        }
        done.wait()
        if let message = outcome.message { throw Failure(message: message) }
    }
}

/// The server's failure, handed from its task to the command.
final class ServeOutcome: @unchecked Sendable {
    private let lock = NSLock()
    private var m: String?
    func set(_ s: String) { lock.lock(); m = s; lock.unlock() }
    var message: String? { lock.lock(); defer { lock.unlock() }; return m }
}
