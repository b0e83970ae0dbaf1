import Foundation
import XCTest
@testable import VanBanReaders
@testable import VanBanStructure
import VanBan

final class LabelTests: XCTestCase {
    func label(_ s: String) -> String? { ListMarker.label(of: s)?.label }

    func testLabelsOfEveryKind() {
        XCTAssertEqual(label("I. MỤC ĐÍCH, YÊU CẦU"), "I.")
        XCTAssertEqual(label("XIV. KINH PHÍ"), "XIV.")
        XCTAssertEqual(label("1. Mục đích"), "1.")
        XCTAssertEqual(label("12. Thanh tra Sở"), "12.")
        XCTAssertEqual(label("2.1. Đến năm 2030"), "2.1.")
        XCTAssertEqual(label("1.1 Các chỉ tiêu"), "1.1")
        XCTAssertEqual(label("2.1.3. Tiểu mục"), "2.1.3.")
        XCTAssertEqual(label("a) Giáo dục mầm non"), "a)")
        XCTAssertEqual(label("đ) Giáo dục nghề nghiệp"), "đ)")
        XCTAssertEqual(label("b. Chỉ tiêu đến năm 2045"), "b.")
        XCTAssertEqual(label("3) Nội dung"), "3)")
    }

    func testNotLabels() {
        XCTAssertNil(label("2. khoản này"), "a label is followed by a capital")
        XCTAssertNil(label("IIV. X"), "not a Roman numeral")
        XCTAssertNil(label("2025. Năm"), "four digits are a year")
        XCTAssertNil(label("f) Chữ f"), "f is not in the Vietnamese alphabet")
        XCTAssertNil(label("28/02/2025 của"))
        XCTAssertNil(label("I."))
    }

    func testKindsNestByKindNotNumber() {
        XCTAssertEqual(LabelFamily(plainLabel: "IV."), .roman)
        XCTAssertEqual(LabelFamily(plainLabel: "4."), .decimal)
        XCTAssertEqual(LabelFamily(plainLabel: "1.1."), .dotted2)
        XCTAssertEqual(LabelFamily(plainLabel: "a)"), .letter)
        XCTAssertEqual(LabelFamily(plainLabel: "a."), .letter)
        let plan = Dictionaries.shared.labelFamilies(forKind: "Kế hoạch").map(\.rawValue)
        XCTAssertEqual(plan.filter { ["roman", "decimal", "dotted2", "letter"].contains($0) }, ["roman", "decimal", "dotted2", "letter"])
        XCTAssertEqual(LabelFamily.ordinal("đ)"), 5)
        XCTAssertEqual(LabelFamily.ordinal("IX."), 9)
        XCTAssertEqual(LabelFamily.ordinal("2.13."), 13)
    }

    func testRoman() {
        XCTAssertEqual(Roman.value("XIX"), 19)
        XCTAssertNil(Roman.value("IIII"))
        XCTAssertEqual(Roman.string(14), "XIV")
    }
}

final class LineJoinTests: XCTestCase {
    func testWordsJoinWithOneSpace() {
        XCTAssertEqual(LineJoiner.join(["Thực hiện kịp thời và hiệu quả các nội dung, nhiệm vụ được giao tại Kế ", " hoạch số 44"]),
                       "Thực hiện kịp thời và hiệu quả các nội dung, nhiệm vụ được giao tại Kế hoạch số 44")
    }

    func testSymbolSplitAfterHyphenJoinsWithout() {
        XCTAssertEqual(LineJoiner.join(["tại Kế hoạch số 155/KH-", "UBND phù hợp"]), "tại Kế hoạch số 155/KH-UBND phù hợp")
        XCTAssertEqual(LineJoiner.join(["Nghị quyết số 14-", "NQ/TU"]), "Nghị quyết số 14-NQ/TU")
    }

    func testSpacedDashStaysSpaced() {
        XCTAssertEqual(LineJoiner.join(["kinh tế -", "xã hội"]), "kinh tế - xã hội")
    }
}

final class TextReaderTests: XCTestCase {
    func paragraphs(_ text: String) throws -> [String] {
        try TextReader().read(text: text, name: "t.txt").blocks.compactMap {
            if case let .paragraph(p) = $0.block { return p.text }
            return nil
        }
    }

