import Foundation
import XCTest
@testable import VanBanPDF
import VanBan

/// The corpus PDFs (rendered by LibreOffice from the gold documents) against their gold.
final class PDFCorpusTests: XCTestCase {
    static let corpus = CorpusTests.corpus
    static let names = ["000", "000-autonum", "001", "002", "003", "004", "pairs/team-khtn"]

    func parse(_ name: String) throws -> (Gold, Plan) {
        (try Gold.load(Self.corpus.appendingPathComponent("\(name).gold.json")),
         try Plan(contentsOf: Self.corpus.appendingPathComponent("\(name).pdf")))
    }

    func testScoresOnEveryCorpusPDF() throws {
        try Self.score(format: "pdf", outline: 0.97, rows: 0.95)
    }

    /// The shared scorer's measures on every corpus document in one format.
    static func score(format: String, outline minOutline: Double, rows minRows: Double) throws {
        for name in names {
            let gold = try Gold.load(corpus.appendingPathComponent("\(name).gold.json"))
            let plan = try Plan(contentsOf: corpus.appendingPathComponent("\(name).\(format)"))
            XCTAssertEqual(plan.source.format, format)
            let outline = Score.outline(gold: gold, plan: plan)
            XCTAssertGreaterThanOrEqual(outline.f1, minOutline, "\(name).\(format): outline F1; missed \(outline.missed)")
            if let rows = Score.tableRows(gold: gold, plan: plan) {
                XCTAssertGreaterThanOrEqual(rows, minRows, "\(name).\(format): table rows exact")
            }
            let refs = Score.references(gold: gold, plan: plan)
            XCTAssertEqual(refs.f1, 1.0, "\(name).\(format): reference F1; missing \(refs.missing), extra \(refs.extra)")
            XCTAssertEqual(refs.countsRight, 1.0, "\(name).\(format): reference counts")
            let wrong = Score.header(gold: gold, plan: plan).filter { !$0.ok }.map(\.field)
            XCTAssertEqual(wrong, [], "\(name).\(format): header fields wrong")
        }
    }

    /// Cells of the appendix tables, compared one by one in row order (score.py's "cells").
    func testCellsAcrossPageBreaks() throws {
        var total = 0, right = 0
        for name in Self.names {
            let (gold, plan) = try parse(name)
            let goldRows = gold.appendices.compactMap(\.table).flatMap(\.rows).map(Score.rowKey)
            let parsedRows = plan.appendices.flatMap(\.rows).map(Score.rowKey)
            var j = 0
            for g in goldRows {
                total += g.count - 1
                guard let k = parsedRows[j...].prefix(6).firstIndex(where: { $0.prefix(2) == g.prefix(2) }) else { continue }
                right += zip(g.dropFirst(), parsedRows[k].dropFirst()).filter { $0 == $1 }.count
                j = k + 1
            }
        }
        XCTAssertGreaterThanOrEqual(Double(right) / Double(total), 0.98, "\(right) of \(total) cells")
    }

