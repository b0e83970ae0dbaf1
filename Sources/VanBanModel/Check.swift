/// The result of checking a subordinate plan against its parent, Codable to `vanban.check/1`
/// (../shared/contract/check-json.md). Field names are the contract's; add, never rename.
public struct CheckResult: Codable, Sendable, Equatable {
    public static let schemaName = "vanban.check/1"

    public struct Document: Codable, Sendable, Equatable {
        public var file: String
        public var id: String?
        public var title: String?
        public var citesParent: Bool?
        public init(file: String, id: String?, title: String?, citesParent: Bool? = nil) {
            self.file = file; self.id = id; self.title = title; self.citesParent = citesParent
        }
    }

    /// A task or indicator of either plan, named as printed.
    public struct ItemRef: Codable, Sendable, Equatable {
        public var id: String
        public var appendix: String?
        public var group: String?
        public var number: String?
        public var text: String
        public init(id: String, appendix: String?, group: String?, number: String?, text: String) {
            self.id = id; self.appendix = appendix; self.group = group; self.number = number; self.text = text
        }
    }

    public struct Link: Codable, Sendable, Equatable {
        public var id: String
        public var appendix: String?
        public var group: String?
        public var number: String?
        public var text: String
        public var score: Double
        /// The words both texts share, most telling first.
        public var matched: [String]
        public init(_ item: ItemRef, score: Double, matched: [String]) {
            id = item.id; appendix = item.appendix; group = item.group; number = item.number; text = item.text
            self.score = score; self.matched = matched
        }
    }

    public struct Finding: Codable, Sendable, Equatable {
        public var code: String
        public var parent: String?
        public var child: String?
        public var year: Int?
        /// Why it is a finding: "“Đoàn trường” (đoàn, đội) có chức năng khác “Phòng Giáo dục Trung học” (chuyên môn)".
        public var reason: String?
        public init(code: String, parent: String?, child: String?, year: Int? = nil, reason: String? = nil) {
            self.code = code; self.parent = parent; self.child = child; self.year = year; self.reason = reason
        }
        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(code, forKey: .code)
            try c.encode(parent, forKey: .parent)
            try c.encode(child, forKey: .child)
            try c.encode(year, forKey: .year)
            try c.encodeIfPresent(reason, forKey: .reason)
        }
    }

    /// A unit of the child that stands for a unit of the parent at the child's level: accepted,
    /// not a finding ("Tổ Văn phòng" for "Văn phòng Sở"; the school for "các cơ sở giáo dục").
    public struct Counterpart: Codable, Sendable, Equatable {
        /// "lead" or "partners".
        public var field: String
        public var parent: String
        public var child: String?
        public var reason: String
        public init(field: String, parent: String, child: String?, reason: String) {
            self.field = field; self.parent = parent; self.child = child; self.reason = reason
        }
    }

    public enum Status: String, Codable, Sendable { case covered, partial, missing, exempt }

    public struct Item: Codable, Sendable, Equatable {
        public var kind: String
        public var parent: ItemRef
        public var status: Status
        public var children: [Link]
        public var findings: [Finding]
        /// Why a parent item is exempt (from --accept), or what part of it the child lacks.
        public var note: String?
        /// The parent's units the child carried by a unit of its own level.
        public var counterparts: [Counterpart]?
        /// For a partial item whose parent enumerates its scope: the items the child dropped.
        public var dropped: [String]?
        public init(kind: String, parent: ItemRef, status: Status, children: [Link] = [], findings: [Finding] = [], note: String? = nil) {
            self.kind = kind; self.parent = parent; self.status = status; self.children = children; self.findings = findings; self.note = note
        }
    }

    public struct Extra: Codable, Sendable, Equatable {
        public var kind: String
        public var id: String
        public var appendix: String?
        public var group: String?
        public var number: String?
        public var text: String
        public init(kind: String, _ item: ItemRef) {
            self.kind = kind; id = item.id; appendix = item.appendix; group = item.group; number = item.number; text = item.text
        }
    }

    public struct Summary: Codable, Sendable, Equatable {
        public var tasks: Int
        public var indicators: Int
        public var covered: Int
        public var partial: Int
        public var missing: Int
        public var exempt: Int
        public var extra: Int
        public var findings: Int
        /// Covered share of the parent's tasks, partial ones counting half, in percent.
        public var coverage: Double
        public init(tasks: Int = 0, indicators: Int = 0, covered: Int = 0, partial: Int = 0, missing: Int = 0, exempt: Int = 0,
                    extra: Int = 0, findings: Int = 0, coverage: Double = 0) {
            self.tasks = tasks; self.indicators = indicators; self.covered = covered; self.partial = partial; self.missing = missing
            self.exempt = exempt; self.extra = extra; self.findings = findings; self.coverage = coverage
        }
    }

    public var schema: String = CheckResult.schemaName
    public var parent: Document
    public var child: Document
    public var items: [Item]
    public var extra: [Extra]
    public var summary: Summary
    public var diagnostics: [Diagnostic]

    public init(parent: Document, child: Document, items: [Item], extra: [Extra], summary: Summary, diagnostics: [Diagnostic] = []) {
        self.parent = parent; self.child = child; self.items = items; self.extra = extra; self.summary = summary
        self.diagnostics = diagnostics
    }
}
