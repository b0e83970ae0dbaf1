import Foundation
import VanBan
import VanBanGraph

// What each page shows, Codable: the page's template renders it and /api/ returns it as JSON,
// so the two never disagree.

struct NodeView: Codable, Sendable {
    var id: String
    var href: String
    var type: String?
    var year: Int?
    var date: String?
    var issuer: String?
    var title: String?
    var imported: Bool

    init(_ n: Node) {
        id = n.id; href = Links.doc(n.id); type = n.type; year = n.year; date = n.date; issuer = n.issuer; title = n.title; imported = n.imported
    }

    init(_ n: GraphNode) {
        id = n.id; href = Links.doc(n.id); type = n.type; year = n.year; date = n.date; issuer = n.issuer; title = n.title; imported = n.imported
    }
}

struct ReferenceView: Codable, Sendable {
    var id: String
    var relation: String
    /// "Thực hiện", "Căn cứ", "Dẫn chiếu".
    var relationName: String
    var type: String?
    var date: String?
    var issuer: String?
    /// The store holds the cited document: a link to it. Otherwise the page says "chưa có trong kho".
    var held: Bool
    var href: String?
    var context: String?

    static let relationNames = ["implements": "Thực hiện", "basis": "Căn cứ", "cites": "Dẫn chiếu"]
}

struct OutlineView: Codable, Sendable {
    var label: String
    var title: String
    var level: Int
    var text: [String]
}

struct TableView: Codable, Sendable {
    struct RowView: Codable, Sendable { var group: String?; var cells: [String] }
    var label: String?
    var title: String
    var columns: [String]
    var rows: [RowView]
}

struct TaskView: Codable, Sendable {
    var number: String?
    var group: String?
    var text: String
    var lead: String
    var partners: String
    var deadline: String?
    var output: String?
}

struct IndicatorView: Codable, Sendable {
    var number: String?
    var text: String
    var unit: String?
    var targets: String
}

struct DocumentView: Codable, Sendable {
    var node: NodeView
    var file: String?
    var issuer: [String]
    var numberLine: String?
    var typeName: String?
    var placeDate: String?
    var title: String?
    var subtitle: String?
    var signer: String?
    var recipients: [String]
    var preamble: [String]
    var outline: [OutlineView]
    var tables: [TableView]
    var tasks: [TaskView]
    var indicators: [IndicatorView]
    var references: [ReferenceView]
    var diagnostics: [String]
    /// Imported documents this one says it implements: the parents to check it against.
    var parents: [NodeView]
    var checkHref: String
    var graphHref: String
    /// The plan is not in the store (a document known only from citations).
    var hasPlan: Bool

    init(node: Node, plan: Plan?, targets: [String: (id: String, imported: Bool)]) {
        self.node = NodeView(node)
        checkHref = Links.check(node.id); graphHref = Links.graph(node.id)
        hasPlan = plan != nil
        let h = plan?.header ?? Header()
        file = plan?.source.file
        issuer = h.issuer; numberLine = h.numberLine; typeName = h.typeName; placeDate = h.placeDate
        title = h.title; subtitle = h.subtitle; recipients = h.recipients
        signer = h.signer.map { s in ([s.authority].compactMap { $0 } + s.position + [s.name].compactMap { $0 }).joined(separator: " ") }
        preamble = plan?.preamble.map(\.text) ?? []
        var outline: [OutlineView] = []
        func walk(_ nodes: [OutlineNode]) {
            for n in nodes {
                outline.append(OutlineView(label: n.label, title: n.title, level: min(max(n.level, 1), 6), text: n.text.map(\.text)))
                walk(n.children)
            }
        }
        walk(plan?.outline ?? [])
        self.outline = outline
        tables = (plan?.appendices ?? []).map { a in
            TableView(label: a.label, title: a.title, columns: a.columns, rows: a.rows.map { r -> TableView.RowView in
                switch r {
                case let .group(label, title): return .init(group: [label, title].filter { !$0.isEmpty }.joined(separator: " "), cells: [])
                case let .cells(c): return .init(group: nil, cells: c)
                }
            })
        }
        tasks = (plan?.tasks ?? []).map { t in
            TaskView(number: t.number, group: t.group, text: t.text, lead: t.lead.joined(separator: "; "),
                     partners: t.partners.joined(separator: "; "), deadline: t.deadline?.text, output: t.output)
        }
        indicators = (plan?.indicators ?? []).map { i in
            IndicatorView(number: i.number, text: i.text, unit: i.unit, targets: i.targets.map { t in
                [t.year.map(String.init), t.text].compactMap { $0 }.joined(separator: ": ")
            }.joined(separator: "; "))
        }
        references = (plan?.references ?? []).map { r in
            let t = targets[r.id]
            let held = t?.imported ?? false
            return ReferenceView(id: r.id, relation: r.relation.rawValue, relationName: ReferenceView.relationNames[r.relation.rawValue] ?? r.relation.rawValue,
                                 type: r.type?.name, date: r.date, issuer: r.issuer, held: held,
                                 href: held ? Links.doc(t!.id) : nil, context: r.occurrences.first?.text)
        }
        diagnostics = (plan?.diagnostics ?? []).filter { $0.severity != .info }.map { "\($0.severity.rawValue): \($0.message)" }
        parents = []
    }
}

struct SearchView: Codable, Sendable {
    var query: SearchQuery
    var searched: Bool
    var results: [NodeView]
    var count: Int
}

struct GraphView: Codable, Sendable {
    var node: NodeView
    var svgHref: String
    /// What it implements or rests on, directly or through a chain.
    var implements: [EdgeView]
    /// What implements it, directly or through a chain.
    var implementedBy: [EdgeView]
    struct EdgeView: Codable, Sendable {
        var from: String; var fromHref: String; var to: String; var toHref: String; var relation: String
        init(_ e: GraphEdge) {
            from = e.from; to = e.to; fromHref = Links.doc(e.from); toHref = Links.doc(e.to)
            relation = ReferenceView.relationNames[e.relation] ?? e.relation
        }
    }
}

struct OrphansView: Codable, Sendable {
    var documents: Int
    var imported: Int
    var orphans: [NodeView]
}

struct CheckPickView: Codable, Sendable {
    var child: NodeView
    var suggested: [NodeView]
    var others: [NodeView]
}

struct CheckView: Codable, Sendable {
    var child: NodeView
    var parent: NodeView
    var csvHref: String
    var jsonHref: String
    var summary: CheckResult.Summary
    /// The report `vanban check --format html` writes (VanBanWriters.CheckWriter), its body and style.
    var reportStyle: String
    var reportBody: String
}

struct UploadView: Codable, Sendable {
    var results: [UploadResult]
    var imported: Int
    var failed: Int
}
