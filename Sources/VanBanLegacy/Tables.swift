import Foundation
import VanBanCore

/// A pre-Unicode Vietnamese encoding, as Dictionaries/encoding-*.tsv describes it.
public enum LegacyCharset: String, Sendable, CaseIterable, Codable {
    case tcvn3, vni, viscii, vps, viqr

    /// The name the plan records.
    public var label: String {
        switch self {
        case .tcvn3: "TCVN3"
        case .vni: "VNI"
        case .viscii: "VISCII"
        case .vps: "VPS"
        case .viqr: "VIQR"
        }
    }
}

/// The conversion tables, read once from Dictionaries/. A legacy byte reaches us as the character
/// a reader made of it: Latin-1 for most bytes, Windows-1252 for 0x80-0x9F (Word's and LibreOffice's
/// reading of an 8-bit run), or a glyph name's character in a PDF (encoding-aliases.tsv).
public final class EncodingTables: Sendable {
    /// Per encoding: first character -> (rest of the sequence, Unicode), longest rest first.
    let sequences: [LegacyCharset: [UInt32: [(rest: [UInt32], unicode: String)]]]
    /// Per encoding: Unicode letter -> its legacy sequence as a Windows-1252 reading shows it.
    let inverse: [LegacyCharset: [String: String]]
    /// The 134 letters with marks of Vietnamese Unicode (every table holds them all).
    public let vietnameseLetters: Set<UInt32>
    /// Font-name prefixes, longest first.
    let fonts: [(prefix: String, encoding: LegacyCharset)]

    public static let shared: EncodingTables = {
        do { return try EncodingTables(directory: try Dictionaries.directory()) } catch {
            FileHandle.standardError.write(Data("vanban: \(error)\n".utf8))
            exit(70)
        }
    }()

    public init(directory: URL) throws {
        func rows(_ name: String) throws -> [[String]] {
            let url = directory.appendingPathComponent(name)
            guard let text = try? String(contentsOf: url, encoding: .utf8) else {
                throw TableError(description: "\(url.path): cannot read dictionary file")
            }
            return text.split(separator: "\n").filter { !$0.hasPrefix("#") }
                .map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
                .filter { $0.count >= 2 }
        }
        var aliases: [UInt32: [UInt32]] = [:]   // byte -> the characters that stand for it
        for byte in UInt32(0)...0xFF { aliases[byte] = [byte] }
        for (i, c) in Self.cp1252High.enumerated() where c != 0 { aliases[0x80 + UInt32(i), default: []].append(c) }
        for r in try rows("encoding-aliases.tsv") {
            if let c = UInt32(r[0], radix: 16), let b = UInt32(r[1], radix: 16) { aliases[b, default: []].append(c) }
        }
        var all: [LegacyCharset: [UInt32: [(rest: [UInt32], unicode: String)]]] = [:]
        var inv: [LegacyCharset: [String: String]] = [:]
        for e in LegacyCharset.allCases {
            var map: [UInt32: [(rest: [UInt32], unicode: String)]] = [:]
            for r in try rows("encoding-\(e.rawValue).tsv") {
                let unicode = Fold.nfc(r[1])
                if e == .viqr {
                    let s = r[0].unicodeScalars.map(\.value)
                    map[s[0], default: []].append((Array(s.dropFirst()), unicode))
                    if inv[e]?[unicode] == nil { inv[e, default: [:]][unicode] = r[0] }
                    continue
                }
                let bytes = r[0].split(separator: " ").compactMap { UInt32($0, radix: 16) }
                let shown = bytes.map { b -> Character in
                    let c = (0x80...0x9F).contains(b) && Self.cp1252High[Int(b) - 0x80] != 0 ? Self.cp1252High[Int(b) - 0x80] : b
                    return Character(Unicode.Scalar(c)!)
                }
                if inv[e]?[unicode] == nil { inv[e, default: [:]][unicode] = String(shown) }
                // Every way of writing each byte of the sequence.
                var forms: [[UInt32]] = [[]]
                for b in bytes { forms = forms.flatMap { f in (aliases[b] ?? [b]).map { f + [$0] } } }
                for f in forms { map[f[0], default: []].append((Array(f.dropFirst()), unicode)) }
            }
            for k in map.keys { map[k]!.sort { $0.rest.count > $1.rest.count } }
            all[e] = map
        }
        sequences = all
        inverse = inv
        vietnameseLetters = Set((inv[.viscii] ?? [:]).keys.flatMap { $0.unicodeScalars.map(\.value) })
        fonts = try rows("legacy-fonts.tsv").compactMap { r in
            LegacyCharset(rawValue: r[1]).map { (r[0].lowercased(), $0) }
        }.sorted { $0.prefix.count > $1.prefix.count }
    }

    /// Windows-1252 at 0x80-0x9F (0 where it has no character).
    public static let cp1252High: [UInt32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ]

    /// The encoding a font name declares, and whether it is a capitals-only font (.VnTimeH).
    public func encoding(ofFont name: String) -> (encoding: LegacyCharset, capitals: Bool)? {
        var n = name.lowercased()
        if let plus = n.firstIndex(of: "+"), n.distance(from: n.startIndex, to: plus) == 6 { n = String(n[n.index(after: plus)...]) }
        for suffix in [",bolditalic", ",bold", ",italic", "-bolditalic", "-boldit", "-bold", "-italic", "bolditalic", "bold", "italic", " bold", " italic"] where n.hasSuffix(suffix) {
            n.removeLast(suffix.count)
            break
        }
        n = n.trimmingCharacters(in: .whitespaces)
        guard let f = fonts.first(where: { n.hasPrefix($0.prefix) }) else { return nil }
        // "vn" alone must start an ABC name (VnTime), not a word that happens to begin so.
        if f.prefix == "vn", let c = n.dropFirst(2).first, !(c.isLetter && c.isASCII) || c == "i" && n.dropFirst(3).first.map({ !$0.isLetter }) ?? true { return nil }
        return (f.encoding, f.encoding == .tcvn3 && n.hasSuffix("h"))
    }
}

public struct TableError: Error, CustomStringConvertible {
    public let description: String
}
