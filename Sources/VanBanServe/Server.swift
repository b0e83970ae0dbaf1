import Foundation
import HTTPTypes
import Hummingbird
import Mustache
import NIOCore
import VanBan
import VanBanGraph

/// How `vanban serve` runs.
public struct ServeOptions: Sendable {
    public var host = "127.0.0.1"
    public var port = 8080
    /// The SQLite store, or nil for one in memory.
    public var store: String?
    /// One shared password; nil serves without a login.
    public var password: String?
    public var limits = UploadLimits()
    public init(host: String = "127.0.0.1", port: Int = 8080, store: String? = nil, password: String? = nil, limits: UploadLimits = UploadLimits()) {
        self.host = host; self.port = port; self.store = store; self.password = password; self.limits = limits
    }
}

/// A request's context: the CSRF token its forms carry (from the browser's cookie, or new).
public struct ServeContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    var csrf = ""
    var newCSRF = false
    public init(source: ApplicationRequestContextSource) { coreContext = .init(source: source) }
}

/// A problem worded for the user, with the HTTP status it gets.
struct ServeError: Error {
    let status: HTTPResponse.Status
    let message: String
    init(_ status: HTTPResponse.Status, _ message: String) { self.status = status; self.message = message }
}

public enum WebApp {
    /// The application: routes over a catalog opened from `options.store`.
    public static func application(_ options: ServeOptions) async throws -> some ApplicationProtocol {
        let site = try await Site(options: options)
        return Application(router: site.router(), configuration: .init(address: .hostname(options.host, port: options.port), serverName: "vanban"))
    }

    /// Imports `paths` (files and folders, as `vanban import` takes them), then serves until stopped.
    public static func run(_ options: ServeOptions, importing paths: [String] = []) async throws {
        let site = try await Site(options: options)
        let (files, missing) = CorpusStore.files(in: paths)
        for m in missing { FileHandle.standardError.write(Data("vanban: \(m): no such file or folder\n".utf8)) }
        for (k, url) in files.enumerated() {
            let data = (try? Data(contentsOf: url)) ?? Data()
            let r = await site.catalog.ingest(name: url.lastPathComponent, data: data)
            FileHandle.standardError.write(Data("[\(k + 1)/\(files.count)] \(r.ok ? "\(r.outcome) \(url.path) \(r.id ?? "")" : r.error ?? "")\n".utf8))
        }
        let app = Application(router: site.router(), configuration: .init(address: .hostname(options.host, port: options.port), serverName: "vanban"))
        FileHandle.standardError.write(Data("vanban: serving http://\(options.host):\(options.port)/\(options.password == nil ? "" : " (password required)")\n".utf8))
        try await app.runService()
    }
}

/// The routes and what they share.
final class Site: Sendable {
    let catalog: Catalog
    let templates: MustacheLibrary
    let options: ServeOptions
    let sessions = Sessions()

    init(options: ServeOptions) async throws {
        self.options = options
        catalog = try Catalog(path: options.store)
        guard let dir = Bundle.module.url(forResource: "Templates", withExtension: nil) else {
            throw ServeError(.internalServerError, "the page templates are missing from the bundle")
        }
        templates = try await MustacheLibrary(directory: dir.path)
    }

