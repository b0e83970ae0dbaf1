import VanBanCore
import VanBanModel

/// Tables of tasks and indicators: empty cells where the column is required (lead,
/// deadline) or filled everywhere else, cells that repeat their neighbour or themselves,
/// group titles repeated across groups, and groups that differ from the body section they mirror.
struct TableRules {
    let ctx: Context
    init(_ ctx: Context) { self.ctx = ctx }

    static let required: Set<String> = ["lead", "deadline", "output"]

    func run() -> [LintFinding] {
        var out: [LintFinding] = []
        // A text file gives no cell boundaries: its rows are whole lines, and cells cannot be judged.
        let uncut = Passage.uncutTables(ctx.plan)
        for (ai, a) in ctx.plan.appendices.enumerated() {
            let name = Passage.appendixName(a, ai)
            let walk = TableWalk(a, name: name)
            if !uncut.contains(a.label ?? "") && !uncut.contains(a.title) && !uncut.contains(name) {
                out += emptyCells(a, walk)
                out += neighbours(a, walk)
            }
            out += repeatedGroups(walk)
            out += mirroredSections(a, walk)
        }
        out += repeatedClauses()
        return out
    }

    private func emptyCells(_ a: Appendix, _ walk: TableWalk) -> [LintFinding] {
        guard a.kind != .other, a.columns.count >= 3 else { return [] }
        let meanings = a.columns.map { ctx.dictionaries.columnMeaning($0) }
        let rows = walk.rows.compactMap { r -> (TableWalk.Row, [String])? in
            if case let .cells(c) = r.row, c.count == a.columns.count { return (r, c) }
            return nil
        }
        guard rows.count >= 3 else { return [] }
        func blank(_ s: String) -> Bool { s.trimmingCharacters(in: .whitespaces).isEmpty }
        var checked: [Int] = []
        for c in a.columns.indices where !["number", "note", "partners", "task", "indicator"].contains(meanings[c] ?? "") {
            let filled = rows.filter { !blank($0.1[c]) }.count
            let isRequired = meanings[c].map(Self.required.contains) ?? false
            // A column filled in nine rows of ten is one the writer meant to fill.
            guard isRequired || Double(filled) >= 0.9 * Double(rows.count), filled > 0 else { continue }
            // Many blanks in one column are cells merged down the rows, which the plan keeps
            // as empty cells: not a blank the writer forgot.
            let empty = rows.count - filled
            if empty >= 3 && Double(empty) > 0.1 * Double(rows.count) && !isRequired { continue }
            if empty >= 3 && Double(empty) > 0.25 * Double(rows.count) { continue }
            checked.append(c)
        }
        var out: [LintFinding] = []
        for (r, cells) in rows {
            // A row with its text alone is a sub-heading, not a task with cells missing.
            guard cells.filter({ !blank($0) }).count >= 2, let text = cells.first(where: { !blank($0) && $0.count > 4 }) else { continue }
            let missing = checked.filter { blank(cells[$0]) }.map { a.columns[$0] }
            guard !missing.isEmpty else { continue }
            let names = missing.map { "“\($0)”" }.joined(separator: ", ")
            out.append(LintFinding(code: "empty-cell", group: "tables", severity: .warning, where: r.place, text: missing.joined(separator: ", "),
                                   message: "Ô \(names) để trống (nhiệm vụ “\(String(text.prefix(60)))…”)"))
        }
        return out
    }

    /// A cell that repeats the one before it ("Cơ quan chủ trì" = "Cơ quan phối hợp").
    private func neighbours(_ a: Appendix, _ walk: TableWalk) -> [LintFinding] {
        var out: [LintFinding] = []
        for r in walk.rows {
            guard case let .cells(cells) = r.row, cells.count >= 2 else { continue }
            for c in 1..<cells.count {
                let x = cells[c].trimmingCharacters(in: .whitespaces)
                guard x.count >= 8, Fold.key(x) == Fold.key(cells[c - 1]) else { continue }
                let col = c < a.columns.count ? a.columns[c] : "cột \(c + 1)"
                let prev = c - 1 < a.columns.count ? a.columns[c - 1] : "cột \(c)"
                out.append(LintFinding(code: "cell-repeat", group: "tables", severity: .warning, where: r.place, text: x,
                                       message: "Ô “\(col)” lặp lại nguyên văn ô “\(prev)” bên cạnh"))
            }
        }
        return out
    }

