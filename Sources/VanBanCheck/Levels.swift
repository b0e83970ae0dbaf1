import Foundation
import VanBanCore
import VanBanModel

/// Where a unit sits in the administration (Dictionaries/levels.tsv), and which unit of a
/// subordinate plan stands for which unit of the plan above it (counterparts.tsv,
/// subordinates.tsv). A school gives the Sở's tasks to its own units: the Sở's Văn phòng
/// becomes the school's, a professional department becomes Ban Giám hiệu or a tổ chuyên môn,
/// and "các cơ sở giáo dục" names the school itself.
struct Levels: Sendable {
    enum Tier: Int, Sendable { case body = 0, agency = 1, part = 2 }

    /// A unit's place: its level (nil: the level of the plan that names it), tier and function.
    struct Place: Sendable {
        var level: Int?
        var tier: Tier
        var function: String
        /// For a unit named by its plan's level: the levels that have such units (nil: all).
        var at: Set<Int>? = nil
        /// The level of this unit when the plan at `level` names it, or nil when that level has none.
        func level(in planLevel: Int) -> Int? {
            if let level { return level }
            return at.map { $0.contains(planLevel) } ?? true ? planLevel : nil
        }
    }

    static let levelNumbers = ["central": 1, "province": 2, "district": 3, "commune": 4, "school": 5]
    /// issuers.tsv levels, for a plan known only by its symbol ("KH-SGDĐT").
    static let issuerRanks = ["party": 10, "national-assembly": 10, "government": 10, "ministry": 11,
                              "province": 20, "department": 21, "school": 51]

    private var places: [(key: String, place: Place)] = []
    /// Collective names: members' rank, or nil for "any level below the plan naming them".
    private var collectives: [(key: String, rank: Int?)] = []
    private var standsFor: [String: Set<String>] = [:]
    private var functionNames: [String: String] = [:]

    init(dictionaries: Dictionaries) {
        for f in (try? dictionaries.table("levels.tsv", minFields: 4)) ?? [] {
            guard let tier = Self.tier(f[2]) else { continue }
            let relative = f[1].split(separator: "|").compactMap { Self.levelNumbers[String($0)] }
            let at: Set<Int>? = f[1].contains("|") ? Set(relative) : nil
            places.append((Self.key(f[0]), Place(level: f[1].contains("|") ? nil : Self.levelNumbers[f[1]], tier: tier, function: f[3], at: at)))
        }
        places.sort { $0.key.count > $1.key.count }
        for f in (try? dictionaries.table("subordinates.tsv", minFields: 3)) ?? [] {
            let rank: Int? = f[2] == "below" ? nil : Self.levelNumbers[f[1]].map { $0 * 10 + (Self.tier(f[2])?.rawValue ?? 1) }
            for form in f[0].split(separator: "|") { collectives.append((Self.key(String(form)), rank)) }
        }
        collectives.sort { $0.key.count > $1.key.count }
        for f in (try? dictionaries.table("counterparts.tsv", minFields: 2)) ?? [] {
            standsFor[f[0]] = Set(f[1].split(separator: "|").map(String.init))
            if f.count > 2 { functionNames[f[0]] = f[2] }
        }
    }

    static func tier(_ s: String) -> Tier? {
        switch s { case "body": .body; case "agency", "below": .agency; case "part": .part; default: nil }
    }

    /// Names compare without case, tone placement, a leading "Các" or the spacing of dashes.
    static func key(_ s: String) -> String {
        var k = Fold.key(s.trimmingCharacters(in: CharacterSet(charactersIn: " .;,:")))
        let cac = Fold.key("các") + " "
        if k.hasPrefix(cac) { k.removeFirst(cac.count) }
        return k.replacingOccurrences(of: " - ", with: "-").replacingOccurrences(of: " – ", with: "-").replacingOccurrences(of: "/ ", with: "/")
    }

    static func begins(_ k: String, _ prefix: String) -> Bool {
        guard k.hasPrefix(prefix) else { return false }
        guard let next = k.dropFirst(prefix.count).first else { return true }
        return !(next.isLetter || next.isNumber)
    }