    func testBrokenParagraphsAndHeadings() throws {
        let text = """
        1. Mục đích

        - Thực hiện kịp thời và hiệu quả các nội dung, nhiệm vụ được giao tại Kế

        hoạch số 44/KH-UBND ngày 28/02/2025 của Ủy ban nhân dân thành phố Hải

        Phòng tương xứng với điều kiện nguồn lực của ngành GDĐT;

        - Xác định rõ trách nhiệm, phân công nhiệm vụ cụ thể các phòng thuộc Sở

        và các đơn vị có liên quan.

        5. Xây dựng chương trình đào tạo tiên tiến và thu hút nhân tài
        Phối hợp với các viện, cơ sở đào tạo trên toàn quốc để nghiên cứu, đề xuất
        và triển khai chương trình đào tạo nhân lực chất lượng cao.
        """
        XCTAssertEqual(try paragraphs(text), [
            "1. Mục đích",
            "- Thực hiện kịp thời và hiệu quả các nội dung, nhiệm vụ được giao tại Kế hoạch số 44/KH-UBND ngày 28/02/2025 của Ủy ban nhân dân thành phố Hải Phòng tương xứng với điều kiện nguồn lực của ngành GDĐT;",
            "- Xác định rõ trách nhiệm, phân công nhiệm vụ cụ thể các phòng thuộc Sở và các đơn vị có liên quan.",
            "5. Xây dựng chương trình đào tạo tiên tiến và thu hút nhân tài",
            "Phối hợp với các viện, cơ sở đào tạo trên toàn quốc để nghiên cứu, đề xuất và triển khai chương trình đào tạo nhân lực chất lượng cao.",
        ])
    }

    func testLabelAloneOnItsLineOpensTheHeading() throws {
        let text = "nội dung sau:\nI.\n\nMỤC ĐÍCH, YÊU CẦU\n\n1.\n\nMục đích\n\n- Thực hiện kịp thời.\n2.\n\nYêu cầu\n"
        XCTAssertEqual(try paragraphs(text), ["nội dung sau:", "I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích", "- Thực hiện kịp thời.", "2. Yêu cầu"])
    }

    func testAColumnOfLabelsIsNotTakenForHeadings() throws {
        // A table flattened by pdftotext prints its number column on its own.
        XCTAssertEqual(try paragraphs("TT\n1.\n\n2.\n\n3.\n"), ["TT", "1.", "2.", "3."])
    }

    func testDroppedHyphenComesBackFromTheTextsOwnSpelling() throws {
        let filler = String(repeating: "các nội dung nhiệm vụ được giao tại kế hoạch ", count: 2)
        let text = (0..<6).map { _ in filler }.joined(separator: "\n")
            + "\nThực hiện Kế hoạch số 44/KH-UBND của Ủy ban nhân dân thành phố.\n"
            + filler + "Kế hoạch số 44/KHUBND ngày 28/02/2025 " + filler + "\n"
        let joined = try paragraphs(text).joined(separator: " ")
        XCTAssertFalse(joined.contains("44/KHUBND"), joined)
        XCTAssertEqual(joined.components(separatedBy: "44/KH-UBND").count - 1, 2)
    }

    func testPageNumbersAndPageBreaksDoNotCutAParagraph() throws {
        let text = "- Tổ chức thực hiện đầy đủ các nội dung, nhiệm vụ được giao tại Kế hoạch\n\n\u{0C}2\nsố 44/KH-UBND ngày 28/02/2025.\n"
        XCTAssertEqual(try paragraphs(text), ["- Tổ chức thực hiện đầy đủ các nội dung, nhiệm vụ được giao tại Kế hoạch số 44/KH-UBND ngày 28/02/2025."])
    }

    func testFixedWidthTableByColumnPositions() throws {
        let text = """
                                 PHỤ LỤC
        Stt          Nhiệm vụ                    Chủ trì          Thời gian
         I    NHÓM MỘT

        1     Tổ chức hội nghị quán triệt,   Phòng TC-HC       Năm 2025
              học tập sâu rộng tới toàn thể
              cán bộ                         GDTX              Quý I
        2     Bám sát chỉ đạo                Phòng GDTrH       Thường xuyên
        """
        let layout = try TextReader().read(text: text, name: "t.txt")
        let tables = layout.blocks.compactMap { b -> Table? in if case let .table(t) = b.block { return t }; return nil }
        XCTAssertEqual(tables.count, 1)
        XCTAssertEqual(tables.first?.rows.map { $0.cells.map(\.text) }, [
            ["Stt", "Nhiệm vụ", "Chủ trì", "Thời gian"],
            ["I", "NHÓM MỘT", "", ""],
            ["1", "Tổ chức hội nghị quán triệt, học tập sâu rộng tới toàn thể cán bộ", "Phòng TC-HC GDTX", "Năm 2025 Quý I"],
            ["2", "Bám sát chỉ đạo", "Phòng GDTrH", "Thường xuyên"],
        ])
    }

