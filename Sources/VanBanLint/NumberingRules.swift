import VanBanCore
import VanBanModel

/// Numbering the structurer does not judge: a dotted label whose head is not its parent's
/// number ("1.1." under "2."), table group and row numbers, and inline enumerations
/// "(1) … (2) … (3) … (3)".
struct NumberingRules {
    let ctx: Context
    init(_ ctx: Context) { self.ctx = ctx }

    func run() -> [LintFinding] { outlineParents() + tables() + inline() }

    /// "2.1." "2.2." belong under "2."; "1.1." there is a copied number.
    private func outlineParents() -> [LintFinding] {
        var out: [LintFinding] = []
        func visit(_ n: OutlineNode, _ path: [String]) {
            let parentNumbers = Self.numbers(n.label)
            for c in n.children {
                let childNumbers = Self.numbers(c.label)
                if parentNumbers.count >= 1, Self.isDecimal(n.label), childNumbers.count == parentNumbers.count + 1,
                   Array(childNumbers.prefix(parentNumbers.count)) != parentNumbers {
                    let expected = (parentNumbers + [childNumbers.last!]).map(String.init).joined(separator: ".") + "."
                    out.append(LintFinding(code: "label-parent", group: "numbering", severity: .warning,
                                           where: "Body " + Passage.sectionPath(path + [n.label]) + " " + c.label,
                                           page: c.position?.page, line: c.position?.line, text: c.label,
                                           message: "Mục \(c.label) nằm trong mục \(n.label) nhưng số thứ tự không bắt đầu bằng \(n.label)",
                                           suggestion: expected))
                }
                visit(c, path + [n.label])
            }
        }
        for n in ctx.plan.outline { visit(n, []) }
        return out
    }

    static func isDecimal(_ label: String) -> Bool { label.first?.isNumber ?? false }

    static func numbers(_ label: String) -> [Int] {
        guard isDecimal(label) else { return [] }
        return label.split(whereSeparator: { $0 == "." || $0 == ")" }).compactMap { Int($0) }
    }

    /// Group labels I, II, III … and row numbers 1, 2, 3 … of each table.
    private func tables() -> [LintFinding] {
        var out: [LintFinding] = []
        let uncut = Passage.uncutTables(ctx.plan)
        for (ai, a) in ctx.plan.appendices.enumerated() {
            let name = Passage.appendixName(a, ai)
            // Without cell boundaries the first "cell" is no number column.
            if uncut.contains(a.label ?? "") || uncut.contains(a.title) || uncut.contains(name) { continue }
            let walk = TableWalk(a, name: name)
            var prevGroup: Int?
            var prevRow: Int?
            var restartAllowed = true
            for r in walk.rows {
                switch r.row {
                case let .group(label, _):
                    let l = label.trimmingCharacters(in: .init(charactersIn: ".) "))
                    guard let v = Roman.value(l) ?? Int(l) else { continue }
                    if let p = prevGroup {
                        if v == p {
                            out.append(finding("duplicate-label", .error, r.place, label, "Nhóm \(label) trùng số với nhóm liền trước"))
                        } else if v != p + 1 {
                            out.append(finding("label-gap", .warning, r.place, label, "Nhóm \(label) đứng sau nhóm số \(p); số thứ tự không liên tục"))
                        }
                    }
                    prevGroup = v
                    restartAllowed = true
                case let .cells(cells):
                    let first = cells.first?.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: .init(charactersIn: ".")) ?? ""
                    guard let v = Int(first) else { continue }
                    if let p = prevRow, !(restartAllowed && v == 1) {
                        if v == p {
                            out.append(finding("duplicate-label", .warning, r.place, first, "Số thứ tự \(v) trùng với dòng liền trước"))
                        } else if v != p + 1 {
                            out.append(finding("label-gap", .warning, r.place, first, "Số thứ tự \(v) đứng sau \(p); lẽ ra là \(p + 1)"))
                        }
                    }
                    prevRow = v
                    restartAllowed = false
                }
            }
        }
        return out
    }

    private func finding(_ code: String, _ s: Diagnostic.Severity, _ place: String, _ text: String, _ message: String) -> LintFinding {
        LintFinding(code: code, group: "numbering", severity: s, where: place, text: text, message: message)
    }

    /// "(1) … (2) … (3) … (3)" inside one paragraph: three markers or more, starting at (1).
    private func inline() -> [LintFinding] {
        var out: [LintFinding] = []
        for (pi, toks) in ctx.tokens.enumerated() {
            var marks: [(Int, Int)] = []  // value, token index
            var i = 0
            while i + 2 < toks.count {
                if toks[i].text == "(", toks[i + 1].kind == .number, toks[i + 2].text == ")", toks[i + 1].text.count <= 2,
                   let v = Int(toks[i + 1].text) {
                    marks.append((v, i))
                    i += 3
                } else { i += 1 }
            }
            guard marks.count >= 3, marks[0].0 == 1 else { continue }
            let p = ctx.passages[pi]
            for k in 1..<marks.count {
                let (v, ti) = marks[k], prev = marks[k - 1].0
                if v == prev + 1 { continue }
                let pos = p.position(at: toks[ti].start)
                let context = String(p.text.text.unicodeScalars.dropFirst(toks[ti].start).prefix(40).map(Character.init))
                if v == prev {
                    out.append(LintFinding(code: "duplicate-label", group: "numbering", severity: .error, where: p.place, page: pos?.page, line: pos?.line,
                                           text: "(\(v))", message: "Liệt kê (\(v)) bị trùng: đứng sau (\(prev)), ở “\(context)…”", suggestion: "(\(prev + 1))"))
                } else {
                    out.append(LintFinding(code: "label-gap", group: "numbering", severity: .warning, where: p.place, page: pos?.page, line: pos?.line,
                                           text: "(\(v))", message: "Liệt kê (\(v)) đứng sau (\(prev)); số thứ tự không liên tục, ở “\(context)…”", suggestion: "(\(prev + 1))"))
                }
            }
        }
        return out
    }
}
