import Foundation

/// A kind of document: "Kế hoạch" (KH), "Nghị quyết" (NQ), "Thông tư liên tịch" (TTLT)…
public struct DocumentType: Hashable, Sendable {
    public enum Family: String, Sendable { case admin, legal, party }
    public let code: String?
    public let name: String
    public let family: Family
    public let spellings: [String]
}

/// An issuing body as the part of a symbol after the slash names it ("TW", "UBND", "BGDĐT").
public struct Issuer: Hashable, Sendable {
    public let code: String
    public let name: String
    public let level: String
    public let otherNames: [String]
}

/// A value computed once, on first use, by whichever thread asks first.
final class Once<T: Sendable>: @unchecked Sendable {
    private var stored: T?
    private let lock = NSLock()
    func value(_ make: () -> T) -> T {
        lock.lock(); defer { lock.unlock() }
        if let v = stored { return v }
        let v = make()
        stored = v
        return v
    }
}

public struct DictionaryError: Error, CustomStringConvertible {
    public let description: String
}

/// The data in Dictionaries/, read once. The files are package resources; when the binary has
/// been moved away from its resource bundle, VANBAN_DICTIONARIES names the folder instead.
public final class Dictionaries: Sendable {
    public let documentTypes: [DocumentType]
    public let issuers: [Issuer]
    /// Table column headings by meaning ("lead" <- "Cơ quan chủ trì"), as folded word keys.
    public var columns: [(meaning: String, words: [String])] { folded.columns }
    /// Folded unit name (any form) -> full name.
    public var unitNames: [String: String] { folded.unitNames }
    /// Deadline phrases without a year, folded, longest first, with what they mean.
    public var deadlinePhrases: [(key: String, phrase: String, meaning: String)] { folded.deadlinePhrases }
    /// Abbreviations of running text and their expansions ("CĐS" -> "chuyển đổi số").
    public let abbreviations: [(abbreviation: String, expansion: String)]
    /// Folded names of the roles inside an issuing body (Tổ trưởng, GV, Hiệu trưởng …).
    public var roles: [String] { folded.roles }
    /// The folder the tables were read from, for analyzers that read tables of their own.
    public let directory: URL
    /// The words of the worded outline labels ("Điều" -> article).
    public let labelWords: [(word: String, family: LabelFamily)]
    /// Canonical kind name -> its label families, shallowest first ("*" for any other kind).
    public let labelFamilies: [String: [LabelFamily]]
    /// The kinds label-families.tsv names, as written there, longest first.
    public let kindNames: [String]
    /// Header and preamble lines by role ("excerpt" <- "V/v", "basis" <- "Căn cứ"), folded keys.
    public let headerLines: [(role: String, key: String)]

    /// The rows behind the folded tables, read at start; folding them waits for the first run
    /// that asks (`vanban refs` never does).
    private let columnRows: [[String]], unitRows: [[String]], deadlineRows: [[String]], roleRows: [[String]]
    private let foldedOnce = Once<Folded>()
    private var folded: Folded { foldedOnce.value { Folded(self) } }

    private struct Folded: @unchecked Sendable {
        let columns: [(meaning: String, words: [String])]
        let unitNames: [String: String]
        let deadlinePhrases: [(key: String, phrase: String, meaning: String)]
        let roles: [String]
        init(_ d: Dictionaries) {
            columns = d.columnRows.flatMap { f in
                f[1].split(separator: "|").map { (f[0], Fold.key(String($0)).split(separator: " ").map(String.init)) }
            }.sorted { $0.1.count > $1.1.count }
            var units: [String: String] = [:]
            for f in d.unitRows {
                for form in [f[0]] + (f.count > 1 ? f[1].split(separator: "|").map(String.init) : []) {
                    units[Dictionaries.unitKey(form)] = f[0]
                }
            }
            unitNames = units
            deadlinePhrases = d.deadlineRows.map { (Fold.key($0[0]), $0[0], $0[1]) }.sorted { $0.key.count > $1.key.count }
            roles = d.roleRows.map { Fold.key($0[0]) }
        }
    }

