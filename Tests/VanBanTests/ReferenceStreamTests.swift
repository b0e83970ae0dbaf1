import XCTest
@testable import VanBanCore
@testable import VanBanReferences
import VanBanModel

/// The byte matchers of the named-reference finder, the stream of a large text, and the byte
/// fast paths of Fold.
final class ReferenceStreamTests: XCTestCase {
    private func names(_ s: String) -> [String] {
        let u = Array(s.utf8)
        return NamedReferenceFinder.names(in: s).found.map { String(decoding: u[$0.0], as: UTF8.self) }
    }

    func testNamedFormsOnBytes() {
        // Quoted, in any case; nothing read inside the quote.
        XCTAssertEqual(names("theo ĐỀ ÁN “Chương trình giáo dục phổ thông 2018 mới” và"), ["ĐỀ ÁN “Chương trình giáo dục phổ thông 2018 mới”"])
        // An unclosed quote is no quoted title, and a quote mark ends the other forms' titles.
        XCTAssertEqual(names("Đề án “Chuyển đổi số giai đoạn 2021-2025"), [])
        // Horizon: the shortest title up to the first horizon, and its ", tầm nhìn …" tails.
        XCTAssertEqual(names("Chiến lược phát triển đến năm 2030, tầm nhìn đến năm 2045, định hướng đến năm 2050 của"),
                       ["Chiến lược phát triển đến năm 2030, tầm nhìn đến năm 2045, định hướng đến năm 2050"])
        XCTAssertEqual(names("Quy hoạch tỉnh thời kỳ 2021 – 2030 được"), ["Quy hoạch tỉnh thời kỳ 2021 – 2030"])
        XCTAssertEqual(names("Chương trình y tế giai đoạn 2021 -2025."), ["Chương trình y tế giai đoạn 2021 -2025"])
        // The horizon form is case-sensitive; a digit or ";" ends its title.
        XCTAssertEqual(names("chương trình y tế giai đoạn 2021-2025"), [])
        XCTAssertEqual(names("Chương trình số 5 giai đoạn 2021-2025"), [])
        // Year-named: the year as a word of its own is given back to the year.
        XCTAssertEqual(names("Chương trình giáo dục phổ thông 2018 và"), ["Chương trình giáo dục phổ thông 2018"])
        XCTAssertEqual(names("chương trình GDPT 2018;"), ["chương trình GDPT 2018"])
        XCTAssertEqual(names("chương trình công tác năm 2025"), [])
        XCTAssertEqual(names("Chương trình học 2024-2025"), [])
        // Law: a capitalised name up to a function word.
        XCTAssertEqual(names("theo Luật Giáo dục và Luật Viên chức năm 2010"), ["Luật Giáo dục", "Luật Viên chức"])
        XCTAssertEqual(names("Luật số 43/2019/QH14"), [])
        // Glued to a letter before it, no programme word starts.
        XCTAssertEqual(names("xĐề án “A”"), [])
    }

    func testNamedDecomposedTextIsReadComposed() {
        let nfc = "Triển khai Đề án “Tăng cường ứng dụng” và Chương trình giáo dục phổ thông 2018."
        let nfd = nfc.decomposedStringWithCanonicalMapping
        XCTAssertTrue(NamedReferenceFinder.names(in: nfd).decomposed)
        var c = NamedReferenceFinder.Collector()
        c.add(Text(nfd))
        XCTAssertEqual(c.result().map(\.text), ["Đề án “Tăng cường ứng dụng”", "Chương trình giáo dục phổ thông 2018"])
    }

    func testNamedKeyIgnoresSpaceAroundDashes() {
        XCTAssertEqual(NamedReferenceFinder.key("giai đoạn 2021 - 2030"), NamedReferenceFinder.key("giai đoạn 2021-2030"))
        XCTAssertEqual(NamedReferenceFinder.key("A -- B"), Fold.key("A--B"))
    }