    func router() -> Router<ServeContext> {
        let router = Router(context: ServeContext.self)
        router.add(middleware: Guard(site: self))

        router.get("/") { _, c in try await self.home(c, api: false) }
        router.get("/api/documents") { _, c in try await self.home(c, api: true) }
        router.post("/upload") { r, c in try await self.upload(r, c, api: false) }
        router.post("/api/upload") { r, c in try await self.upload(r, c, api: true) }
        router.get("/doc") { r, c in try await self.document(r, c, api: false) }
        router.get("/api/doc") { r, c in try await self.document(r, c, api: true) }
        router.get("/search") { r, c in try await self.search(r, c, api: false) }
        router.get("/api/search") { r, c in try await self.search(r, c, api: true) }
        router.get("/check") { r, c in try await self.check(r, c, format: "html") }
        router.get("/check.csv") { r, c in try await self.check(r, c, format: "csv") }
        router.get("/check.json") { r, c in try await self.check(r, c, format: "json") }
        router.get("/api/check") { r, c in try await self.check(r, c, format: "api") }
        router.post("/check") { r, c in try await self.checkForm(r, c) }
        router.get("/graph") { r, c in try await self.graph(r, c, api: false) }
        router.get("/api/graph") { r, c in try await self.graph(r, c, api: true) }
        router.get("/graph.svg") { r, c in try await self.svg(r, c) }
        router.get("/orphans") { _, c in try await self.orphans(c, api: false) }
        router.get("/api/orphans") { _, c in try await self.orphans(c, api: true) }
        router.get("/api/openapi.json") { _, _ in Self.respond(Data(OpenAPI.document.utf8), type: "application/json; charset=utf-8") }
        router.get("/login") { _, c in self.page("login", [String: String](), c, title: "Đăng nhập") }
        router.post("/login") { r, c in try await self.login(r, c) }
        return router
    }

    // MARK: Pages

    func home(_ c: ServeContext, api: Bool) async throws -> Response {
        let recent = try await catalog.recent().map(NodeView.init)
        let s = try await catalog.stats()
        struct Home: Codable { var documents: Int; var imported: Int; var recent: [NodeView]; var maxFiles: Int; var maxMB: Int }
        let v = Home(documents: s.documents, imported: s.imported, recent: recent, maxFiles: options.limits.maxFiles, maxMB: options.limits.maxFileBytes / (1024 * 1024))
        return api ? try Self.json(v) : page("home", v, c, title: "VanBan")
    }

    func upload(_ request: Request, _ c: ServeContext, api: Bool) async throws -> Response {
        let form = try await readForm(request, c, api: api)
        let files = form.files
        guard !files.isEmpty else { throw ServeError(.badRequest, "Chưa chọn tệp nào để tải lên.") }
        guard files.count <= options.limits.maxFiles else {
            throw ServeError(.contentTooLarge, "Mỗi lần tải lên tối đa \(options.limits.maxFiles) tệp; đã gửi \(files.count) tệp.")
        }
        var results: [UploadResult] = []
        for f in files {
            let name = Catalog.displayName(f.filename ?? "")
            if f.data.count > options.limits.maxFileBytes {
                results.append(UploadResult(file: name, kind: Sniff.kind(f.data).label, ok: false, outcome: "failed",
                                            error: "\(name): tệp lớn \(Self.mb(f.data.count)), vượt giới hạn \(Self.mb(options.limits.maxFileBytes)) mỗi tệp"))
                continue
            }
            results.append(await catalog.ingest(name: f.filename ?? "", data: f.data))
        }
        let v = UploadView(results: results, imported: results.filter(\.ok).count, failed: results.filter { !$0.ok }.count)
        // Nothing read: the request as a whole failed (422), each file saying why.
        let status: HTTPResponse.Status = v.imported == 0 ? (results.allSatisfy { $0.error?.contains("vượt giới hạn") == true } ? .contentTooLarge : .unprocessableContent) : .ok
        return api ? try Self.json(v, status: status) : page("upload", v, c, title: "Kết quả tải lên", status: status)
    }

    func documentView(_ id: String) async throws -> DocumentView {
        guard let found = try await catalog.node(id) else { throw ServeError(.notFound, "Không có văn bản \(id) trong kho.") }
        let node = found.node
        let plan: Plan?
        do { plan = try await catalog.plan(node.id) } catch { throw ServeError(.internalServerError, "\(node.id): \(error)") }
        var v = DocumentView(node: node, plan: plan, targets: try await catalog.targets(of: found.n))
        v.parents = try await suggestedParents(plan)
        return v
    }