    public static let shared: Dictionaries = {
        do { return try Dictionaries(directory: try locate()) } catch {
            // A missing data folder is an installation fault, not an input error: say so plainly.
            FileHandle.standardError.write(Data("vanban: \(error)\n".utf8))
            exit(70)
        }
    }()

    public init(directory: URL) throws {
        self.directory = directory
        documentTypes = try Self.rows(directory.appendingPathComponent("document-types.tsv")).map { f in
            DocumentType(code: f[0].isEmpty ? nil : f[0], name: f[1],
                         family: DocumentType.Family(rawValue: f[2]) ?? .admin,
                         spellings: Self.list(f, 3))
        }
        issuers = try Self.rows(directory.appendingPathComponent("issuers.tsv")).map { f in
            Issuer(code: f[0], name: f[1], level: f[2], otherNames: Self.list(f, 3))
        }
        columnRows = try Self.rows(directory.appendingPathComponent("columns.tsv"), minFields: 2)
        unitRows = try Self.rows(directory.appendingPathComponent("units.tsv"), minFields: 1)
        deadlineRows = try Self.rows(directory.appendingPathComponent("deadlines.tsv"), minFields: 2)
        abbreviations = try Self.rows(directory.appendingPathComponent("abbreviations.tsv"), minFields: 2).map { ($0[0], $0[1]) }
        roleRows = try Self.rows(directory.appendingPathComponent("roles.tsv"), minFields: 1)
        let labels = try Self.rows(directory.appendingPathComponent("label-families.tsv"))
        labelWords = labels.filter { $0[0] == "word" }.compactMap { f in LabelFamily(rawValue: f[1]).map { (f[2], $0) } }
        var families: [String: [LabelFamily]] = [:]
        for f in labels where f[0] == "kind" {
            families[f[1] == "*" ? "*" : Fold.key(f[1])] = try f[2].split(separator: ",").map { name in
                guard let family = LabelFamily(rawValue: String(name)) else {
                    throw DictionaryError(description: "label-families.tsv: unknown label family '\(name)' for \(f[1])")
                }
                return family
            }
        }
        labelFamilies = families
        kindNames = labels.filter { $0[0] == "kind" && $0[1] != "*" }.map { $0[1] }.sorted { $0.count > $1.count }
        headerLines = try Self.rows(directory.appendingPathComponent("header-lines.tsv"), minFields: 2).map { ($0[0], Fold.key($0[1])) }
    }

    /// Every way a type name is written, longest first, so "Kế hoạch hành động" wins over "Kế hoạch".
    public var typeNamesLongestFirst: [(spelling: String, type: DocumentType)] {
        documentTypes.flatMap { t in ([t.name] + t.spellings).map { ($0, t) } }
            .sorted { $0.spelling.count > $1.spelling.count }
    }

    /// The administrative type whose code is `code` ("KH" -> Kế hoạch), case and Đ/D folded.
    public func type(code: String) -> DocumentType? {
        let k = Fold.symbolKey(code)
        return documentTypes.first { $0.code.map(Fold.symbolKey) == k && $0.family != .party }
            ?? documentTypes.first { $0.code.map(Fold.symbolKey) == k }
    }

    /// The type whose name is `name` in any spelling, tone placement and case folded.
    public func type(named name: String) -> DocumentType? {
        let k = Fold.key(name)
        return documentTypes.first { t in ([t.name] + t.spellings).contains { Fold.key($0) == k } }
    }

    /// The label families a kind of document (a canonical type name) numbers its parts with.
    public func labelFamilies(forKind kind: String?) -> [LabelFamily] {
        kind.flatMap { labelFamilies[Fold.key($0)] } ?? labelFamilies["*"] ?? LabelFamily.allCases
    }

