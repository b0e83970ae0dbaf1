import VanBanCore
import VanBanLayout
import VanBanModel

/// Heading or labelled item: is "a) Việc ban hành … bảo đảm …." a part of the outline with a
/// title, or a numbered paragraph (title "", its text in the node's paragraphs)? The corpus
/// rule: headings are short, bold or styled, and have parts or paragraphs under them; a
/// numbered item whose text is a sentence is a labelled paragraph.
///
/// The evidence, in the order it is trusted:
/// 1. Declared: the source calls the paragraph a heading (a Word heading style, `w:outlineLvl`).
/// 2. Typography: the whole paragraph is bold. A label in bold before plain text is not.
/// 3. Shape: the text reads as a sentence (it ends in ". ; ! ?", or it is a lead-in longer than
///    150 characters ending in ":", or it runs over 320 characters) or as a heading (anything else).
///    When the source gives typography (bold is known), the shape decides here.
/// 4. Siblings: a plain-text source says nothing of bold, so a sentence-shaped label is read
///    as its siblings of the same family mostly read: a heading among headings ("5. Từng bước …
///    giáo dục." among eight headings), an item among items.
enum HeadingRule {
    enum Verdict: Equatable {
        case heading
        case item
        /// Sentence-shaped with no typography to say otherwise: the siblings decide.
        case sentenceWithoutTypography
    }

    static func verdict(title: String, style: Style) -> Verdict {
        if title.isEmpty { return .heading }
        if style.headingLevel != nil { return .heading }
        if style.bold == true { return .heading }
        guard readsAsSentence(title) else { return .heading }
        return style.bold == false ? .item : .sentenceWithoutTypography
    }

    /// A labelled paragraph whose first printed line is a heading and whose next line starts
    /// the text: the first line ends without punctuation, is at most 25 words, and the next one
    /// opens with a capital ("7. Phòng Giáo dục và Đào tạo …" / "Tham mưu với UBND …").
    static func headingLine(of text: Text, restCount: Int) -> (head: String, body: String)? {
        guard let cut = text.lineStarts.first else { return nil }
        let all = text.text
        let restStart = all.count - restCount
        guard cut > restStart else { return nil }
        let head = LineJoiner.trim(String(all.dropFirst(restStart).prefix(cut - restStart)))
        let body = LineJoiner.trim(String(all.dropFirst(cut)))
        // A line ending in "-" or "/" breaks a word or a symbol ("11/NQ-" / "CP"): no heading ends there.
        guard let last = head.last, !".,;:-/".contains(last), head.split(separator: " ").count <= 25,
              let f = body.first, f.isUppercase, !Fold.isUppercaseText(String(body.prefix(12))) else { return nil }
        return (head, body)
    }

    static func readsAsSentence(_ title: String) -> Bool {
        var t = Substring(title)
        while let l = t.last, l == " " || "”\"’)]»".contains(l) { t = t.dropLast() }
        guard let last = t.last else { return false }
        if ".;!?".contains(last) { return true }
        if last == ":" { return t.count > 150 }
        return t.count > 320
    }

    /// Settles the children of one parent once all of them are known: a sentence-shaped child
    /// without typography becomes an item unless most of its siblings of the same family are
    /// headings.
    static func settle(_ nodes: inout [OutlineNode], _ verdicts: [(family: LabelFamily, verdict: Verdict)]) {
        guard nodes.count == verdicts.count else { return }
        for i in nodes.indices where verdicts[i].verdict == .sentenceWithoutTypography {
            let siblings = verdicts.indices.filter { $0 != i && verdicts[$0].family == verdicts[i].family }
            let headings = siblings.filter { verdicts[$0].verdict == .heading }.count
            if headings * 2 > siblings.count { continue }
            nodes[i].text.insert(Text(nodes[i].title, position: nodes[i].position), at: 0)
            nodes[i].title = ""
        }
    }
}
