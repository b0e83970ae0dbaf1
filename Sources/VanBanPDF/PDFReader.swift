import Foundation
import VanBanCore
import VanBanLayout
import VanBanReaders

/// Reads a born-digital PDF through poppler-glib into the Layout: paragraphs from line
/// geometry and fonts, tables (with a header row repeated on each page) joined across pages.
/// It knows pages, lines and grids; it knows nothing of plans.
public struct PDFReader: Sendable {
    /// Whether pages where a table may stand are rendered to find their rules (the costly
    /// signal; without it tables are found from text alignment alone).
    public var rulings: Bool

    public init(rulings: Bool = true) { self.rulings = rulings }

    public func read(url: URL) throws -> Layout {
        let file = try PopplerFile(url: url)
        guard file.pageCount > 0 else {
            throw ReaderError(file: file.name, kind: .corrupt, detail: "has no pages")
        }
        let pages = (0..<file.pageCount).compactMap { file.page($0) }
        guard pages.contains(where: { !$0.lines.isEmpty }) else {
            throw ReaderError(file: file.name, kind: .noTextLayer, detail: "has no text layer (a scan?); run OCR on it first")
        }
        return Layout(file: file.name, format: .pdf, pages: assemble(pages, rulings: { rulings ? file.rulings($0.number - 1) : [] }))
    }

    private enum Slot { case block(Block), table(Int) }

    func assemble(_ pages: [PageText], rulings render: (PageText) -> [Segment]) -> [Page] {
        var slots: [[Slot]] = []
        var tables: [GridTable] = []
        var open: Int?
        var rulings: [[Segment]?] = []
        var furniture: [[Line]] = []

        for page in pages {
            let running = page.lines.filter { Self.isRunningNumber($0, page) }
            furniture.append(running.enumerated().map { Line(text: $0.element.text, number: $0.offset + 1, box: Self.box($0.element)) })
            var lines = Self.readingOrder(page.lines.filter { !Self.isRunningNumber($0, page) })
            var seen: [Segment]?
            // Rendering costs; only a page where a table may stand pays for it.
            let source = { () -> [Segment] in
                if seen == nil { seen = Rulings.dropGlyphs(render(page), words: page.lines.flatMap(\.words)) }
                return seen!
            }
            var pageSlots: [Slot] = []
            if let grid = GridFinder.find(in: lines, page: page, rulings: source, open: open.map { tables[$0] }) {
                pageSlots += Paragraphs.build(lines.filter { $0.y1 <= grid.top }, page: page).map { .block(.paragraph($0)) }
                if let o = open, tables[o].continues(with: grid) {
                    // The same table goes on: with its header repeated, or in its columns without one.
                    tables[o].add(grid)
                } else {
                    tables.append(GridTable(grid))
                    open = tables.count - 1
                    pageSlots.append(.table(tables.count - 1))
                }
                lines = lines.filter { $0.y0 > grid.bottom }
                if !grid.reachesPageEnd || !lines.isEmpty { open = nil }
            } else {
                open = nil
            }
            pageSlots += Paragraphs.build(lines, page: page).map { .block(.paragraph($0)) }
            slots.append(pageSlots)
            rulings.append(seen)
        }

        var out: [Page] = []
        for (i, page) in pages.enumerated() {
            let blocks = slots[i].map { slot -> Block in
                switch slot {
                case let .block(b): return b
                case let .table(t): return .table(tables[t].table())
                }
            }
            out.append(Page(number: page.number, size: Size(width: page.width, height: page.height), blocks: blocks,
                            rulings: rulings[i], furniture: furniture[i]))
        }
        return Paragraphs.joinAcrossPages(out)
    }

    static func box(_ l: PLine) -> Rect { Rect(x: l.x0, y: l.y0, width: l.x1 - l.x0, height: l.y1 - l.y0) }

    /// Top to bottom, left to right; fragments of one printed line (a draft's blank date,
    /// "Số:" and its symbol) become one line again.
    static func readingOrder(_ lines: [PLine]) -> [PLine] {
        let sorted = lines.sorted { a, b in
            abs(a.y1 - b.y1) < 0.3 * max(a.size, b.size, 1) ? a.x0 < b.x0 : a.y1 < b.y1
        }
        var out: [PLine] = []
        for l in sorted {
            // A label set off by a tab ("I.<tab>MỤC ĐÍCH") leaves a wider gap than a word space.
            if let last = out.last, abs(last.y1 - l.y1) < 0.3 * max(l.size, 1), l.x0 > last.x1,
               l.x0 - last.x1 < (isLoneLabel(last.text) ? 12 : 2.5) * max(l.size, last.size, 1) {
                out[out.count - 1].words += l.words
            } else {
                out.append(l)
            }
        }
        return out
    }

    /// A list label with nothing after it on its fragment: "I.", "2.1.", "a)".
    static func isLoneLabel(_ t: String) -> Bool {
        !t.contains(" ") && t.count <= 8 && ListMarker.label(of: t + " A")?.rest == "A"
    }

    /// A page number printed alone at the top or bottom margin.
    static func isRunningNumber(_ line: PLine, _ page: PageText) -> Bool {
        let t = line.text
        guard !t.isEmpty, t.count <= 3, t.allSatisfy(\.isNumber) else { return false }
        // In the top or bottom margin, centred or at the right; a table's row number sits at the left.
        let mid = (line.x0 + line.x1) / 2
        let placed = abs(mid - page.width / 2) < 0.15 * page.width || line.x1 > 0.85 * page.width
        return placed && (line.y1 < 80 || line.y0 > page.height - 60)
    }
}