    /// The role of a header or preamble line by its opening words ("Căn cứ …" -> "basis"), or nil.
    public func headerLineRole(_ line: String) -> String? {
        let head = Fold.Head(line)
        return headerLines.first { head.starts(with: $0.key) }?.role
    }

    public func issuer(code: String) -> Issuer? { issuersByKey[Fold.symbolKey(code)] }

    /// The first issuer for each folded code, for `issuer(code:)`.
    private var issuersByKey: [String: Issuer] { lookups.issuers }
    private var lookups: Lookups { lookupsOnce.value { Lookups(self) } }
    private let lookupsOnce = Once<Lookups>()

    /// Indexes built on first use: most runs never ask.
    private struct Lookups: Sendable {
        let issuers: [String: Issuer]
        init(_ d: Dictionaries) {
            var m: [String: Issuer] = [:]
            for i in d.issuers { let k = Fold.symbolKey(i.code); if m[k] == nil { m[k] = i } }
            issuers = m
        }
    }

    /// The Dictionaries folder in use, for analyzers that keep their own data files there.
    public static func directory() throws -> URL { try locate() }

    /// The rows of another table in the same folder (tab-separated, "#" comments skipped).
    public func table(_ file: String, minFields: Int = 1) throws -> [[String]] {
        try Self.rows(directory.appendingPathComponent(file), minFields: minFields)
    }

    static func locate() throws -> URL {
        let fm = FileManager.default
        var candidates: [URL] = []
        if let env = ProcessInfo.processInfo.environment["VANBAN_DICTIONARIES"] {
            candidates.append(URL(fileURLWithPath: env))
        }
        let exe = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath().deletingLastPathComponent()
        for base in [Bundle.main.bundleURL, exe] {
            candidates.append(base.appendingPathComponent("VanBan_VanBanCore.resources/Dictionaries"))
            candidates.append(base.appendingPathComponent("VanBan_VanBanCore.bundle/Contents/Resources/Dictionaries"))
        }
        // A development checkout: the folder itself.
        candidates.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Dictionaries").standardized)
        for c in candidates where fm.fileExists(atPath: c.appendingPathComponent("document-types.tsv").path) {
            return c
        }
        throw DictionaryError(description: "cannot find the Dictionaries folder (looked in \(candidates.map(\.path).joined(separator: ", "))); set VANBAN_DICTIONARIES")
    }

    /// The full name of a unit written in any known form ("Phòng TC-HC" -> "Phòng Tổ chức - Hành chính").
    public func unit(_ text: String) -> String? { unitNames[Self.unitKey(text)] }

    /// Units compare without case, tone placement, a leading "Các" or trailing punctuation.
    static func unitKey(_ s: String) -> String {
        var k = Fold.key(s.trimmingCharacters(in: CharacterSet(charactersIn: " .;,:")))
        let cac = Fold.key("các ")
        if k.hasPrefix(cac) { k.removeFirst(cac.count) }
        return k.replacingOccurrences(of: " - ", with: "-").replacingOccurrences(of: "/ ", with: "/")
    }

    /// What a table column heading means ("Cơ quan chủ trì" -> "lead"), or nil.
    public func columnMeaning(_ heading: String) -> String? {
        let words = Fold.key(heading).split(separator: " ").map(String.init)
        return columns.first { c in words.count >= c.words.count && Array(words.prefix(c.words.count)) == c.words }?.meaning
    }

    static func rows(_ url: URL, minFields: Int = 3) throws -> [[String]] {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw DictionaryError(description: "\(url.path): cannot read dictionary file")
        }
        return text.split(separator: "\n", omittingEmptySubsequences: true).compactMap { line in
            if line.hasPrefix("#") { return nil }
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map { Fold.nfc(String($0)) }
            return f.count >= minFields ? f : nil
        }
    }

    static func list(_ f: [String], _ i: Int) -> [String] {
        guard f.count > i else { return [] }
        return f[i].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
