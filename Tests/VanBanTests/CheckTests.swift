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
        // Parent IV.18 is split in two; the STEM-lessons half shares little wording but says
        // STEM, a word only IV.18 has, four times.
        XCTAssertEqual(linksRight, truth.items.count, "\(format): links right \(linksRight) of \(truth.items.count)")
        let extra = Set(result.extra.map { $0.kind + key($0.appendix, $0.group, $0.number) })
        let expected = Set(truth.extra.map { $0.kind + key($0.appendix, $0.group, $0.number) })
        XCTAssertTrue(expected.isSubset(of: extra), "\(format): extra \(extra) lacks \(expected.subtracting(extra))")
        XCTAssertEqual(extra, expected, "\(format): extra \(extra.subtracting(expected))")
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
        XCTAssertEqual(result.items.filter { $0.kind == "task" && $0.status == .missing }.count, 11)
        XCTAssertEqual(result.items.filter { $0.kind == "indicator" }.count, parent.indicators.count, "every parent indicator gets an item")
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


/// The pairs of a school under its Sở, against their expected results: counterparts are no
/// finding, a unit of another function is, scope and school-year deadlines.
final class CheckLevelTests: XCTestCase {
    func result(_ child: String, _ parent: String, _ format: String = "docx") throws -> CheckResult {
        let c = try Plan(contentsOf: CorpusTests.corpus.appendingPathComponent("pairs/\(child).\(format)"))
        let p = try Plan(contentsOf: CorpusTests.corpus.appendingPathComponent("\(parent).\(format)"))
        return Checker().check(child: c, parent: p, childFile: child, parentFile: parent)
    }

    func item(_ r: CheckResult, _ number: String) -> CheckResult.Item? {
        r.items.first { $0.kind == "task" && ($0.parent.number == number || $0.parent.number == number + ".") }
    }

    func testSchoolUnderSoTable() throws {
        for format in ["docx", "pdf"] {
            let r = try result("school-thpt-002", "002", format)
            XCTAssertEqual(r.items.filter { $0.kind == "task" }.map(\.status.rawValue),
                           ["covered", "partial", "covered", "covered", "missing", "covered", "missing", "covered", "missing"], format)
            XCTAssertEqual(item(r, "1")?.findings.map(\.code), ["partners-dropped"], format)
            XCTAssertEqual(item(r, "6")?.findings.map(\.code), ["lead-changed"], format)
            XCTAssertNotNil(item(r, "6")?.findings.first?.reason, "a real change says why")
            XCTAssertEqual(Set(item(r, "8")?.findings.map(\.code) ?? []), ["lead-changed", "deadline-later"], format)
            XCTAssertEqual(Set(item(r, "3")?.children.map { "\($0.group ?? "")/\($0.number ?? "")" } ?? []), ["I/3", "II/2"], "both name 16/KH-UBND")
            XCTAssertTrue(item(r, "2")?.findings.isEmpty ?? false, "Phó Hiệu trưởng stands for the Sở department")
            XCTAssertFalse(item(r, "2")?.counterparts?.isEmpty ?? true)
        }
    }

    func testSchoolUnderSoBodyTasks() throws {
        for format in ["docx", "pdf", "txt"] {
            let r = try result("school-thcs-004", "004", format)
            XCTAssertEqual(r.items.filter { $0.kind == "task" }.map(\.status.rawValue), ["covered", "covered", "partial", "missing"], format)
            XCTAssertEqual(r.items.flatMap(\.findings).map(\.code), ["lead-changed"], "\(format): the subject team steering the school")
            XCTAssertEqual(Set(r.extra.compactMap(\.number)), ["II.3", "II.5"], format)
            let accepted = r.items.flatMap { $0.counterparts ?? [] }
            XCTAssertTrue(accepted.contains { $0.parent == "Văn phòng Sở" && $0.child == "Tổ Văn phòng" }, format)
            XCTAssertTrue(CheckWriter.html(r).contains("Tổ Văn phòng"), "the HTML report shows the counterparts")
        }
    }

    let levels = Levels(dictionaries: .shared)