    func place(_ u: Unit) -> Place? {
        for text in [u.canonical, u.text].compactMap({ $0 }) {
            let k = Self.key(text)
            if let p = places.first(where: { Self.begins(k, $0.key) }) { return p.place }
        }
        return nil
    }

    func place(_ text: String) -> Place? { place(Unit(text: text)) }

    /// The rank of the subordinates a collective name stands for (nil inside: any below).
    func collective(_ u: Unit) -> Int?? {
        for text in [u.canonical, u.text].compactMap({ $0 }) {
            let k = Self.key(text)
            if let c = collectives.first(where: { Self.begins(k, $0.key) }) { return .some(c.rank) }
        }
        return nil
    }

    func name(of function: String) -> String { functionNames[function] ?? function }
    func allows(_ parentFunction: String, _ childFunction: String) -> Bool { standsFor[parentFunction]?.contains(childFunction) ?? false }

    /// The rank of the body that issues a plan (level × 10 + tier): its issuer lines, the
    /// undermost first; else the title of its signer ("GIÁM ĐỐC" heads an agency of the
    /// province); else the issuer code of its symbol or of its appendices' "Kèm theo" line.
    func rank(of plan: Plan, _ dictionaries: Dictionaries) -> Int? {
        for line in plan.header.issuer.reversed() {
            if let p = place(Unit(text: line, canonical: Self.knownName(line, dictionaries))), let l = p.level { return l * 10 + p.tier.rawValue }
        }
        if let head = plan.header.signer?.position.first, let p = place(head), p.function == "leadership", p.tier == .part, let l = p.level {
            return l * 10 + Tier.agency.rawValue
        }
        let symbols = [plan.header.symbol] + plan.appendices.map { a in a.attachedTo.flatMap(Self.symbol) }
        for s in symbols.compactMap({ $0 }) {
            guard let code = s.split(separator: "-").last, let issuer = dictionaries.issuer(code: String(code)) else { continue }
            if let r = Self.issuerRanks[issuer.level] { return r }
        }
        return nil
    }

    /// "/KH-SGDĐT" in a "Kèm theo Kế hoạch số …/KH-SGDĐT ngày …" line.
    static func symbol(_ line: String) -> String? {
        guard let slash = line.firstIndex(of: "/") else { return nil }
        let s = line[line.index(after: slash)...].prefix { !$0.isWhitespace && $0 != ")" && $0 != "," }
        return s.contains("-") ? String(s) : nil
    }

    /// The full name of an issuer line the units dictionary knows by its first words
    /// ("SỞ GD&ĐT HẢI PHÒNG" -> "Sở Giáo dục và Đào tạo").
    static func knownName(_ line: String, _ dictionaries: Dictionaries) -> String? {
        var words = line.split(separator: " ")
        while !words.isEmpty {
            if let n = dictionaries.unit(words.joined(separator: " ")) { return n }
            words.removeLast()
        }
        return nil
    }
}

/// The two plans' places, and the counterpart rule between them.
struct LevelContext: Sendable {
    let levels: Levels
    let parentRank: Int?
    let childRank: Int?
    /// Keys of the child's own name (its undermost issuer line, and the full name it stands for).
    let childNames: [String]
    /// Keys of the parent's own name, when it says it (an issuer line, or "… của Sở Giáo dục và
    /// Đào tạo)" under its appendices); empty when it does not.
    let parentNames: [String]

    init(levels: Levels, parent: Plan, child: Plan, dictionaries: Dictionaries) {
        self.levels = levels
        parentRank = levels.rank(of: parent, dictionaries)
        childRank = levels.rank(of: child, dictionaries)
        childNames = Self.names(child.header.issuer.suffix(1), dictionaries)
        var lines = Array(parent.header.issuer.suffix(1))
        if lines.isEmpty {
            lines = parent.appendices.compactMap { a in
                a.attachedTo.flatMap { t in t.range(of: " của ").map { String(t[$0.upperBound...]).trimmingCharacters(in: CharacterSet(charactersIn: " )")) } }
            }.prefix(1).map { $0 }
        }
        parentNames = Self.names(lines, dictionaries)
    }

