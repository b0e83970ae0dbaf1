import Foundation
import XCTest
@testable import VanBanCheck
@testable import VanBanTasks
import VanBan

/// The hand-made team plan under the school plan 003, against its expected result.
final class CheckTruthTests: XCTestCase {
    struct Truth: Decodable {
        struct Ref: Decodable, Hashable { var appendix: String?; var group: String?; var number: String? }
        struct Item: Decodable { var kind: String; var parent: Ref; var status: String; var children: [Ref]; var findings: [String] }
        struct Extra: Decodable, Hashable { var kind: String; var appendix: String?; var group: String?; var number: String? }
        var items: [Item]
        var extra: [Extra]
    }

    func key(_ appendix: String?, _ group: String?, _ number: String?) -> String {
        [appendix?.uppercased() ?? "-", group ?? "-", number ?? "-"].joined(separator: "|")
    }

    func check(_ format: String) throws {
        let truth = try JSONDecoder().decode(Truth.self, from: Data(contentsOf: CorpusTests.corpus.appendingPathComponent("pairs/team-khtn.truth.json")))
        let child = try Plan(contentsOf: CorpusTests.corpus.appendingPathComponent("pairs/team-khtn.\(format)"))
        let parent = try Plan(contentsOf: CorpusTests.corpus.appendingPathComponent("003.\(format)"))
        let result = Checker().check(child: child, parent: parent, childFile: "team-khtn.\(format)", parentFile: "003.\(format)")
        let mine = Dictionary(result.items.map { ($0.kind + key($0.parent.appendix, $0.parent.group, $0.parent.number), $0) }, uniquingKeysWith: { a, _ in a })
        var linksRight = 0
        for t in truth.items {
            let at = "\(format) \(t.kind) \(key(t.parent.appendix, t.parent.group, t.parent.number))"
            guard let m = mine[t.kind + key(t.parent.appendix, t.parent.group, t.parent.number)] else { XCTFail("\(at): not reported"); continue }
            XCTAssertEqual(m.status.rawValue, t.status, at)
            XCTAssertEqual(m.findings.map(\.code).sorted(), t.findings.sorted(), at)
            if Set(m.children.map { key($0.appendix, $0.group, $0.number) }) == Set(t.children.map { key($0.appendix, $0.group, $0.number) }) {
                linksRight += 1
            }
            for c in m.children { XCTAssertFalse(c.matched.isEmpty, "\(at): a link says which words matched") }
        }
        // Parent IV.18 is split in two; the STEM-lessons half shares too little wording to be linked.
        XCTAssertGreaterThanOrEqual(linksRight, truth.items.count - 1, "\(format): links right \(linksRight) of \(truth.items.count)")
        let extra = Set(result.extra.map { $0.kind + key($0.appendix, $0.group, $0.number) })
        let expected = Set(truth.extra.map { $0.kind + key($0.appendix, $0.group, $0.number) })
        XCTAssertTrue(expected.isSubset(of: extra), "\(format): extra \(extra) lacks \(expected.subtracting(extra))")
        XCTAssertLessThanOrEqual(extra.count, expected.count + 1, "\(format): extra \(extra.subtracting(expected))")
        XCTAssertEqual(result.child.citesParent, false, "the team cites 112/KH-THCS, a number the draft 003 does not carry")
    }

    func testTeamPlanFromDOCX() throws { try check("docx") }
    func testTeamPlanFromPDF() throws { try check("pdf") }

    func testJSONContractAndReports() throws {
        let child = try Plan(contentsOf: CorpusTests.corpus.appendingPathComponent("pairs/team-khtn.docx"))
        let parent = try Plan(contentsOf: CorpusTests.corpus.appendingPathComponent("003.docx"))
        let result = Checker().check(child: child, parent: parent, childFile: "c", parentFile: "p")
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: JSONWriter.data(result)) as? [String: Any])
        XCTAssertEqual(json["schema"] as? String, "vanban.check/1")
        for k in ["parent", "child", "items", "extra", "summary"] { XCTAssertNotNil(json[k], k) }
        let summary = try XCTUnwrap(json["summary"] as? [String: Any])
        for k in ["tasks", "covered", "partial", "missing", "extra", "findings"] { XCTAssertNotNil(summary[k], k) }
        XCTAssertEqual(result.summary.tasks, 27)
        XCTAssertEqual(result.summary.missing, 11)
        let html = CheckWriter.html(result)
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>") && html.contains("lang=\"vi\"") && html.contains("<mark>"))
        XCTAssertFalse(html.contains("<script"), "one self-contained file")
        XCTAssertEqual(Array(CheckWriter.csv(result).prefix(3)), [0xEF, 0xBB, 0xBF])
        let back = try JSONDecoder().decode(CheckResult.self, from: JSONWriter.data(result))
        XCTAssertEqual(back, result)
    }

    func testBaselineMarksChangedParentTasksSuspect() throws {
        let child = try Plan(contentsOf: CorpusTests.corpus.appendingPathComponent("pairs/team-khtn.docx"))
        var parent = try Plan(contentsOf: CorpusTests.corpus.appendingPathComponent("003.docx"))
        let before = Checker().check(child: child, parent: parent, childFile: "c", parentFile: "p")
        let edited = try XCTUnwrap(parent.tasks.firstIndex { $0.id == "PL3/IV/16" })
        parent.tasks[edited].text += " kịp thời"
        var options = Checker.Options()
        options.baseline = before
        options.accepted = ["PL3/I/3": "Nhà trường không có người đứng đầu cấp tổ"]
        let after = Checker().check(child: child, parent: parent, childFile: "c", parentFile: "p", options: options)
        XCTAssertEqual(after.items.first { $0.parent.id == "PL3/IV/16" }?.findings.map(\.code), ["suspect"])
        XCTAssertEqual(after.items.filter { $0.findings.contains { $0.code == "suspect" } }.count, 1)
        XCTAssertEqual(after.items.first { $0.parent.id == "PL3/I/3" }?.status, .exempt)
        XCTAssertEqual(after.summary.exempt, 1)
    }
}

