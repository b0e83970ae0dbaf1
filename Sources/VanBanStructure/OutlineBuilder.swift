import Foundation
import VanBanCore
import VanBanLayout
import VanBanModel

/// The kinds of outline label, shallowest first. Levels nest by kind, not by indentation:
/// a "1.1." under a "2." is still one level below it, whatever its number says.
enum LabelKind: Int, Comparable {
    case roman = 1, decimal, dotted2, dotted3, letter, decimalParen

    static func < (a: LabelKind, b: LabelKind) -> Bool { a.rawValue < b.rawValue }

    init?(label: String) {
        let core = label.dropLast()
        if label.hasSuffix(")") {
            if core.count == 1, let c = core.first, Alphabet.index(of: c) != nil { self = .letter; return }
            if core.allSatisfy(\.isNumber) { self = .decimalParen; return }
            if Roman.value(String(core)) != nil { self = .roman; return }
            return nil
        }
        let body = label.hasSuffix(".") ? core : Substring(label)
        if Roman.value(String(body)) != nil { self = .roman; return }
        if body.count == 1, let c = body.first, Alphabet.index(of: c) != nil { self = .letter; return }
        let groups = body.split(separator: ".", omittingEmptySubsequences: false)
        guard groups.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }) else { return nil }
        switch groups.count {
        case 1: self = .decimal
        case 2: self = .dotted2
        default: self = .dotted3
        }
    }

    /// The ordinal a label carries within its kind (the last number, the letter's place).
    static func ordinal(_ label: String) -> Int? {
        let body = label.trimmingCharacters(in: CharacterSet(charactersIn: ".)"))
        if let r = Roman.value(body) { return r }
        if body.count == 1, let c = body.first, let i = Alphabet.index(of: c) { return i + 1 }
        return body.split(separator: ".").last.flatMap { Int($0) }
    }
}

/// Builds the numbered outline from body paragraphs and reports label defects.
struct OutlineBuilder {
    private struct Open {
        var node: OutlineNode
        var kind: LabelKind
    }

    private var stack: [Open] = []
    private(set) var roots: [OutlineNode] = []
    /// Paragraphs met before the first label.
    private(set) var leading: [Text] = []
    private(set) var diagnostics: [Diagnostic] = []
    // The last label of each kind seen under each parent, to catch duplicates and gaps.
    private var lastSibling: [String: (label: String, ordinal: Int)] = [:]

    var isEmpty: Bool { roots.isEmpty && stack.isEmpty }
    /// The path of labels of the innermost open heading ("III.1.a)").
    var currentPath: String? {
        stack.isEmpty ? nil : stack.map { $0.node.label.trimmingCharacters(in: CharacterSet(charactersIn: ".")) }.joined(separator: ".")
    }

    /// Reads one paragraph: a new heading when it starts with a label, text of the open heading otherwise.
    mutating func add(_ para: Para) { add(para.planText, at: para.position) }

    mutating func add(_ text: Text, at position: Position) {
        guard let (label, rest) = ListMarker.label(of: text.text), let kind = LabelKind(label: label) else {
            if stack.isEmpty { leading.append(text) } else { stack[stack.count - 1].node.text.append(text) }
            return
        }
        while let top = stack.last, top.kind >= kind { close() }
        let parentPath = currentPath ?? ""
        check(label: label, kind: kind, parent: parentPath, at: position)
        var title = String(rest)
        // Extraction can lose the break before the next heading: "… giáo dục. 5. Đẩy mạnh …".
        if let next = Self.inlineLabel(in: title, kind: kind, ordinal: LabelKind.ordinal(label) ?? 0) {
            let tail = String(title[next...])
            title = LineJoiner.trim(String(title[..<next]))
            stack.append(Open(node: OutlineNode(label: label, title: title, level: stack.count + 1, position: position), kind: kind))
            add(Text(tail, position: text.position(at: text.text.count - tail.count)), at: position)
            return
        }
        var body: [Text] = []
        // A labelled paragraph that runs on as a long sentence is a numbered item, not a heading.
        if title.count > 320, let last = title.last, ".;".contains(last) {
            body.append(Text(String(rest), position: position))
            title = ""
        }
        let node = OutlineNode(label: label, title: title, level: stack.count + 1, text: body, position: position)
        stack.append(Open(node: node, kind: kind))
    }

    /// Where a label of the same kind, numbered as this one or the next, follows a finished
    /// sentence inside the heading's text.
    static func inlineLabel(in title: String, kind: LabelKind, ordinal: Int) -> String.Index? {
        var i = title.startIndex
        while let dot = title[i...].range(of: ". ") {
            let start = dot.upperBound
            if let (l, _) = ListMarker.label(of: String(title[start...])), LabelKind(label: l) == kind,
               let o = LabelKind.ordinal(l), o == ordinal || o == ordinal + 1 {
                return start
            }
            i = dot.upperBound
        }
        return nil
    }

    mutating func finish() -> [OutlineNode] {
        while !stack.isEmpty { close() }
        return roots
    }

    private mutating func close() {
        let done = stack.removeLast().node
        if stack.isEmpty { roots.append(done) } else { stack[stack.count - 1].node.children.append(done) }
    }

    private mutating func check(label: String, kind: LabelKind, parent: String, at pos: Position) {
        guard let ordinal = LabelKind.ordinal(label) else { return }
        let key = parent + "|" + String(kind.rawValue)
        let place = (parent.isEmpty ? "" : parent + " ") + label + " (line \(pos.line))"
        if let prev = lastSibling[key] {
            if ordinal == prev.ordinal {
                diagnostics.append(Diagnostic(.warning, "duplicate-label", "label \(label) repeats the previous heading's number", where: place))
            } else if ordinal != prev.ordinal + 1 {
                let expected = expectedLabel(after: prev.label, kind: kind, ordinal: prev.ordinal + 1)
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

    private func expectedLabel(after prev: String, kind: LabelKind, ordinal: Int) -> String {
        let suffix = prev.hasSuffix(")") ? ")" : "."
        switch kind {
        case .roman: return Roman.string(ordinal) + suffix
        case .letter: return Alphabet.letter(at: ordinal - 1).map { String($0) + suffix } ?? "?"
        default:
            var groups = prev.trimmingCharacters(in: CharacterSet(charactersIn: ".)")).split(separator: ".").map(String.init)
            groups[groups.count - 1] = String(ordinal)
            return groups.joined(separator: ".") + suffix
        }
    }
}