    func context(parent: [String], child: [String]) -> LevelContext {
        var p = Plan(source: Source(file: "p", format: "json", pages: 0)), c = p
        p.header.issuer = parent
        c.header.issuer = child
        return LevelContext(levels: levels, parent: p, child: c, dictionaries: .shared)
    }

    func verdict(_ l: LevelContext, _ u: String, _ v: String) -> String {
        switch l.judge(Unit(text: u, canonical: Dictionaries.shared.unit(u)), Unit(text: v, canonical: Dictionaries.shared.unit(v))) {
        case .counterpart: "counterpart"
        case .different: "different"
        case .unknown: "unknown"
        }
    }

    func testCounterpartsByLevel() {
        let school = context(parent: ["UBND THÀNH PHỐ HẢI PHÒNG", "SỞ GIÁO DỤC VÀ ĐÀO TẠO"], child: ["SỞ GD&ĐT HẢI PHÒNG", "TRƯỜNG THPT LÊ QUÝ ĐÔN"])
        XCTAssertEqual(verdict(school, "Văn phòng Sở", "Tổ Văn phòng"), "counterpart")
        XCTAssertEqual(verdict(school, "Phòng Giáo dục Trung học", "Tổ Toán"), "counterpart")
        XCTAssertEqual(verdict(school, "Phòng Giáo dục Trung học", "Đoàn trường"), "different")
        XCTAssertEqual(verdict(school, "Sở Giáo dục và Đào tạo", "Tổ Ngữ văn"), "different", "one team does not stand for the Sở as a whole")
        XCTAssertEqual(verdict(school, "Sở Giáo dục và Đào tạo", "Ban Giám hiệu"), "counterpart")
        XCTAssertEqual(verdict(school, "Các cơ sở giáo dục", "Tổ Văn phòng"), "counterpart", "the school itself")
        XCTAssertEqual(verdict(school, "Công đoàn ngành GDĐT", "Công đoàn trường"), "counterpart")
        XCTAssertEqual(verdict(school, "Sở Y tế", "Ban Giám hiệu"), "unknown", "another body has no counterpart here")
        // A Sở under its city: the Sở is named, its phòng carry the work.
        let so = context(parent: ["ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG"], child: ["UBND THÀNH PHỐ HẢI PHÒNG", "SỞ GIÁO DỤC VÀ ĐÀO TẠO"])
        XCTAssertEqual(verdict(so, "Sở Giáo dục và Đào tạo", "Phòng Giáo dục Trung học"), "counterpart")
        XCTAssertEqual(verdict(so, "Các sở, ban, ngành", "Văn phòng Sở"), "counterpart")
        XCTAssertEqual(verdict(so, "UBND các xã, phường, đặc khu", "Văn phòng Sở"), "unknown", "the communes are not the Sở")
        // A team inside its school gives tasks to its own people; no counterparts.
        let team = context(parent: ["TRƯỜNG THCS A"], child: ["TRƯỜNG THCS A", "TỔ KHOA HỌC TỰ NHIÊN"])
        XCTAssertEqual(verdict(team, "Văn phòng Sở", "Công đoàn trường"), "unknown")
    }

    func testScopeEnumerations() {
        let scope = Scope(sim: Similarity(dictionaries: .shared), dictionaries: .shared)
        XCTAssertEqual(scope.dropped("Tổ chức hội nghị, hội thảo, tọa đàm, triển lãm về chuyển đổi số", by: ["Tổ chức tọa đàm về chuyển đổi số trong dạy học"]),
                       ["hội nghị", "hội thảo", "triển lãm"])
        XCTAssertEqual(scope.dropped("Ứng dụng các công nghệ như AI, IoT, Big Data trong quản lý", by: ["Tập huấn ứng dụng trí tuệ nhân tạo cho giáo viên"]), ["IoT", "Big Data"])
        XCTAssertEqual(scope.dropped("Tổ chức hội nghị, hội thảo, tọa đàm, triển lãm về chuyển đổi số", by: ["Tổ chức hội thảo, diễn đàn, tọa đàm, triển lãm"]), [], "most of the scope kept")
        XCTAssertEqual(scope.dropped("Tuyên truyền, phổ biến, quán triệt các nhiệm vụ", by: ["Tuyên truyền đến giáo viên"]), [], "a list of actions is not a scope")
    }

