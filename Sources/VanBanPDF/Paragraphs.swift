import VanBanCore
import VanBanLayout

/// Paragraphs from printed lines: a new one where the spacing grows, the font weight changes,
/// a line stops short of the margin, a list marker opens the line, or the text moves to
/// another column.
enum Paragraphs {
    static func build(_ lines: [PLine], page: PageText) -> [Paragraph] {
        guard !lines.isEmpty else { return [] }
        let body = page.lines.filter { $0.x1 - $0.x0 > page.width * 0.45 }
        let left = body.map(\.x0).min() ?? lines.map(\.x0).min()!
        let rights = body.map(\.x1).sorted()
        let right = rights.isEmpty ? lines.map(\.x1).max()! : rights[min(rights.count - 1, Int(Double(rights.count) * 0.9))]
        let gaps = zip(lines, lines.dropFirst()).map { $1.y0 - $0.y1 }.filter { $0 > -2 && $0 < 30 }.sorted()
        let usualGap = gaps.isEmpty ? 2 : gaps[gaps.count / 2]

        var out: [Paragraph] = []
        var current: [Line] = []
        var previous: PLine?
        for (i, l) in lines.enumerated() {
            if let p = previous, breaks(p, l, left: left, right: right, usualGap: usualGap) {
                out.append(paragraph(current))
                current = []
            }
            current.append(Line(text: l.text, number: i + 1,
                                box: Rect(x: l.x0, y: l.y0, width: l.x1 - l.x0, height: l.y1 - l.y0),
                                style: Style(bold: l.textBold, italic: l.italic, fontSize: l.size, fontName: l.words.first?.font,
                                             alignment: alignment(l, left: left, right: right), indent: max(0, l.x0 - left))))
            current[current.count - 1].runs = runs(l)
            let scored = l.words.compactMap(\.confidence)
            if !scored.isEmpty { current[current.count - 1].confidence = scored.reduce(0, +) / Double(scored.count) }
            previous = l
        }
        if !current.isEmpty { out.append(paragraph(current)) }
        return out
    }

    /// The line's words by font, for a pass that reads a legacy font encoding.
    static func runs(_ l: PLine) -> [FontRun] {
        var out: [FontRun] = []
        for (i, w) in l.words.enumerated() {
            let text = i == 0 ? w.text : " " + w.text
            if let last = out.last, last.font == w.font { out[out.count - 1].text += text }
            else { out.append(FontRun(text: text, font: w.font)) }
        }
        return out
    }

    static func breaks(_ a: PLine, _ b: PLine, left: Double, right: Double, usualGap: Double) -> Bool {
        let size = max(a.size, b.size, 1)
        if b.y0 < a.y0 - 1 { return true }                                  // back up the page: another column
        // Starts right of where the line above ends: another column (a skewed scan's header).
        // Not the mirror case: a short continuation under a first-line indent ends left of it.
        if b.x0 > a.x1 { return true }
        if abs(b.y1 - a.y1) < 0.3 * size { return true }                     // same baseline: a cell beside
        if b.y0 - a.y1 > usualGap + 0.45 * size { return true }             // paragraph spacing
        // A label alone on its line ("I." over "MỤC ĐÍCH, YÊU CẦU") opens the paragraph below it.
        if PDFReader.isLoneLabel(a.text), b.y0 - a.y1 <= usualGap + 0.45 * size, !ListMarker.starts(b.text) { return false }
        if a.textBold != b.textBold { return true }                          // a heading and its text
        if ListMarker.starts(b.text) { return true }
        let width = max(1, right - left)
        if a.x1 < right - 0.12 * width { return true }                      // a short last line
        if a.x0 > left + 0.1 * width, alignment(a, left: left, right: right) == .center { return true }
        let endsSentence = a.text.last.map { ".;:!?".contains($0) } ?? false
        if endsSentence && b.x0 > a.x0 + 0.8 * size { return true }          // first-line indent
        return false
    }

    static func alignment(_ l: PLine, left: Double, right: Double) -> Style.Alignment? {
        let l0 = l.x0 - left, r0 = right - l.x1
        if l0 > 20 && abs(l0 - r0) < 12 { return .center }
        if l0 > 20 && r0 < 5 { return .right }
        return nil
    }

    static func paragraph(_ lines: [Line]) -> Paragraph {
        let bold = lines.allSatisfy { $0.style.bold == true }
        let italic = lines.allSatisfy { $0.style.italic == true }
        return Paragraph(lines: lines, style: Style(bold: bold, italic: italic, fontSize: lines.first?.style.fontSize,
                                                    alignment: lines.first?.style.alignment, indent: lines.first?.style.indent))
    }

    /// A paragraph cut by a page break goes on as the first paragraph of the next page.
    static func joinAcrossPages(_ pages: [Page]) -> [Page] {
        var pages = pages
        for i in pages.indices.dropFirst() {
            guard case let .paragraph(last)? = pages[i - 1].blocks.last,
                  case let .paragraph(first)? = pages[i].blocks.first,
                  let a = last.lines.last, let b = first.lines.first else { continue }
            let finished = a.text.last.map { ".;:!?".contains($0) } ?? false
            let fullWidth = (a.box?.width ?? 0) > (pages[i - 1].size?.width ?? 600) * 0.6
            guard fullWidth, !finished || b.text.first?.isLowercase == true, !ListMarker.starts(b.text),
                  a.style.bold == b.style.bold else { continue }
            var merged = last
            merged.lines += first.lines
            pages[i - 1].blocks[pages[i - 1].blocks.count - 1] = .paragraph(merged)
            pages[i].blocks.removeFirst()
        }
        return pages
    }
}