    /// Imported documents the plan says it implements ("Thực hiện …").
    func suggestedParents(_ plan: Plan?) async throws -> [NodeView] {
        var out: [NodeView] = []
        for r in plan?.references ?? [] where r.relation == .implements {
            if let node = try await catalog.node(r.id)?.node, node.imported, !out.contains(where: { $0.id == node.id }) { out.append(NodeView(node)) }
        }
        return out
    }

    func document(_ request: Request, _ c: ServeContext, api: Bool) async throws -> Response {
        let id = try Self.required(request, "id")
        let v = try await documentView(id)
        return api ? try Self.json(v) : page("document", v, c, title: v.title ?? v.node.id)
    }

    func search(_ request: Request, _ c: ServeContext, api: Bool) async throws -> Response {
        let q = Self.query(request)
        func field(_ k: String) -> String? { q[k].flatMap { $0.isEmpty ? nil : $0 } }
        let query = SearchQuery(symbol: field("symbol"), type: field("type"), issuer: field("issuer"), year: field("year").flatMap { Int($0) },
                                words: field("words"), importedOnly: q["imported"] == "1")
        let results = query.isEmpty ? [] : try await catalog.search(query).map(NodeView.init)
        let v = SearchView(query: query, searched: !query.isEmpty, results: results, count: results.count)
        return api ? try Self.json(v) : page("search", v, c, title: "Tìm văn bản")
    }

    /// Without a parent: the page to pick one. With one: the report, or its CSV/JSON download.
    func check(_ request: Request, _ c: ServeContext, format: String) async throws -> Response {
        let childID = try Self.required(request, "child")
        guard let child = try await catalog.node(childID)?.node, let childPlan = try await catalog.plan(child.id) else {
            throw ServeError(.notFound, "Không có kế hoạch \(childID) trong kho.")
        }
        guard let parentID = Self.query(request)["parent"], !parentID.isEmpty else {
            guard format == "html" || format == "api" else { throw ServeError(.badRequest, "Thiếu tham số parent.") }
            let suggested = try await suggestedParents(childPlan)
            let others = try await catalog.recent(limit: 500).filter { n in n.id != child.id && !suggested.contains { $0.id == n.id } }.map(NodeView.init)
            let v = CheckPickView(child: NodeView(child), suggested: suggested, others: others)
            return format == "api" ? try Self.json(v) : page("checkpick", v, c, title: "Kiểm tra \(child.id)")
        }
        guard let parent = try await catalog.node(parentID)?.node, let parentPlan = try await catalog.plan(parent.id) else {
            throw ServeError(.notFound, "Không có kế hoạch cấp trên \(parentID) trong kho.")
        }
        let result = Checker().check(child: childPlan, parent: parentPlan, childFile: childPlan.source.file, parentFile: parentPlan.source.file)
        switch format {
        case "csv":
            var r = Self.respond(CheckWriter.csv(result), type: "text/csv; charset=utf-8")
            r.headers[.contentDisposition] = "attachment; filename=\"check.csv\""
            return r
        case "json", "api":
            var r = Self.respond(try JSONWriter.data(result), type: "application/json; charset=utf-8")
            if format == "json" { r.headers[.contentDisposition] = "attachment; filename=\"check.json\"" }
            return r
        default:
            let html = CheckWriter.html(result)
            let v = CheckView(child: NodeView(child), parent: NodeView(parent),
                              csvHref: "/check.csv?child=\(Links.enc(child.id))&parent=\(Links.enc(parent.id))",
                              jsonHref: "/check.json?child=\(Links.enc(child.id))&parent=\(Links.enc(parent.id))",
                              summary: result.summary,
                              // The report's own style, kept to the report rather than the whole page.
                              reportStyle: Self.between(html, "<style>", "</style>").replacingOccurrences(of: "body{", with: ".report{"),
                              reportBody: Self.between(html, "<body>", "</body>"))
            return page("check", v, c, title: "Kiểm tra \(child.id) theo \(parent.id)")
        }
    }