    static let text = """
        SỞ GIÁO DỤC VÀ ĐÀO TẠO
        Số: 12/KH-SGDĐT
        KẾ HOẠCH

        Căn cứ Nghị quyết số 57-NQ/TW ngày
        22/12/2024 của Bộ Chính trị;
        Thực hiện Kế hoạch số 44/KH-UBND ngày 28/02/2025 của Ủy ban nhân dân thành phố về
        Chương trình giáo dục phổ thông 2018.
        Kế hoạch này (số 12/KH-SGDĐT) triển khai Kế hoạch 44 nêu trên.
        """

    private func streamed(_ blocks: [String]) -> (references: [Reference], named: [NamedReference], diagnostics: [Diagnostic]) {
        var h = Header()
        h.numberLine = "Số: 12/KH-SGDĐT"
        var s = ReferenceStream(header: h)
        for b in blocks { s.add(lines: b) }
        return s.finish()
    }

    func testStreamFindsWhatItIsFed() {
        let whole = streamed([Self.text])
        XCTAssertEqual(whole.references.map(\.id), ["57-NQ/TW", "44/KH-UBND"])
        // The plan's own number is no reference; a date on the next printed line still counts.
        XCTAssertEqual(whole.references.first?.date, "2024-12-22")
        XCTAssertEqual(whole.references.first?.relation, .basis)
        XCTAssertEqual(whole.references.first?.occurrences.first?.line, 5)
        // "Kế hoạch 44" resolves to the full mention; a stream reads no implementation.
        XCTAssertEqual(whole.references.last?.occurrences.count, 2)
        XCTAssertEqual(whole.references.last?.relation, .cites)
        XCTAssertEqual(whole.named.map(\.text), ["Chương trình giáo dục phổ thông 2018"])
        XCTAssertEqual(whole.named.first?.occurrences.first?.line, 8)

        // Blocks cut at any line break give the same.
        let lines = Self.text.split(separator: "\n", omittingEmptySubsequences: false).map { $0 + "\n" }
        for cut in 1..<lines.count {
            let parts = streamed([lines[..<cut].joined(), lines[cut...].joined()])
            XCTAssertEqual(parts.references, whole.references, "cut before line \(cut + 1)")
            XCTAssertEqual(parts.named, whole.named, "cut before line \(cut + 1)")
        }
    }

    func testStreamFlagsBytesThatAreNotUTF8() {
        var s = ReferenceStream()
        let bad: [UInt8] = Array("Căn cứ Nghị quyết số 57-NQ/TW \u{0}".utf8) + [0xC3, 0x28, 0x0A]
        bad.withUnsafeBufferPointer { s.add(utf8: $0) }
        _ = s.finish()
        XCTAssertFalse(s.isUTF8)
    }

    func testCollapseFastPathAgreesWithTheLongWay() {
        func slow(_ s: String) -> String {
            var out = "", space = false
            for ch in s {
                if ch.isWhitespace { space = !out.isEmpty; continue }
                if space { out.append(" "); space = false }
                out.append(ch)
            }
            return out
        }
        for s in ["", " ", "a", "a b", "a  b", " a", "a ", "a\nb", "a\u{00A0}b", "a\u{2003}b", "a\u{3000}b", "Đề án “x” – y",
                  "a \u{0301}b", "\u{0301}a", "Nghị quyết số 57-NQ/TW ngày 22/12/2024", "a\u{1680}b", "a\u{2028}b", "a\u{205F}b"] {
            XCTAssertEqual(Fold.collapse(s), slow(s), "\(s.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    func testMayNeedNFC() {
        func may(_ s: String) -> Bool { Array(s.utf8).withUnsafeBufferPointer(Fold.mayNeedNFC) }
        XCTAssertFalse(may("Kế hoạch số 44/KH-UBND “Đề án” – ĐỔI MỚI"))
        for s in ["e\u{0301}", "Ð", "ð", "a\u{00A0}b", "\u{FEFF}x", "한국어"] {
            XCTAssertTrue(may(s), s)
        }
        // Whatever it passes, nfc leaves alone.
        for s in ["Kế hoạch", "Ủy ban “x”", "a – b"] where !may(s) { XCTAssertEqual(Fold.nfc(s), s) }
    }
}