    func testFixedWidthTwoColumnHeaderReadsColumnByColumn() throws {
        let text = """
           UBND THÀNH PHỐ HẢI PHÒNG                  CỘNG HÒA XÃ HỘI CHỦ NGHĨA
            SỞ GIÁO DỤC VÀ ĐÀO TẠO                           VIỆT NAM
               Số:    /KH- SGDĐT                       Độc lập – Tự do – Hạnh phúc

                                                 Hải Phòng, ngày    tháng            năm
                                                               2025
                                            KẾ HOẠCH
        Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị, Nghị quyết
         số 03-NQ/CP ngày 09/01/2025 của Chính phủ
        """
        let plan = Structurer().structure(try TextReader().read(text: text, name: "t.txt"))
        XCTAssertEqual(plan.header.issuer, ["UBND THÀNH PHỐ HẢI PHÒNG", "SỞ GIÁO DỤC VÀ ĐÀO TẠO"])
        XCTAssertEqual(plan.header.symbol, "KH-SGDĐT")
        XCTAssertTrue(plan.header.motto)
        XCTAssertEqual(plan.header.year, 2025)
        XCTAssertEqual(plan.header.typeName, "KẾ HOẠCH")
    }

    /// The reader is one pass over the bytes: four times the text takes about four times as long.
    func testReadingTimeGrowsLinearly() throws {
        let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Corpus/000.txt").standardized
        let base = try String(contentsOf: corpus, encoding: .utf8)
        func time(_ copies: Int) throws -> Double {
            let text = String(repeating: base + "\u{0C}", count: copies)
            let start = Date()
            _ = try TextReader().read(text: text, name: "big.txt")
            return Date().timeIntervalSince(start)
        }
        _ = try time(1)
        let small = try time(8), large = try time(32)
        let mb = Double(base.utf8.count * 8) / 1_048_576
        print("TextReader: \(String(format: "%.2f", mb)) MB in \(String(format: "%.3f", small)) s, 4x in \(String(format: "%.3f", large)) s (ratio \(String(format: "%.2f", large / small)))")
        XCTAssertLessThan(large / small, 6.5, "reading 4x the text took \(large / small)x as long")
    }

    func testTabSeparatedCells() throws {
        let text = "DANH MỤC\n\tTT\n\tTên nhiệm vụ\n\tThời gian\nhoàn thành\n\n\tI\n\tNhóm một\n\t\n\n\t1\n\tViệc một\n\tNăm 2025\n"
        let layout = try TextReader().read(text: text, name: "t.txt")
        let tables = layout.blocks.compactMap { b -> Table? in if case let .table(t) = b.block { return t }; return nil }
        XCTAssertEqual(tables.count, 1)
        XCTAssertEqual(tables[0].rows.map { $0.cells.map(\.text) }, [["TT", "Tên nhiệm vụ", "Thời gian hoàn thành"], ["I", "Nhóm một", ""], ["1", "Việc một", "Năm 2025"]])
    }

    func testNFDInputComesOutNFC() throws {
        let nfd = "Kế hoạch số 44".decomposedStringWithCanonicalMapping
        let p = try paragraphs(nfd)
        XCTAssertEqual(p.first?.unicodeScalars.count, "Kế hoạch số 44".unicodeScalars.count)
    }

