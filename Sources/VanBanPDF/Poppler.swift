import CPoppler
import Foundation
import VanBanCore
import VanBanLayout
import VanBanReaders

/// One word as poppler placed it: text (NFC), box in points (origin top-left, y down), font.
struct Word {
    var text: String
    var x0: Double, y0: Double, x1: Double, y1: Double
    var bold: Bool
    var italic: Bool
    var size: Double
    var font: String
    /// The recognizer's confidence (0-1) when the word was read by OCR.
    var confidence: Double? = nil
    var midX: Double { (x0 + x1) / 2 }
}

/// One line of a poppler text block, in poppler's reading order.
struct PLine {
    var words: [Word]
    var x0: Double { words.first?.x0 ?? 0 }
    var x1: Double { words.map(\.x1).max() ?? 0 }
    var y0: Double { words.map(\.y0).min() ?? 0 }
    var y1: Double { words.map(\.y1).max() ?? 0 }
    var height: Double { y1 - y0 }
    var text: String { words.map(\.text).joined(separator: " ") }
    var bold: Bool { !words.isEmpty && words.allSatisfy(\.bold) }
    /// The weight of the text after a list label: Word draws its automatic numbers in the
    /// paragraph mark's weight, which need not be the heading's.
    var textBold: Bool {
        guard words.count > 1, PDFReader.isLoneLabel(words[0].text) else { return bold }
        return words.dropFirst().allSatisfy(\.bold)
    }
    var italic: Bool { !words.isEmpty && words.allSatisfy(\.italic) }
    var size: Double { words.map(\.size).max() ?? 0 }
}

struct PageText {
    var number: Int
    var width: Double
    var height: Double
    var lines: [PLine]
}

/// The poppler-glib calls, and nothing else: a document's pages as words and lines.
final class PopplerFile {
    private let document: OpaquePointer
    let name: String
    let pageCount: Int

    init(url: URL) throws {
        name = url.lastPathComponent
        guard FileManager.default.isReadableFile(atPath: url.path) else {
            throw ReaderError(file: name, kind: .unreadable, detail: "cannot be read")
        }
        let uri = url.absoluteURL.absoluteString
        var error: UnsafeMutablePointer<GError>?
        guard let doc = poppler_document_new_from_file(uri, nil, &error) else {
            let code = error?.pointee.code ?? -1
            let message = error.map { String(cString: $0.pointee.message) } ?? "unknown error"
            if let error { g_error_free(error) }
            switch code {
            case Int32(POPPLER_ERROR_ENCRYPTED.rawValue):
                throw ReaderError(file: name, kind: .encrypted, detail: "is an encrypted PDF; it needs a password (vanban reads unencrypted PDFs only)")
            case Int32(POPPLER_ERROR_DAMAGED.rawValue), Int32(POPPLER_ERROR_BAD_CATALOG.rawValue), Int32(POPPLER_ERROR_INVALID.rawValue):
                throw ReaderError(file: name, kind: .corrupt, detail: "is a damaged or truncated PDF (\(message))")
            default:
                throw ReaderError(file: name, kind: .corrupt, detail: "cannot be opened as a PDF (\(message))")
            }
        }
        document = doc
        pageCount = Int(poppler_document_get_n_pages(doc))
    }

    deinit { g_object_unref(UnsafeMutableRawPointer(document)) }

    func imageCover(_ index: Int) -> Double {
        guard let page = poppler_document_get_page(document, Int32(index)) else { return 0 }
        defer { g_object_unref(UnsafeMutableRawPointer(page)) }
        var w = 0.0, h = 0.0
        poppler_page_get_size(page, &w, &h)
        guard w > 0, h > 0, let list = poppler_page_get_image_mapping(page) else { return 0 }
        defer { poppler_page_free_image_mapping(list) }
        var best = 0.0
        var node: UnsafeMutablePointer<GList>? = list
        while let n = node {
            if let m = n.pointee.data?.assumingMemoryBound(to: PopplerImageMapping.self) {
                let a = m.pointee.area
                best = max(best, abs((a.x2 - a.x1) * (a.y2 - a.y1)) / (w * h))
            }
            node = n.pointee.next
        }
        return best
    }

    func size(_ index: Int) -> Size? {
        guard let page = poppler_document_get_page(document, Int32(index)) else { return nil }
        defer { g_object_unref(UnsafeMutableRawPointer(page)) }
        var w = 0.0, h = 0.0
        poppler_page_get_size(page, &w, &h)
        return Size(width: w, height: h)
    }

    func page(_ index: Int) -> PageText? {
        guard let page = poppler_document_get_page(document, Int32(index)) else { return nil }
        defer { g_object_unref(UnsafeMutableRawPointer(page)) }
        var w = 0.0, h = 0.0
        poppler_page_get_size(page, &w, &h)
        guard let cText = poppler_page_get_text(page) else { return PageText(number: index + 1, width: w, height: h, lines: []) }
        defer { g_free(cText) }
        var rects: UnsafeMutablePointer<PopplerRectangle>?
        var count: guint = 0
        guard poppler_page_get_text_layout(page, &rects, &count) != 0, let rects else {
            return PageText(number: index + 1, width: w, height: h, lines: [])
        }
        defer { g_free(rects) }
        let fonts = Self.fontRuns(page)
        let text = String(cString: cText)
        return PageText(number: index + 1, width: w, height: h, lines: Self.lines(text, rects, Int(count), fonts))
    }