    func testSchoolYearAndHorizon() {
        let parser = DeadlineParser(dictionaries: .shared)
        var fields = FieldCheck(dictionaries: .shared, parentYear: 2025, childYear: 2025, childIssuer: [])
        fields.parentHorizon = Horizon(year: 2025, month: 12)
        func f(_ p: String, _ c: String) -> String? { fields.deadline(parser.parse(p).0, parser.parse(c).0)?.code }
        XCTAssertEqual(f("Năm 2025", "Năm học 2025-2026"), "deadline-later", "the school year ends in May 2026")
        XCTAssertNil(f("Năm 2026", "Năm học 2025-2026"))
        XCTAssertNil(f("Giai đoạn 2025-2030", "Năm học 2025-2026"), "a school year starting in September of the first year is not late")
        XCTAssertEqual(f("Thường xuyên", "Năm học 2025-2026"), "deadline-later", "“Thường xuyên” in a 2025 plan ends with 2025")
        XCTAssertEqual(f("Tháng 3/2026", "Năm học 2025-2026"), "deadline-later")
        XCTAssertNil(f("Tháng 6/2026", "Năm học 2025-2026"))
        var plan = Plan(source: Source(file: "p", format: "json", pages: 0))
        plan.header.title = "Thực hiện Chiến lược phát triển giáo dục đến năm 2030, tầm nhìn đến năm 2045"
        XCTAssertEqual(Checker.horizon(of: plan)?.value, 203012)
        plan.header.title = "Kế hoạch năm học 2025-2026"
        XCTAssertEqual(Checker.horizon(of: plan)?.value, 202605)
        plan.header.title = "Duy trì chỉ số PII năm 2024 và những năm tiếp theo"
        XCTAssertNil(Checker.horizon(of: plan))
    }

    func testDeclaredExemptionAndNewerParent() throws {
        var child = try Plan(contentsOf: CorpusTests.corpus.appendingPathComponent("pairs/school-thcs-004.docx"))
        let parent = try Plan(contentsOf: CorpusTests.corpus.appendingPathComponent("004.docx"))
        child.outline[child.outline.count - 1].text.append("Nội dung phát triển nguồn nhân lực chuyển đổi số, giáo dục STEAM/STEM và hướng nghiệp học sinh sau THPT không áp dụng đối với nhà trường do trường chưa có giáo viên cốt cán về chuyển đổi số.")
        var newer = parent
        newer.tasks[0].text += " và báo cáo kết quả hằng quý"
        var options = Checker.Options()
        options.newerParent = newer
        let r = Checker().check(child: child, parent: parent, childFile: "c", parentFile: "p", options: options)
        XCTAssertEqual(r.items.first { $0.parent.number == "II.4" }?.status, .exempt)
        XCTAssertNotNil(r.items.first { $0.parent.number == "II.4" }?.note)
        XCTAssertEqual(r.items.first { $0.parent.number == "II.1" }?.findings.map(\.code).contains("suspect"), true)
        XCTAssertEqual(r.items.filter { $0.findings.contains { $0.code == "suspect" } }.count, 1)
        XCTAssertFalse(r.extra.contains { $0.id.contains("#") }, "a declaration is not an extra task")
    }

    func testPlanJSONWithoutOptionalFields() throws {
        let json = """
        {"schema": "vanban.plan/1", "source": {"file": "a.json"}, "header": {"issuer": ["SỞ GIÁO DỤC VÀ ĐÀO TẠO"]},
         "appendices": [{"title": "Nhiệm vụ", "rows": []}],
         "tasks": [{"id": "1", "text": "Tuyên truyền", "deadline": {"from": 2025}, "leadUnits": [{"text": "Văn phòng Sở"}]}],
         "indicators": [{"id": "2", "text": "Tỷ lệ", "targets": [{"year": 2025}]}]}
        """
        let plan = try JSONDecoder().decode(Plan.self, from: Data(json.utf8))
        XCTAssertEqual(plan.source.pages, 0)
        XCTAssertEqual(plan.tasks.first?.deadline?.from, 2025)
        XCTAssertEqual(plan.indicators.first?.targets.first?.text, "")
        XCTAssertEqual(plan.appendices.first?.kind, .other)
    }
}
