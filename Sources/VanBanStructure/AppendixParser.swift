import VanBanCore
import VanBanLayout
import VanBanModel

/// Appendices after the signature: "Phụ lục I" / "PHỤ LỤC 2" (or an untitled annex: a title in
/// capitals over "(Kèm theo …)"), their title, the "(Kèm theo …)" line and their table.
struct AppendixParser {
    let dictionaries: Dictionaries

    static func isLabel(_ p: Para) -> Bool { isLabel(p.lines.first.map { LineJoiner.trim($0.text) } ?? "") }

    static func isLabel(_ t: String) -> Bool {
        guard t.count <= 90, Fold.startsWith(t, "Phụ lục") else { return false }
        let rest = t.dropFirst("Phụ lục".count).drop { $0 == " " }
        guard let w = rest.split(whereSeparator: { $0 == " " || $0 == ":" || $0 == "." }).first else { return true }
        guard Roman.value(String(w)) != nil || w.allSatisfy(\.isNumber) else { return false }
        // "Phụ lục 1 kèm theo Kế hoạch này)." runs on as a sentence that cites the annex; a
        // label stands alone or goes on with a separator or its title.
        let after = rest.dropFirst(w.count).drop { $0 == " " }
        guard let c = after.first else { return true }
        return !c.isLowercase
    }

    static func isAttachedTo(_ p: Para) -> Bool { Fold.startsWith(p.text, "(Kèm theo") }

    /// The first item that opens an appendix.
    static func firstStart(in items: [Item]) -> Int? {
        for (i, item) in items.enumerated() {
            guard let p = item.para else { continue }
            if isLabel(p) { return i }
            // An untitled annex: a heading in capitals, then "(Kèm theo …)".
            if Fold.isUppercaseText(p.text), ListMarker.label(of: p.text) == nil,
               let next = items[(i + 1)...].prefix(4).firstIndex(where: { $0.para.map(isAttachedTo) ?? false }),
               items[(i + 1)..<next].allSatisfy({ $0.para.map { Fold.isUppercaseText($0.text) } ?? false }) {
                return i
            }
        }
        return nil
    }

    func parse(_ items: [Item]) -> (appendices: [Appendix], diagnostics: [Diagnostic]) {
        var starts: [Int] = []
        var i = 0
        while i < items.count {
            if let s = Self.firstStart(in: Array(items[i...])) {
                starts.append(i + s)
                // Skip past this appendix's title so its own lines do not start another.
                var j = i + s + 1
                while j < items.count, let p = items[j].para, !Self.isAttachedTo(p), Fold.isUppercaseText(p.text) || Self.isLabel(p) { j += 1 }
                i = j + 1
            } else { break }
        }
        var out: [Appendix] = []
        var diagnostics: [Diagnostic] = []
        for (n, s) in starts.enumerated() {
            let end = n + 1 < starts.count ? starts[n + 1] : items.count
            let (a, d) = appendix(Array(items[s..<end]))
            out.append(a)
            diagnostics += d
        }
        return (out, diagnostics)
    }

    /// One appendix: label, title and "(Kèm theo …)" read line by line (extraction often runs
    /// them together with the table's header), then the table.
    private func appendix(_ items: [Item]) -> (Appendix, [Diagnostic]) {
        let introItems = items.prefix { $0.para != nil }
        var lines = introItems.flatMap { $0.para!.lines.map { LineJoiner.trim($0.text) } }.filter { !$0.isEmpty }
        let position = items.first?.para?.position
        var label: String?
        var title: [String] = []
        var i = 0
        if let first = lines.first, Self.isLabel(first) {
            let afterWord = first.index(first.startIndex, offsetBy: "Phụ lục".count)
            let tail = first[afterWord...].drop { $0 == " " }
            let num = tail.prefix { !($0 == " " || $0 == ":" || $0 == ".") }
            label = String(first[..<num.endIndex])
            // "PHỤ LỤC 1: TITLE" keeps the title on the label's line.
            let inline = LineJoiner.trim(String(first[num.endIndex...].drop { " :.-–".contains($0) }))
            if !inline.isEmpty { title.append(inline) }
            i = 1
        }
        while i < lines.count, !Fold.startsWith(lines[i], "(Kèm theo"), !TableText.isHeaderStart(lines[i]),
              !Self.isRule(lines[i]), !TextReaderHints.isNumberLine(lines[i]) || title.isEmpty && label == nil {
            if !TextReaderHints.isNumberLine(lines[i]) { title.append(lines[i]) }
            i += 1
        }
        var attached: [String] = []
        if i < lines.count, Fold.startsWith(lines[i], "(Kèm theo") {
            var depth = 0
            while i < lines.count {
                attached.append(lines[i])
                depth += lines[i].filter { $0 == "(" }.count - lines[i].filter { $0 == ")" }.count
                i += 1
                if depth <= 0 { break }
            }
        }
        while i < lines.count, Self.isRule(lines[i]) { i += 1 }
        lines.removeFirst(i)

        var table = TableText(dictionaries: dictionaries)
        for line in lines { table.add(line: line) }
        for item in items[introItems.count...] {
            switch item {
            case let .table(t, _): table.add(t)
            case let .para(p): if !TextReaderHints.isPageNumber(p) || table.expectsRowNumber { table.add(p) }
            }
        }
        let result = table.finish()
        let titleText = LineJoiner.join(title)
        let appendix = Appendix(label: label, title: titleText, attachedTo: attached.isEmpty ? nil : LineJoiner.join(attached),
                                kind: kind(title: titleText, columns: result.columns), columns: result.columns, rows: result.rows,
                                position: position)
        let place = label ?? (titleText.isEmpty ? "untitled table" : titleText)
        return (appendix, result.notes.map { Diagnostic(.info, "table", $0, where: place) })
    }

    static func isRule(_ s: String) -> Bool {
        s.count >= 3 && s.allSatisfy { "_-–—=*.".contains($0) || $0 == " " }
    }

    func kind(title: String, columns: [String]) -> Appendix.Kind {
        let meanings = Set(columns.compactMap(dictionaries.columnMeaning))
        let k = Fold.key(title)
        if meanings.contains("indicator") || k.contains(Fold.key("chỉ tiêu")) { return .indicators }
        if meanings.contains("task") || meanings.contains("lead") || k.contains(Fold.key("nhiệm vụ")) { return .tasks }
        return .other
    }

    /// A table met inside the body, kept with the heading that holds it.
    func bodyTable(_ t: Table, page: Int, in path: String?) -> Appendix {
        var table = TableText(dictionaries: dictionaries)
        table.add(t)
        let r = table.finish()
        return Appendix(label: nil, title: "", kind: kind(title: "", columns: r.columns), in: path, columns: r.columns, rows: r.rows,
                        position: Position(page: page, line: 0))
    }
}