    /// The rules drawn on a page (see `Rulings`): costs a low-resolution render, so the reader
    /// asks only for pages where a table stands.
    func rulings(_ index: Int) -> [Segment] {
        guard let page = poppler_document_get_page(document, Int32(index)) else { return [] }
        defer { g_object_unref(UnsafeMutableRawPointer(page)) }
        var w = 0.0, h = 0.0
        poppler_page_get_size(page, &w, &h)
        return Rulings.render(page, width: w, height: h)
    }

    struct FontRun { var start: Int, end: Int, name: String, size: Double, bold: Bool, italic: Bool }

    private static func fontRuns(_ page: OpaquePointer) -> [FontRun] {
        guard let list = poppler_page_get_text_attributes(page) else { return [] }
        defer { poppler_page_free_text_attributes(list) }
        var runs: [FontRun] = []
        var node: UnsafeMutablePointer<GList>? = list
        while let n = node {
            if let data = n.pointee.data {
                let a = data.assumingMemoryBound(to: PopplerTextAttributes.self).pointee
                let name = a.font_name.map { String(cString: $0) } ?? ""
                // No bold flag in glib: the font name says it ("LiberationSerif-Bold", "ABCDEF+Times-BoldItalic").
                let style = name.lowercased()
                runs.append(FontRun(start: Int(a.start_index), end: Int(a.end_index), name: name, size: a.font_size,
                                    bold: style.contains("bold") || style.contains("black") || style.contains("heavy") || style.contains("semibold"),
                                    italic: style.contains("italic") || style.contains("oblique")))
            }
            node = n.pointee.next
        }
        return runs
    }

    /// Characters and their boxes come in step (one rectangle per character, line breaks
    /// included). Words are cut by geometry, not by poppler's spaces alone: adjacent table cells
    /// can reach us as one "word" ("SttNhiệm"), and cells on different baselines as one line.
    private static func lines(_ text: String, _ rects: UnsafeMutablePointer<PopplerRectangle>, _ count: Int, _ fonts: [FontRun]) -> [PLine] {
        var lines: [PLine] = []
        var words: [Word] = []
        var scalars = String.UnicodeScalarView()
        var box = (x0: Double.infinity, y0: Double.infinity, x1: -Double.infinity, y1: -Double.infinity)
        var fontIndex = 0
        var wordFont: FontRun?
        var lastBox: PopplerRectangle?

        func endWord() {
            guard !scalars.isEmpty else { return }
            let f = wordFont
            words.append(Word(text: Fold.nfc(String(scalars)), x0: box.x0, y0: box.y0, x1: box.x1, y1: box.y1,
                              bold: f?.bold ?? false, italic: f?.italic ?? false, size: f?.size ?? 0, font: f?.name ?? ""))
            scalars.removeAll()
            box = (.infinity, .infinity, -.infinity, -.infinity)
            wordFont = nil
            lastBox = nil
        }
        func endLine() {
            endWord()
            if !words.isEmpty { lines.append(PLine(words: words)) }
            words = []
        }

        var i = 0
        for c in text.unicodeScalars {
            guard i < count else { break }
            let r = rects[i]
            defer { i += 1 }
            while fontIndex < fonts.count, fonts[fontIndex].end < i { fontIndex += 1 }
            if c == "\n" { endLine(); continue }
            if c.properties.isWhitespace { endWord(); continue }
            // A tone mark drawn as its own glyph joins the letter it belongs to.
            if c.properties.generalCategory == .nonspacingMark {
                if !scalars.isEmpty { scalars.append(c) } else if var last = words.popLast() {
                    last.text = Fold.nfc(last.text + String(c)); words.append(last)
                }
                continue
            }
            if let p = lastBox {
                let size = max(1, p.y2 - p.y1)
                let newBaseline = abs(r.y2 - p.y2) > 0.4 * size
                if newBaseline || r.x1 < p.x1 - 1 || r.x1 - p.x2 > 0.3 * size {
                    endWord()
                    if newBaseline { endLine() }
                }
            } else if let w = words.last, abs(r.y2 - w.y1) > 0.4 * max(1, w.y1 - w.y0) {
                endLine()
            }
            scalars.append(c)
            box.x0 = min(box.x0, r.x1); box.y0 = min(box.y0, r.y1)
            box.x1 = max(box.x1, r.x2); box.y1 = max(box.y1, r.y2)
            lastBox = r
            if wordFont == nil, fontIndex < fonts.count, fonts[fontIndex].start <= i { wordFont = fonts[fontIndex] }
        }
        endLine()
        return lines
    }
}
