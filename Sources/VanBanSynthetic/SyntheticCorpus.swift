import Foundation

/// A synthetic administrative hierarchy for the benchmark: external documents (Party,
/// National Assembly, Government, ministries) that are cited but never imported, and plans of
/// cities, departments and schools, each implementing a plan one level up.
public struct SyntheticCorpus: Sendable {
    public struct Doc: Sendable {
        public var number: Int, symbol: String, year: Int, level: String
        public var implements: [Int] = [], basis: [Int] = [], cites: [Int] = []
        /// Party symbols join the number with a dash ("57-NQ/TW"), the State's with a slash.
        public var id: String { symbol.hasSuffix("/TW") || symbol.hasSuffix("/TU") ? "\(number)-\(symbol)" : "\(number)/\(symbol)" }
    }

    /// External documents first (indices below `externalCount`), then the plans.
    public private(set) var docs: [Doc] = []
    public let externalCount: Int

    static let external: [(symbol: String, level: String, weight: Int)] = [
        ("NQ/TW", "party", 20), ("CT/TW", "party", 10), ("KL/TW", "party", 10), ("NQ/TU", "party", 20),
        ("2020/QH14", "national-assembly", 10), ("NQ-CP", "government", 30), ("QĐ-TTg", "government", 30),
        ("2024/TT-BGDĐT", "ministry", 30), ("QĐ-BGDĐT", "ministry", 20), ("2024/TT-BKHCN", "ministry", 10),
    ]
    static let plans: [(symbol: String, level: String, share: Int)] = [
        ("KH-UBND", "province", 5), ("KH-SGDĐT", "department", 15), ("KH-SKHCN", "department", 5),
        ("KH-THCS", "school", 45), ("KH-THPT", "school", 30),
    ]
    static let up = ["province": ["party", "government"], "department": ["province"], "school": ["department"]]

    public init(plans count: Int, seed: UInt64 = 8) {
        var rng = SplitMix(seed)
        var number = 0
        for e in Self.external { for _ in 0..<e.weight { number += 1; docs.append(Doc(number: number, symbol: e.symbol, year: 2020 + number % 6, level: e.level)) } }
        externalCount = docs.count
        var byLevel: [String: [Int]] = [:]
        for (i, d) in docs.enumerated() { byLevel[d.level, default: []].append(i) }
        let shares = Self.plans.flatMap { p in Array(repeating: p, count: p.share) }
        for _ in 0..<count {
            let p = shares[rng.below(shares.count)]
            number += 1
            var d = Doc(number: number, symbol: p.symbol, year: 2021 + rng.below(5), level: p.level)
            // One plan up the hierarchy is implemented; Party/Government texts are the basis.
            let parents = (Self.up[p.level] ?? []).flatMap { byLevel[$0] ?? [] }
            if !parents.isEmpty { d.implements = [parents[rng.below(parents.count)]] }
            for _ in 0..<(1 + rng.below(2)) { d.basis.append(rng.below(externalCount)) }
            for _ in 0..<(2 + rng.below(4)) { d.cites.append(rng.below(docs.count)) }
            d.basis = Set(d.basis).subtracting(d.implements).sorted()
            d.cites = Set(d.cites).subtracting(d.implements + d.basis).sorted()
            byLevel[p.level, default: []].append(docs.count)
            docs.append(d)
        }
    }

    static let typeNames = ["NQ": "Nghị quyết", "CT": "Chỉ thị", "KL": "Kết luận", "QH14": "Luật", "QĐ": "Quyết định", "TT": "Thông tư", "KH": "Kế hoạch"]
    static let issuers = ["party": "Bộ Chính trị", "national-assembly": "Quốc hội", "government": "Chính phủ", "ministry": "Bộ Giáo dục và Đào tạo",
                          "province": "Ủy ban nhân dân thành phố Hải Phòng", "department": "Sở Giáo dục và Đào tạo", "school": "Trường THCS Tiên Thắng"]

    func cited(_ i: Int) -> SyntheticPlan.Cited {
        let d = docs[i]
        let code = d.symbol.split(whereSeparator: { $0 == "/" || $0 == "-" }).first { Self.typeNames[String($0)] != nil }.map(String.init) ?? "KH"
        return .init(id: d.id, typeName: Self.typeNames[code] ?? "Kế hoạch", date: "1\(d.number % 9)/0\(1 + d.number % 9)/\(d.year)", issuer: Self.issuers[d.level])
    }

    /// The text of plan `i` (an index at or above `externalCount`).
    public func text(_ i: Int) -> String {
        let d = docs[i]
        let lines = d.level == "school" ? ["UBND THÀNH PHỐ HẢI PHÒNG", "TRƯỜNG THCS TIÊN THẮNG"] :
            d.level == "department" ? ["UBND THÀNH PHỐ HẢI PHÒNG", "SỞ GIÁO DỤC VÀ ĐÀO TẠO"] : ["ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG"]
        return SyntheticPlan.text(number: String(d.number), symbol: d.symbol, year: d.year, issuerLines: lines,
                                  title: "Triển khai các nhiệm vụ phát triển khoa học, công nghệ năm \(d.year) (\(d.number))",
                                  implements: d.implements.map(cited), basis: d.basis.map(cited), cites: d.cites.map(cited), sections: 4)
    }
}

/// SplitMix64: a seeded generator, so every run builds the same synthetic plans (the corpus
/// here, and the checker's generated children and benchmark).
public struct SplitMix: RandomNumberGenerator {
    public var state: UInt64
    public init(_ seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
    public mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(1, n))) }
}