    static func names<S: Sequence>(_ lines: S, _ dictionaries: Dictionaries) -> [String] where S.Element == String {
        lines.flatMap { line in [Levels.key(line)] + [Levels.knownName(line, dictionaries).map(Levels.key)].compactMap { $0 } }
    }

    var parentLevel: Int? { parentRank.map { $0 / 10 } }
    var childLevel: Int? { childRank.map { $0 / 10 } }

    /// Counterparts exist only when the child is a body under the parent's level: a school
    /// under a Sở, a Sở under its city. A team inside a school gives a task to its own people.
    var crossLevel: Bool {
        guard let p = parentRank, let c = childRank else { return false }
        let part = Levels.Tier.part.rawValue
        // A school under a Sở or a Phòng; or, on one level, an agency under its people's committee.
        return (c / 10 > p / 10 && c % 10 != part) || (c / 10 == p / 10 && p % 10 == Levels.Tier.body.rawValue && c % 10 == Levels.Tier.agency.rawValue)
    }

    /// The parent names the child itself: its own name, or a collective name for the
    /// subordinates the child is one of ("các cơ sở giáo dục", "Phòng GDĐT quận/huyện" for a
    /// school, "các sở, ban, ngành" for a Sở).
    func namesChild(_ u: Unit) -> Bool {
        guard crossLevel, let p = parentRank, let c = childRank else { return false }
        let k = Levels.key(u.canonical ?? u.text), t = Levels.key(u.text)
        if childNames.contains(where: { $0 == k || $0 == t || Levels.begins($0, k) }) { return true }
        guard let members = levels.collective(u) else { return false }
        guard let rank = members else { return true }
        return rank > p && rank <= c
    }

    /// A unit of the child's own: one of its parts, or the child by name.
    func isChildsOwn(_ v: Unit) -> Bool {
        guard crossLevel, let c = childLevel else { return false }
        if let pv = levels.place(v), pv.tier == .part, pv.level(in: c) == c { return true }
        let k = Levels.key(v.canonical ?? v.text)
        return childNames.contains(k)
    }

    enum Verdict { case counterpart(String), different(String), unknown }

    /// Whether the child's unit `v` stands for the parent's unit `u`, and why.
    func judge(_ u: Unit, _ v: Unit) -> Verdict {
        guard crossLevel, let pl = parentLevel, let pr = parentRank else { return .unknown }
        guard isChildsOwn(v) else { return .unknown }
        if namesChild(u) { return .counterpart("“\(u.text)” gồm cả đơn vị cấp dưới: nhiệm vụ là của chính đơn vị") }
        guard let pu = levels.place(u) else { return .unknown }
        let function: String
        if pu.tier == .part {
            guard pu.level(in: pl) == pl else { return .unknown }
            function = pu.function
        } else {
            // The parent body as a whole (or one above it): only the child's leadership stands for
            // it. Another body of the parent's rank ("Sở Y tế" in a Sở GDĐT plan) has none.
            guard let l = pu.level(in: pl), l * 10 + pu.tier.rawValue <= pr else { return .unknown }
            if l * 10 + pu.tier.rawValue == pr, !parentNames.isEmpty {
                let k = Levels.key(u.canonical ?? u.text), t = Levels.key(u.text)
                guard parentNames.contains(where: { $0 == k || $0 == t || Levels.begins($0, k) || Levels.begins($0, t) }) else { return .unknown }
            }
            function = "leadership"
        }
        guard let pv = levels.place(v) else { return .unknown }
        if levels.allows(function, pv.function) {
            return .counterpart("“\(v.text)” (\(levels.name(of: pv.function))) là đơn vị tương ứng của “\(u.text)” (\(levels.name(of: function))) ở cấp dưới")
        }
        return .different("“\(v.text)” (\(levels.name(of: pv.function))) có chức năng khác “\(u.text)” (\(levels.name(of: function)))")
    }
}
