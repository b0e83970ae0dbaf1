import Foundation
import HTTPTypes
import HummingbirdTesting
import Hummingbird
import NIOCore
import VanBan
import XCTest
@testable import VanBanServe

/// Endpoint tests of `vanban serve`, through Hummingbird's router test client (no socket).
final class ServeTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized
    static let corpus = root.appendingPathComponent("Corpus")
    static let pairs = root.appendingPathComponent("../shared/corpus/pairs").standardized

    /// A browser's state: its cookie and the CSRF token its last page carried.
    struct Browser {
        var cookie = ""
        var token = ""
        var headers: HTTPFields {
            var h = HTTPFields()
            if !cookie.isEmpty { h[.cookie] = cookie }
            return h
        }
        mutating func take(_ r: TestResponse) {
            for v in r.headers[values: .setCookie] {
                if let pair = v.split(separator: ";").first { cookie = String(pair) }
            }
            let html = String(buffer: r.body)
            if let range = html.range(of: #"name="csrf" value=""#) {
                token = String(html[range.upperBound...].prefix { $0 != "\"" })
            }
        }
    }

    static func multipart(_ fields: [(String, String)], files: [(field: String, name: String, data: Data)]) -> (ByteBuffer, String) {
        let boundary = "----vanbantest\(UUID().uuidString)"
        var body = Data()
        for (k, v) in fields {
            body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(k)\"\r\n\r\n\(v)\r\n".utf8)
        }
        for f in files {
            body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(f.field)\"; filename=\"\(f.name)\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8)
            body += f.data + Data("\r\n".utf8)
        }
        body += Data("--\(boundary)--\r\n".utf8)
        return (ByteBuffer(bytes: body), "multipart/form-data; boundary=\(boundary)")
    }

    static func post(_ client: some TestClientProtocol, _ uri: String, _ b: Browser, fields: [(String, String)] = [], files: [(field: String, name: String, data: Data)], extra: HTTPFields = [:], csrf: Bool = true) async throws -> TestResponse {
        let (body, type) = Self.multipart((csrf ? [("csrf", b.token)] : []) + fields, files: files)
        var h = b.headers
        h[.contentType] = type
        for f in extra { h.append(f) }
        return try await client.execute(uri: uri, method: .post, headers: h, body: body)
    }

    static func get(_ client: some TestClientProtocol, _ uri: String, _ b: inout Browser) async throws -> TestResponse {
        let r = try await client.execute(uri: uri, method: .get, headers: b.headers)
        b.take(r)
        return r
    }

    func app(_ options: ServeOptions = ServeOptions()) async throws -> some ApplicationProtocol { try await WebApp.application(options) }

    static func corpusFile(_ name: String) throws -> (field: String, name: String, data: Data) {
        ("files", name, try Data(contentsOf: Self.corpus.appendingPathComponent(name)))
    }

    static func pairFile(_ name: String) throws -> (field: String, name: String, data: Data) {
        let url = Self.pairs.appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: url.path) else { throw XCTSkip("../shared/corpus/pairs is absent: \(name) not checked") }
        return ("files", name, try Data(contentsOf: url))
    }

    static func docIDs(_ page: String) -> [String] {
        page.components(separatedBy: "/doc?id=").dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }

    /// A reference links to the cited document once the store holds it, whichever came first,
    /// and the parent a plan says it implements is the one suggested for the check.
    func testReferencesLinkAndSuggestTheParent() async throws {
        let parent = "UBND TỈNH NAM ĐỊNH\nSố: 99/KH-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nNam Định, ngày 02 tháng 01 năm 2025\n\nKẾ HOẠCH\nPhát triển giáo dục năm 2025\n\nI. NHIỆM VỤ\n1. Tổ chức hội nghị triển khai nhiệm vụ năm học.\n2. Kiểm tra công tác chuyển đổi số các trường.\n"
        let child = "TRƯỜNG THCS AN BÌNH\nSố: 07/KH-THCS\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nAn Bình, ngày 10 tháng 01 năm 2025\n\nKẾ HOẠCH\nThực hiện nhiệm vụ năm 2025\n\nThực hiện Kế hoạch số 99/KH-UBND ngày 02/01/2025 của UBND tỉnh; căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị.\n\nI. NHIỆM VỤ\n1. Tổ chức hội nghị triển khai nhiệm vụ năm học.\n"
        try await app().test(.router) { client in
            var b = Browser()
            _ = try await Self.get(client, "/", &b)
            _ = try await Self.post(client, "/upload", b, files: [("files", "con.txt", Data(child.utf8))])
            let before = String(buffer: try await Self.get(client, "/doc?id=07/KH-THCS", &b).body)
            XCTAssertTrue(before.contains("99/KH-UBND — <span class=\"missing-ref\">chưa có trong kho</span>"), before)
            let up = try await Self.post(client, "/upload", b, files: [("files", "cha.txt", Data(parent.utf8))])
            XCTAssertEqual(Self.docIDs(String(buffer: up.body)), ["99/KH-UBND"])
            let after = String(buffer: try await Self.get(client, "/doc?id=07/KH-THCS", &b).body)
            XCTAssertTrue(after.contains("<a href=\"/doc?id=99/KH-UBND\">99/KH-UBND</a>"), after)
            XCTAssertTrue(after.contains("57-NQ/TW — <span class=\"missing-ref\">chưa có trong kho</span>"))
            let pick = String(buffer: try await Self.get(client, "/check?child=07/KH-THCS", &b).body)
            XCTAssertTrue(pick.contains("<option value=\"99/KH-UBND\">99/KH-UBND — Phát triển giáo dục năm 2025 (văn bản này ghi “Thực hiện”)"), pick)
            // The orphans page lists what is cited but not held.
            let orphans = String(buffer: try await Self.get(client, "/orphans", &b).body)
            XCTAssertTrue(orphans.contains("57-NQ/TW") && !orphans.contains(">99/KH-UBND<"))
        }
    }

    func testUploadACorpusFileAndSeeIt() async throws {
        try await app().test(.router) { client in
            var b = Browser()
            let home = try await Self.get(client, "/", &b)
            XCTAssertEqual(home.status, .ok)
            XCTAssertFalse(b.token.isEmpty, "the home page's upload form carries a CSRF token")
            let r = try await Self.post(client, "/upload", b, files: [try Self.corpusFile("003.docx")])
            let page = String(buffer: r.body)
            XCTAssertEqual(r.status, .ok, page)
            XCTAssertTrue(page.contains("DOCX"), "type read from content")
            let id = try XCTUnwrap(page.range(of: #"/doc?id="#).map { String(page[$0.upperBound...].prefix { $0 != "\"" }) })
            let doc = try await Self.get(client, "/doc?id=\(id)", &b)
            let html = String(buffer: doc.body)
            XCTAssertEqual(doc.status, .ok)
            for part in ["Bố cục", "Nhiệm vụ (", "Chỉ tiêu (", "Văn bản dẫn chiếu", "chưa có trong kho"] {
                XCTAssertTrue(html.contains(part), "document page shows \(part)")
            }
            // Its JSON says the same and lists tasks.
            let api = try await client.execute(uri: "/api/doc?id=\(id)", method: .get)
            let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(api.body.readableBytesView)) as? [String: Any])
            XCTAssertGreaterThan((json["tasks"] as? [Any])?.count ?? 0, 5)
            XCTAssertGreaterThan((json["outline"] as? [Any])?.count ?? 0, 3)
            // Search by type and title words (folded: case and tone placement do not matter) finds it.
            let title = try XCTUnwrap(json["title"] as? String)
            let words = title.split(separator: " ").prefix(4).joined(separator: " ").uppercased()
            let q = Links.enc(words)
            let found = String(buffer: try await client.execute(uri: "/api/search?type=k%E1%BA%BF+ho%E1%BA%A1ch&words=\(q)", method: .get).body)
            XCTAssertTrue(found.contains("\"count\" : 1") && found.contains(title), found)
            let none = String(buffer: try await client.execute(uri: "/api/search?words=\(q)+xyzzy", method: .get).body)
            XCTAssertTrue(none.contains("\"count\" : 0"), none)
            let searchPage = String(buffer: try await Self.get(client, "/search?words=\(q)", &b).body)
            XCTAssertTrue(searchPage.contains("1 kết quả"))
        }
    }

    func testCheckTeamKHTNAgainst003() async throws {
        let child = try Self.pairFile("team-khtn.docx")
        try await app().test(.router) { client in
            var b = Browser()
            _ = try await Self.get(client, "/", &b)
            // Several files in one upload.
            let up = try await Self.post(client, "/upload", b, files: [try Self.corpusFile("003.docx"), child])
            XCTAssertEqual(up.status, .ok)
            XCTAssertTrue(String(buffer: up.body).contains("2 tệp đã đọc"), String(buffer: up.body))
            // 003 is a draft without a number, so the child's "Thực hiện 112/KH-THCS" cannot find it:
            // the parent is picked from the store's list instead.
            let ids = Self.docIDs(String(buffer: up.body))
            XCTAssertEqual(ids.count, 2)
            let parent = ids[0].removingPercentEncoding!
            let pick = try await client.execute(uri: "/api/check?child=05/KH-TKHTN", method: .get)
            let others = try XCTUnwrap((try JSONSerialization.jsonObject(with: Data(pick.body.readableBytesView)) as? [String: Any])?["others"] as? [[String: Any]])
            XCTAssertTrue(others.contains { $0["id"] as? String == parent })
            let pickPage = String(buffer: try await Self.get(client, "/check?child=05/KH-TKHTN", &b).body)
            XCTAssertTrue(pickPage.contains("<option value=\"\(parent)\">"))
            // The form posts the pick and is sent on to the report.
            let picked = try await Self.post(client, "/check", b, fields: [("child", "05/KH-TKHTN"), ("parent", parent)], files: [])
            XCTAssertEqual(picked.status, .seeOther)
            let location = try XCTUnwrap(picked.headers[.location])
            let report = try await Self.get(client, location, &b)
            let html = String(buffer: report.body)
            XCTAssertEqual(report.status, .ok)
            XCTAssertTrue(html.contains("Kiểm tra triển khai kế hoạch") && html.contains("Đã triển khai"))
            let csv = try await client.execute(uri: "/check.csv?child=05/KH-TKHTN&parent=\(Links.enc(parent))", method: .get)
            XCTAssertEqual(csv.headers[.contentType], "text/csv; charset=utf-8")
            let api = try await client.execute(uri: "/api/check?child=05/KH-TKHTN&parent=\(Links.enc(parent))", method: .get)
            let result = try JSONDecoder().decode(CheckResult.self, from: Data(api.body.readableBytesView))
            XCTAssertGreaterThan(result.summary.tasks, 10)
            XCTAssertGreaterThan(result.summary.covered, 0)
            // The same result the CLI's checker gives.
            let cli = Checker().check(child: try Plan(contentsOf: Self.pairs.appendingPathComponent("team-khtn.docx")),
                                      parent: try Plan(contentsOf: Self.corpus.appendingPathComponent("003.docx")), childFile: "c", parentFile: "p")
            XCTAssertEqual(result.summary, cli.summary)
            // The graph: what team-khtn implements (the number it cites, not yet in the store).
            let graph = try await client.execute(uri: "/api/graph?id=05/KH-TKHTN", method: .get)
            XCTAssertTrue(String(buffer: graph.body).contains("112/KH-THCS"), String(buffer: graph.body))
            let graphPage = String(buffer: try await Self.get(client, "/graph?id=05/KH-TKHTN", &b).body)
            XCTAssertTrue(graphPage.contains("<img class=\"graph\" src=\"/graph.svg?id=05/KH-TKHTN\""))
            if FileManager.default.isExecutableFile(atPath: "/usr/bin/dot") {
                let svg = try await client.execute(uri: "/graph.svg?id=05/KH-TKHTN", method: .get)
                XCTAssertEqual(svg.headers[.contentType], "image/svg+xml")
                XCTAssertTrue(String(buffer: svg.body).contains("<svg"))
            }
        }
    }

    /// Document text holds "<", quotes and stray markup: every piece reaches the page escaped.
    func testHostileTextIsEscaped() async throws {
        let plan = """
        UBND TỈNH "BẮC" <b>NAM</b>
        SỞ GIÁO DỤC VÀ ĐÀO TẠO
        Số: 12/KH-SGDĐT
        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
        Độc lập - Tự do - Hạnh phúc
        Hà Nội, ngày 01 tháng 02 năm 2025

        KẾ HOẠCH
        Triển khai <script>alert("x")</script> năm học 2025

        Thực hiện Kế hoạch số 99/KH-UBND"><img src=x onerror=alert(1)> ngày 01/01/2025 của UBND tỉnh.

        I. MỤC ĐÍCH "YÊU CẦU" <i onclick='x'>
        1. Tổ chức <iframe src="http://evil"> hội nghị ' quán triệt.
        """
        try await app().test(.router) { client in
            var b = Browser()
            _ = try await Self.get(client, "/", &b)
            let r = try await Self.post(client, "/upload", b, files: [("files", #"<img src=x onerror=alert(2)>".txt"#, Data(plan.utf8))])
            let up = String(buffer: r.body)
            XCTAssertEqual(r.status, .ok, up)
            XCTAssertFalse(up.contains("<img src=x onerror=alert(2)>"), "the client's file name is escaped")
            let id = try XCTUnwrap(up.range(of: #"/doc?id="#).map { String(up[$0.upperBound...].prefix { $0 != "\"" }) })
            let html = String(buffer: try await Self.get(client, "/doc?id=\(id)", &b).body)
            for raw in ["<script>alert", "<img src=x", "<iframe", "<b>NAM", "<i onclick", #"alert("x")"#, "onclick='x'"] {
                XCTAssertFalse(html.contains(raw), "raw \(raw) on the page")
            }
            XCTAssertTrue(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"), "the title is shown, escaped")
            XCTAssertTrue(html.contains("&lt;iframe src=&quot;http://evil&quot;&gt;") || html.contains("&lt;iframe"), "outline text is shown, escaped")
            XCTAssertTrue(html.contains("&#39;"), "apostrophes are escaped too")
            // Search results and the orphans page escape as well.
            let search = String(buffer: try await Self.get(client, "/search?words=script", &b).body)
            XCTAssertFalse(search.contains("<script>alert"))
            XCTAssertTrue(search.contains("&lt;script&gt;"))
            let r2 = try await client.execute(uri: "/", method: .get)
            XCTAssertTrue(r2.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
        }
    }

    func testCSRFRefusal() async throws {
        try await app().test(.router) { client in
            let file = try Self.corpusFile("000.txt")
            // No cookie, no token: what another site's form would send.
            let bare = try await Self.post(client, "/upload", Browser(), files: [file], csrf: false)
            XCTAssertEqual(bare.status, .forbidden)
            XCTAssertTrue(String(buffer: bare.body).contains("CSRF"))
            // A cookie but another token.
            var b = Browser()
            _ = try await Self.get(client, "/", &b)
            var forged = b
            forged.token = String(repeating: "0", count: 32)
            let status1 = try await Self.post(client, "/upload", forged, files: [file]).status
            XCTAssertEqual(status1, .forbidden)
            // The right token, but sent from another origin.
            let cross = try await Self.post(client, "/upload", b, files: [file], extra: [.origin: "http://evil.example"])
            XCTAssertEqual(cross.status, .forbidden)
            // The API refuses a cookieless post unless it names itself with X-VanBan-Client.
            let status2 = try await Self.post(client, "/api/upload", Browser(), files: [file], csrf: false).status
            XCTAssertEqual(status2, .forbidden)
            let api = try await Self.post(client, "/api/upload", Browser(), files: [file], extra: [HTTPField.Name("X-VanBan-Client")!: "test"], csrf: false)
            XCTAssertEqual(api.status, .ok, String(buffer: api.body))
            let status3 = try await Self.post(client, "/upload", b, files: [file]).status
            XCTAssertEqual(status3, .ok)
        }
    }

    func testUploadLimits() async throws {
        let options = ServeOptions(limits: UploadLimits(maxFiles: 2, maxFileBytes: 20_000, maxTotalBytes: 30_000))
        try await app(options).test(.router) { client in
            var b = Browser()
            _ = try await Self.get(client, "/", &b)
            let big = try await Self.post(client, "/upload", b, files: [try Self.corpusFile("003.docx")])
            XCTAssertEqual(big.status, .contentTooLarge)
            XCTAssertTrue(String(buffer: big.body).contains("vượt giới hạn"))
            let small = (field: "files", name: "nho.txt", data: Data("KẾ HOẠCH\nThử giới hạn số tệp\n".utf8))
            let many = try await Self.post(client, "/upload", b, files: [small, small, small])
            XCTAssertEqual(many.status, .contentTooLarge)
            XCTAssertTrue(String(buffer: many.body).contains("tối đa 2 tệp"))
            // A body over the whole limit is cut off before it is read.
            let huge = try await Self.post(client, "/upload", b, files: [("files", "x.txt", Data(count: 100_000))])
            XCTAssertEqual(huge.status, .contentTooLarge)
            XCTAssertTrue(String(buffer: huge.body).contains("Dữ liệu gửi lên vượt giới hạn"))
        }
    }

    /// Bad uploads get the CLI's one-line errors, naming the file, on the page; the type comes
    /// from the content, not the name.
    func testBadUploadsShowTheCLIErrors() async throws {
        try await app().test(.router) { client in
            var b = Browser()
            _ = try await Self.get(client, "/", &b)
            let r = try await Self.post(client, "/upload", b, files: [
                ("files", "empty.pdf", Data()),
                ("files", "noise.docx", Data([0x00, 0x01, 0x02, 0xFF] + [UInt8](repeating: 0, count: 64))),
                ("files", "../../etc/passwd", Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0])),
            ])
            let page = String(buffer: r.body)
            XCTAssertEqual(r.status, .unprocessableContent)
            XCTAssertTrue(page.contains("empty.pdf: is empty (0 bytes)"), page)
            XCTAssertTrue(page.contains("noise.docx: is neither text, PDF nor DOCX"), page)
            XCTAssertTrue(page.contains("passwd: is a legacy Word/RTF file that cannot be read"), "the client's path is cut to its name")
            XCTAssertFalse(page.contains("../"))
            // A text plan named .pdf is read as text.
            let txt = try await Self.post(client, "/upload", b, files: [("files", "000.pdf", try Self.corpusFile("000.txt").data)])
            XCTAssertEqual(txt.status, .ok)
            XCTAssertTrue(String(buffer: txt.body).contains("văn bản"))
        }
    }

    func testOpenAPIDescribesEveryAPIRoute() async throws {
        try await app().test(.router) { client in
            let r = try await client.execute(uri: "/api/openapi.json", method: .get)
            XCTAssertEqual(r.status, .ok)
            let doc = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.body.readableBytesView)) as? [String: Any])
            XCTAssertEqual(doc["openapi"] as? String, "3.1.0")
            let paths = try XCTUnwrap(doc["paths"] as? [String: Any])
            for p in ["/api/documents", "/api/upload", "/api/doc", "/api/search", "/api/check", "/api/graph", "/api/orphans"] {
                XCTAssertNotNil(paths[p], "\(p) described")
                // And each described GET answers (a 400 for a missing parameter is an answer).
                if p != "/api/upload" {
                    let a = try await client.execute(uri: p, method: .get)
                    XCTAssertTrue([.ok, .badRequest].contains(a.status), "\(p): \(a.status)")
                    XCTAssertEqual(a.headers[.contentType], "application/json; charset=utf-8")
                }
            }
        }
    }

    func testSharedPassword() async throws {
        try await app(ServeOptions(password: "bi-mat-2025")).test(.router) { client in
            let home = try await client.execute(uri: "/", method: .get)
            XCTAssertEqual(home.status, .seeOther)
            XCTAssertEqual(home.headers[.location], "/login")
            let status4 = try await client.execute(uri: "/api/documents", method: .get).status
            XCTAssertEqual(status4, .unauthorized)
            var b = Browser()
            _ = try await Self.get(client, "/login", &b)
            let status5 = try await Self.post(client, "/login", b, fields: [("password", "sai")], files: []).status
            XCTAssertEqual(status5, .unauthorized)
            let ok = try await Self.post(client, "/login", b, fields: [("password", "bi-mat-2025")], files: [])
            XCTAssertEqual(ok.status, .seeOther)
            let session = try XCTUnwrap(ok.headers[values: .setCookie].first { $0.hasPrefix("vb_session=") }?.split(separator: ";").first)
            let status6 = try await client.execute(uri: "/", method: .get, headers: [.cookie: "\(b.cookie); \(session)"]).status
            XCTAssertEqual(status6, .ok)
            let status7 = try await client.execute(uri: "/api/documents", method: .get, headers: [.authorization: "Bearer bi-mat-2025"]).status
            XCTAssertEqual(status7, .ok)
        }
    }
}
