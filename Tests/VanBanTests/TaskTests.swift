import Foundation
import XCTest
@testable import VanBanTasks
import VanBan

final class TaskCorpusTests: XCTestCase {
    /// Gold task rows, with each cell named by what its column means.
    func goldRows(_ gold: Gold, kind: String) -> [(group: String?, cells: [String: String])] {
        var out: [(String?, [String: String])] = []
        for a in gold.appendices where a.kind == kind {
            guard let t = a.table else { continue }
            let meanings = t.header.map { Dictionaries.shared.columnMeaning($0) }
            var group: String?
            for row in t.rows {
                switch row {
                case let .group(_, title): group = title
                case let .cells(c):
                    var named: [String: String] = [:]
                    for (m, cell) in zip(meanings, c) { if let m, named[m] == nil { named[m] = cell } }
                    out.append((group, named))
                }
            }
        }
        return out
    }

    /// The text of a cell with separators and white space gone: the units split from it must
    /// give back every word of it.
    func letters(_ s: String) -> String {
        Fold.key(s.replacingOccurrences(of: ";", with: " ").replacingOccurrences(of: ",", with: " ")).filter { !" ;,.".contains($0) }
    }

    func testEveryGoldTaskRowBecomesATask() throws {
        let documents: [(String, [String])] = [("000", ["pdf", "docx"]), ("001", ["txt", "pdf", "docx"]), ("002", ["pdf", "docx"]),
                                               ("003", ["pdf", "docx"]), ("pairs/team-khtn", ["pdf", "docx"])]
        for (name, formats) in documents {
            let gold = try Gold.load(CorpusTests.corpus.appendingPathComponent("\(name).gold.json"))
            let rows = goldRows(gold, kind: "tasks")
            for format in formats {
                let plan = try Plan(contentsOf: CorpusTests.corpus.appendingPathComponent("\(name).\(format)"))
                XCTAssertEqual(plan.tasks.count, rows.count, "\(name).\(format): task count")
                // The PDF of 000 joins one task's "tái tạo …" / "phù hợp" line break with a space the
                // original does not have; that is the reader's only text difference, and it is allowed.
                let textMisses = zip(plan.tasks, rows).filter { Score.norm($0.text) != Score.norm($1.cells["task"]) }.map(\.0.id)
                XCTAssertLessThanOrEqual(textMisses.count, format == "pdf" ? 1 : 0, "\(name).\(format): task text differs in \(textMisses)")
                for (task, row) in zip(plan.tasks, rows) {
                    let at = "\(name).\(format) \(task.id)"
                    XCTAssertEqual(Score.norm(task.group), Score.norm(row.group), at)
                    XCTAssertEqual(letters(task.lead.joined(separator: " ")), letters(row.cells["lead"] ?? ""), "\(at) lead")
                    XCTAssertEqual(letters(task.partners.joined(separator: " ")), letters(row.cells["partners"] ?? ""), "\(at) partners")
                    XCTAssertEqual(Score.norm(task.deadline?.text), Score.norm(row.cells["deadline"]), "\(at) deadline")
                    XCTAssertEqual(Score.norm(task.output), Score.norm(row.cells["output"]), "\(at) output")
                }
            }
        }
    }

    func testEveryGoldIndicatorRowBecomesAnIndicator() throws {
        for name in ["000", "003", "pairs/team-khtn"] {
            let gold = try Gold.load(CorpusTests.corpus.appendingPathComponent("\(name).gold.json"))
            let rows = goldRows(gold, kind: "indicators")
            for format in ["pdf", "docx"] {
                let plan = try Plan(contentsOf: CorpusTests.corpus.appendingPathComponent("\(name).\(format)"))
                XCTAssertEqual(plan.indicators.count, rows.count, "\(name).\(format): indicator count")
                for (indicator, row) in zip(plan.indicators, rows) {
                    XCTAssertEqual(Score.norm(indicator.text), Score.norm(row.cells["indicator"]), "\(name).\(format) \(indicator.id)")
                    XCTAssertFalse(indicator.targets.isEmpty, "\(name).\(format) \(indicator.id): targets")
                }
            }
        }
    }

