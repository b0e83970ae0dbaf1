import Foundation
import VanBanCore
import VanBanLayout
import VanBanModel

/// The header as Nghị định 30/2020/NĐ-CP lays it out: issuing body (left) and Quốc hiệu (right)
/// on top, "Số: …/KH-…" under the body, "Hải Phòng, ngày … tháng … năm …" under the motto,
/// then the type name ("KẾ HOẠCH"), the trích yếu and an optional "(Thực hiện …)" line.
/// Extracted text flattens the two columns into successive lines, in either order.
struct HeaderParser {
    let dictionaries: Dictionaries

    struct Result {
        var header = Header()
        /// How many of the given lines the header used.
        var consumed = 0
        /// The kind its type line names when that is not an administrative type ("THAM LUẬN").
        var kind: String?
    }

    private static let mottoKeys = [Fold.key("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), Fold.key("Độc lập - Tự do - Hạnh phúc")]
    // The words an issuing body's own line starts with.
    private static let bodyWords = ["UBND", "ỦY BAN", "UỶ BAN", "SỞ", "PHÒNG", "TRƯỜNG", "BAN", "TỔ", "BỘ", "HỘI ĐỒNG", "ĐẢNG", "THÀNH ỦY",
                                    "TỈNH ỦY", "CHI BỘ", "CÔNG ĐOÀN", "TRUNG TÂM", "VĂN PHÒNG", "CỤC", "VỤ", "VIỆN"].map(Fold.key)
    private static let mottoStarts = ["CỘNG HÒA", "CỘNG HOÀ", "Độc lập", "ĐỘC LẬP", "ĐẢNG CỘNG SẢN"]
    // A preamble, not a title line, starts with one of these.
    private static let preambleOpeners = ["Căn cứ", "Thực hiện", "Triển khai", "Thi hành", "Theo", "Trên cơ sở", "Nhằm",
                                          "Để ", "Quán triệt", "Sở ", "Ủy ban", "Uỷ ban", "UBND", "Trường ", "Phòng ", "Ban ", "Tổ ",
                                          "Hội đồng", "Nhà trường", "Ngày "].map(Fold.key)

    private static let partyMotto = Fold.key("ĐẢNG CỘNG SẢN VIỆT NAM")
    private var worded: WordedLabels { WordedLabels(dictionaries.labelWords) }

    func parse(_ lines: [Line]) -> Result {
        var r = Result()
        let limit = min(lines.count, 60)
        let typeAt = (0..<limit).first(where: { isTypeLine(lines[$0].text) })
            ?? (0..<min(limit, 30)).first(where: { typeLeading(lines[$0].text) != nil || otherKind(lines[$0].text) != nil })
        // Without a type line the header is a Công văn's (the trích yếu "V/v …" under the number)
        // and it ends where its last element does.
        guard let t = typeAt ?? headerEndWithoutType(lines) else { return r }

        var issuer: [String] = []
        var previous: String?
        var excerpt: [String] = []
        var stamps: [String] = []
        // Two columns on one line, a tab or a run of spaces apart: "Số: …/UBND-NC \t Lâm Đồng, ngày …".
        let texts = lines[0..<t].flatMap { Self.columns(LineJoiner.trim($0.text)) }
        for raw in texts {
            var text = raw
            if text.isEmpty || isRule(text) { continue }
            defer { previous = text }
            // Pieces of one printed line that a narrow column or a draft's blanks broke apart:
            // "Số:" then "/KH-SGDĐT"; "Hải Phòng, ngày … năm" then "2025".
            if let p = previous, isNumberLine(p), text.hasPrefix("/"), let n = r.header.numberLine {
                readNumberLine(n + " " + text, into: &r.header)
                continue
            }
            // A wide font wraps the date in its column: "Hải Phòng, ngày … tháng …" then "năm 2025".
            if let pd = r.header.placeDate, r.header.year == nil, text.count <= 12, Fold.startsWith(text, "năm") {
                readPlaceDate(pd + " " + text, into: &r.header)
                continue
            }
            if isLoneNumber(text) || (text.count == 4 && text.allSatisfy(\.isNumber)) {
                if let pd = r.header.placeDate, r.header.year == nil, text.count == 4 { readPlaceDate(pd + " " + text, into: &r.header) }
                // A number an e-signing tool stamped into the blanks of "Số:" or "ngày".
                else if text.count <= 3 { stamps.append(text) }
                continue
            }
            // Two columns flattened onto one line: the body's name, then the motto.
            if let cut = Self.mottoStarts.compactMap({ text.range(of: $0) }).min(by: { $0.lowerBound < $1.lowerBound }),
               cut.lowerBound > text.startIndex {
                let left = LineJoiner.trim(String(text[..<cut.lowerBound]))
                if !left.isEmpty { issuer.append(left) }
                text = String(text[cut.lowerBound...])
            }
            let key = Fold.key(text)
            if key.contains(Self.partyMotto) { r.header.party = true; continue }
            if Self.mottoKeys.contains(where: { key.contains($0) || (key.count >= 6 && $0.contains(key)) }) { r.header.motto = true; continue }
            if isNumberLine(text) { readNumberLine(text, into: &r.header); continue }
            if isPlaceDate(text) { readPlaceDate(text, into: &r.header); continue }
            if dictionaries.headerLineRole(text) == "excerpt" { excerpt = [text]; continue }
            if !excerpt.isEmpty, isExcerptContinuation(text, excerpt) { excerpt.append(text); continue }
            if Fold.isUppercaseText(text) {
                // A name too long for the column wraps: "TRƯỜNG THCS TIÊN THẮNG – TOÀN" / "THẮNG".
                if let last = issuer.last, text.split(separator: " ").count <= 2,
                   !Self.bodyWords.contains(where: { Fold.key(text).hasPrefix($0) }) {
                    issuer[issuer.count - 1] = last + " " + text
                } else {
                    issuer.append(text)
                }
            }
        }
        r.header.issuer = issuer
        fillStamps(stamps, into: &r.header)

        var i = t
        if typeAt != nil {
            let typeText = LineJoiner.trim(lines[t].text)
            r.header.typeName = typeText
            if let type = dictionaries.type(named: typeText) ?? typeLeading(typeText) {
                r.header.type = TypeRef(code: type.code, name: type.name)
            } else {
                r.kind = otherKind(typeText)
            }
            i = t + 1
            var title: [String] = []
            while i < lines.count {
                let text = LineJoiner.trim(lines[i].text)
                if text.isEmpty || isRule(text) { i += 1; continue }
                if text.hasPrefix("(") || ListMarker.starts(text) { break }
                if dictionaries.headerLineRole(text) == "addressees" { break }
                if worded.label(of: text) != nil { break }
                if !title.isEmpty {
                    let key = Fold.key(text)
                    // A bold line under a bold title goes on with it, whatever word opens it.
                    let titleLook = lines[i].style.bold == true && lines[i - 1].style.bold == true
                        && Fold.isUppercaseText(text) == Fold.isUppercaseText(title[title.count - 1])
                    if !titleLook, Self.preambleOpeners.contains(where: { key.hasPrefix($0) }) { break }
                    if title.count >= 8 { break }
                }
                title.append(text)
                i += 1
            }
            if !title.isEmpty { r.header.title = LineJoiner.join(title) }

            if i < lines.count, LineJoiner.trim(lines[i].text).hasPrefix("(") {
                var sub: [String] = []
                var depth = 0
                while i < lines.count {
                    let text = LineJoiner.trim(lines[i].text)
                    sub.append(text)
                    depth += text.filter { $0 == "(" }.count - text.filter { $0 == ")" }.count
                    i += 1
                    if depth <= 0 || sub.count >= 5 { break }
                }
                r.header.subtitle = LineJoiner.join(sub)
            }
        }
        if r.header.title == nil, !excerpt.isEmpty { r.header.title = LineJoiner.join(excerpt) }
        while i < lines.count, isRule(LineJoiner.trim(lines[i].text)) { i += 1 }
        i = readAddressees(lines, from: i, into: &r.header)
        r.consumed = i
        return r
    }

    /// A line cut where a wide gap (a tab, or three spaces or more) stands before a place and
    /// date or the Quốc hiệu; any other line whole.
    static func columns(_ text: String) -> [String] {
        guard text.contains("\t") || text.contains("   ") || (Fold.startsWith(text, "Số") && text.contains(",")) else { return [text] }
        var i = text.startIndex
        while i < text.endIndex {
            guard text[i] == " " || text[i] == "\t" else { i = text.index(after: i); continue }
            var j = i
            var width = 0
            while j < text.endIndex, text[j] == " " || text[j] == "\t" { width += text[j] == "\t" ? 3 : 1; j = text.index(after: j) }
            // After a number's symbol one space is gap enough: "Số: 1005/TTr-SNV Bình Thuận, ngày …".
            let afterSymbol = Fold.startsWith(text, "Số") && text[..<i].contains("/")
            if width >= 3 || afterSymbol, j < text.endIndex, i > text.startIndex {
                let right = String(text[j...])
                if opensRightColumn(right) { return [LineJoiner.trim(String(text[..<i])), right] }
            }
            i = j
        }
        return [text]
    }

    /// "Lâm Đồng, ngày …" (a short place, a comma, then "ngày") or the Quốc hiệu.
    private static func opensRightColumn(_ s: String) -> Bool {
        let key = Fold.key(s)
        if mottoKeys.contains(where: { key.hasPrefix($0) }) || key.hasPrefix(partyMotto) { return true }
        guard let comma = s.firstIndex(of: ","), s.distance(from: s.startIndex, to: comma) <= 30 else { return false }
        let place = s[..<comma]
        guard !place.contains("/"), !place.contains(":"), place.first?.isUppercase == true else { return false }
        return Fold.startsWith(LineJoiner.trim(String(s[s.index(after: comma)...])), "ngày")
    }

    /// Where the header of a document without a type line ends: after its number line and the
    /// elements around it (issuer, Quốc hiệu, place and date, "V/v …"), or nil when it has none.
    private func headerEndWithoutType(_ lines: [Line]) -> Int? {
        let texts = lines.prefix(30).map { LineJoiner.trim($0.text) }
        guard let n = texts.firstIndex(where: isNumberLine) else {
            // A Phụ lục issued as a file of its own: its header ends at its label.
            if let p = texts.firstIndex(where: AppendixParser.isLabel), p > 0,
               texts[..<p].contains(where: { t in Self.mottoKeys.contains { Fold.key(t).contains($0) } || Fold.key(t).contains(Self.partyMotto) }) {
                return p
            }
            return nil
        }
        var i = n + 1
        var excerpt: [String] = []
        while i < texts.count {
            let text = texts[i]
            let key = Fold.key(text)
            if text.isEmpty || isRule(text) || isLoneNumber(text) || isNumberLine(text) || isPlaceDate(text)
                || Self.mottoKeys.contains(where: { key.contains($0) }) || key.contains(Self.partyMotto)
                || (text.count == 4 && text.allSatisfy(\.isNumber)) {
                i += 1; continue
            }
            if dictionaries.headerLineRole(text) == "excerpt" { excerpt = [text]; i += 1; continue }
            if !excerpt.isEmpty, isExcerptContinuation(text, excerpt) { excerpt.append(text); i += 1; continue }
            if Fold.isUppercaseText(text), text.count <= 80 { i += 1; continue }
            break
        }
        return i
    }

    /// A line that goes on with a trích yếu wrapped in its narrow column.
    private func isExcerptContinuation(_ text: String, _ excerpt: [String]) -> Bool {
        guard excerpt.count < 4, text.count <= 100, dictionaries.headerLineRole(text) == nil, !ListMarker.starts(text) else { return false }
        if let f = text.first, f.isLowercase { return true }
        let key = Fold.key(text)
        if Self.preambleOpeners.contains(where: { key.hasPrefix($0) }) { return false }
        guard let last = excerpt.last?.last else { return false }
        return !".:;".contains(last) && text.count <= 80 && !Fold.isUppercaseText(text)
    }

    /// "Kính gửi: Ủy ban nhân dân tỉnh" or "Kính gửi:" over "- Sở A;" "- Sở B;": the addressees.
    private func readAddressees(_ lines: [Line], from start: Int, into h: inout Header) -> Int {
        var i = start
        while i < lines.count, LineJoiner.trim(lines[i].text).isEmpty { i += 1 }
        guard i < lines.count else { return start }
        let first = LineJoiner.trim(lines[i].text)
        guard dictionaries.headerLineRole(first) == "addressees" else { return start }
        let afterWords = first.firstIndex(of: ":").map { first[first.index(after: $0)...] } ?? first.dropFirst("Kính gửi".count)
        let rest = LineJoiner.trim(String(afterWords))
        if !rest.isEmpty { h.addressees.append(Self.dropBullet(rest)) }
        i += 1
        while i < lines.count {
            let text = LineJoiner.trim(lines[i].text)
            if text.isEmpty { i += 1; continue }
            if let f = text.first, "-+•–".contains(f), h.addressees.count < 40 {
                h.addressees.append(Self.dropBullet(text)); i += 1; continue
            }
            // A long name wraps: the line goes on with the addressee above.
            if let last = h.addressees.last, let f = text.first, f.isLowercase, !last.hasSuffix(";"), !last.hasSuffix(".") {
                h.addressees[h.addressees.count - 1] = LineJoiner.join([last, text]); i += 1; continue
            }
            break
        }
        return i
    }

    private static func dropBullet(_ s: String) -> String {
        LineJoiner.trim(String(s.drop { "-+•– ".contains($0) }))
    }

    /// Numbers stamped into the blanks by a signing tool arrive as lines of their own: the first
    /// fills a blank number, the next a blank day.
    private func fillStamps(_ stamps: [String], into h: inout Header) {
        var left = stamps[...]
        if h.number == nil, h.symbol != nil, let n = left.first, let line = h.numberLine, let slash = line.firstIndex(of: "/") {
            left = left.dropFirst()
            readNumberLine(LineJoiner.trim(String(line[..<slash])) + " " + n + " " + String(line[slash...]), into: &h)
        }
        if h.date == nil, let d = left.first, let pd = h.placeDate, let r = pd.range(of: "ngày") {
            let filled = String(pd[..<r.upperBound]) + " " + d + " " + LineJoiner.trim(String(pd[r.upperBound...]))
            if DateText.parse(filled).iso != nil { readPlaceDate(filled, into: &h) }
        }
    }

    /// A type line that names its type and goes on: "BÁO CÁO TÓM TẮT", "CHƯƠNG TRÌNH HỘI NGHỊ",
    /// "PHIẾU TRÌNH GIẢI QUYẾT CÔNG VIỆC". At most four more words, all in capitals, no colon.
    func typeLeading(_ s: String) -> DocumentType? {
        let text = LineJoiner.trim(s)
        guard Fold.isUppercaseText(text), text.count <= 60, !text.contains(":") else { return nil }
        let key = Fold.key(text)
        for (spelling, type) in dictionaries.typeNamesLongestFirst where type.family != .legal {
            let k = Fold.key(spelling)
            guard key.hasPrefix(k + " ") else { continue }
            return key.dropFirst(k.count + 1).split(separator: " ").count <= 4 ? type : nil
        }
        return nil
    }

    /// A line of capitals that names a kind of paper of label-families.tsv ("THAM LUẬN",
    /// "BÀI PHÁT BIỂU KHAI MẠC", "DANH SÁCH …"): what it is, though not an administrative type.
    func otherKind(_ s: String) -> String? {
        let text = LineJoiner.trim(s)
        // "PHỤ LỤC I" opens an annex, which the appendix reader takes with its title and table.
        guard Fold.isUppercaseText(text), text.count <= 80, !text.contains(":"), !AppendixParser.isLabel(text) else { return nil }
        let key = Fold.key(text)
        return dictionaries.kindNames.first { name in
            let k = Fold.key(name)
            return key == k || key.hasPrefix(k + " ")
        }
    }

    func isTypeLine(_ s: String) -> Bool {
        let text = LineJoiner.trim(s)
        guard Fold.isUppercaseText(text), text.count <= 40 else { return false }
        return dictionaries.type(named: text) != nil
    }

    private func isRule(_ s: String) -> Bool {
        s.count >= 3 && s.allSatisfy { "_-–—=*.".contains($0) || $0 == " " }
    }

    private func isLoneNumber(_ s: String) -> Bool { s.count <= 3 && s.allSatisfy(\.isNumber) }

    private func isNumberLine(_ s: String) -> Bool {
        let k = s.lowercased()
        return k.hasPrefix("số:") || k.hasPrefix("số :") || (k.hasPrefix("số ") && s.contains("/"))
    }

    private func readNumberLine(_ s: String, into h: inout Header) {
        h.numberLine = s
        guard let colon = s.firstIndex(where: { $0 == ":" }) ?? s.firstIndex(of: " ") else { return }
        let rest = s[s.index(after: colon)...]
        guard let slash = rest.firstIndex(of: "/") else {
            let n = rest.trimmingCharacters(in: .whitespaces)
            h.number = n.isEmpty ? nil : n
            return
        }
        var number = rest[..<slash].trimmingCharacters(in: .whitespaces)
        var symbol = String(rest[rest.index(after: slash)...].filter { !$0.isWhitespace })
        // The Party writes its type before the slash: "Số 15-KH/TU" is number 15, symbol KH/TU.
        if let dash = number.firstIndex(of: "-"), number[..<dash].allSatisfy(\.isNumber),
           number[number.index(after: dash)...].contains(where: \.isLetter) {
            symbol = number[number.index(after: dash)...].filter { !$0.isWhitespace } + "/" + symbol
            number = String(number[..<dash])
        }
        h.number = number.isEmpty ? nil : number
        h.symbol = symbol.isEmpty ? nil : symbol
    }

    private func isPlaceDate(_ s: String) -> Bool {
        let k = s.lowercased()
        return k.contains("ngày") && s.contains(",")
    }

    private func readPlaceDate(_ s: String, into h: inout Header) {
        h.placeDate = s
        if let comma = s.firstIndex(of: ",") {
            let place = s[..<comma].trimmingCharacters(in: .whitespaces)
            h.place = place.isEmpty ? nil : place
        }
        let date = DateText.parse(s)
        h.year = date.year
        h.date = date.iso
    }
}
