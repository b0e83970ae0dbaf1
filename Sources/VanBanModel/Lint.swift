/// What `vanban lint` found in one or more documents: `vanban.lint/1` (docs/lint.md).
public struct LintReport: Codable, Sendable, Equatable {
    public static let schemaName = "vanban.lint/1"
    public var schema: String = LintReport.schemaName
    public var files: [LintResult]
    public init(files: [LintResult]) { self.files = files }

    public var errors: Int { files.reduce(0) { $0 + $1.summary.errors } }
}

public struct LintResult: Codable, Sendable, Equatable {
    public struct Summary: Codable, Sendable, Equatable {
        public var errors: Int
        public var warnings: Int
        public var infos: Int
        public init(errors: Int = 0, warnings: Int = 0, infos: Int = 0) { self.errors = errors; self.warnings = warnings; self.infos = infos }
    }
    public var file: String
    /// The document kind the format rules were chosen for ("KH" Kế hoạch, "CV" Công văn …), nil when unknown.
    public var kind: String?
    public var title: String?
    public var summary: Summary
    public var findings: [LintFinding]

    public init(file: String, kind: String?, title: String?, findings: [LintFinding]) {
        self.file = file; self.kind = kind; self.title = title; self.findings = findings
        var s = Summary()
        for f in findings {
            switch f.severity {
            case .error: s.errors += 1
            case .warning: s.warnings += 1
            case .info: s.infos += 1
            }
        }
        summary = s
    }
}

/// One mistake, with where it is, the text concerned, a Vietnamese message and, when one
/// exists, what to write instead.
public struct LintFinding: Codable, Sendable, Equatable {
    /// "doubled-word", "missing-number-line" …
    public var code: String
    /// The rule group a config file turns on or off: format, numbering, references, tables, spelling.
    public var group: String
    public var severity: Diagnostic.Severity
    /// Section path or appendix/group/row: "Body II.3", "Phụ lục II, group V, row 4".
    public var `where`: String
    public var page: Int?
    public var line: Int?
    /// The text concerned, as the document writes it.
    public var text: String?
    public var message: String
    public var suggestion: String?
    /// The provision the rule comes from ("Nghị định 30/2020/NĐ-CP, Điều 8 khoản 3").
    public var rule: String?

    public init(code: String, group: String, severity: Diagnostic.Severity, where place: String, page: Int? = nil, line: Int? = nil,
                text: String? = nil, message: String, suggestion: String? = nil, rule: String? = nil) {
        self.code = code; self.group = group; self.severity = severity; self.where = place; self.page = page; self.line = line
        self.text = text; self.message = message; self.suggestion = suggestion; self.rule = rule
    }

    // Every field is written, null when unknown, like the plan contract.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(code, forKey: .code)
        try c.encode(group, forKey: .group)
        try c.encode(severity, forKey: .severity)
        try c.encode(self.where, forKey: .where)
        try c.encode(page, forKey: .page)
        try c.encode(line, forKey: .line)
        try c.encode(text, forKey: .text)
        try c.encode(message, forKey: .message)
        try c.encode(suggestion, forKey: .suggestion)
        try c.encode(rule, forKey: .rule)
    }

    enum CodingKeys: String, CodingKey { case code, group, severity, `where`, page, line, text, message, suggestion, rule }
}
