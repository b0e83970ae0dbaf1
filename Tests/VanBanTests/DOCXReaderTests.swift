import Foundation
import XCTest
import ZIPFoundation
@testable import VanBanDOCX
import VanBanLayout
import VanBan

// MARK: - Fixtures: small DOCX packages written in the test

enum DOCXFixture {
    static let ns = #"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006""#

    static func document(_ body: String) -> String {
        #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document \#(ns)><w:body>\#(body)</w:body></w:document>"#
    }

    static func numbering(_ inner: String) -> String { #"<w:numbering \#(ns)>\#(inner)</w:numbering>"# }
    static func styles(_ inner: String) -> String { #"<w:styles \#(ns)>\#(inner)</w:styles>"# }

    /// A w:p with plain runs; `num` = (numId, ilvl).
    static func p(_ text: String, num: (Int, Int)? = nil, style: String? = nil, ppr: String = "", rpr: String = "") -> String {
        var pPr = ppr
        if let s = style { pPr = #"<w:pStyle w:val="\#(s)"/>"# + pPr }
        if let (id, l) = num { pPr += #"<w:numPr><w:ilvl w:val="\#(l)"/><w:numId w:val="\#(id)"/></w:numPr>"# }
        let run = text.isEmpty ? "" : #"<w:r>\#(rpr.isEmpty ? "" : "<w:rPr>\(rpr)</w:rPr>")<w:t xml:space="preserve">\#(text)</w:t></w:r>"#
        return "<w:p>" + (pPr.isEmpty ? "" : "<w:pPr>\(pPr)</w:pPr>") + run + "</w:p>"
    }

    static func lvl(_ i: Int, _ fmt: String, _ text: String, start: Int? = 1, extra: String = "") -> String {
        #"<w:lvl w:ilvl="\#(i)">\#(start.map { #"<w:start w:val="\#($0)"/>"# } ?? "")<w:numFmt w:val="\#(fmt)"/><w:lvlText w:val="\#(text)"/>\#(extra)</w:lvl>"#
    }

    static func abstract(_ id: Int, _ levels: String) -> String { #"<w:abstractNum w:abstractNumId="\#(id)">\#(levels)</w:abstractNum>"# }
    static func num(_ id: Int, _ abstract: Int, _ overrides: String = "") -> String {
        #"<w:num w:numId="\#(id)"><w:abstractNumId w:val="\#(abstract)"/>\#(overrides)</w:num>"#
    }

    /// Writes the parts to a ZIP in a temporary directory and returns its bytes.
    static func zip(_ parts: [String: String]) throws -> Data {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("vanban-docx-\(UUID().uuidString).docx")
        defer { try? FileManager.default.removeItem(at: url) }
        let archive = try Archive(url: url, accessMode: .create)
        for (path, text) in parts.sorted(by: { $0.key < $1.key }) {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { pos, size in
                data.subdata(in: Int(pos)..<Int(pos) + size)
            }
        }
        return try Data(contentsOf: url)
    }

    static func docx(_ body: String, numbering: String? = nil, styles: String? = nil) throws -> Data {
        var parts = ["word/document.xml": document(body)]
        if let n = numbering { parts["word/numbering.xml"] = self.numbering(n) }
        if let s = styles { parts["word/styles.xml"] = self.styles(s) }
        return try zip(parts)
    }

    static func read(_ body: String, numbering: String? = nil, styles: String? = nil) throws -> Layout {
        try DOCXReader().read(data: try docx(body, numbering: numbering, styles: styles), name: "t.docx")
    }
}

extension Layout {
    var paragraphs: [Paragraph] { blocks.compactMap { if case .paragraph(let p) = $0.block { return p } else { return nil } } }
    var tables: [Table] { blocks.compactMap { if case .table(let t) = $0.block { return t } else { return nil } } }
    var labels: [String] { paragraphs.compactMap(\.style.listLabel) }
}

// MARK: - Automatic numbering

final class DOCXNumberingTests: XCTestCase {
    typealias F = DOCXFixture
    let outline = F.abstract(0, F.lvl(0, "upperRoman", "%1.") + F.lvl(1, "decimal", "%2.") + F.lvl(2, "lowerLetter", "%3)"))

    func testOutlineLevelsRestartDeeperOnes() throws {
        let body = [(0, "A"), (1, "B"), (1, "C"), (2, "D"), (2, "E"), (0, "F"), (1, "G"), (2, "H")]
            .map { F.p($0.1, num: (1, $0.0)) }.joined()
        let layout = try F.read(body, numbering: outline + F.num(1, 0))
        XCTAssertEqual(layout.labels, ["I.", "1.", "2.", "a)", "b)", "II.", "1.", "a)"])
        XCTAssertEqual(layout.paragraphs.map(\.text), ["A", "B", "C", "D", "E", "F", "G", "H"], "the label is not in the text")
    }

    func testSeveralPlaceholders() throws {
        let n = F.abstract(0, F.lvl(0, "decimal", "%1.") + F.lvl(1, "decimal", "%1.%2.") + F.lvl(2, "decimal", "%1.%2.%3"))
        let body = [0, 1, 1, 2, 0, 1].map { F.p("x", num: (1, $0)) }.joined()
        XCTAssertEqual(try F.read(body, numbering: n + F.num(1, 0)).labels, ["1.", "1.1.", "1.2.", "1.2.1", "2.", "2.1."])
    }

    func testInstancesOfOneAbstractShareCounters() throws {
        let body = F.p("a", num: (1, 0)) + F.p("b", num: (2, 0)) + F.p("c", num: (1, 0))
        XCTAssertEqual(try F.read(body, numbering: outline + F.num(1, 0) + F.num(2, 0)).labels, ["I.", "II.", "III."])
    }

    func testStartOverrideIsAListOfItsOwn() throws {
        let restart = #"<w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride>"#
        let body = F.p("a", num: (1, 0)) + F.p("b", num: (1, 0)) + F.p("c", num: (2, 0)) + F.p("d", num: (2, 0)) + F.p("e", num: (1, 0))
        XCTAssertEqual(try F.read(body, numbering: outline + F.num(1, 0) + F.num(2, 0, restart)).labels, ["I.", "II.", "V.", "VI.", "III."])
    }

    func testLevelOverrideWithItsOwnLevel() throws {
        let o = #"<w:lvlOverride w:ilvl="1">"# + F.lvl(1, "lowerRoman", "(%2)", start: 3) + "</w:lvlOverride>"
        let body = F.p("a", num: (2, 0)) + F.p("b", num: (2, 1)) + F.p("c", num: (2, 1))
        XCTAssertEqual(try F.read(body, numbering: outline + F.num(2, 0, o)).labels, ["I.", "(iii)", "(iv)"])
    }

    func testLvlRestart() throws {
        // Level 3 restarts only after level 1 (lvlRestart 1); level 2 never restarts (0).
        let n = F.abstract(0, F.lvl(0, "upperRoman", "%1.") + F.lvl(1, "decimal", "%2.", extra: #"<w:lvlRestart w:val="0"/>"#)
                            + F.lvl(2, "lowerLetter", "%3)", extra: #"<w:lvlRestart w:val="1"/>"#))
        let body = [0, 1, 2, 1, 2, 0, 1, 2].map { F.p("x", num: (1, $0)) }.joined()
        XCTAssertEqual(try F.read(body, numbering: n + F.num(1, 0)).labels, ["I.", "1.", "a)", "2.", "b)", "II.", "3.", "a)"])
    }

    func testIsLglPrintsArabicNumbers() throws {
        let n = F.abstract(0, F.lvl(0, "upperRoman", "%1.") + F.lvl(1, "decimal", "%1.%2.", extra: "<w:isLgl/>"))
        let body = [0, 0, 1].map { F.p("x", num: (1, $0)) }.joined()
        XCTAssertEqual(try F.read(body, numbering: n + F.num(1, 0)).labels, ["I.", "II.", "2.1."])
    }

    func testFormats() {
        XCTAssertEqual(ListCounter.format(4, as: "upperRoman"), "IV")
        XCTAssertEqual(ListCounter.format(1994, as: "lowerRoman"), "mcmxciv")
        XCTAssertEqual(ListCounter.format(27, as: "upperLetter"), "AA")
        XCTAssertEqual(ListCounter.format(28, as: "lowerLetter"), "bb")
        XCTAssertEqual(ListCounter.format(5, as: "lowerLetter"), "e", "Word's letters: e, not đ")
        XCTAssertEqual(ListCounter.format(7, as: "decimalZero"), "07")
        XCTAssertEqual(ListCounter.format(12, as: "decimalZero"), "12")
        XCTAssertEqual(ListCounter.format(3, as: "none"), "")
        XCTAssertEqual(ListCounter.format(7, as: "custom", custom: "001, 002, 003, ..."), "007")
        XCTAssertEqual(ListCounter.format(7, as: "ordinal"), "7")
    }

    func testBulletsNoneAndDefaultStart() throws {
        let n = F.abstract(0, F.lvl(0, "bullet", "-") + F.lvl(1, "bullet", "\u{F0B7}") + F.lvl(2, "none", "", start: nil))
            + F.abstract(1, F.lvl(0, "decimal", "%1)", start: nil))
        let body = F.p("a", num: (1, 0)) + F.p("b", num: (1, 1)) + F.p("c", num: (1, 2)) + F.p("d", num: (2, 0))
        let layout = try F.read(body, numbering: n + F.num(1, 0) + F.num(2, 1))
        XCTAssertEqual(layout.paragraphs.map { $0.style.listLabel ?? "·" }, ["-", "•", "·", "0)"], "w:start absent means 0")
    }

    func testNumberingThroughTheStyleChain() throws {
        let styles = #"<w:style w:type="paragraph" w:styleId="Base"><w:name w:val="Base"/><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr></w:style>"#
            + #"<w:style w:type="paragraph" w:styleId="Sub"><w:name w:val="Sub"/><w:basedOn w:val="Base"/></w:style>"#
        let body = F.p("a", num: (1, 0)) + F.p("b", style: "Sub") + F.p("c", style: "Sub")
            + F.p("d", style: "Sub", ppr: #"<w:numPr><w:numId w:val="0"/></w:numPr>"#) + F.p("e", style: "Sub")
        let layout = try F.read(body, numbering: outline + F.num(1, 0), styles: styles)
        XCTAssertEqual(layout.paragraphs.map { $0.style.listLabel ?? "·" }, ["I.", "1.", "2.", "·", "3."])
    }

    func testLevelChosenByTheLevelsParagraphStyle() throws {
        let n = F.abstract(0, F.lvl(0, "upperRoman", "%1.", extra: #"<w:pStyle w:val="H1"/>"#)
                            + F.lvl(1, "decimal", "%2.", extra: #"<w:pStyle w:val="H2"/>"#))
        let styles = ["H1", "H2"].map { #"<w:style w:type="paragraph" w:styleId="\#($0)"><w:name w:val="\#($0)"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>"# }.joined()
        let body = F.p("a", style: "H1") + F.p("b", style: "H2") + F.p("c", style: "H2") + F.p("d", style: "H1")
        XCTAssertEqual(try F.read(body, numbering: n + F.num(1, 0), styles: styles).labels, ["I.", "1.", "2.", "II."])
    }

    func testNumStyleLink() throws {
        // abstract 1 defers to the numbering style "Outline", whose num 2 points at abstract 0.
        let n = outline.replacingOccurrences(of: #"<w:abstractNum w:abstractNumId="0">"#, with: #"<w:abstractNum w:abstractNumId="0"><w:styleLink w:val="Outline"/>"#)
            + #"<w:abstractNum w:abstractNumId="1"><w:numStyleLink w:val="Outline"/></w:abstractNum>"# + F.num(1, 1) + F.num(2, 0)
        let styles = #"<w:style w:type="numbering" w:styleId="Outline"><w:name w:val="Outline"/><w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style>"#
        let body = F.p("a", num: (1, 0)) + F.p("b", num: (1, 1)) + F.p("c", num: (1, 0))
        XCTAssertEqual(try F.read(body, numbering: n, styles: styles).labels, ["I.", "1.", "II."])
    }

    func testNumberedParagraphsInTablesCountInDocumentOrder() throws {
        let body = F.p("a", num: (1, 0)) + "<w:tbl><w:tr><w:tc>" + F.p("b", num: (1, 0)) + "</w:tc></w:tr></w:tbl>" + F.p("c", num: (1, 0))
        let layout = try F.read(body, numbering: outline + F.num(1, 0))
        XCTAssertEqual(layout.labels, ["I.", "III."])
        XCTAssertEqual(layout.tables.first?.rows.first?.cells.first?.paragraphs.first?.style.listLabel, "II.")
    }

    func testUnknownNumIdPrintsNothing() throws {
        XCTAssertEqual(try F.read(F.p("a", num: (7, 0)), numbering: outline + F.num(1, 0)).labels, [])
    }
}

// MARK: - Text, tables, revisions, fields, style hints

final class DOCXContentTests: XCTestCase {
    typealias F = DOCXFixture

    func texts(_ body: String) throws -> [String] { try F.read(body).paragraphs.map(\.text) }

    func testTrackedChangesAccepted() throws {
        let body = #"<w:p><w:r><w:t>Giữ </w:t></w:r><w:ins w:id="1" w:author="a"><w:r><w:t>thêm </w:t></w:r></w:ins><w:del w:id="2" w:author="a"><w:r><w:delText>bỏ </w:delText></w:r></w:del><w:moveFrom w:id="3"><w:r><w:t>cũ </w:t></w:r></w:moveFrom><w:moveTo w:id="4"><w:r><w:t>mới</w:t></w:r></w:moveTo></w:p>"#
        XCTAssertEqual(try texts(body), ["Giữ thêm mới"])
    }

    func testDeletedParagraphMarkJoinsTheNextParagraph() throws {
        let body = #"<w:p><w:pPr><w:rPr><w:del w:id="1" w:author="a"/></w:rPr></w:pPr><w:r><w:t>đầu </w:t></w:r></w:p>"# + F.p("cuối")
        let layout = try F.read(body)
        XCTAssertEqual(layout.paragraphs.map(\.text), ["đầu cuối"])
        XCTAssertEqual(layout.paragraphs.first?.firstLine, 1)
    }

    func testDeletedRowDropped() throws {
        let row = { (t: String, del: Bool) in "<w:tr>" + (del ? #"<w:trPr><w:del w:id="1" w:author="a"/></w:trPr>"# : "") + "<w:tc>" + F.p(t) + "</w:tc></w:tr>" }
        let t = try F.read("<w:tbl>" + row("a", false) + row("b", true) + row("c", false) + "</w:tbl>").tables[0]
        XCTAssertEqual(t.rows.map { $0.cells[0].text }, ["a", "c"])
    }

    func testFormattingChangeKeepsTheNewFormatting() throws {
        let body = #"<w:p><w:r><w:rPr><w:b/><w:rPrChange w:id="1" w:author="a"><w:rPr><w:b w:val="0"/></w:rPr></w:rPrChange></w:rPr><w:t>Đậm</w:t></w:r></w:p>"#
        XCTAssertEqual(try F.read(body).paragraphs.first?.style.bold, true)
    }

    func testFieldsKeepTheirResult() throws {
        let body = #"<w:p><w:r><w:t>Trang </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>; </w:t></w:r><w:fldSimple w:instr=" DATE "><w:r><w:t>01/01/2025</w:t></w:r></w:fldSimple></w:p>"#
        XCTAssertEqual(try texts(body), ["Trang 3; 01/01/2025"])
    }

    func testNestedFieldShowsOnlyTheOuterResult() throws {
        let body = #"<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>IF </w:instrText></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>9</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>kết quả</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>"#
        XCTAssertEqual(try texts(body), ["kết quả"])
    }

    func testWrappersAndMarkersDoNotLeak() throws {
        let body = #"<w:sdt><w:sdtPr><w:alias w:val="x"/><w:rPr><w:b/></w:rPr><w:placeholder><w:docPart w:val="y"/></w:placeholder></w:sdtPr><w:sdtContent><w:p><w:bookmarkStart w:id="0" w:name="_Toc1"/><w:commentRangeStart w:id="1"/><w:hyperlink w:anchor="a"><w:r><w:t>Mục</w:t></w:r></w:hyperlink><w:r><w:tab/><w:t>1</w:t><w:noBreakHyphen/><w:t>2</w:t><w:sym w:font="Symbol" w:char="F0B7"/><w:softHyphen/></w:r><w:bookmarkEnd w:id="0"/><w:commentRangeEnd w:id="1"/><w:r><w:commentReference w:id="1"/></w:r><w:r><w:footnoteReference w:id="2"/></w:r></w:p></w:sdtContent></w:sdt>"#
        let p = try F.read(body).paragraphs
        XCTAssertEqual(p.map(\.text), ["Mục 1-2"])
        XCTAssertEqual(p.first?.style.bold, false, "sdtPr's rPr is not the run's")
    }

    func testAlternateContentReadOnce() throws {
        let body = #"<w:p><w:r><w:t>a</w:t></w:r><mc:AlternateContent><mc:Choice Requires="w14"><w:r><w:t>b</w:t></w:r></mc:Choice><mc:Fallback><w:r><w:t>b</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p>"#
        XCTAssertEqual(try texts(body), ["ab"])
    }

    func testLineBreaksAndOrdinals() throws {
        let body = F.p("một") + "<w:p/>" + #"<w:p><w:r><w:t>hai</w:t><w:br/><w:t>ba</w:t></w:r></w:p>"#
        let layout = try F.read(body)
        XCTAssertEqual(layout.paragraphs.count, 2, "empty paragraphs are dropped")
        XCTAssertEqual(layout.paragraphs[1].lines.map(\.text), ["hai", "ba"])
        XCTAssertEqual(layout.paragraphs[1].lines.map(\.number), [3, 3], "lines carry the paragraph's ordinal")
        XCTAssertEqual(layout.pages.count, 1)
        XCTAssertEqual(layout.format, .docx)
    }

    func testTextIsNFCAndHiddenTextDropped() throws {
        let decomposed = "Vie\u{0302}\u{0323}t"
        let body = F.p(decomposed) + #"<w:p><w:r><w:t>thấy</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>ẩn</w:t></w:r></w:p>"#
        XCTAssertEqual(try texts(body), ["Việt", "thấy"])
        XCTAssertEqual(VanBanDOCX.nfc("Ðiều\u{00A0}1"), "Điều 1", "the fast path maps what Fold.nfc maps")
        XCTAssertEqual(VanBanDOCX.nfc("Nghị quyết – “số”"), "Nghị quyết – “số”")
    }

    func testStyleHints() throws {
        let styles = #"<w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="26"/></w:rPr></w:rPrDefault></w:docDefaults>"#
            + #"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>"#
            + #"<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:rPr><w:b/></w:rPr></w:style>"#
            + #"<w:style w:type="character" w:styleId="Em"><w:name w:val="Em"/><w:rPr><w:i/></w:rPr></w:style>"#
        let body = F.p("Tiêu đề", style: "Heading2", ppr: #"<w:jc w:val="center"/>"#)
            + #"<w:p><w:pPr><w:jc w:val="both"/><w:ind w:left="567"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>đậm </w:t></w:r><w:r><w:t>thường</w:t></w:r></w:p>"#
            + #"<w:p><w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:r><w:rPr><w:rStyle w:val="Em"/><w:sz w:val="28"/></w:rPr><w:t>nghiêng</w:t></w:r></w:p>"#
        let p = try F.read(body, styles: styles).paragraphs.map(\.style)
        XCTAssertEqual(p[0].bold, true); XCTAssertEqual(p[0].headingLevel, 2); XCTAssertEqual(p[0].alignment, .center)
        XCTAssertEqual(p[0].fontSize, 13)
        XCTAssertEqual(p[1].bold, false, "bold only when every run is"); XCTAssertEqual(p[1].alignment, .justify)
        XCTAssertEqual(p[1].indent ?? 0, 28.35, accuracy: 0.001); XCTAssertNil(p[1].headingLevel)
        XCTAssertEqual(p[2].italic, true); XCTAssertEqual(p[2].fontSize, 14); XCTAssertEqual(p[2].headingLevel, 1)
    }

    func testMergedCellsAndHeaderRows() throws {
        let tc = { (t: String, pr: String) in "<w:tc><w:tcPr>\(pr)</w:tcPr>" + F.p(t) + "</w:tc>" }
        let body = "<w:tbl><w:tblPr><w:tblStyle w:val=\"T\"/></w:tblPr><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>"
            + #"<w:tr><w:trPr><w:tblHeader/></w:trPr>"# + tc("Stt", "") + tc("Nội dung", "") + tc("Ghi chú", "") + "</w:tr>"
            + "<w:tr>" + tc("I. NHÓM", #"<w:gridSpan w:val="3"/>"#) + "</w:tr>"
            + "<w:tr>" + tc("1", "") + tc("Việc A", #"<w:vMerge w:val="restart"/>"#) + tc("x", "") + "</w:tr>"
            + "<w:tr>" + tc("2", "") + tc("rác", "<w:vMerge/>") + tc("y", "") + "</w:tr>"
            + #"<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>"# + tc("Việc B", "") + tc("z", "") + "</w:tr></w:tbl>"
        let t = try F.read(body).tables[0]
        XCTAssertEqual(t.rows.map(\.isHeader), [true, false, false, false, false])
        XCTAssertEqual(t.rows[1].cells.map(\.columnSpan), [3])
        XCTAssertEqual(t.rows[2].cells.map(\.text), ["1", "Việc A", "x"])
        XCTAssertEqual(t.rows[3].cells.map(\.continuesAbove), [false, true, false])
        XCTAssertEqual(t.rows[3].cells[1].paragraphs, [], "a continuing cell has no text")
        XCTAssertEqual(t.rows[4].cells.map(\.text), ["", "Việc B", "z"])
        XCTAssertEqual(t.rows[4].cells.map(\.columnSpan), [1, 1, 1])
    }

    func testNestedTableFlattenedIntoItsCell() throws {
        let inner = "<w:tbl><w:tr><w:tc>" + F.p("trong 1") + "</w:tc><w:tc>" + F.p("trong 2") + "</w:tc></w:tr></w:tbl>"
        let body = "<w:tbl><w:tr><w:tc>" + F.p("ngoài") + inner + F.p("sau") + "</w:tc><w:tc>" + F.p("b") + "</w:tc></w:tr></w:tbl>" + F.p("thân")
        let layout = try F.read(body)
        XCTAssertEqual(layout.tables.count, 1)
        XCTAssertEqual(layout.tables[0].rows.map { $0.cells.map(\.text) }, [["ngoài trong 1 trong 2 sau", "b"]])
        XCTAssertEqual(layout.paragraphs.map(\.text), ["thân"])
    }
}

// MARK: - Bad input

final class DOCXErrorTests: XCTestCase {
    typealias F = DOCXFixture

    func assertError(_ kind: ReaderError.Kind, _ name: String = "x.docx", file: StaticString = #filePath, line: UInt = #line,
                     _ body: () throws -> Void) {
        XCTAssertThrowsError(try body(), file: file, line: line) { error in
            guard let e = error as? ReaderError else { return XCTFail("not a ReaderError: \(error)", file: file, line: line) }
            XCTAssertEqual(e.kind, kind, e.description, file: file, line: line)
            XCTAssertTrue(e.description.hasPrefix("\(name): "), e.description, file: file, line: line)
        }
    }

    func testNotAZip() {
        assertError(.notZip) { _ = try DOCXReader().read(data: Data("PK\u{3}\u{4} not really a zip".utf8), name: "x.docx") }
    }

    func testTruncatedZip() throws {
        let whole = try Data(contentsOf: DOCXCorpusTests.corpus.appendingPathComponent("004.docx"))
        for cut in [whole.count / 2, whole.count - 30, 100] {
            XCTAssertThrowsError(try DOCXReader().read(data: whole.prefix(cut), name: "004.docx")) { error in
                let e = error as? ReaderError
                XCTAssertTrue(e?.kind == .notZip || e?.kind == .corrupt, "\(error)")
                XCTAssertTrue(e?.description.hasPrefix("004.docx: ") == true)
            }
        }
    }

    func testZipWithoutDocumentXML() throws {
        let data = try F.zip(["xl/workbook.xml": "<workbook/>", "[Content_Types].xml": "<Types/>"])
        assertError(.notDocx) { _ = try DOCXReader().read(data: data, name: "x.docx") }
    }

    func testMalformedXML() throws {
        let data = try F.zip(["word/document.xml": F.document("<w:p><w:r><w:t>open</w:r></w:p>")])
        assertError(.malformedXML) { _ = try DOCXReader().read(data: data, name: "x.docx") }
        let styles = try F.zip(["word/document.xml": F.document(F.p("a")), "word/styles.xml": "<w:styles"])
        assertError(.malformedXML) { _ = try DOCXReader().read(data: styles, name: "x.docx") }
    }

    func testExternalEntitiesRefused() throws {
        let xxe = #"<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd"><!ENTITY y SYSTEM "http://127.0.0.1:9/">]><w:document \#(F.ns)><w:body><w:p><w:r><w:t>&x;&y;</w:t></w:r></w:p></w:body></w:document>"#
        let data = try F.zip(["word/document.xml": xxe])
        assertError(.malformedXML) { _ = try DOCXReader().read(data: data, name: "x.docx") }
    }

    func testZipBombStopsAtTheBound() throws {
        let big = F.document(String(repeating: F.p("aaaaaaaa"), count: 20_000))   // ~1 MB, compresses to a few KB
        let data = try F.zip(["word/document.xml": big])
        XCTAssertLessThan(data.count, 100_000)
        assertError(.corrupt) { _ = try DOCXReader(maxPartBytes: 256 << 10).read(data: data, name: "x.docx") }
        XCTAssertEqual(try DOCXReader().read(data: data, name: "x.docx").paragraphs.count, 20_000)
    }

    func testNotADocumentRoot() throws {
        let data = try F.zip(["word/document.xml": "<html><body/></html>"])
        assertError(.notDocx) { _ = try DOCXReader().read(data: data, name: "x.docx") }
    }

    func testEncryptedOrLegacyIsAnOLEFile() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mật.docx")
        try (Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + Data(count: 512)).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        // Not an encrypted package: LibreOffice is asked, and cannot read 520 bytes of nothing.
        assertError(LibreOffice.executable == nil ? .unsupportedFormat : .corrupt, "mật.docx") { _ = try VanBan.layout(of: url) }
        let encrypted = FileManager.default.temporaryDirectory.appendingPathComponent("khoá.docx")
        try (Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + Data(count: 64) + Data("EncryptedPackage".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })).write(to: encrypted)
        defer { try? FileManager.default.removeItem(at: encrypted) }
        assertError(.encrypted, "khoá.docx") { _ = try VanBan.layout(of: encrypted) }
    }
}

// MARK: - The corpus

final class DOCXCorpusTests: XCTestCase {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Corpus").standardized
    static let documents = ["000", "001", "002", "003", "004", "000-autonum", "pairs/team-khtn"]

    func layout(_ name: String) throws -> Layout {
        let url = Self.corpus.appendingPathComponent("\(name).docx")
        return try DOCXReader().read(data: try Data(contentsOf: url), name: url.lastPathComponent)
    }

    func gold(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: Self.corpus.appendingPathComponent("\(name).gold.json"))
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }

    static func goldLabels(_ nodes: Any?) -> [String] {
        (nodes as? [[String: Any]] ?? []).flatMap { [$0["label"] as? String ?? ""] + goldLabels($0["children"]) }
    }

    func testAutonumLabelsAreThePrintedOnes() throws {
        let layout = try layout("000-autonum")
        XCTAssertEqual(layout.labels, Self.goldLabels(try gold("000-autonum")["body"]))
        // The same document with typed labels reads the same text after the label.
        let typed = try self.layout("000").paragraphs.map(\.text)
        for p in layout.paragraphs where p.style.listLabel != nil {
            XCTAssertTrue(typed.contains(p.style.listLabel! + " " + p.text), "\(p.style.listLabel!) \(p.text)")
        }
    }

    /// Each gold appendix: the first table after its title has the gold header as its first row
    /// and as many data rows as gold once repeated header rows are dropped.
    func testAppendixTablesMatchGold() throws {
        for name in Self.documents {
            let blocks = try layout(name).blocks.map(\.block)
            for case let appendix as [String: Any] in try gold(name)["appendices"] as? [Any] ?? [] {
                let title = Fold.key(appendix["title"] as? String ?? "")
                let table = appendix["table"] as? [String: Any] ?? [:]
                let header = table["header"] as? [String] ?? []
                guard let at = blocks.firstIndex(where: {
                    if case .paragraph(let p) = $0 { return !title.isEmpty && Fold.key(p.text).contains(title) } else { return false }
                }), let t = blocks[at...].lazy.compactMap({ b -> Table? in if case .table(let t) = b { return t } else { return nil } }).first else {
                    XCTFail("\(name): no table after \(appendix["title"] ?? "")"); continue
                }
                let first = t.rows.first?.cells.map(\.text) ?? []
                XCTAssertEqual(first.map(Fold.key), header.map(Fold.key), "\(name): header")
                let data = t.rows.dropFirst().filter { !$0.isHeader && $0.cells.map(\.text) != first }
                XCTAssertEqual(data.count, (table["rows"] as? [Any])?.count, "\(name) \(appendix["label"] ?? ""): data rows")
            }
        }
    }

    static func goldHeadings(_ nodes: Any?) -> [(label: String, title: String)] {
        (nodes as? [[String: Any]] ?? []).flatMap {
            [($0["label"] as? String ?? "", $0["title"] as? String ?? "")] + goldHeadings($0["children"])
        }
    }

    /// Every gold heading, in order, is a paragraph that prints as "label title" (label from
    /// numbering or typed).
    func testGoldHeadingsAppearInOrder() throws {
        for name in Self.documents {
            let printed = try layout(name).paragraphs.map { Fold.key(($0.style.listLabel.map { $0 + " " } ?? "") + $0.text) }
            var at = 0
            for h in Self.goldHeadings(try gold(name)["body"]) {
                let want = Fold.key(h.label + " " + h.title)
                guard let i = printed[at...].firstIndex(where: { $0.hasPrefix(want) }) else {
                    XCTFail("\(name): heading \(h.label) \(h.title) not found in order"); break
                }
                at = i + 1
            }
        }
    }

    func testEveryCorpusDocumentReads() throws {
        for name in Self.documents {
            let l = try layout(name)
            XCTAssertGreaterThan(l.blocks.count, 2, name)
            XCTAssertEqual(l.pages.count, 1)
        }
    }

    /// Reports the outline the structurer builds from a DOCX (not asserted: the structurer is not this reader's).
    func testReportOutlineOfDOCX() throws {
        for name in ["000", "000-autonum"] {
            let plan = try Plan(contentsOf: Self.corpus.appendingPathComponent("\(name).docx"))
            func walk(_ ns: [OutlineNode], _ d: Int) -> [String] { ns.flatMap { [String(repeating: "  ", count: d) + $0.label + " " + $0.title] + walk($0.children, d + 1) } }
            print("\(name).docx outline:\n" + walk(plan.outline, 0).joined(separator: "\n"))
        }
    }
}
