import Foundation
import VanBanCore
import VanBanModel
import VanBanReferences

/// Tasks and indicators, typed, from the plan's tables (columns recognised by meaning through
/// Dictionaries/columns.tsv) and from body items that carry the fields as lines
/// ("- Chủ trì: …", "- Thời gian thực hiện: …").
public struct TaskExtractor: Sendable {
    let dictionaries: Dictionaries
    let references: ReferenceFinder
    let deadlines: DeadlineParser

    public init(dictionaries: Dictionaries = .shared) {
        self.dictionaries = dictionaries
        references = ReferenceFinder(dictionaries: dictionaries)
        deadlines = DeadlineParser(dictionaries: dictionaries)
    }

    public func extract(from plan: Plan) -> (tasks: [Task], indicators: [Indicator], diagnostics: [Diagnostic]) {
        var tasks: [Task] = []
        var indicators: [Indicator] = []
        var diagnostics: [Diagnostic] = []
        for (n, appendix) in plan.appendices.enumerated() {
            let prefix = Self.appendixID(appendix.label, ordinal: n + 1)
            let meanings = appendix.columns.map { dictionaries.columnMeaning($0) }
            let isIndicators = appendix.kind == .indicators || (meanings.contains("indicator") && !meanings.contains("task"))
            guard appendix.kind != .other || meanings.contains("task") || meanings.contains("indicator") else { continue }
            var group: (label: String, title: String)?
            var seen = Set<String>()
            for row in appendix.rows {
                switch row {
                case let .group(label, title):
                    group = (label, title)
                case let .cells(cells):
                    let fields = Fields(columns: appendix.columns, meanings: meanings, cells: cells)
                    var id = [prefix, group?.label, fields.first("number")].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: "/")
                    // A document that repeats a number keeps both rows apart.
                    var k = 2
                    let base = id
                    while seen.contains(id) { id = base + "#\(k)"; k += 1 }
                    seen.insert(id)
                    if isIndicators {
                        indicators.append(indicator(fields, id: id, group: group?.title))
                    } else {
                        let (task, unknown) = task(fields, id: id, group: group?.title)
                        tasks.append(task)
                        if let unknown { diagnostics.append(unknown) }
                    }
                }
            }
        }
        for node in plan.outline { bodyTasks(node, path: [], parent: nil, into: &tasks, &diagnostics) }
        return (tasks, indicators, diagnostics)
    }

    /// "Phụ lục II" -> "PL2", "PHỤ LỤC 3" -> "PL3"; an untitled table counts in document order.
    public static func appendixID(_ label: String?, ordinal: Int) -> String {
        guard let label, let last = label.split(separator: " ").last else { return "PL\(ordinal)" }
        if let n = Int(last) { return "PL\(n)" }
        if let r = Roman.value(String(last).uppercased()) { return "PL\(r)" }
        return "PL\(ordinal)"
    }

    func task(_ f: Fields, id: String, group: String?) -> (Task, Diagnostic?) {
        let lead = f.all("lead").flatMap(Units.split)
        let partners = f.all("partners").flatMap(Units.split)
        var deadline: Deadline?
        var unknown: Diagnostic?
        if let text = f.first("deadline"), !text.isEmpty {
            let (d, understood) = deadlines.parse(text)
            deadline = d
            if !understood { unknown = Diagnostic(.info, "deadline", "deadline phrase not understood: “\(text)”", where: id) }
        }
        let basis = f.all("basis").flatMap { references.mentions(in: $0).map(\.id) }
        let task = Task(id: id, group: group, number: f.first("number"), text: f.first("task") ?? f.first("indicator") ?? "",
                        lead: lead, partners: partners, deadline: deadline, output: f.first("output").flatMap { $0.isEmpty ? nil : $0 },
                        basis: basis, note: f.first("note").flatMap { $0.isEmpty ? nil : $0 },
                        leadUnits: Units.typed(lead, dictionaries), partnerUnits: Units.typed(partners, dictionaries))
        return (task, unknown)
    }

    func indicator(_ f: Fields, id: String, group: String?) -> Indicator {
        var targets: [Target] = []
        for (heading, cell) in f.columns("target") {
            let year = DeadlineParser.years(in: heading).last
            targets += TargetParser.parse(cell, year: year)
            if Fold.collapse(cell).isEmpty || cell == "-" {
                // A year left blank is kept as a target with no value, so a checker sees the gap.
                targets.append(Target(year: year, text: cell))
            }
        }
        let unit = f.first("unit").flatMap { $0.isEmpty ? nil : $0 } ?? targets.compactMap(\.unit).first
        return Indicator(id: id, group: group, number: f.first("number"), text: f.first("indicator") ?? f.first("task") ?? "",
                         unit: unit, targets: targets, lead: f.all("lead").flatMap(Units.split),
                         partners: f.all("partners").flatMap(Units.split))
    }

    /// A heading whose paragraphs are "- Field: value" lines is a task ("II.1" in 004).
    func bodyTasks(_ node: OutlineNode, path: [String], parent: String?, into tasks: inout [Task], _ diagnostics: inout [Diagnostic]) {
        let here = path + [node.label.trimmingCharacters(in: CharacterSet(charactersIn: ".)"))]
        var columns: [String] = []
        var cells: [String] = []
        for p in node.text {
            let t = p.text.drop { "-+• ".contains($0) }
            guard let colon = t.firstIndex(of: ":"), t.distance(from: t.startIndex, to: colon) <= 40 else { continue }
            let label = String(t[..<colon])
            guard dictionaries.columnMeaning(label) != nil else { continue }
            columns.append(label)
            cells.append(Fold.collapse(String(t[t.index(after: colon)...])).trimmingCharacters(in: CharacterSet(charactersIn: " ;.")))
        }
        let meanings = columns.map { dictionaries.columnMeaning($0) }
        if meanings.contains("lead") || meanings.contains("deadline"), meanings.compactMap({ $0 }).count >= 2 {
            var f = Fields(columns: columns, meanings: meanings, cells: cells)
            if f.first("task") == nil {
                f = Fields(columns: columns + ["Nhiệm vụ"], meanings: meanings + ["task"], cells: cells + [node.title])
            }
            var (t, unknown) = task(f, id: here.joined(separator: "."), group: parent)
            t.number = node.label
            tasks.append(t)
            if let unknown { diagnostics.append(unknown) }
        }
        for child in node.children { bodyTasks(child, path: here, parent: node.title, into: &tasks, &diagnostics) }
    }
}

/// A row's cells by the meaning of their column.
struct Fields {
    let columns: [String]
    let meanings: [String?]
    let cells: [String]

    func first(_ meaning: String) -> String? {
        meanings.indices.first { meanings[$0] == meaning && $0 < cells.count }.map { cells[$0] }
    }

    func all(_ meaning: String) -> [String] {
        meanings.indices.filter { meanings[$0] == meaning && $0 < cells.count && !cells[$0].isEmpty }.map { cells[$0] }
    }

    func columns(_ meaning: String) -> [(String, String)] {
        meanings.indices.filter { meanings[$0] == meaning && $0 < cells.count }.map { (columns[$0], cells[$0]) }
    }
}
