import Foundation
import VanBanCore
import VanBanLayout
import VanBanModel

/// Builds the numbered outline from body paragraphs and reports label defects. Labels nest by
/// the rank of their family in the document kind's list (Dictionaries/label-families.tsv):
/// "Điều 1." holds "1." holds "a)" in a Quyết định, "I." holds "1." holds "1.1." in a Kế hoạch.
/// Whether a labelled paragraph is a heading or a labelled item is `HeadingRule`'s decision.
struct OutlineBuilder {
    private struct Open {
        var node: OutlineNode
        var rank: Int
        var family: LabelFamily
        /// The verdict on each child, in order, for the sibling evidence when this node closes.
        var verdicts: [(family: LabelFamily, verdict: HeadingRule.Verdict)] = []
    }

    private var stack: [Open] = []
    private(set) var roots: [OutlineNode] = []
    private var rootVerdicts: [(family: LabelFamily, verdict: HeadingRule.Verdict)] = []
    /// Paragraphs met before the first label.
    private(set) var leading: [Text] = []
    private(set) var diagnostics: [Diagnostic] = []
    // The last label of each kind seen under each parent, to catch duplicates and gaps.
    private var lastSibling: [String: (label: String, ordinal: Int)] = [:]
    private let ranks: [LabelFamily: Int]
    private let worded: WordedLabels
    /// A paragraph that is a label alone ("a)", "Điều 3."), waiting for the text that follows it.
    private var loneLabel: (label: String, family: LabelFamily, para: Para)?

    init(families: [LabelFamily] = LabelFamily.allCases, worded: WordedLabels = WordedLabels([])) {
        var r: [LabelFamily: Int] = [:]
        for (i, f) in families.enumerated() where f != .dash && f != .plus { r[f] = i + 1 }
        ranks = r
        self.worded = worded.restricted(to: Set(r.keys))
    }

    var isEmpty: Bool { roots.isEmpty && stack.isEmpty }
    /// The path of labels of the innermost open heading ("III.1.a)").
    var currentPath: String? {
        stack.isEmpty ? nil : stack.map { $0.node.label.trimmingCharacters(in: CharacterSet(charactersIn: ".")) }.joined(separator: ".")
    }

    /// The label at the start of a paragraph's text, when its family is one the document uses.
    func label(of text: String) -> (label: String, family: LabelFamily, rest: Substring)? {
        if let w = worded.label(of: text) { return w }
        guard let (label, rest) = ListMarker.label(of: text), let family = LabelFamily(plainLabel: label), ranks[family] != nil else { return nil }
        return (label, family, rest)
    }

    /// Reads one paragraph: a new part when it starts with a label, text of the open part otherwise.
    mutating func add(_ para: Para) {
        let text = para.planText
        if let lone = loneLabel {
            loneLabel = nil
            // The label's own paragraph and the text after it read as one labelled paragraph.
            if label(of: text.text) == nil {
                open(label: lone.label, family: lone.family, rest: Substring(LineJoiner.trim(text.text)), text: text, style: para.style, at: lone.para.position)
                return
            }
            open(label: lone.label, family: lone.family, rest: "", text: Text(lone.label), style: lone.para.style, at: lone.para.position)
        }
        // A worded part's title on the line after its label: "Chương I" / "QUY ĐỊNH CHUNG".
        if let top = stack.last, top.family.isWorded, top.family != .article, top.node.title.isEmpty, top.node.text.isEmpty,
           top.node.children.isEmpty, label(of: text.text) == nil, Fold.isUppercaseText(text.text), text.text.count <= 200 {
            stack[stack.count - 1].node.title = text.text
            return
        }
        if let found = label(of: text.text) {
            if found.rest.isEmpty && found.family == .article {
                loneLabel = (found.label, found.family, para)
                return
            }
            open(label: found.label, family: found.family, rest: found.rest, text: text, style: para.style, at: para.position)
        } else if let lone = Self.bareLabel(text.text) {
            loneLabel = (lone.label, lone.family, para)
        } else {
            append(text)
        }
    }

    /// A paragraph that is only a plain label: "a)", "2.", "IV.".
    static func bareLabel(_ t: String) -> (label: String, family: LabelFamily)? {
        let s = LineJoiner.trim(t)
        // The label grammar of ListMarker (one or two digits a group: "2045." is a year).
        guard (2...8).contains(s.count), let last = s.last, last == "." || last == ")",
              ListMarker.label(of: s + " A")?.label == s, let family = LabelFamily(plainLabel: s) else { return nil }
        return (s, family)
    }

    private mutating func append(_ text: Text) {
        if stack.isEmpty { leading.append(text) } else { stack[stack.count - 1].node.text.append(text) }
    }

    mutating func add(_ text: Text, at position: Position) {
        guard let found = label(of: text.text) else { append(text); return }
        open(label: found.label, family: found.family, rest: found.rest, text: text, style: Style(), at: position)
    }