    /// The check form: a parent picked from the store, or uploaded (then imported like any upload).
    func checkForm(_ request: Request, _ c: ServeContext) async throws -> Response {
        let form = try await readForm(request, c, api: false)
        guard let child = form.field("child"), !child.isEmpty else { throw ServeError(.badRequest, "Thiếu kế hoạch cấp dưới.") }
        var parent = form.field("parent") ?? ""
        if let file = form.files.first {
            guard file.data.count <= options.limits.maxFileBytes else {
                throw ServeError(.contentTooLarge, "Tệp lớn \(Self.mb(file.data.count)), vượt giới hạn \(Self.mb(options.limits.maxFileBytes)) mỗi tệp.")
            }
            let r = await catalog.ingest(name: file.filename ?? "", data: file.data)
            guard r.ok, let id = r.id else { throw ServeError(.unprocessableContent, r.error ?? "Không đọc được kế hoạch cấp trên.") }
            parent = id
        }
        guard !parent.isEmpty else { throw ServeError(.badRequest, "Chọn kế hoạch cấp trên trong kho, hoặc tải nó lên.") }
        return Response(status: .seeOther, headers: [.location: Links.check(child, parent)])
    }

    func graphView(_ id: String) async throws -> (GraphView, CitationGraph) {
        guard let node = try await catalog.node(id)?.node else { throw ServeError(.notFound, "Không có văn bản \(id) trong kho.") }
        let up = try await catalog.ancestors(of: node.id), down = try await catalog.implementers(of: node.id)
        let v = GraphView(node: NodeView(node), svgHref: "/graph.svg?id=\(Links.enc(node.id))",
                          implements: up.edges.map(GraphView.EdgeView.init), implementedBy: down.edges.map(GraphView.EdgeView.init))
        var nodes = up.nodes
        for n in down.nodes where !nodes.contains(where: { $0.id == n.id }) { nodes.append(n) }
        var both = up
        both.nodes = nodes
        both.edges = Array(Set(up.edges + down.edges)).sorted { ($0.from, $0.to) < ($1.from, $1.to) }
        return (v, both)
    }

    func graph(_ request: Request, _ c: ServeContext, api: Bool) async throws -> Response {
        guard let id = Self.query(request)["id"], !id.isEmpty else { return try await orphans(c, api: api) }
        let (v, _) = try await graphView(id)
        return api ? try Self.json(v) : page("graph", v, c, title: "Quan hệ của \(v.node.id)")
    }

    func svg(_ request: Request, _ c: ServeContext) async throws -> Response {
        let (_, g) = try await graphView(try Self.required(request, "id"))
        return Self.respond(try Graphviz.svg(g.dot()), type: "image/svg+xml")
    }

    func orphans(_ c: ServeContext, api: Bool) async throws -> Response {
        let s = try await catalog.stats()
        let v = OrphansView(documents: s.documents, imported: s.imported, orphans: try await catalog.orphans().nodes.map(NodeView.init))
        return api ? try Self.json(v) : page("orphans", v, c, title: "Văn bản chưa có trong kho")
    }

    func login(_ request: Request, _ c: ServeContext) async throws -> Response {
        let form = try await readForm(request, c, api: false)
        guard let password = options.password else { return Response(status: .seeOther, headers: [.location: "/"]) }
        guard Sessions.same(form.field("password") ?? "", password) else {
            return page("login", ["error": "Mật khẩu không đúng."], c, title: "Đăng nhập", status: .unauthorized)
        }
        var r = Response(status: .seeOther, headers: [.location: "/"])
        r.setCookie(Cookie(name: Guard.sessionCookie, value: sessions.open(), path: "/", httpOnly: true, sameSite: .strict))
        return r
    }

    // MARK: Helpers