    func testBadInputNamesTheFileAndTheProblem() throws {
        let reader = TextReader()
        XCTAssertThrowsError(try reader.read(data: Data(), name: "rong.txt")) { e in
            XCTAssertEqual((e as? ReaderError)?.kind, .empty)
            XCTAssertTrue("\(e)".hasPrefix("rong.txt: "))
        }
        XCTAssertThrowsError(try reader.read(data: Data(" \n\n ".utf8), name: "trang.txt")) { e in
            XCTAssertEqual((e as? ReaderError)?.kind, .empty)
        }
        XCTAssertThrowsError(try reader.read(data: Data([0x4B, 0xD5, 0x20, 0x68, 0x6F, 0xB9, 0x63, 0x68]), name: "cu.txt")) { e in
            XCTAssertEqual((e as? ReaderError)?.kind, .notUTF8)
        }
        // Text in a legacy font encoding is read (VanBanLegacy decodes it), no longer refused.
        let tcvn3 = String(repeating: "KÕ ho¹ch thùc hiÖn NghÞ quyÕt sè 57 cña Bé ChÝnh trÞ vÒ ph¸t triÓn ", count: 3)
        let decoded = LegacyPass().apply(try reader.read(data: Data(tcvn3.utf8), name: "vntime.txt"))
        XCTAssertTrue(VanBan.text(of: decoded).hasPrefix("Kế hoạch thực hiện Nghị quyết số 57 của Bộ Chính trị về phát triển"))
    }

    func testUTF16TextIsRead() throws {
        var data = Data([0xFF, 0xFE])
        data.append("KẾ HOẠCH\nThực hiện".data(using: .utf16LittleEndian)!)
        let layout = try TextReader().read(data: data, name: "u16.txt")
        XCTAssertEqual(layout.pages.first?.blocks.count, 2)
    }

    func testFilesAreRecognisedByContentNotExtension() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("vanban-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let pdf = dir.appendingPathComponent("thuc-ra-la-pdf.txt")
        try Data("%PDF-1.7\n".utf8).write(to: pdf)
        XCTAssertThrowsError(try Plan(contentsOf: pdf)) { e in XCTAssertTrue("\(e)".contains("PDF")) }
        let doc = dir.appendingPathComponent("cu.docx")
        try Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]).write(to: doc)
        // An OLE file goes to LibreOffice, which cannot make a document of ten bytes.
        XCTAssertThrowsError(try Plan(contentsOf: doc)) { e in
            XCTAssertEqual((e as? ReaderError)?.kind, LibreOffice.executable == nil ? .unsupportedFormat : .corrupt)
            XCTAssertTrue("\(e)".hasPrefix("cu.docx: "))
        }
        XCTAssertThrowsError(try Plan(contentsOf: dir.appendingPathComponent("khong-co.txt"))) { e in
            XCTAssertEqual((e as? ReaderError)?.kind, .missing)
        }
    }
}

final class HeaderTests: XCTestCase {
    func plan(_ text: String) throws -> Plan {
        VanBan.plan(from: try TextReader().read(text: text, name: "h.txt"))
    }

    func testIssuerAndMottoFlattenedOnOneLine() throws {
        let p = try plan("""
        UBND THÀNH PHỐ HẢI PHÒNG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
        SỞ GIÁO DỤC VÀ ĐÀO TẠO Độc lập - Tự do - Hạnh phúc
        Số: 637/KH-SGDĐT
        Hải Phòng, ngày 04 tháng 02 năm 2026
        KẾ HOẠCH
        Triển khai các nhiệm vụ về phát triển khoa học, công nghệ
        của ngành Giáo dục và Đào tạo
        Căn cứ Kế hoạch số 48/KH-UBND của Ủy ban nhân dân thành phố;
        I. MỤC ĐÍCH, YÊU CẦU
        """)
        XCTAssertEqual(p.header.issuer, ["UBND THÀNH PHỐ HẢI PHÒNG", "SỞ GIÁO DỤC VÀ ĐÀO TẠO"])
        XCTAssertTrue(p.header.motto)
        XCTAssertEqual(p.header.number, "637")
        XCTAssertEqual(p.header.symbol, "KH-SGDĐT")
        XCTAssertEqual(p.header.date, "2026-02-04")
        XCTAssertEqual(p.header.year, 2026)
        XCTAssertEqual(p.header.place, "Hải Phòng")
        XCTAssertEqual(p.header.title, "Triển khai các nhiệm vụ về phát triển khoa học, công nghệ của ngành Giáo dục và Đào tạo")
        XCTAssertEqual(p.preamble.map(\.text), ["Căn cứ Kế hoạch số 48/KH-UBND của Ủy ban nhân dân thành phố;"])
        XCTAssertEqual(p.outline.map(\.label), ["I."])
    }