    private mutating func open(label: String, family: LabelFamily, rest: Substring, text: Text, style: Style, at position: Position) {
        let rank = ranks[family] ?? Int.max
        while let top = stack.last, top.rank >= rank { close() }
        let parentPath = currentPath ?? ""
        check(label: label, family: family, rank: rank, parent: parentPath, at: position)
        var title = String(rest)
        var tail: String?
        // Extraction can lose the break before the next heading: "… giáo dục. 5. Đẩy mạnh …".
        if !family.isWorded, let next = Self.inlineLabel(in: title, family: family, ordinal: LabelFamily.ordinal(label) ?? 0) {
            tail = String(title[next...])
            title = LineJoiner.trim(String(title[..<next]))
        }
        var verdict = HeadingRule.verdict(title: title, style: style)
        var node = OutlineNode(label: label, title: title, level: stack.count + 1, position: position)
        if tail == nil, verdict != .heading, let (head, body) = HeadingRule.headingLine(of: text, restCount: title.count) {
            // The heading has a printed line of its own and the text starts on the next one.
            node.title = head
            node.text = [Text(body, position: text.position(at: text.text.count - body.count))]
            verdict = .heading
        } else if case .item = verdict, !title.isEmpty {
            node.text = [Text(title, position: position)]
            node.title = ""
        }
        stack.append(Open(node: node, rank: rank, family: family))
        record(family, verdict)
        if let tail, let found = self.label(of: tail) {
            open(label: found.label, family: found.family, rest: found.rest, text: Text(tail, position: text.position(at: text.text.count - tail.count)),
                 style: style, at: position)
        } else if let tail {
            append(Text(tail, position: text.position(at: text.text.count - tail.count)))
        }
    }

    /// Notes a new node's verdict with its parent, for the sibling evidence.
    private mutating func record(_ family: LabelFamily, _ verdict: HeadingRule.Verdict) {
        if stack.count >= 2 { stack[stack.count - 2].verdicts.append((family, verdict)) } else { rootVerdicts.append((family, verdict)) }
    }

    /// Where a label of the same kind, numbered as this one or the next, follows a finished
    /// sentence inside the heading's text.
    static func inlineLabel(in title: String, family: LabelFamily, ordinal: Int) -> String.Index? {
        var i = title.startIndex
        while let dot = title[i...].range(of: ". ") {
            let start = dot.upperBound
            if let (l, _) = ListMarker.label(of: String(title[start...])), LabelFamily(plainLabel: l) == family,
               let o = LabelFamily.ordinal(l), o == ordinal || o == ordinal + 1 {
                return start
            }
            i = dot.upperBound
        }
        return nil
    }

    mutating func finish() -> [OutlineNode] {
        if let lone = loneLabel {
            loneLabel = nil
            open(label: lone.label, family: lone.family, rest: "", text: Text(lone.label), style: lone.para.style, at: lone.para.position)
        }
        while !stack.isEmpty { close() }
        HeadingRule.settle(&roots, rootVerdicts)
        return roots
    }

    private mutating func close() {
        var done = stack.removeLast()
        HeadingRule.settle(&done.node.children, done.verdicts)
        if stack.isEmpty { roots.append(done.node) } else { stack[stack.count - 1].node.children.append(done.node) }
    }

    private mutating func check(label: String, family: LabelFamily, rank: Int, parent: String, at pos: Position) {
        guard let ordinal = Self.ordinal(label, family) else { return }
        let key = parent + "|" + String(rank)
        let place = (parent.isEmpty ? "" : parent + " ") + label + " (line \(pos.line))"
        if let prev = lastSibling[key] {
            if ordinal == prev.ordinal {
                diagnostics.append(Diagnostic(.warning, "duplicate-label", "label \(label) repeats the previous heading's number", where: place))
            } else if ordinal != prev.ordinal + 1 {
                let expected = expectedLabel(after: prev.label, family: family, ordinal: prev.ordinal + 1)
                diagnostics.append(Diagnostic(.warning, "label-gap", "label \(label) follows \(prev.label); expected \(expected)", where: place))
            }
        } else if ordinal != 1 {
            diagnostics.append(Diagnostic(.info, "label-gap", "the first heading of its level is \(label), not the first number", where: place))
        }
        lastSibling[key] = (label, ordinal)
        // A new heading restarts the numbering of everything below it.
        let prefix = (parent.isEmpty ? "" : parent + ".") + label.trimmingCharacters(in: CharacterSet(charactersIn: "."))
        lastSibling = lastSibling.filter { !$0.key.hasPrefix(prefix + "|") && !$0.key.hasPrefix(prefix + ".") }
    }

    /// The number a label carries within its family: "Điều 12." -> 12, "Chương IV" -> 4, "đ)" -> 5.
    static func ordinal(_ label: String, _ family: LabelFamily) -> Int? {
        guard family.isWorded else { return LabelFamily.ordinal(label) }
        guard let numeral = label.split(separator: " ").last?.trimmingCharacters(in: CharacterSet(charactersIn: ".:")) else { return nil }
        return Int(numeral) ?? Roman.value(numeral.uppercased())
    }

    private func expectedLabel(after prev: String, family: LabelFamily, ordinal: Int) -> String {
        let suffix = prev.hasSuffix(")") ? ")" : "."
        if family.isWorded {
            var words = prev.split(separator: " ").map(String.init)
            let old = words.last ?? ""
            let tail = old.hasSuffix(".") ? "." : old.hasSuffix(":") ? ":" : ""
            let isRoman = Int(old.trimmingCharacters(in: CharacterSet(charactersIn: ".:"))) == nil
            words[words.count - 1] = (isRoman ? Roman.string(ordinal) : String(ordinal)) + tail
            return words.joined(separator: " ")
        }
        switch family {
        case .roman: return Roman.string(ordinal) + suffix
        case .letter: return Alphabet.letter(at: ordinal - 1).map { String($0) + suffix } ?? "?"
        default:
            var groups = prev.trimmingCharacters(in: CharacterSet(charactersIn: ".)")).split(separator: ".").map(String.init)
            groups[groups.count - 1] = String(ordinal)
            return groups.joined(separator: ".") + suffix
        }
    }
}
