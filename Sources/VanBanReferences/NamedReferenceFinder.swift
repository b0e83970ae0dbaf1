import Foundation
import VanBanCore
import VanBanModel

/// Programmes, strategies and laws cited by name without a number. Only forms whose end can be
/// told from the text itself are read, since an unquoted title has no closing mark:
/// - a programme word before a quoted title: `Đề án “Tăng cường ứng dụng …”`;
/// - a capitalised programme word whose title ends in a time horizon: "Chiến lược phát triển
///   giáo dục đến năm 2030, tầm nhìn đến năm 2045", "… giai đoạn 2021 - 2025", "… thời kỳ …";
/// - a programme word, up to five words and the year that names it: "Chương trình giáo dục phổ
///   thông 2018", "chương trình GDPT 2018" (not "… năm 2025", "… giai đoạn 2025");
/// - "Luật" and a capitalised name up to a function word or punctuation: "Luật Giáo dục".
struct NamedReferenceFinder {
    static let kinds = "Đề án|Dự án|Chương trình|Chiến lược|Phong trào|Quy hoạch"
    static let year = #"(?:19|20)\d\d"#
    // Regex is not Sendable, so each finder compiles its own.
    let quoted = try! Regex("(?i:\(kinds)) “[^”]*”")
    let horizon = try! Regex(
        "(?:\(kinds)) [^\\d;.:()“”\\n]{1,200}?(?:đến năm \(year)|(?:giai đoạn|thời kỳ) \(year)(?: ?[-–] ?\(year))?)"
        + "(?:, (?:tầm nhìn|định hướng) đến năm \(year))*")
    let yearNamed = try! Regex("(?i:\(kinds)) (?:(?!năm |đoạn |kỳ |học )\\w+ ){1,5}\(year)(?![\\d\\-–])")
    let law = try! Regex(
        #"Luật \p{Lu}\w*(?: (?!(?:về|năm|số|và|của|theo|tại|trên|đã|để|được|quy|ban|sửa|ngày|trong|nhằm|đối|với|các|là)\b)\w+){0,7}"#)

    func find(in passages: [Passage]) -> [NamedReference] {
        var found: [(key: String, ref: NamedReference)] = []
        for p in passages where !p.isAttachment {
            for (range, kind) in names(in: p.text.text) {
                let s = p.text.text
                let text = Fold.collapse(String(s[range]))
                let pos = p.text.position(at: s.distance(from: s.startIndex, to: range.lowerBound))
                let occ = Occurrence(text: text, page: pos?.page, line: pos?.line)
                let key = NamedReferenceFinder.key(text)
                if let i = found.firstIndex(where: { $0.key == key }) {
                    found[i].ref.occurrences.append(occ)
                } else {
                    found.append((key, NamedReference(text: text, type: kind, relation: .cites, occurrences: [occ])))
                }
            }
        }
        return NamedReferenceFinder.mergeTruncated(found)
    }

    /// Name ranges in one passage, in text order; the quoted form first, and nothing read inside
    /// a quoted title ("Đề án “Thí điểm Chương trình đào tạo …”").
    func names(in s: String) -> [(Range<String.Index>, String)] {
        var out: [(Range<String.Index>, String)] = []
        var quotes: [Range<String.Index>] = []
        var open: String.Index?
        // Swift's Regex is slow: try the patterns only where a programme word starts a word,
        // found on the bytes (D C P Q L Đ after a non-letter ASCII byte).
        var anchors: [String.Index] = []
        let u = s.utf8
        var prev: UInt8 = 0x20
        for i in u.indices {
            let c = u[i]
            if c == 0xE2, let j = u.index(i, offsetBy: 2, limitedBy: u.endIndex), j < u.endIndex, u[u.index(after: i)] == 0x80 {
                if u[j] == 0x9C { open = i } else if u[j] == 0x9D, let o = open { quotes.append(o..<u.index(after: j)); open = nil }
            }
            if prev < 0x80, !(prev | 0x20 >= 0x61 && prev | 0x20 <= 0x7A), !Bytes.isDigit(prev),
               "DCPQLdcpql".utf8.contains(c) || c == 0xC4, Self.secondLetterFits(u, after: i) {
                let head = Fold.bare(String(s[i...].prefix(13)))
                if NamedReferenceFinder.bareKinds.contains(where: { head.hasPrefix($0) }) { anchors.append(i) }
            }
            prev = c
        }
        let year = NamedReferenceFinder.hasYear(s)
        for i in anchors where !quotes.contains(where: { $0.contains(i) }) && (out.last.map { $0.0.upperBound <= i } ?? true) {
            for rx in year ? [quoted, horizon, yearNamed, law] : [quoted, law] {
                guard let m = s[i...].prefixMatch(of: rx) else { continue }
                out.append((m.range, kind(s[m.range])))
                break
            }
        }
        return out
    }

    /// Every programme word goes on with "h" (Chương, Chiến, Phong), "u" (Quy, Luật, Dự) or
    /// "e"/"ê"/"ề" (Đề): a look at the next byte spares folding the head of every other word.
    static func secondLetterFits(_ u: String.UTF8View, after i: String.Index) -> Bool {
        var j = u.index(after: i)
        if u[i] == 0xC4, j < u.endIndex { j = u.index(after: j) }   // Đ/đ take two bytes
        guard j < u.endIndex else { return false }
        let b = u[j]
        return b >= 0xC0 || "hHuUeE".utf8.contains(b)
    }

    static let bareKinds = ["DE AN", "DU AN", "CHUONG TRINH", "CHIEN LUOC", "PHONG TRAO", "QUY HOACH", "LUAT "]

    /// "19dd" or "20dd" somewhere in the text.
    static func hasYear(_ s: String) -> Bool {
        var last: (UInt8, UInt8, UInt8) = (0, 0, 0)
        for b in s.utf8 {
            if b &- 0x30 < 10, last.1 &- 0x30 < 10, last.2 &- 0x30 < 10,
               last.0 == 0x32 && last.1 == 0x30 || last.0 == 0x31 && last.1 == 0x39 { return true }
            last = (last.1, last.2, b)
        }
        return false
    }

    /// The programme word as written ("Đề án", "phong trào", "Luật").
    private func kind(_ name: Substring) -> String {
        let words = name.split(separator: " ", maxSplits: 2)
        return words.first == "Luật" ? "Luật" : words.prefix(2).joined(separator: " ")
    }

    /// Fold.key, with white space around a dash ignored ("2021 - 2030" = "2021-2030").
    static func key(_ s: String) -> String {
        Fold.key(s).replacingOccurrences(of: " -", with: "-").replacingOccurrences(of: "- ", with: "-")
    }

    /// A title cut short of its horizon ("… đến năm 2030 (Kế hoạch số 83/KH-UBND) tầm nhìn …") is
    /// the same programme as the full title cited elsewhere: its occurrences join that one.
    static func mergeTruncated(_ found: [(key: String, ref: NamedReference)]) -> [NamedReference] {
        var refs = found
        var drop = Set<Int>()
        for (i, a) in found.enumerated() {
            guard let j = found.indices.first(where: { found[$0].key.hasPrefix(a.key + ",") }) else { continue }
            refs[j].ref.occurrences += a.ref.occurrences
            drop.insert(i)
        }
        return refs.indices.filter { !drop.contains($0) }.map { refs[$0].ref }
    }
}
