import Foundation
import XCTest
import VanBan

/// The real documents in Corpus/ against their gold files.
final class CorpusTests: XCTestCase {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Corpus").standardized

    func parse(_ name: String) throws -> (Gold, Plan) {
        let gold = try Gold.load(Self.corpus.appendingPathComponent("\(name).gold.json"))
        let plan = try Plan(contentsOf: Self.corpus.appendingPathComponent("\(name).txt"))
        return (gold, plan)
    }

    func testOutlineF1OnEveryPlanText() throws {
        for name in ["000", "002", "003", "004"] {
            let (gold, plan) = try parse(name)
            let s = Score.outline(gold: gold, plan: plan)
            XCTAssertGreaterThanOrEqual(s.f1, 0.95, "\(name): outline F1 \(s.f1) (gold \(s.gold), parsed \(s.parsed)); missed \(s.missed)")
        }
    }

    func testHeaderFieldsWhereGoldHasThem() throws {
        for name in ["000", "001", "002", "003", "004"] {
            let (gold, plan) = try parse(name)
            let wrong = Score.header(gold: gold, plan: plan).filter { !$0.ok }.map(\.field)
            XCTAssertEqual(wrong, [], "\(name): header fields wrong: \(wrong)")
        }
    }

    func testHeaderOf000() throws {
        let (_, plan) = try parse("000")
        let h = plan.header
        XCTAssertEqual(h.issuer, ["UBND THÀNH PHỐ HẢI PHÒNG", "SỞ GIÁO DỤC VÀ ĐÀO TẠO"])
        XCTAssertNil(h.number)
        XCTAssertEqual(h.symbol, "KH-SGDĐT")
        XCTAssertEqual(h.type, TypeRef(code: "KH", name: "Kế hoạch"))
        XCTAssertEqual(h.place, "Hải Phòng")
        XCTAssertEqual(h.year, 2025)
        XCTAssertNil(h.date)
        XCTAssertTrue(h.motto)
        XCTAssertEqual(h.subtitle, "(Thực hiện Kế hoạch số 44/KH-UBND ngày 28/02/2025 của Ủy ban nhân dân thành phố Hải Phòng)")
        XCTAssertEqual(h.signer?.name, "Bùi Văn Kiệm")
        XCTAssertEqual(h.signer?.position, ["GIÁM ĐỐC"])
        XCTAssertEqual(h.recipients.count, 7)
        XCTAssertEqual(h.recipients.last, "Lưu: VT, GDTX,GDNN&ĐH.")
        XCTAssertEqual(h.recipients[4], "TT GDTXHP, TTGDNN-GDTX quận/huyện và TP Thủy Nguyên; các CSGD NN;")
    }

    func testSignerWithAuthority() throws {
        let (_, plan) = try parse("004")
        XCTAssertEqual(plan.header.signer, Signer(authority: "KT.", position: ["GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"], name: "Đỗ Thị Hòa"))
    }

    func testPreambleAndClosingParagraphs() throws {
        for name in ["000", "002", "003", "004"] {
            let (gold, plan) = try parse(name)
            XCTAssertEqual(plan.preamble.map { Score.norm($0.text) }, gold.preamble.map { Score.norm($0) }, "\(name): preamble")
            XCTAssertEqual(plan.closing.map { Score.norm($0.text) }, gold.closing.map { Score.norm($0) }, "\(name): closing")
        }
    }

    /// Paragraph recovery: the text under each heading, as the gold splits it.
    func testParagraphsUnderHeadings() throws {
        var total = 0, right = 0
        for name in ["000", "002", "003", "004"] {
            let (gold, plan) = try parse(name)
            var g: [String] = [], p: [String] = []
            func walkG(_ ns: [Gold.GNode]) { for n in ns { g += n.paras.map { Score.norm($0) }; walkG(n.children) } }
            func walkP(_ ns: [OutlineNode]) { for n in ns { p += n.text.map { Score.norm($0.text) }; walkP(n.children) } }
            walkG(gold.body); walkP(plan.outline)
            var pool = Dictionary(p.map { ($0, 1) }, uniquingKeysWith: +)
            for s in g where (pool[s] ?? 0) > 0 { pool[s]! -= 1; right += 1 }
            total += g.count
        }
        let share = Double(right) / Double(total)
        XCTAssertGreaterThanOrEqual(share, 0.9, "paragraphs exactly right: \(right) of \(total)")
    }

    func testAppendixTitlesFound() throws {
        for name in ["000", "001", "002", "003"] {
            let (gold, plan) = try parse(name)
            XCTAssertEqual(plan.appendices.map { $0.label.map(Score.norm) }, gold.appendices.map { $0.label.map(Score.norm) }, "\(name): appendix labels")
            XCTAssertEqual(plan.appendices.map { Score.norm($0.title) }, gold.appendices.map { Score.norm($0.title) }, "\(name): appendix titles")
            XCTAssertEqual(plan.appendices.map { Score.norm($0.attachedTo) }, gold.appendices.map { Score.norm($0.attachedTo) }, "\(name): (Kèm theo …)")
            XCTAssertEqual(plan.appendices.map(\.kind.rawValue), gold.appendices.map(\.kind), "\(name): appendix kinds")
        }
    }

    /// 001.txt holds its table as tab-separated cells: every row comes back exactly.
    func testTabSeparatedTable() throws {
        let (gold, plan) = try parse("001")
        XCTAssertEqual(plan.appendices.first?.columns, gold.appendices.first?.table?.header)
        let rows = try XCTUnwrap(Score.tableRows(gold: gold, plan: plan))
        XCTAssertGreaterThanOrEqual(rows, 0.99, "001: rows exact")
    }

    /// Group rows survive even where the text flattened the grid.
    func testGroupRowsOfFlattenedTables() throws {
        let (gold, plan) = try parse("000")
        let goldGroups = gold.appendices.flatMap { $0.table?.rows ?? [] }.filter { if case .group = $0 { return true }; return false }
        let parsed = plan.appendices.flatMap(\.rows).filter { if case .group = $0 { return true }; return false }
        XCTAssertEqual(parsed.map(Score.rowKey), goldGroups.map(Score.rowKey))
    }

    func testLabelDefectsBecomeDiagnostics() throws {
        let (_, p3) = try parse("003")
        // III has two headings numbered 5.
        XCTAssertTrue(p3.diagnostics.contains { $0.code == "duplicate-label" && $0.message.contains("5.") }, "\(p3.diagnostics)")
        let (_, p2) = try parse("002")
        // V.1 has two headings numbered 1.4.
        XCTAssertTrue(p2.diagnostics.contains { $0.code == "duplicate-label" && $0.message.contains("1.4.") }, "\(p2.diagnostics)")
    }

    func testJSONRoundTrip() throws {
        let (_, plan) = try parse("000")
        let data = try JSONWriter.data(plan)
        let back = try JSONDecoder().decode(Plan.self, from: data)
        XCTAssertEqual(try JSONWriter.string(back), try JSONWriter.string(plan))
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        XCTAssertEqual(object["schema"] as? String, "vanban.plan/1")
        for key in ["source", "header", "outline", "appendices", "tasks", "indicators", "references", "diagnostics"] {
            XCTAssertNotNil(object[key], "contract field \(key)")
        }
    }
}