    /// The multipart form of a POST, its CSRF token checked: the form's `csrf` field (or the
    /// X-CSRF-Token header) must equal the browser's cookie. An API client without a cookie
    /// instead sends X-VanBan-Client, a header no other site's form can set.
    func readForm(_ request: Request, _ c: ServeContext, api: Bool) async throws -> Form {
        guard let type = request.headers[.contentType], let boundary = Multipart.boundary(type) else {
            throw ServeError(.unsupportedMediaType, "Biểu mẫu phải gửi dạng multipart/form-data.")
        }
        var request = request
        let body: ByteBuffer
        do { body = try await request.collectBody(upTo: options.limits.maxBodyBytes) } catch {
            throw ServeError(.contentTooLarge, "Dữ liệu gửi lên vượt giới hạn \(Self.mb(options.limits.maxBodyBytes)) (tối đa \(options.limits.maxFiles) tệp, mỗi tệp \(Self.mb(options.limits.maxFileBytes))).")
        }
        let form: Form
        do { form = try Multipart.parse(Data(body.readableBytesView), boundary: boundary) } catch {
            throw ServeError(.badRequest, "Biểu mẫu hỏng: \(error)")
        }
        let cookie = c.newCSRF ? nil : c.csrf
        let sent = form.field("csrf") ?? request.headers[HTTPField.Name("X-CSRF-Token")!]
        let apiClient = api && request.headers[HTTPField.Name("X-VanBan-Client")!] != nil
        if !apiClient {
            guard let cookie, let sent, Sessions.same(sent, cookie) else {
                throw ServeError(.forbidden, "Biểu mẫu hết hạn hoặc không gửi từ trang này (thiếu mã CSRF). Tải lại trang rồi gửi lại.")
            }
        }
        return form
    }

    func page(_ template: String, _ view: Any, _ c: ServeContext, title: String, status: HTTPResponse.Status = .ok) -> Response {
        let context: [String: Any] = ["v": view, "csrf": c.csrf, "pageTitle": title, "auth": options.password != nil]
        let html = templates.render(context, withTemplate: template) ?? "template \(template) missing"
        return Self.respond(Data(html.utf8), type: "text/html; charset=utf-8", status: status)
    }

    static func respond(_ data: Data, type: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: type], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func json<T: Encodable>(_ v: T, status: HTTPResponse.Status = .ok) throws -> Response {
        respond(try JSONWriter.data(v), type: "application/json; charset=utf-8", status: status)
    }

    /// The query string, decoded as browsers encode forms ("+" is a space).
    static func query(_ request: Request) -> [String: String] {
        var out: [String: String] = [:]
        for pair in (request.uri.query ?? "").split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1).map { $0.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "" }
            if let k = kv.first, out[k] == nil { out[k] = kv.count > 1 ? kv[1] : "" }
        }
        return out
    }

    static func required(_ request: Request, _ key: String) throws -> String {
        guard let v = query(request)[key]?.trimmingCharacters(in: .whitespaces), !v.isEmpty else { throw ServeError(.badRequest, "Thiếu tham số \(key).") }
        return v
    }

    static func between(_ s: String, _ a: String, _ b: String) -> String {
        guard let r1 = s.range(of: a), let r2 = s.range(of: b, range: r1.upperBound..<s.endIndex) else { return "" }
        return String(s[r1.upperBound..<r2.lowerBound])
    }

    static func mb(_ bytes: Int) -> String { String(format: "%.1f MB", Double(bytes) / 1_048_576) }
}

/// Every request: security headers, the login when --auth is on, the CSRF cookie, and
/// problems rendered as a page (or JSON under /api/).
struct Guard: RouterMiddleware {
    typealias Context = ServeContext
    static let csrfCookie = "vb_csrf", sessionCookie = "vb_session"
    let site: Site

