import CPoppler
import Foundation
import VanBanLayout

/// A word placed on a page by someone other than poppler (an OCR engine): text, box in points
/// (origin top-left), the recognizer's confidence.
public struct PlacedWord: Sendable {
    public var text: String
    public var x0: Double, y0: Double, x1: Double, y1: Double
    public var confidence: Double?
    public init(text: String, x0: Double, y0: Double, x1: Double, y1: Double, confidence: Double? = nil) {
        self.text = text; self.x0 = x0; self.y0 = y0; self.x1 = x1; self.y1 = y1; self.confidence = confidence
    }
}

/// One page of placed words, in printed lines.
public struct PlacedPage: Sendable {
    public var number: Int
    public var width: Double, height: Double
    public var lines: [[PlacedWord]]
    public init(number: Int, width: Double, height: Double, lines: [[PlacedWord]]) {
        self.number = number; self.width = width; self.height = height; self.lines = lines
    }
}

extension PDFReader {
    /// The layout of pages whose words come from elsewhere (OCR), by the same rules as a text
    /// layer's: reading order, paragraphs by spacing and indentation, tables from the grid.
    public func layout(file: String, pages: [PlacedPage]) -> Layout {
        let texts = pages.map { p in
            PageText(number: p.number, width: p.width, height: p.height, lines: p.lines.filter { !$0.isEmpty }.map { ws in
                // A word's box height is about the font size; the line's words share the tallest.
                let size = ws.map { $0.y1 - $0.y0 }.sorted()[ws.count / 2] * 0.85
                return PLine(words: ws.map { w in
                    Word(text: w.text, x0: w.x0, y0: w.y0, x1: w.x1, y1: w.y1, bold: false, italic: false, size: size, font: "", confidence: w.confidence)
                })
            })
        }
        return Layout(file: file, format: .pdf, pages: assemble(texts, rulings: { _ in [] }))
    }

    /// Each page's size in points, for rendering it.
    public static func pageSizes(url: URL) throws -> [Size] {
        let f = try PopplerFile(url: url)
        return (0..<f.pageCount).compactMap { f.size($0) }
    }

    /// The largest share of a page that one image covers, over the pages: near 1 for a scan.
    public static func imageCover(url: URL) throws -> Double {
        let f = try PopplerFile(url: url)
        return (0..<f.pageCount).map { f.imageCover($0) }.max() ?? 0
    }

    /// Each page's text layer, as plain text (to judge whether it is worth keeping).
    public static func pageTexts(url: URL) throws -> [String] {
        let f = try PopplerFile(url: url)
        return (0..<f.pageCount).map { i in f.page(i).map { $0.lines.map(\.text).joined(separator: "\n") } ?? "" }
    }
}