final class FieldCheckTests: XCTestCase {
    let fields = FieldCheck(dictionaries: .shared, parentYear: 2026, childYear: 2026, childIssuer: ["TỔ KHOA HỌC TỰ NHIÊN"])
    let parser = DeadlineParser(dictionaries: .shared)

    func finding(_ p: String, _ c: String) -> String? {
        fields.deadline(parser.parse(p).0, parser.parse(c).0)?.code
    }

    func testDeadlines() {
        XCTAssertEqual(finding("Hằng năm", "Hằng năm, từ năm 2027"), "deadline-later")
        XCTAssertEqual(finding("Theo năm học", "Từ năm học 2027-2028"), "deadline-later")
        XCTAssertEqual(finding("Từ năm 2026", "Từ năm 2027"), "deadline-later")
        XCTAssertEqual(finding("Năm 2025", "Năm 2026"), "deadline-later")
        XCTAssertEqual(finding("2026-2030", "2026-2032"), "deadline-later")
        XCTAssertNil(finding("2026-2030", "2026-2028"), "earlier is fine")
        XCTAssertNil(finding("2026 và duy trì", "Năm 2026 và duy trì"))
        XCTAssertNil(finding("Hằng năm", "Thường xuyên; hằng năm"))
        XCTAssertEqual(finding("Thường xuyên", "Theo kế hoạch riêng"), "deadline-changed")
    }

    func testTargets() {
        func ind(_ cells: [String], years: [Int]) -> Indicator {
            Indicator(id: "x", text: "x", targets: zip(cells, years).flatMap { c, y in
                TargetParser.parse(c, year: y).isEmpty ? [Target(year: y, text: c)] : TargetParser.parse(c, year: y) })
        }
        let parent = ind(["≥95%", "100%"], years: [2025, 2030])
        XCTAssertEqual(fields.indicators(parent, [ind(["≥90%"], years: [2030])]).map(\.code), ["target-weaker"])
        XCTAssertEqual(fields.indicators(parent, [ind(["100%"], years: [2030])]).map(\.code), [], "2025 is beyond the child's columns")
        XCTAssertEqual(fields.indicators(parent, [ind([""], years: [2030])]).map(\.code), ["target-weaker"], "a column left empty")
        XCTAssertEqual(fields.indicators(ind([">95%"], years: [2030]), [ind(["≥95%"], years: [2030])]).map(\.code), ["target-weaker"])
        XCTAssertEqual(fields.indicators(ind(["≥80%"], years: [2030]), [ind(["≥90%"], years: [2030])]).map(\.code), ["target-changed"])
        XCTAssertEqual(fields.indicators(ind(["Duy trì"], years: [2030]), [ind(["Tăng"], years: [2030])]).map(\.code), ["target-changed"])
    }

    func testLeadOfOwnPeopleIsNoChange() {
        let p = Task(id: "p", group: nil, text: "x", lead: ["Văn phòng Sở"], leadUnits: [Unit(text: "Văn phòng Sở", canonical: "Văn phòng Sở")])
        func child(_ lead: String) -> Task { Task(id: "c", group: nil, text: "x", lead: [lead], leadUnits: [Unit(text: lead)]) }
        XCTAssertNil(fields.lead(p, [child("Tổ trưởng")]))
        XCTAssertNil(fields.lead(p, [child("GV trong tổ")]))
        XCTAssertEqual(fields.lead(p, [child("Công đoàn trường")])?.code, "lead-changed")
    }
}