    /// One clause written twice in a cell or paragraph: "A; a" (case folded).
    private func repeatedClauses() -> [LintFinding] {
        var out: [LintFinding] = []
        for (pi, p) in ctx.passages.enumerated() {
            // Clauses are the words between semicolons (a cell's line breaks read as spaces).
            var clauses: [[String]] = [[]]
            for t in ctx.tokens[pi] {
                if t.text == ";" { clauses.append([]) } else if t.kind != .mark { clauses[clauses.count - 1].append(t.key) }
            }
            guard clauses.count >= 2 else { continue }
            var seen = Set<[String]>()
            for c in clauses where c.count >= 4 {
                if !seen.insert(c).inserted {
                    out.append(LintFinding(code: "clause-repeat", group: p.kind == .cell ? "tables" : "spelling", severity: .warning, where: p.place,
                                           page: p.text.position?.page, line: p.text.position?.line,
                                           text: Self.original(c.joined(separator: " "), in: p.text.text), message: "Một nội dung được viết hai lần trong cùng \(p.kind == .cell ? "ô" : "đoạn")",
                                           suggestion: "bỏ phần lặp"))
                    break
                }
            }
        }
        return out
    }

    /// The clause as the document writes it (its first words).
    static func original(_ key: String, in text: String) -> String {
        for part in text.split(separator: ";") where Fold.key(part).split(whereSeparator: { !$0.isLetter && !$0.isNumber }).joined(separator: " ").contains(key) {
            return String(part.trimmingCharacters(in: .whitespaces).prefix(120))
        }
        return key
    }

    private func repeatedGroups(_ walk: TableWalk) -> [LintFinding] {
        var seen: [String: String] = [:]
        var out: [LintFinding] = []
        for r in walk.rows {
            guard case let .group(label, title) = r.row, title.split(separator: " ").count >= 2 else { continue }
            let k = Fold.key(title)
            if let first = seen[k] {
                out.append(LintFinding(code: "group-title-repeated", group: "tables", severity: .error, where: r.place, text: title,
                                       message: "Nhóm \(label) lặp lại tên của nhóm \(first)"))
            } else { seen[k] = label }
        }
        return out
    }

    /// The groups of a task table mirror a body section's items one to one; a group whose
    /// title shares nothing with its item, while the others match, was copied from elsewhere.
    private func mirroredSections(_ a: Appendix, _ walk: TableWalk) -> [LintFinding] {
        let groups = walk.rows.compactMap { r -> (String, String, String)? in
            if case let .group(label, title) = r.row { return (label, title, r.place) }
            return nil
        }
        guard groups.count >= 3 else { return [] }
        var best: (score: Double, node: OutlineNode, path: [String])?
        for top in ctx.plan.outline {
            top.walk { node, path in
                guard node.children.count == groups.count else { return }
                let s = zip(groups, node.children).map { Self.similarity($0.1, $1.title) }
                let matched = Double(s.filter { $0 >= 0.5 }.count) / Double(s.count)
                if matched > (best?.score ?? 0.6) { best = (matched, node, path) }
            }
        }
        guard let best else { return [] }
        var out: [LintFinding] = []
        for (g, child) in zip(groups, best.node.children) where Self.similarity(g.1, child.title) < 0.25 {
            out.append(LintFinding(code: "group-heading-mismatch", group: "tables", severity: .warning, where: g.2, text: g.1,
                                   message: "Nhóm \(g.0) “\(g.1)” không khớp mục tương ứng trong nội dung “\(child.label) \(child.title)”",
                                   suggestion: child.title))
        }
        return out
    }

    /// Shared words over the shorter side's words (tone placement and case folded).
    static func similarity(_ a: String, _ b: String) -> Double {
        let wa = Set(Fold.key(a).split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init))
        let wb = Set(Fold.key(b).split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init))
        guard !wa.isEmpty, !wb.isEmpty else { return 0 }
        return Double(wa.intersection(wb).count) / Double(min(wa.count, wb.count))
    }
}
