import Foundation
import XCTest
import VanBan
import VanBanSynthetic
@testable import VanBanGraph

final class GraphTests: XCTestCase {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Corpus").standardized
    static let texts = ["000.txt", "001.txt", "002.txt", "003.txt", "004.txt", "pairs/team-khtn.txt"].map { corpus.appendingPathComponent($0) }

    var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("vanban-graph-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func store() throws -> CorpusStore { try CorpusStore(path: dir.appendingPathComponent("vanban.sqlite").path) }

    /// The id of the document imported from `file` (its source name).
    func idOf(_ store: CorpusStore, file: String) throws -> String {
        try XCTUnwrap(try store.read { try String.fetchOne($0, sql: "SELECT id FROM documents WHERE file = ?", arguments: [file]) })
    }

    func edges(from id: String, _ g: CitationGraph) -> Set<String> {
        Set(g.edges.filter { $0.from == id }.map { "\($0.relation) \($0.to)" })
    }

    func testCorpusImportGivesTheExactEdges() throws {
        let s = try store()
        let summary = s.importFiles(Self.texts)
        XCTAssertEqual(summary.imported.count, 6, "\(summary.failed)")
        let g = try s.graph()
        XCTAssertEqual(try idOf(s, file: "team-khtn.txt"), "05/KH-TKHTN")
        let id000 = try idOf(s, file: "000.txt"), id003 = try idOf(s, file: "003.txt")
        XCTAssertTrue(id000.hasPrefix("?/KH-SGDĐT@"), id000)
        XCTAssertEqual(edges(from: id000, g), [
            "implements 57-NQ/TW", "implements 03-NQ/CP", "implements 89-CTr/TU", "implements 44/KH-UBND",
            "cites 02/2025/TT-BGDĐT", "cites 03-NQ/TU", "cites 312-KL/TU", "cites 14-NQ/TU", "cites 04/CT-TTg",
        ])
        // 003's preamble: "Thực hiện … 12-KH/TU …; Kế hoạch số 48/KH-UBND …; Kế hoạch số 637/KH-SGDĐT …":
        // each ";"-item carries the verb; 57-NQ/TW sits in a "về thực hiện" clause and is cited.
        XCTAssertEqual(edges(from: id003, g), [
            "implements 12-KH/TU", "cites 57-NQ/TW", "implements 48/KH-UBND", "cites 11/NQ-CP", "cites 71/NQ-CP",
            "implements 637/KH-SGDĐT", "cites 02/2025/TT-BGDĐT",
        ])
        // Every file: its edges are its references, one node per folded id across documents.
        for url in Self.texts {
            let plan = try Plan(contentsOf: url)
            let id = try idOf(s, file: url.lastPathComponent)
            XCTAssertEqual(edges(from: id, g), Set(plan.references.map { "\($0.relation.rawValue) \($0.id)" }), url.lastPathComponent)
        }
        XCTAssertEqual(g.edges.filter { $0.to == "57-NQ/TW" }.count, 3)
        XCTAssertEqual(g.edges.filter { $0.to == "48/KH-UBND" }.count, 2)
        XCTAssertEqual(Set(g.nodes.map(\.id)).count, g.nodes.count)
        let orphans = try s.orphans()
        XCTAssertEqual(orphans.nodes.count, g.nodes.count - 6)
        XCTAssertFalse(orphans.nodes.contains { $0.imported })
        let occurrences = try s.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM occurrences") }
        XCTAssertGreaterThan(occurrences ?? 0, g.edges.count)
    }

    func testReimportChangesNothing() throws {
        let s = try store()
        _ = s.importFiles(Self.texts)
        let before = try s.graph(), counts = try tableCounts(s)
        let again = s.importFiles(Self.texts)
        XCTAssertEqual(again.unchanged.count, 6)
        XCTAssertEqual(again.imported.count + again.updated.count + again.failed.count, 0)
        XCTAssertEqual(try s.graph(), before)
        XCTAssertEqual(try tableCounts(s), counts)
    }

    func tableCounts(_ s: CorpusStore) throws -> [Int] {
        try s.read { db in try ["documents", "versions", "refs", "occurrences", "tasks"].map { try Int.fetchOne(db, sql: "SELECT count(*) FROM \($0)")! } }
    }

    func testNewVersionReplacesAndKeepsHistory() throws {
        let s = try store()
        let copy = dir.appendingPathComponent("khtn.txt"), draft = dir.appendingPathComponent("draft.txt")
        try FileManager.default.copyItem(at: Self.texts[5], to: copy)
        try FileManager.default.copyItem(at: Self.texts[0], to: draft)
        let first = s.importFiles([copy, draft])
        XCTAssertEqual(first.imported, ["05/KH-TKHTN", try idOf(s, file: "draft.txt")])

        var text = try String(contentsOf: copy, encoding: .utf8)
        text = text.replacingOccurrences(of: "Căn cứ Nghị quyết số 57-NQ/TW",
                                         with: "Căn cứ Quyết định số 99/QĐ-UBND ngày 02/01/2026 của Ủy ban nhân dân thành phố Hải Phòng;\nCăn cứ Nghị quyết số 57-NQ/TW")
        try text.write(to: copy, atomically: true, encoding: .utf8)
        // A draft is the same document after an edit that keeps its symbol, year and title.
        try (try String(contentsOf: draft, encoding: .utf8) + "\nGhi chú thêm.\n").write(to: draft, atomically: true, encoding: .utf8)

        let second = s.importFiles([copy, draft])
        XCTAssertEqual(second.updated, ["05/KH-TKHTN", try idOf(s, file: "draft.txt")], "\(second)")
        let history = try s.history(of: "05/KH-TKHTN")
        XCTAssertEqual(history.count, 2)
        XCTAssertNotNil(history[0].replacedAt)
        XCTAssertNil(history[1].replacedAt)
        XCTAssertTrue(edges(from: "05/KH-TKHTN", try s.graph()).contains("basis 99/QĐ-UBND"))
        XCTAssertEqual(try s.graph().nodes.filter(\.imported).count, 2)
        // The old content again: already known, nothing changes.
        try FileManager.default.copyItem(at: Self.texts[5], to: dir.appendingPathComponent("old.txt"))
        XCTAssertEqual(s.importFiles([dir.appendingPathComponent("old.txt")]).unchanged, ["05/KH-TKHTN"])
    }

    func testCitedNodeBecomesFullWhenImported() throws {
        let s = try store()
        _ = s.importFiles([Self.texts[3]])   // 003 cites 637/KH-SGDĐT
        XCTAssertEqual(try s.orphans().nodes.filter { $0.id == "637/KH-SGDĐT" }.count, 1)
        let plan = dir.appendingPathComponent("637.txt")
        try SyntheticPlan.text(number: "637", symbol: "KH-SGDĐT", year: 2026, issuerLines: ["UBND THÀNH PHỐ HẢI PHÒNG", "SỞ GIÁO DỤC VÀ ĐÀO TẠO"],
                               title: "Triển khai nhiệm vụ chuyển đổi số năm 2026",
                               implements: [.init(id: "57-NQ/TW", typeName: "Nghị quyết", date: "22/12/2024", issuer: "Bộ Chính trị")])
            .write(to: plan, atomically: true, encoding: .utf8)
        XCTAssertEqual(s.importFiles([plan]).imported, ["637/KH-SGDĐT"])
        let g = try s.graph()
        XCTAssertEqual(g.nodes.filter { $0.id == "637/KH-SGDĐT" }.map(\.imported), [true])
        XCTAssertTrue(g.edges.contains(GraphEdge(from: try idOf(s, file: "003.txt"), to: "637/KH-SGDĐT", relation: "implements")))
    }

    func testCorruptFileIsSkipped() throws {
        let s = try store()
        let bad = dir.appendingPathComponent("broken.pdf"), empty = dir.appendingPathComponent("empty.docx")
        try Data("%PDF-1.7\n this is not a PDF at all \u{0}\u{1}\u{2}".utf8).write(to: bad)
        try Data().write(to: empty)
        let summary = s.importFiles([Self.texts[0], bad, Self.texts[3], empty])
        XCTAssertEqual(summary.imported.count, 2)
        XCTAssertEqual(summary.failed.map(\.file), [bad.path, empty.path])
        XCTAssertTrue(summary.failed.allSatisfy { !$0.reason.isEmpty })
    }

    func testFolderImportFindsSupportedFilesRecursively() throws {
        let sub = dir.appendingPathComponent("a/b")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        for name in ["x.txt", "y.PDF", "z.docx", "notes.md"] { try Data("x".utf8).write(to: sub.appendingPathComponent(name)) }
        let (files, missing) = CorpusStore.files(in: [dir.path, "/no/such/path"])
        XCTAssertEqual(files.map(\.lastPathComponent), ["x.txt", "y.PDF", "z.docx"])
        XCTAssertEqual(missing, ["/no/such/path"])
    }

    /// A chain: school plan -> department plan -> city plan 44/KH-UBND -> 57-NQ/TW.
    func chain() throws -> CorpusStore {
        let s = try store()
        let city = SyntheticPlan.Cited(id: "44/KH-UBND", typeName: "Kế hoạch", date: "28/02/2025", issuer: "Ủy ban nhân dân thành phố Hải Phòng")
        let party = SyntheticPlan.Cited(id: "57-NQ/TW", typeName: "Nghị quyết", date: "22/12/2024", issuer: "Bộ Chính trị")
        let dept = SyntheticPlan.Cited(id: "7/KH-SGDĐT", typeName: "Kế hoạch", date: "10/03/2025", issuer: "Sở Giáo dục và Đào tạo")
        let texts = [
            ("city.txt", SyntheticPlan.text(number: "44", symbol: "KH-UBND", year: 2025, issuerLines: ["ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG"],
                                            title: "Thực hiện Nghị quyết 57", implements: [party])),
            ("dept.txt", SyntheticPlan.text(number: "7", symbol: "KH-SGDĐT", year: 2025, issuerLines: ["UBND THÀNH PHỐ HẢI PHÒNG", "SỞ GIÁO DỤC VÀ ĐÀO TẠO"],
                                            title: "Thực hiện Kế hoạch 44", implements: [city], basis: [party])),
            ("school.txt", SyntheticPlan.text(number: "3", symbol: "KH-THCS", year: 2025, issuerLines: ["TRƯỜNG THCS TIÊN THẮNG"],
                                              title: "Thực hiện Kế hoạch 7", implements: [dept], cites: [party])),
        ]
        var urls: [URL] = []
        for (name, text) in texts {
            urls.append(dir.appendingPathComponent(name))
            try text.write(to: urls.last!, atomically: true, encoding: .utf8)
        }
        urls.append(Self.texts[0])   // 000 implements 44/KH-UBND too
        let summary = s.importFiles(urls)
        XCTAssertEqual(summary.imported.count, 4, "\(summary)")
        return s
    }

    func testTransitiveQueries() throws {
        let s = try chain()
        let id000 = try idOf(s, file: "000.txt")
        let down = try s.implementers(of: "44/KH-UBND")
        XCTAssertEqual(Set(down.nodes.map(\.id)), ["44/KH-UBND", "7/KH-SGDĐT", "3/KH-THCS", id000])
        XCTAssertEqual(Set(down.edges.map { "\($0.from) \($0.to)" }), ["7/KH-SGDĐT 44/KH-UBND", "3/KH-THCS 7/KH-SGDĐT", "\(id000) 44/KH-UBND"])
        XCTAssertTrue(down.edges.allSatisfy { $0.relation == "implements" })
        let up = try s.ancestors(of: "3/kh-thcs")   // folded: case does not matter
        XCTAssertEqual(Set(up.nodes.map(\.id)), ["3/KH-THCS", "7/KH-SGDĐT", "44/KH-UBND", "57-NQ/TW"])
        XCTAssertFalse(up.edges.contains { $0.relation == "cites" })
        XCTAssertEqual(try s.implementers(of: "57-NQ/TW").nodes.count, 5 + 0)   // 57, 44, 7, 3, 000
        XCTAssertThrowsError(try s.ancestors(of: "999/KH-XYZ"))
    }

    func testSameNumberDisambiguatedByYear() throws {
        let s = try store()
        var urls: [URL] = []
        for year in [2024, 2025] {
            let url = dir.appendingPathComponent("k\(year).txt")
            try SyntheticPlan.text(number: "44", symbol: "KH-UBND", year: year, issuerLines: ["ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG"],
                                   title: "Kế hoạch năm \(year)").write(to: url, atomically: true, encoding: .utf8)
            urls.append(url)
        }
        let citing = dir.appendingPathComponent("citing.txt")
        try SyntheticPlan.text(number: "9", symbol: "KH-SGDĐT", year: 2025, issuerLines: ["SỞ GIÁO DỤC VÀ ĐÀO TẠO"], title: "Kế hoạch dẫn",
                               implements: [.init(id: "44/KH-UBND", typeName: "Kế hoạch", date: "05/03/2024", issuer: "Ủy ban nhân dân thành phố Hải Phòng")])
            .write(to: citing, atomically: true, encoding: .utf8)
        urls.append(citing)
        XCTAssertEqual(s.importFiles(urls).imported, ["44/KH-UBND", "44/KH-UBND@2025", "9/KH-SGDĐT"])
        XCTAssertEqual(edges(from: "9/KH-SGDĐT", try s.graph()), ["implements 44/KH-UBND"])
        XCTAssertThrowsError(try s.ancestors(of: "044/kh-ubnd"))   // two documents share the key
    }

    func testJSONShape() throws {
        let s = try chain()
        let text = try s.implementers(of: "44/KH-UBND").string(.json)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        XCTAssertEqual(Set(object.keys), ["nodes", "edges"])
        let nodes = try XCTUnwrap(object["nodes"] as? [[String: Any]]), edges = try XCTUnwrap(object["edges"] as? [[String: Any]])
        XCTAssertEqual(nodes.count, 4)
        for n in nodes {
            XCTAssertEqual(Set(n.keys), ["id", "type", "number", "symbol", "year", "date", "issuer", "title", "imported"])
        }
        for e in edges { XCTAssertEqual(Set(e.keys), ["from", "to", "relation"]) }
        let city = try XCTUnwrap(nodes.first { $0["id"] as? String == "44/KH-UBND" })
        XCTAssertEqual(city["imported"] as? Bool, true)
        XCTAssertEqual(city["year"] as? Int, 2025)
    }

    func testDOTGraphMLAndMermaid() throws {
        let g = try chain().graph()
        let dot = try g.string(.dot)
        XCTAssertTrue(dot.hasPrefix("digraph vanban {"))
        let lines = dot.split(separator: "\n")
        XCTAssertEqual(lines.filter { $0.contains(" -> ") }.count, g.edges.count)
        XCTAssertEqual(lines.filter { $0.hasPrefix("  \"") && $0.contains("[label=") }.count, g.nodes.count)
        XCTAssertTrue(dot.contains("fillcolor=\"#b2182b\""))   // the Party's resolution
        let graphml = try g.string(.graphml)
        XCTAssertEqual(graphml.components(separatedBy: "<node ").count - 1, g.nodes.count)
        XCTAssertEqual(graphml.components(separatedBy: "<edge ").count - 1, g.edges.count)
        XCTAssertEqual(try g.string(.mermaid).components(separatedBy: " -->|").count - 1, g.edges.count)
        if CitationGraph.findExecutable("dot") != nil {
            let svg = dir.appendingPathComponent("g.svg")
            try g.writeSVG(to: svg.path)
            XCTAssertTrue(try String(contentsOf: svg, encoding: .utf8).contains("<svg"))
        }
    }

    func testLevels() {
        XCTAssertEqual(Identity.level(symbol: "57-NQ/TW", issuer: nil), "party")
        XCTAssertEqual(Identity.level(symbol: "02/2025/TT-BGDĐT", issuer: nil), "ministry")
        XCTAssertEqual(Identity.level(symbol: "88/2019/QH14", issuer: nil), "national-assembly")
        XCTAssertEqual(Identity.level(symbol: "1705/QĐ-TTg", issuer: nil), "government")
        XCTAssertEqual(Identity.level(symbol: "1038/BKHCN-ĐP", issuer: nil), "ministry")
        XCTAssertEqual(Identity.level(symbol: "44/KH-UBND", issuer: nil), "province")
        XCTAssertEqual(Identity.level(symbol: "?/KH-SGDĐT", issuer: nil), "department")
        XCTAssertEqual(Identity.level(symbol: nil, issuer: "TRƯỜNG THCS TIÊN THẮNG"), "school")
        XCTAssertTrue(Identity.issuersCompatible("Ban Thương vụ Thành ủy", "Ban Thường vụ Thành ủy Hải Phòng"))
        XCTAssertTrue(Identity.issuersCompatible("UBND thành phố", "Ủy ban nhân dân thành phố Hải Phòng"))
        XCTAssertFalse(Identity.issuersCompatible("Ủy ban nhân dân thành phố Hà Nội", "Ủy ban nhân dân thành phố Hải Phòng"))
    }

    func testSHA256() {
        XCTAssertEqual(SHA256.hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(SHA256.hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(SHA256.hex(String(repeating: "a", count: 1_000)), "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }
}