    func testDatesInBothForms() {
        XCTAssertEqual(DateText.parse("ngày 31 /12/2024").iso, "2024-12-31")
        XCTAssertEqual(DateText.parse("ngày 22 tháng 8 năm 2025").iso, "2025-08-22")
        XCTAssertEqual(DateText.parse("Hải Phòng, ngày      tháng        năm 2025").year, 2025)
        XCTAssertNil(DateText.parse("Hải Phòng, ngày      tháng        năm 2025").iso)
        XCTAssertNil(DateText.parse("ngày 31/13/2024").iso)
    }

    func testNoHeaderForAnAnnex() throws {
        let p = try plan("DANH MỤC NHIỆM VỤ\n(Kèm theo Đề án “Phát triển giáo dục”)\n\tTT\n\tTên nhiệm vụ\n\n\t1\n\tViệc một\n")
        XCTAssertNil(p.header.typeName)
        XCTAssertEqual(p.appendices.count, 1)
        XCTAssertNil(p.appendices[0].label)
        XCTAssertEqual(p.appendices[0].title, "DANH MỤC NHIỆM VỤ")
        XCTAssertEqual(p.appendices[0].attachedTo, "(Kèm theo Đề án “Phát triển giáo dục”)")
        XCTAssertEqual(p.appendices[0].rows, [.cells(["1", "Việc một"])])
    }

    func testLabelGapIsADiagnosticNotACrash() throws {
        let p = try plan("KẾ HOẠCH\nVề việc thử\nI. MỘT\n1. Một\n3. Ba\nII. HAI\n")
        XCTAssertEqual(p.outline.map { $0.children.map(\.label) }, [["1.", "3."], []])
        XCTAssertTrue(p.diagnostics.contains { $0.code == "label-gap" && $0.message.contains("expected 2.") }, "\(p.diagnostics)")
    }
}

final class FoldTests: XCTestCase {
    func testTonePlacementCaseAndQuiQuy() {
        XCTAssertEqual(Fold.key("hoá"), Fold.key("hóa"))
        XCTAssertEqual(Fold.key("Uỷ ban"), Fold.key("ủy ban"))
        XCTAssertEqual(Fold.key("qui định"), Fold.key("quy định"))
        XCTAssertEqual(Fold.key("kĩ thuật"), Fold.key("kỹ thuật"))
        XCTAssertNotEqual(Fold.key("tay"), Fold.key("tai"))
        XCTAssertNotEqual(Fold.key("hòa"), Fold.key("hóa"))
        XCTAssertEqual(Fold.key("Kế  hoạch\n44"), Fold.key("kế hoạch 44"))
    }

    func testSymbolKeys() {
        XCTAssertEqual(Fold.symbolKey("57- NQ/TW"), Fold.symbolKey("57–NQ/TW"))
        XCTAssertEqual(Fold.symbolKey("2811/QĐ-BGDĐT"), Fold.symbolKey("2811/QÐ-BGDDT"))
        XCTAssertEqual(Fold.symbolKey("05-CTr/TU"), Fold.symbolKey("5-Ctr/TU"))
        XCTAssertNotEqual(Fold.symbolKey("44/KH-UBND"), Fold.symbolKey("4/KH-UBND"))
    }

    func testNFCReadsEthAsDStroke() {
        XCTAssertEqual(Fold.nfc("QÐ"), "QĐ")
    }
}

final class LegacyFontTests: XCTestCase {
    /// A .docx typed in TCVN3 with no font named is decoded from its statistics.
    func testLegacyEncodedDOCXIsDecoded() throws {
        let legacy = String(repeating: "KÕ ho¹ch thùc hiÖn NghÞ quyÕt sè 57 cña Bé ChÝnh trÞ vÒ ph¸t triÓn khoa häc. ", count: 4)
        let data = try DOCXFixture.docx(DOCXFixture.p(legacy))
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("vntime-\(UUID().uuidString).docx")
        try data.write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let layout = try VanBan.layout(of: url)
        XCTAssertEqual(layout.encodings.first?.encoding, "TCVN3")
        XCTAssertTrue(VanBan.text(of: layout).hasPrefix("Kế hoạch thực hiện Nghị quyết số 57 của Bộ Chính trị về phát triển khoa học."))
    }
}
