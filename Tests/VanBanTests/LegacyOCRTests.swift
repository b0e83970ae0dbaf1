import Foundation
import XCTest
@testable import VanBan

/// OCR on a bounded sample: the first page of a wild scan and one degraded corpus page; the
/// whole folders run in `make legacy-check`.
final class LegacyOCRTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized
    static let wild = root.appendingPathComponent("../shared/corpus/wild").standardized

    func requireTools() throws {
        guard (try? OCRReader.tools(for: "x")) != nil else { throw XCTSkip("tesseract is not installed (\(OCRReader.packages))") }
    }

    func testTSVBecomesLinesWithConfidences() {
        let tsv = """
        level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext
        5\t1\t1\t1\t1\t1\t300\t300\t120\t40\t96.5\tSố:
        5\t1\t1\t1\t1\t2\t430\t300\t200\t40\t91\t12/KH-UBND
        5\t1\t1\t1\t1\t3\t1500\t300\t200\t40\t88\tHải
        5\t1\t1\t1\t2\t1\t300\t360\t150\t40\t-1\t
        """
        let page = OCRReader.parse(tsv, page: 1, size: Size(width: 595, height: 842), dpi: 300)
        // The far word starts a column of its own; the empty word is dropped.
        XCTAssertEqual(page.lines.map { $0.map(\.text) }, [["Số:", "12/KH-UBND"], ["Hải"]])
        XCTAssertEqual(page.lines[0][0].x0, 72, accuracy: 0.01)
        XCTAssertEqual(page.lines[0][0].confidence ?? 0, 0.965, accuracy: 0.001)
    }

    func testGarbageTextLayerIsTold() {
        let good = "Thực hiện Kế hoạch số 44/KH-UBND ngày 28/02/2025 của Ủy ban nhân dân thành phố về phát triển khoa học"
        let bad = "ceNG no.r, xA Her cHu NGHiA vIet NAM Doc lap - Tu do - Hanh phuc KE HoACH thuc hieN nghi quyEt so"
        XCTAssertGreaterThan(TextQuality.wellFormedShare(good).share, 0.9)
        XCTAssertFalse(TextQuality.isGarbage(String(repeating: good + " ", count: 3)))
        XCTAssertTrue(TextQuality.isGarbage(String(repeating: bad + " ", count: 3)))
    }

    func testScanWithoutTesseractSaysWhatToInstall() throws {
        let scan = Self.wild.appendingPathComponent("DVC/10.DS DU KIEN BAN KIEM TRA.pdf")
        guard FileManager.default.fileExists(atPath: scan.path) else { throw XCTSkip("../shared/corpus/wild is absent") }
        setenv("VANBAN_TESSERACT", "/nonexistent/tesseract", 1)
        defer { unsetenv("VANBAN_TESSERACT") }
        XCTAssertThrowsError(try VanBan.layout(of: scan)) { e in
            XCTAssertEqual((e as? ReaderError)?.kind, .noTextLayer)
            XCTAssertTrue("\(e)".hasPrefix("10.DS DU KIEN BAN KIEM TRA.pdf: "))
            XCTAssertTrue("\(e)".contains("tesseract-ocr-vie"), "\(e)")
        }
    }

    func testLegacyWordWithoutLibreOfficeSaysWhatToInstall() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cu-\(UUID().uuidString).doc")
        try (Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + Data(count: 512)).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        setenv("LIBREOFFICE", "/nonexistent/soffice", 1)
        defer { unsetenv("LIBREOFFICE") }
        XCTAssertThrowsError(try VanBan.layout(of: url)) { e in
            XCTAssertTrue("\(e)".hasPrefix(url.lastPathComponent + ": "))
            XCTAssertTrue("\(e)".contains(LibreOffice.package), "\(e)")
        }
    }

    /// The first page of a signed, scanned letter from the wild corpus: its header and references.
    func testWildScanFirstPage() throws {
        try requireTools()
        let scan = Self.wild.appendingPathComponent("DVC/1.CV XIN PHEP DAI HOI.pdf")
        guard FileManager.default.fileExists(atPath: scan.path) else { throw XCTSkip("../shared/corpus/wild is absent") }
        let layout = try OCRReader().read(url: scan, pages: [1])
        XCTAssertEqual(layout.recognized.count, 1)
        XCTAssertGreaterThan(layout.recognized[0].meanConfidence, 0.7)
        let plan = VanBan.plan(from: layout)
        XCTAssertEqual(plan.source.ocr?.pages.first?.page, 1)
        XCTAssertNotNil(plan.header.typeName)
        XCTAssertFalse(plan.header.issuer.isEmpty)
        XCTAssertFalse(plan.references.isEmpty)
        XCTAssertTrue(plan.references.allSatisfy { ($0.confidence ?? 0) > 0.5 })
    }

    /// One corpus page rendered, degraded (rotation, blur, noise, JPEG) and read back: the header
    /// fields read as from the born-digital PDF.
    func testDegradedCorpusPage() throws {
        try requireTools()
        guard let convert = OCRReader.which("convert") ?? OCRReader.which("magick"), let img2pdf = OCRReader.which("img2pdf"),
              let pdftoppm = OCRReader.which("pdftoppm") else { throw XCTSkip("ImageMagick or img2pdf is not installed") }
        let source = Self.root.appendingPathComponent("Corpus/000.pdf")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("vanban-scan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let png = dir.appendingPathComponent("p"), jpg = dir.appendingPathComponent("p.jpg"), pdf = dir.appendingPathComponent("scan.pdf")
        try OCRReader.run(pdftoppm, ["-r", "300", "-gray", "-f", "1", "-l", "1", "-png", "-singlefile", source.path, png.path], file: "", what: "render")
        try OCRReader.run(convert, [png.path + ".png", "-background", "white", "-rotate", "1.4", "-blur", "0x0.7", "-seed", "3", "-attenuate", "0.35",
                                    "+noise", "Gaussian", "-colorspace", "Gray", "-density", "300", "-units", "PixelsPerInch", "-quality", "55", jpg.path], file: "", what: "degrade")
        try OCRReader.run(img2pdf, ["-o", pdf.path, jpg.path], file: "", what: "wrap")
        XCTAssertThrowsError(try PDFReader().read(url: pdf)) { e in XCTAssertEqual((e as? ReaderError)?.kind, .noTextLayer) }
        let scanned = VanBan.plan(from: try VanBan.layout(of: pdf))
        var digital = VanBan.plan(from: try PDFReader().read(url: source))
        digital.header.signer = nil
        XCTAssertEqual(scanned.header.symbol, digital.header.symbol)
        XCTAssertEqual(scanned.header.typeName.map(Fold.key), digital.header.typeName.map(Fold.key))
        XCTAssertEqual(scanned.header.year, digital.header.year)
        XCTAssertEqual(scanned.header.issuer.map(Fold.key), digital.header.issuer.map(Fold.key))
        XCTAssertNotNil(scanned.source.ocr)
    }
}
