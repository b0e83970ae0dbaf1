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
    }

    private static let mottoKeys = [Fold.key("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), Fold.key("Độc lập - Tự do - Hạnh phúc")]
    // The words an issuing body's own line starts with.
    private static let bodyWords = ["UBND", "ỦY BAN", "UỶ BAN", "SỞ", "PHÒNG", "TRƯỜNG", "BAN", "TỔ", "BỘ", "HỘI ĐỒNG", "ĐẢNG", "THÀNH ỦY",
                                    "TỈNH ỦY", "CHI BỘ", "CÔNG ĐOÀN", "TRUNG TÂM", "VĂN PHÒNG", "CỤC", "VỤ", "VIỆN"].map(Fold.key)
    private static let mottoStarts = ["CỘNG HÒA", "CỘNG HOÀ", "Độc lập", "ĐỘC LẬP"]
    // A preamble, not a title line, starts with one of these.
    private static let preambleOpeners = ["Căn cứ", "Thực hiện", "Triển khai", "Thi hành", "Theo", "Trên cơ sở", "Nhằm",
                                          "Để ", "Quán triệt", "Sở ", "Ủy ban", "Uỷ ban", "UBND", "Trường ", "Phòng ", "Ban ", "Tổ ",
                                          "Hội đồng", "Nhà trường", "Ngày "].map(Fold.key)

    func parse(_ lines: [Line]) -> Result {
        var r = Result()
        let limit = min(lines.count, 60)
        guard let t = (0..<limit).first(where: { isTypeLine(lines[$0].text) }) else { return r }

        var issuer: [String] = []
        var previous: String?
        for line in lines[0..<t] {
            var text = LineJoiner.trim(line.text)
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
            if Self.mottoKeys.contains(where: { key.contains($0) || (key.count >= 6 && $0.contains(key)) }) { r.header.motto = true; continue }
            if isNumberLine(text) { readNumberLine(text, into: &r.header); continue }
            if isPlaceDate(text) { readPlaceDate(text, into: &r.header); continue }
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

        let typeText = LineJoiner.trim(lines[t].text)
        r.header.typeName = typeText
        if let type = dictionaries.type(named: typeText) {
            r.header.type = TypeRef(code: type.code, name: type.name)
        }

        var i = t + 1
        var title: [String] = []
        while i < lines.count {
            let text = LineJoiner.trim(lines[i].text)
            if text.isEmpty || isRule(text) { i += 1; continue }
            if text.hasPrefix("(") || ListMarker.starts(text) { break }
            if !title.isEmpty {
                let key = Fold.key(text)
                if Self.preambleOpeners.contains(where: { key.hasPrefix($0) }) { break }
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
        while i < lines.count, isRule(LineJoiner.trim(lines[i].text)) { i += 1 }
        r.consumed = i
        return r
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
        let number = rest[..<slash].trimmingCharacters(in: .whitespaces)
        h.number = number.isEmpty ? nil : number
        let symbol = rest[rest.index(after: slash)...].filter { !$0.isWhitespace }
        h.symbol = symbol.isEmpty ? nil : String(symbol)
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