    /// A task whose text runs from one landscape page onto the next is one row, the repeated
    /// header row is gone, and the header is the table's columns.
    func testRowContinuedOnTheNextPage() throws {
        let (_, plan) = try parse("000")
        let tasks = try XCTUnwrap(plan.appendices.first { $0.label == "PHỤ LỤC II" })
        XCTAssertEqual(tasks.columns, ["Stt", "Nhiệm vụ, giải pháp", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện", "Kết quả thực hiện"])
        XCTAssertFalse(tasks.rows.contains { if case let .cells(c) = $0 { return c.first == "Stt" }; return false })
        let row = tasks.rows.first { if case let .cells(c) = $0 { return c[1].hasPrefix("Tăng cường thực hiện các sản phẩm tuyên truyền") }; return false }
        guard case let .cells(cells)? = row else { return XCTFail("row II.3 missing") }
        XCTAssertTrue(cells[1].hasSuffix("thực hiện truyền thông trên mạng xã hội."), cells[1])
    }

    func testHeaderColumnsInReadingOrder() throws {
        let (_, plan) = try parse("000")
        XCTAssertEqual(plan.header.issuer, ["UBND THÀNH PHỐ HẢI PHÒNG", "SỞ GIÁO DỤC VÀ ĐÀO TẠO"])
        XCTAssertEqual(plan.header.symbol, "KH-SGDĐT")
        XCTAssertTrue(plan.header.motto)
        XCTAssertEqual(plan.header.year, 2025)
        XCTAssertEqual(plan.header.signer?.name, "Bùi Văn Kiệm")
        XCTAssertEqual(plan.header.recipients.count, 7)
    }

    func testBoldAndPositionsReachTheLayout() throws {
        let layout = try PDFReader().read(url: Self.corpus.appendingPathComponent("004.pdf"))
        XCTAssertEqual(layout.pages.count, 4)
        let paragraphs = layout.pages[0].blocks.compactMap { if case let .paragraph(p) = $0 { return p }; return nil }
        let heading = try XCTUnwrap(paragraphs.first { $0.text == "I. MỤC ĐÍCH, YÊU CẦU" })
        XCTAssertEqual(heading.style.bold, true)
        XCTAssertNotNil(heading.lines.first?.box)
        XCTAssertFalse(layout.pages.flatMap(\.blocks).contains { if case let .paragraph(p) = $0 { return p.text == "2" }; return false },
                       "the running page number is dropped")
    }
}

/// Bad PDFs each get their own one-line error naming the file.
final class PDFErrorTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("vanban-pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    /// A minimal PDF with the given objects; offsets are computed so the file is well formed.
    func pdf(_ objects: [String], trailer: String = "") -> Data {
        var out = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (i, o) in objects.enumerated() {
            offsets.append(out.utf8.count)
            out += "\(i + 1) 0 obj\n\(o)\nendobj\n"
        }
        let xref = out.utf8.count
        out += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for o in offsets { out += String(format: "%010d 00000 n \n", o) }
        out += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R \(trailer)>>\nstartxref\n\(xref)\n%%EOF\n"
        return Data(out.utf8)
    }

    func error(reading data: Data, as name: String) -> ReaderError? {
        let url = dir.appendingPathComponent(name)
        try? data.write(to: url)
        do { _ = try Plan(contentsOf: url); return nil } catch { return error as? ReaderError }
    }

    func testPageWithoutText() {
        let scan = pdf(["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
                        "<< /Length 24 >>\nstream\n0 0 m 100 100 l S\n\nendstream"])
        let e = error(reading: scan, as: "scan.pdf")
        XCTAssertEqual(e?.kind, .noTextLayer)
        XCTAssertEqual(e.map { "\($0)".hasPrefix("scan.pdf: ") }, true)
    }

    func testNoPages() {
        let empty = pdf(["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count 0 >>"])
        let e = error(reading: empty, as: "rong.pdf")
        XCTAssertTrue(e?.kind == .corrupt, "\(String(describing: e))")
    }

    func testEncrypted() {
        let o = "(" + String(repeating: "A", count: 32) + ")", u = "(" + String(repeating: "B", count: 32) + ")"
        let locked = pdf(["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count 0 >>",
                          "<< /Filter /Standard /V 1 /R 2 /O \(o) /U \(u) /P -4 >>"],
                         trailer: "/Encrypt 3 0 R /ID [<0123456789ABCDEF0123456789ABCDEF> <0123456789ABCDEF0123456789ABCDEF>] ")
        XCTAssertEqual(error(reading: locked, as: "khoa.pdf")?.kind, .encrypted)
    }

    func testTruncatedAndGarbage() throws {
        let whole = try Data(contentsOf: CorpusTests.corpus.appendingPathComponent("000.pdf"))
        XCTAssertEqual(error(reading: whole.prefix(3000), as: "cut.pdf")?.kind, .corrupt)
        XCTAssertEqual(error(reading: Data("%PDF-1.7\nnot really\n".utf8), as: "rac.pdf")?.kind, .corrupt)
    }
}

/// The corpus DOCX files through the whole pipeline, against their gold.
final class DOCXScoreTests: XCTestCase {
    func testScoresOnEveryCorpusDOCX() throws {
        try PDFCorpusTests.score(format: "docx", outline: 0.99, rows: 0.99)
    }
}