    func handle(_ request: Request, context: ServeContext, next: (Request, ServeContext) async throws -> Response) async throws -> Response {
        var context = context
        if let t = request.cookies[Self.csrfCookie]?.value, t.count == 32, t.allSatisfy(\.isHexDigit) { context.csrf = t } else {
            context.csrf = Sessions.token(); context.newCSRF = true
        }
        let api = request.uri.path.hasPrefix("/api/")
        var response: Response
        do {
            try authorize(request, api: api)
            if request.method == .post, let origin = request.headers[.origin], !Self.sameOrigin(origin, request.head.authority) {
                throw ServeError(.forbidden, "Yêu cầu gửi từ trang khác (\(origin)) bị từ chối.")
            }
            response = try await next(request, context)
        } catch let e as ServeError {
            response = render(e, api: api, context)
        } catch let e as HTTPError {
            response = render(ServeError(e.status, e.body ?? "\(e.status)"), api: api, context)
        } catch {
            response = render(ServeError(.internalServerError, "\(error)"), api: api, context)
        }
        if context.newCSRF { response.setCookie(Cookie(name: Self.csrfCookie, value: context.csrf, path: "/", httpOnly: true, sameSite: .strict)) }
        // Nothing from outside: no scripts, no fonts, no CDN; styles are inline, images our own.
        response.headers[.contentSecurityPolicy] = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
        response.headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        return response
    }

    func authorize(_ request: Request, api: Bool) throws {
        guard let password = site.options.password, request.uri.path != "/login" else { return }
        if let s = request.cookies[Self.sessionCookie]?.value, site.sessions.isOpen(s) { return }
        if let h = request.headers[.authorization], h.hasPrefix("Bearer "), Sessions.same(String(h.dropFirst(7)), password) { return }
        throw api ? ServeError(.unauthorized, "Cần mật khẩu: gửi Authorization: Bearer <mật khẩu>.") : ServeError(.unauthorized, "login")
    }

    func render(_ e: ServeError, api: Bool, _ c: ServeContext) -> Response {
        if api {
            return (try? Site.json(["error": e.message], status: e.status)) ?? Response(status: e.status)
        }
        if e.status == .unauthorized && e.message == "login" { return Response(status: .seeOther, headers: [.location: "/login"]) }
        return site.page("error", ["message": e.message, "status": "\(e.status.code)"], c, title: "Lỗi", status: e.status)
    }

    static func sameOrigin(_ origin: String, _ authority: String?) -> Bool {
        guard let authority, let host = URL(string: origin).flatMap({ u in u.host.map { h in u.port.map { "\(h):\($0)" } ?? h } }) else { return false }
        return host == authority || host == authority.split(separator: ":").first.map(String.init) && !authority.contains(":")
    }
}

/// Open login sessions, in memory: a restart logs everyone out.
final class Sessions: @unchecked Sendable {
    private var open_: Set<String> = []
    private let lock = NSLock()

    func open() -> String {
        let t = Self.token()
        lock.lock(); open_.insert(t); lock.unlock()
        return t
    }
    func isOpen(_ t: String) -> Bool { lock.lock(); defer { lock.unlock() }; return open_.contains(t) }

    /// 128 random bits, hex.
    static func token() -> String {
        var g = SystemRandomNumberGenerator()
        return (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &g)) }.joined()
    }

    /// Compares in time independent of where the strings differ.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// Graphviz `dot`, through pipes (no file on disk).
enum Graphviz {
    static func svg(_ dot: String) throws -> Data {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
            .map { "\($0)/dot" }.first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let path else { throw ServeError(.serviceUnavailable, "Cần Graphviz (dot) để vẽ đồ thị: apt-get install graphviz.") }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = ["-Tsvg"]
        let input = Pipe(), output = Pipe(), errors = Pipe()
        p.standardInput = input; p.standardOutput = output; p.standardError = errors
        try p.run()
        // dot reads all its input before it writes: no deadlock on the pipes.
        input.fileHandleForWriting.write(Data(dot.utf8))
        try input.fileHandleForWriting.close()
        let svg = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            throw ServeError(.internalServerError, "dot failed: \(String(decoding: err, as: UTF8.self).prefix(300))")
        }
        return svg
    }
}