    func testTypedTasksOf000() throws {
        let plan = try Plan(contentsOf: CorpusTests.corpus.appendingPathComponent("000.docx"))
        let byID = Dictionary(plan.tasks.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let first = try XCTUnwrap(byID["PL2/I/1"])
        XCTAssertEqual(first.deadline, Deadline(text: "2025", from: 2025, to: 2025, recurrence: .once))
        XCTAssertEqual(first.leadUnits, [Unit(text: "Phòng GDTX,GDNN&ĐH", canonical: "Phòng Giáo dục Thường xuyên, Giáo dục nghề nghiệp và Đại học")])
        XCTAssertEqual(first.partnerUnits, [Unit(text: "Phòng TC-HC", canonical: "Phòng Tổ chức - Hành chính")])
        XCTAssertEqual(first.output, "Hội nghị quán triệt")
        XCTAssertEqual(byID["PL2/I/2"]?.deadline?.recurrence, .continuous)
        let propaganda = try XCTUnwrap(byID["PL2/II/1"])
        XCTAssertEqual(propaganda.lead, ["Phòng TC-HC", "Phòng GDĐT quận/ huyện", "Các cơ sở giáo dục"])
        XCTAssertEqual(propaganda.leadUnits.map(\.canonical), ["Phòng Tổ chức - Hành chính", "Phòng Giáo dục và Đào tạo quận/huyện", "Các cơ sở giáo dục"])
        XCTAssertTrue(plan.tasks.contains { $0.deadline?.recurrence == .perPlan }, "Theo kế hoạch riêng")
        let firstIndicator = try XCTUnwrap(plan.indicators.first)
        XCTAssertEqual(firstIndicator.targets.map(\.year), [2030, 2030, 2045])
        XCTAssertEqual(firstIndicator.targets.map(\.op), [">", ">", "="])
        XCTAssertEqual(firstIndicator.targets.map(\.value), [95, 90, 100])
        XCTAssertEqual(firstIndicator.targets[0].scope, "cơ sở giáo dục phổ thông và giáo dục thường xuyên")
    }

    func testTypedTasksOf003() throws {
        let plan = try Plan(contentsOf: CorpusTests.corpus.appendingPathComponent("003.pdf"))
        let byID = Dictionary(plan.tasks.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        XCTAssertEqual(byID["PL3/II/5"]?.deadline, Deadline(text: "2026 và các năm tiếp theo", from: 2026, recurrence: .continuous))
        XCTAssertEqual(byID["PL3/II/6"]?.deadline, Deadline(text: "2026-2027", from: 2026, to: 2027))
        XCTAssertEqual(byID["PL3/III/9"]?.deadline, Deadline(text: "2026 và duy trì", from: 2026, recurrence: .continuous))
        XCTAssertEqual(byID["PL3/IV/17"]?.deadline?.recurrence, .annual)
        XCTAssertEqual(byID["PL3/IV/19"]?.deadline, Deadline(text: "Từ năm 2026", from: 2026, recurrence: .continuous))
        XCTAssertEqual(byID["PL3/III/13"]?.leadUnits.first?.canonical, "Phòng Quản lý chất lượng")
        XCTAssertEqual(byID["PL3/VII/27"]?.partners, ["BCĐ ƯDCNTT", "Tổ văn phòng"])
        let kh48 = try XCTUnwrap(plan.indicators.first { $0.id == "PL1/11.1" })
        XCTAssertEqual(kh48.unit, "%")
        XCTAssertEqual(kh48.targets.map(\.year), [2030, 2045])
        XCTAssertEqual(kh48.targets[0].op, ">=")
        XCTAssertEqual(kh48.targets[1].qualifier, "maintain-raise")
        let staged = try XCTUnwrap(plan.indicators.first { $0.id == "PL2/I/1" })
        XCTAssertEqual(staged.targets.map(\.year), [2025, 2030, 2035, 2040, 2045])
        XCTAssertEqual(staged.lead, ["BCĐ ƯDCNTT"])
    }

    /// 004 carries its tasks in the body as "- Chủ trì: …" lines.
    func testBodyTasksOf004() throws {
        let plan = try Plan(contentsOf: CorpusTests.corpus.appendingPathComponent("004.txt"))
        XCTAssertEqual(plan.tasks.map(\.id), ["II.1", "II.2", "II.3", "II.4"])
        XCTAssertEqual(plan.tasks[0].lead, ["Sở Giáo dục và Đào tạo"])
        XCTAssertEqual(plan.tasks[0].leadUnits.first?.canonical, "Sở Giáo dục và Đào tạo")
        XCTAssertEqual(plan.tasks[0].deadline?.recurrence, .continuous)
        XCTAssertTrue(plan.tasks[0].text.hasPrefix("Bám sát chỉ đạo"), plan.tasks[0].text)
        XCTAssertEqual(plan.tasks[0].group, "NỘI DUNG NHIỆM VỤ")
    }

    func testCSVOpensInASpreadsheet() throws {
        let plan = try Plan(contentsOf: CorpusTests.corpus.appendingPathComponent("000.docx"))
        let csv = TasksWriter.csv(plan)
        XCTAssertEqual(Array(csv.prefix(3)), [0xEF, 0xBB, 0xBF])
        let text = String(decoding: csv.dropFirst(3), as: UTF8.self)
        XCTAssertTrue(text.hasPrefix("Mã,Nhóm,STT,Nhiệm vụ,Chủ trì"))
        XCTAssertTrue(text.contains("PL2/I/1,\"CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH\",1,"))
    }
}

final class DeadlineTests: XCTestCase {
    let parser = DeadlineParser(dictionaries: .shared)

    func check(_ text: String, from: Int?, to: Int?, _ recurrence: Deadline.Recurrence?, file: StaticString = #filePath, line: UInt = #line) {
        let (d, understood) = parser.parse(text)
        XCTAssertTrue(understood, text, file: file, line: line)
        XCTAssertEqual(d.from, from, "\(text): from", file: file, line: line)
        XCTAssertEqual(d.to, to, "\(text): to", file: file, line: line)
        XCTAssertEqual(d.recurrence, recurrence, "\(text): recurrence", file: file, line: line)
    }

    func testEveryPhraseOfTheIssue() {
        check("2025", from: 2025, to: 2025, .once)
        check("Năm 2026", from: 2026, to: 2026, .once)
        check("Tháng 12 năm 2025", from: 2025, to: 2025, .once)
        XCTAssertEqual(parser.parse("Tháng 12 năm 2025").0.month, 12)
        check("2026-2027", from: 2026, to: 2027, nil)
        check("Giai đoạn 2025 - 2030", from: 2025, to: 2030, nil)
        check("2026 và duy trì", from: 2026, to: nil, .continuous)
        check("2026 và các năm tiếp theo", from: 2026, to: nil, .continuous)
        check("Từ năm 2026", from: 2026, to: nil, .continuous)
        check("Hằng năm", from: nil, to: nil, .annual)
        check("Hàng năm", from: nil, to: nil, .annual)
        check("Thường xuyên", from: nil, to: nil, .continuous)
        check("Theo năm học", from: nil, to: nil, .annual)
        check("Theo kế hoạch riêng", from: nil, to: nil, .perPlan)
        check("Theo lộ trình của Kế hoạch", from: nil, to: nil, .perPlan)
        XCTAssertEqual(parser.parse("Định kỳ 05 năm, 10 năm").0.everyYears, [5, 10])
        let event = parser.parse("Sau khi Chính phủ ban hành Nghị định").0
        XCTAssertEqual(event.event, "Chính phủ ban hành Nghị định")
        XCTAssertNil(event.recurrence)
    }

    func testUnknownPhraseKeepsItsTextAndSaysSo() {
        let (d, understood) = parser.parse("Khi điều kiện cho phép")
        XCTAssertFalse(understood)
        XCTAssertEqual(d.text, "Khi điều kiện cho phép")
    }
}

final class TargetTests: XCTestCase {
    func one(_ s: String) -> Target { TargetParser.parse(s, year: 2030)[0] }

    func testNumbersWithOperators() {
        XCTAssertEqual([one("≥95%").op, one(">95%").op, one("100%").op, one("≥200").op], [">=", ">", "=", ">="])
        XCTAssertEqual(one("≥95%").value, 95)
        XCTAssertEqual(one("≥95%").unit, "%")
        XCTAssertEqual(one("≥200").value, 200)
        XCTAssertNil(one("≥200").unit)
        XCTAssertEqual(one("≥01").value, 1)
    }

    func testSeveralTargetsInOneCellEachWithItsScope() {
        let t = TargetParser.parse("> 95% cơ sở giáo dục phổ thông và giáo dục thường xuyên; > 90% cơ sở giáo dục mầm non và cơ quan quản lý giáo dục.", year: 2030)
        XCTAssertEqual(t.map(\.value), [95, 90])
        XCTAssertEqual(t.map(\.scope), ["cơ sở giáo dục phổ thông và giáo dục thường xuyên", "cơ sở giáo dục mầm non và cơ quan quản lý giáo dục"])
        XCTAssertEqual(t.map(\.year), [2030, 2030])
    }

    func testWords() {
        XCTAssertEqual(one("Duy trì").qualifier, "maintain")
        XCTAssertEqual(one("Duy trì, nâng cao").qualifier, "maintain-raise")
        XCTAssertEqual(one("Tăng").qualifier, "increase")
        XCTAssertEqual(one("Thí điểm").qualifier, "pilot")
        XCTAssertNil(one("Duy trì").value)
        XCTAssertEqual(TargetParser.parse("-", year: 2030), [])
    }
}

final class UnitTests: XCTestCase {
    func testSplitKeepsCommasInsideNames() {
        XCTAssertEqual(Units.split("Phòng GDTX,GDNN&ĐH; Phòng GDĐT quận/huyện; Các cơ sở giáo dục"),
                       ["Phòng GDTX,GDNN&ĐH", "Phòng GDĐT quận/huyện", "Các cơ sở giáo dục"])
        XCTAssertEqual(Units.split("Sở, ngành, cơ quan, đơn vị thành phố; các xã, phường, đặc khu"),
                       ["Sở, ngành, cơ quan, đơn vị thành phố", "các xã, phường, đặc khu"])
        XCTAssertEqual(Units.split("Phòng TC-HC, Phòng GDĐT quận/huyện"), ["Phòng TC-HC", "Phòng GDĐT quận/huyện"])
    }

    func testShortAndFullFormsMeetInTheDictionary() {
        let d = Dictionaries.shared
        XCTAssertEqual(d.unit("Phòng TC-HC"), "Phòng Tổ chức - Hành chính")
        XCTAssertEqual(d.unit("Phòng Tổ chức – Hành chính"), "Phòng Tổ chức - Hành chính")
        XCTAssertEqual(d.unit("Sở GDĐT"), "Sở Giáo dục và Đào tạo")
        XCTAssertEqual(d.unit("các phòng trực thuộc Sở."), "Các phòng trực thuộc Sở")
        XCTAssertNil(d.unit("Phòng Không Có"))
    }
}
