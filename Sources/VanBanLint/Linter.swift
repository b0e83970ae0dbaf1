import Foundation
import VanBanCore
import VanBanModel

/// The mistakes a careful clerk finds before a document is signed, from the plan alone: its
/// format by Nghị định 30/2020/NĐ-CP, numbering, references, tables, spelling and words.
/// It knows nothing of PDF or DOCX; the structurer's and the reference finder's diagnostics
/// (duplicate labels, malformed symbols) are taken over, not found again.
public struct Linter: Sendable {
    public static let groups = ["format", "numbering", "references", "tables", "spelling"]

    public struct Options: Sendable, Equatable {
        /// Rule groups (or single codes) turned off.
        public var disabled: Set<String> = []
        /// Findings below this are dropped.
        public var minimumSeverity: Diagnostic.Severity = .info
        public init() {}
    }

    let dictionaries: Dictionaries
    let data: LintData
    let options: Options
    let speller: Speller?

    public init(dictionaries: Dictionaries = .shared, data: LintData = .shared, options: Options = Options()) {
        self.dictionaries = dictionaries; self.data = data; self.options = options
        speller = options.disabled.contains("spelling") ? nil : Self.sharedSpeller
    }

    static let sharedSpeller = Speller()

    public func lint(_ plan: Plan, file: String) -> LintResult {
        let passages = Passage.all(in: plan)
        let cache = WordKeys()
        let tokens = passages.map { Tokenizer.tokens($0.text.text, cache) }
        let ctx = Context(plan: plan, passages: passages, tokens: tokens, dictionaries: dictionaries, data: data, speller: speller,
                          typeNames: dictionaries.typeNamesLongestFirst)
        var found: [LintFinding] = []
        if on("format") { found += FormatRules(ctx).run() }
        if on("numbering") { found += NumberingRules(ctx).run() }
        if on("references") { found += ReferenceRules(ctx).run() }
        if on("tables") { found += TableRules(ctx).run() }
        if on("spelling") { var words = WordRules(ctx); found += words.run() }
        found += diagnostics(plan, ctx)
        let kept = dedupe(found).filter { on($0.group) && on($0.code) && rank($0.severity) >= rank(options.minimumSeverity) }
        return LintResult(file: file, kind: FormatRules.kind(of: plan.header, dictionaries), title: plan.header.title, findings: kept)
    }

    private func on(_ name: String) -> Bool { !options.disabled.contains(name) }

    func rank(_ s: Diagnostic.Severity) -> Int { s == .error ? 2 : s == .warning ? 1 : 0 }

    /// The structurer's and the reference finder's diagnostics, as findings.
    private func diagnostics(_ plan: Plan, _ ctx: Context) -> [LintFinding] {
        plan.diagnostics.compactMap { d in
            let group: String
            switch d.code {
            case "duplicate-label", "label-gap": group = "numbering"
            case "malformed-symbol": group = "references"
            default: return nil
            }
            // "e)" after "d)": many offices letter a, b, c, d, e, leaving out đ.
            if d.code == "label-gap", d.message.hasPrefix("label e)"), d.message.hasSuffix("expected đ)") { return nil }
            var place = d.where ?? ""
            if group == "numbering", !place.hasPrefix("Body"), !place.hasPrefix("Phụ lục") { place = "Body " + place }
            let severity: Diagnostic.Severity = d.code == "duplicate-label" ? .error : d.severity
            return LintFinding(code: d.code, group: group, severity: severity, where: place, text: Self.quoted(d.message),
                               message: Messages.vietnamese(d), suggestion: Self.expected(d.message))
        }
    }

    /// The first “…” of a message.
    static func quoted(_ s: String) -> String? {
        guard let a = s.firstIndex(of: "“"), let b = s[a...].firstIndex(of: "”") else { return nil }
        return String(s[s.index(after: a)..<b])
    }

    /// What follows "expected “…”" in a message.
    static func expected(_ s: String) -> String? {
        guard let r = s.range(of: "expected “") ?? s.range(of: "expected ") else { return nil }
        let rest = s[r.upperBound...]
        return String(rest.prefix { $0 != "”" && $0 != ")" })
    }

    /// One finding per place and text (a text inside another's at the same place counts as
    /// the same: "liện" and "liện hệ"), and one finding for a word mistaken the same way in
    /// several places, naming them all.
    private func dedupe(_ fs: [LintFinding]) -> [LintFinding] {
        var out: [LintFinding] = []
        var byPlace: [String: [Int]] = [:]
        for f in fs {
            let k = f.text.map(Fold.key) ?? ""
            if let i = byPlace[f.where]?.first(where: { j in
                let o = out[j].text.map(Fold.key) ?? ""
                return (k.isEmpty && o.isEmpty && out[j].code == f.code) || (!k.isEmpty && !o.isEmpty && (o.contains(k) || k.contains(o)) && out[j].group == f.group)
            }) {
                if rank(f.severity) > rank(out[i].severity) { out[i] = f }
                continue
            }
            byPlace[f.where, default: []].append(out.count)
            out.append(f)
        }
        // The same word mistaken the same way: one finding, every place.
        var merged: [LintFinding] = []
        var first: [String: Int] = [:]
        for f in out {
            guard f.group == "spelling", f.code != "tone-placement-mixed", let t = f.text else { merged.append(f); continue }
            let k = f.code + "|" + Fold.key(t)
            if let i = first[k] {
                merged[i].where += "; " + f.where
                merged[i].page = merged[i].page ?? f.page
                continue
            }
            first[k] = merged.count
            merged.append(f)
        }
        return merged
    }
}

/// What every rule group reads: the plan, its passages and their tokens.
struct Context {
    let plan: Plan
    let passages: [Passage]
    let tokens: [[Token]]
    let dictionaries: Dictionaries
    let data: LintData
    let speller: Speller?

    /// Where a text first occurs in the plan's passages (symbol spelling folded).
    func place(of needle: String) -> (String, Position?)? {
        let k = Fold.symbolKey(needle)
        // Asked only for a finding's place: no index is worth building.
        for p in passages where Fold.symbolKey(p.text.text).contains(k) {
            return (p.place, p.text.position)
        }
        return nil
    }

    /// Type names, longest first (the dictionary sorts them on every call).
    let typeNames: [(spelling: String, type: DocumentType)]
}

/// Reads a config file: one setting a line, "#" comments.
///     spelling = off          # a rule group (format, numbering, references, tables, spelling) or a code
///     severity = warning      # the least severity reported
public enum LintConfig {
    public struct ConfigError: Error, CustomStringConvertible { public let description: String }

    public static func parse(_ text: String, file: String, into options: inout Linter.Options) throws {
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init)?
                .trimmingCharacters(in: .whitespaces) ?? ""
            if line.isEmpty { continue }
            let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty else {
                throw ConfigError(description: "\(file):\(n + 1): expected “name = value”, found “\(line)”")
            }
            let (name, value) = (parts[0], parts[1].lowercased())
            if name == "severity" {
                guard let s = Diagnostic.Severity(rawValue: value) else {
                    throw ConfigError(description: "\(file):\(n + 1): severity is error, warning or info, not “\(value)”")
                }
                options.minimumSeverity = s
                continue
            }
            switch value {
            case "off", "false", "no", "0": options.disabled.insert(name)
            case "on", "true", "yes", "1": options.disabled.remove(name)
            default: throw ConfigError(description: "\(file):\(n + 1): “\(name)” is on or off, not “\(value)”")
            }
        }
    }
}

