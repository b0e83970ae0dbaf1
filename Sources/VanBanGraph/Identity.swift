import Foundation
import VanBan

/// How documents are named and told apart in the store (docs/graph.md, "Identity").
enum Identity {
    /// "05/KH-TKHTN", "57-NQ/TW", "02/2025/TT-BGDĐT": number and symbol as the references
    /// issue spells ids (no white space, ASCII hyphens, Đ).
    static func canonical(number: String, symbol: String) -> String {
        var out = String.UnicodeScalarView()
        for c in Fold.nfc(number + "/" + symbol).unicodeScalars where !c.properties.isWhitespace {
            out.append(Fold.isDash(c) ? "-" : c)
        }
        return String(out)
    }

    static func key(_ id: String) -> String { Fold.symbolKey(id) }

    /// A plan's own id and the key it is matched by. A draft (no number) cannot be cited, so it
    /// is named by what stays the same across its formats and edits: symbol, year and title.
    /// With no title either, only the file's content hash is left.
    static func own(_ h: Header, contentHash: String) -> (id: String, key: String, draft: Bool) {
        if let n = h.number, !n.isEmpty, let s = h.symbol, !s.isEmpty {
            let id = canonical(number: n, symbol: s)
            return (id, key(id), false)
        }
        let symbol = h.symbol.map { canonical(number: "?", symbol: $0) } ?? "?"
        let title = Fold.key(h.title ?? "")
        let basis = title.isEmpty ? contentHash : SHA256.hex("\(key(symbol))|\(h.year.map(String.init) ?? "")|\(title)")
        let id = "\(symbol)@\(basis.prefix(8))"
        return (id, key(id), true)
    }

    /// The issuing body of a plan: the last header line ("SỞ GIÁO DỤC VÀ ĐÀO TẠO" under
    /// "UBND THÀNH PHỐ HẢI PHÒNG"); the whole block is kept for matching.
    static func ownIssuer(_ h: Header) -> (display: String?, match: String?) {
        let lines = h.issuer.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        return (lines.last, lines.isEmpty ? nil : lines.joined(separator: " "))
    }

    private static let abbreviations: [(String, String)] = [
        ("UBND", "UY BAN NHAN DAN"), ("HDND", "HOI DONG NHAN DAN"), ("GD&DT", "GIAO DUC VA DAO TAO"),
        ("GDDT", "GIAO DUC VA DAO TAO"), ("KHCN", "KHOA HOC VA CONG NGHE"), ("TP", "THANH PHO"),
    ]
    /// Words every body name may or may not spell out; they never tell two bodies apart.
    private static let generic: Set<String> = ["BAN", "THUONG", "VU", "CUA", "VA", "KHOA", "THANH", "PHO", "TINH"]

    /// Letters-only words of an issuer phrase, abbreviations spelled out, tones dropped (the
    /// corpus writes "Ban Thương vụ" for "Ban Thường vụ").
    static func issuerWords(_ s: String?) -> Set<String> {
        guard let s else { return [] }
        let bare = Fold.bare(s)
        var words: [String] = []
        for w in bare.split(whereSeparator: { !($0.isLetter || $0 == "&") }) {
            let word = String(w)
            if let full = abbreviations.first(where: { $0.0 == word })?.1 {
                words += full.split(separator: " ").map(String.init)
            } else {
                words.append(word)
            }
        }
        return Set(words).subtracting(generic)
    }

    /// Two issuer phrases name different bodies only when each has a word the other lacks
    /// ("… thành phố Hải Phòng" against "… thành phố Hà Nội"); a shorter name is compatible.
    static func issuersCompatible(_ a: String?, _ b: String?) -> Bool {
        let x = issuerWords(a), y = issuerWords(b)
        if x.isEmpty || y.isEmpty { return true }
        return x.isSubset(of: y) || y.isSubset(of: x)
    }

    /// Issuer code keys to levels, built once: this runs for every reference imported.
    private static let levels: [String: String] = {
        var m: [String: String] = [:]
        for i in Dictionaries.shared.issuers where m[Fold.symbolKey(i.code)] == nil { m[Fold.symbolKey(i.code)] = i.level }
        return m
    }()

    /// The issuer level of a document for colouring (issuers.tsv): from the issuer code in its
    /// symbol ("KH-SGDĐT" -> department, "NQ/TW" -> party), else from the issuer's name.
    static func level(symbol: String?, issuer: String?) -> String {
        if let symbol {
            // The issuer part is usually last ("TT-BGDĐT", "QH14"), first in a letter ("BKHCN-ĐP").
            let segments = symbol.split(whereSeparator: { $0 == "/" || $0 == "-" })
                .map { String($0.reversed().drop(while: \.isNumber).reversed()) }
            for seg in segments.reversed() where !seg.isEmpty {
                if let level = levels[Fold.symbolKey(seg)] { return level }
            }
        }
        let words = Fold.bare(issuer ?? "")
        let byName: [(String, String)] = [
            ("TRUONG", "school"), ("TO ", "school"), ("SO ", "department"), ("BO CHINH TRI", "party"),
            ("BAN BI THU", "party"), ("THANH UY", "party"), ("TINH UY", "party"), ("TRUNG UONG", "party"),
            ("QUOC HOI", "national-assembly"), ("THU TUONG", "government"), ("CHINH PHU", "government"),
            ("BO ", "ministry"), ("UY BAN NHAN DAN", "province"), ("UBND", "province"), ("HOI DONG NHAN DAN", "province"),
        ]
        for (w, level) in byName where words.hasPrefix(w) || words.contains(" " + w) { return level }
        return "other"
    }
}
