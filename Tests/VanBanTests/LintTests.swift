import Foundation
import XCTest
import VanBan

/// `vanban lint` on the corpus against the gold defects, and its rules on small texts.
final class LintTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized
    static let shared = root.appendingPathComponent("../shared/corpus").standardized

    func lint(_ text: String) -> [LintFinding] {
        let plan = VanBan.plan(from: try! TextReader().read(data: Data(text.utf8), name: "t.txt"))
        return Linter().lint(plan, file: "t.txt").findings
    }

    func codes(_ text: String) -> [String] { lint(text).map(\.code) }

    static let header = """
    UBND THÀNH PHỐ HẢI PHÒNG
    SỞ GIÁO DỤC VÀ ĐÀO TẠO
    Số: 12/KH-SGDĐT
    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
    Độc lập - Tự do - Hạnh phúc
    Hải Phòng, ngày 10 tháng 3 năm 2025

    KẾ HOẠCH
    Triển khai chuyển đổi số năm 2025

    """

    // MARK: Words

    func testDoubledWordsAndPhrases() {
        let f = lint(Self.header + "I. MỤC ĐÍCH\n1. Mục đích\n- Tổ chức thực hiện Thực hiện Kế hoạch của các các đơn vị.\n")
        let doubled = f.filter { $0.code == "doubled-word" }.compactMap(\.text)
        XCTAssertEqual(doubled, ["thực hiện Thực hiện", "các các"])
        XCTAssertEqual(f.first { $0.code == "doubled-word" }?.where, "Body I.1 ¶1")
    }

    func testLegitimateRepeatsAreNotDoubled() {
        let f = lint(Self.header + "I. NỘI DUNG\n- Cán bộ trực tiếp tiếp nhận hồ sơ theo Luật Luật sư; học sinh dần dần tiến bộ.\n")
        XCTAssertFalse(f.contains { $0.code == "doubled-word" }, "\(f.map(\.text))")
    }

    func testMissingSpaceAndSpelling() {
        let f = lint(Self.header + "I. NỘI DUNG\n- Giáo dục kỹ năng cho học sinh;Xây dựng kế hoạch liện hệ Sở GDĐT, phòng CĐS và KHCN.\n")
        XCTAssertTrue(f.contains { $0.code == "missing-space" && $0.text == "sinh;Xây" })
        let spelling = f.filter { $0.code == "spelling" }
        XCTAssertEqual(spelling.compactMap(\.text), ["liện"], "abbreviations of the project list are no typos")
        XCTAssertEqual(spelling.first?.suggestion, "liên")
    }

    func testTonePlacementMixedIsOneInformationalFinding() {
        let f = lint(Self.header + "I. NỘI DUNG\n- Đẩy mạnh chuyển đổi số, số hoá và số hóa hồ sơ; văn hóa, tối ưu hóa quy trình.\n")
        let mixed = f.filter { $0.code == "tone-placement-mixed" }
        XCTAssertEqual(mixed.count, 1)
        XCTAssertEqual(mixed.first?.severity, .info)
        XCTAssertFalse(f.contains { $0.code == "spelling" }, "both placements are correct spellings")
    }

    func testInlineEnumeration() {
        let f = lint(Self.header + "I. NỘI DUNG\n- Nội dung: (1) Bồi dưỡng giáo viên; (2) Đầu tư thiết bị; (3) Phát triển kỹ năng; (3) Xây dựng liên kết.\n")
        let dup = f.filter { $0.code == "duplicate-label" }
        XCTAssertEqual(dup.count, 1)
        XCTAssertEqual(dup.first?.suggestion, "(4)")
        XCTAssertEqual(dup.first?.severity, .error)
    }

    // MARK: Format

    func testMissingHeaderPartsByNghiDinh30() {
        let f = lint("KẾ HOẠCH\nTriển khai chuyển đổi số\nI. MỤC ĐÍCH\n1. Mục đích\n- Thực hiện tốt.\n")
        let format = Set(f.filter { $0.group == "format" }.map(\.code))
        XCTAssertTrue(format.isSuperset(of: ["issuer", "number-line", "motto", "place-date"]), "\(format)")
        XCTAssertTrue(f.first { $0.code == "issuer" }?.rule?.contains("Điều 8") ?? false)
    }

    func testDateThatDoesNotExist() {
        let text = Self.header.replacingOccurrences(of: "ngày 10 tháng 3", with: "ngày 30 tháng 02") + "I. NỘI DUNG\n- Thực hiện.\n"
        XCTAssertTrue(codes(text).contains("date-exists"))
        XCTAssertFalse(codes(Self.header + "I. NỘI DUNG\n- Thực hiện.\n").contains("date-exists"))
    }

    func testCongVanNeedsVv() {
        let h = Header()
        var plan = Plan(source: Source(file: "cv", format: "txt", pages: 1), header: h)
        plan.header.issuer = ["SỞ GIÁO DỤC VÀ ĐÀO TẠO"]
        plan.header.numberLine = "Số: 15/SGDĐT-VP"
        plan.header.number = "15"; plan.header.symbol = "SGDĐT-VP"
        plan.header.title = "Triển khai công tác tuyển sinh"
        plan.header.motto = true
        plan.header.placeDate = "Hải Phòng, ngày 3 tháng 4 năm 2025"
        let r = Linter().lint(plan, file: "cv")
        XCTAssertEqual(r.kind, "CV")
        XCTAssertTrue(r.findings.contains { $0.code == "trich-yeu-cv" && $0.suggestion == "V/v Triển khai công tác tuyển sinh" })
    }

    // MARK: Options, writers

    func testConfigTurnsGroupsOff() throws {
        var o = Linter.Options()
        try LintConfig.parse("# lint\nspelling = off\nseverity = warning\n", file: "c", into: &o)
        XCTAssertEqual(o.disabled, ["spelling"])
        XCTAssertEqual(o.minimumSeverity, .warning)
        XCTAssertThrowsError(try LintConfig.parse("spelling: off", file: "c", into: &o))
        let plan = VanBan.plan(from: try TextReader().read(data: Data((Self.header + "I. NỘI DUNG\n- Tổ chức các các hoạt động; học sinh;Xây dựng.\n").utf8), name: "t.txt"))
        let f = Linter(options: o).lint(plan, file: "t").findings
        XCTAssertFalse(f.contains { $0.group == "spelling" || $0.severity == .info })
    }

    func testWritersEscapeAndCarryTheSchema() throws {
        XCTAssertEqual(HTML.escape(#"<a href="x">Tom & 'Jerry'</a>"#), "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;")
        let finding = LintFinding(code: "spelling", group: "spelling", severity: .warning, where: "Body I", text: "<liện>", message: "sai", suggestion: "liên")
        let report = LintReport(files: [LintResult(file: "a.txt", kind: "KH", title: "T", findings: [finding])])
        let html = LintWriter.html(report)
        XCTAssertTrue(html.contains("&lt;liện&gt;") && !html.contains("<liện>"))
        XCTAssertTrue(html.contains("lang=\"vi\""))
        let json = try JSONSerialization.jsonObject(with: JSONWriter.data(report)) as? [String: Any]
        XCTAssertEqual(json?["schema"] as? String, "vanban.lint/1")
        XCTAssertTrue(LintWriter.markdown(report).contains("| Cảnh báo | Chính tả và từ ngữ | spelling |"))
    }

    // MARK: Gold

    struct Tally { var gold = 0, found = 0, other = 0; var cleanErrors: [String] = [] }

    /// Lints every listed file of a gold and matches its defects.
    func tally(_ golds: [URL], sources: (URL) -> [URL]) throws -> Tally {
        var t = Tally()
        for g in golds {
            let defects = try LintGold.defects(g)
            for src in sources(g) {
                let plan = try Plan(contentsOf: src)
                let findings = Linter().lint(plan, file: src.lastPathComponent).findings
                let m = LintGold.match(defects, findings, flat: plan.outline.isEmpty)
                t.gold += defects.count; t.found += m.found.count; t.other += LintGold.perPlace(findings).count - m.used.count
                if defects.isEmpty { t.cleanErrors += findings.filter { $0.severity == .error }.map { "\(src.lastPathComponent): \($0.code) \($0.where)" } }
                for (i, d) in defects.enumerated() where !m.found.contains(i) { print("lint miss \(src.lastPathComponent): \(d.kind) \(d.where)") }
            }
        }
        print("lint: \(t.found)/\(t.gold) gold defects found, \(t.other) other findings")
        return t
    }

    static func files(_ dir: URL, _ suffix: String) -> [URL] {
        ((try? FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)) ?? [])
            .filter { $0.lastPathComponent.hasSuffix(suffix) }.sorted { $0.path < $1.path }
    }

    func testCorpusDefectsEveryFormat() throws {
        let golds = Self.files(Self.root.appendingPathComponent("Corpus"), ".gold.json")
        let t = try tally(golds) { g in
            let base = g.path.replacingOccurrences(of: ".gold.json", with: "")
            return ["txt", "pdf", "docx"].map { URL(fileURLWithPath: "\(base).\($0)") }.filter { FileManager.default.fileExists(atPath: $0.path) }
        }
        XCTAssertGreaterThanOrEqual(Double(t.found) / Double(t.gold), 0.70, "found \(t.found) of \(t.gold)")
    }

    func testVariantsAndWildGold() throws {
        let variants = Self.shared.appendingPathComponent("variants")
        guard FileManager.default.fileExists(atPath: variants.path) else { throw XCTSkip("../shared/corpus/variants is absent") }
        // DOCX only: the other formats are the same documents and the suite's time is shared.
        let v = try tally(Self.files(variants, ".gold.json")) { g in
            let d = URL(fileURLWithPath: g.path.replacingOccurrences(of: ".gold.json", with: ".docx"))
            return FileManager.default.fileExists(atPath: d.path) ? [d] : []
        }
        XCTAssertGreaterThanOrEqual(Double(v.found) / Double(v.gold), 0.60, "variants: found \(v.found) of \(v.gold)")
        XCTAssertEqual(v.cleanErrors, [], "documents without defects get no error")
        let wild = Self.shared.appendingPathComponent("wild-gold")
        let w = try tally(Self.files(wild, ".gold.json")) { g in
            struct S: Decodable { let source: String? }
            guard let s = try? JSONDecoder().decode(S.self, from: Data(contentsOf: g)).source, !s.hasSuffix(".doc") else {
                print("lint: \(g.lastPathComponent) skipped (its source is a legacy .doc)")
                return []
            }
            return [Self.shared.appendingPathComponent("wild").appendingPathComponent(s)]
        }
        XCTAssertGreaterThanOrEqual(w.found, 8, "wild-gold: found \(w.found) of \(w.gold)")
    }

    func testDocumentsWithoutDefectsGetNoError() throws {
        let variants = Self.shared.appendingPathComponent("variants")
        guard FileManager.default.fileExists(atPath: variants.path) else { throw XCTSkip("../shared/corpus/variants is absent") }
        for v in ["c", "d", "e"] {
            for ext in ["txt", "pdf"] {
                let url = variants.appendingPathComponent("team-khtn-\(v).\(ext)")
                let r = Linter().lint(try Plan(contentsOf: url), file: url.lastPathComponent)
                XCTAssertEqual(r.summary.errors, 0, "\(url.lastPathComponent): \(r.findings.filter { $0.severity == .error }.map(\.code))")
            }
        }
    }
}
