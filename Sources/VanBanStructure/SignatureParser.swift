import VanBanCore
import VanBanLayout
import VanBanModel

/// "Nơi nhận:" with its "- …" items (left) and the signature block (right): the authority and
/// position lines in capitals ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC") and the signer's name.
enum SignatureParser {
    static let authorities = ["KT.", "TM.", "Q.", "TL.", "TUQ."]

    static func parse(_ items: [Item]) -> (recipients: [String], signer: Signer?) {
        var lines = items.compactMap(\.para).flatMap { $0.lines.map { LineJoiner.trim($0.text) } }.filter { !$0.isEmpty }
        guard !lines.isEmpty else { return ([], nil) }
        // "Nơi nhận:" may carry the first item on its own line.
        if let colon = lines[0].firstIndex(of: ":") {
            let rest = LineJoiner.trim(String(lines[0][lines[0].index(after: colon)...]))
            lines[0] = rest
            if rest.isEmpty { lines.removeFirst() }
        } else {
            lines.removeFirst()
        }
        // Word wraps two items onto one printed line: "- V01, C04 - Bộ Công an;      - Thường trực …".
        lines = lines.flatMap(splitRunTogetherItems)
        // The two columns may arrive interleaved line by line, so each line is judged alone.
        var recipients: [String] = []
        var signature: [String] = []
        var filedCopy = false
        for line in lines {
            if line.hasPrefix("-") || line.hasPrefix("+") || line.hasPrefix("•") {
                let item = LineJoiner.trim(String(line.drop { "-+• ".contains($0) }))
                recipients.append(item)
                filedCopy = Fold.startsWith(item, "Lưu")
            } else if isSignatureLine(line) || isPersonalName(line) || line.hasPrefix("(") {
                signature.append(line)
            } else if recipients.isEmpty {
                recipients.append(line)
            } else if filedCopy && line.first?.isUppercase == true {
                signature.append(line)
            } else {
                recipients[recipients.count - 1] = LineJoiner.join([recipients[recipients.count - 1], line])
            }
        }
        return (recipients, signer(from: signature))
    }

    /// Cuts a line where an item ends (";") and a new "- " item starts after a run of spaces.
    static func splitRunTogetherItems(_ line: String) -> [String] {
        guard line.contains(";") else { return [line] }
        var out: [String] = []
        var current = ""
        var i = line.startIndex
        while i < line.endIndex {
            let c = line[i]
            current.append(c)
            i = line.index(after: i)
            guard c == ";" else { continue }
            var j = i
            while j < line.endIndex, line[j] == " " || line[j] == "\t" { j = line.index(after: j) }
            if j > i, j < line.endIndex, "-+•".contains(line[j]) {
                out.append(LineJoiner.trim(current)); current = ""; i = j
            }
        }
        if !LineJoiner.trim(current).isEmpty { out.append(LineJoiner.trim(current)) }
        return out
    }

    /// A signature at the very end of a body with no "Nơi nhận".
    static func trailingSignature(_ body: [Item]) -> (Signer, Int)? {
        var i = body.count - 1
        while i >= 0, let p = body[i].para, TextReaderHints.isPageNumber(p) { i -= 1 }
        guard i >= 1, let nameP = body[i].para, nameP.lines.count == 1, isPersonalName(nameP.text) else { return nil }
        var start = i
        while start - 1 >= 0, let p = body[start - 1].para, p.lines.allSatisfy({ isSignatureLine(LineJoiner.trim($0.text)) }) { start -= 1 }
        guard start < i else { return nil }
        let lines = body[start...i].compactMap(\.para).flatMap { $0.lines.map { LineJoiner.trim($0.text) } }
        return signer(from: lines).map { ($0, start) }
    }

    static func isSignatureLine(_ s: String) -> Bool {
        if authorities.contains(where: { s.hasPrefix($0) }) && Fold.isUppercaseText(s) { return true }
        return Fold.isUppercaseText(s) && s.count <= 40 && !s.contains(";") && !s.hasPrefix("-")
    }

    static func isPersonalName(_ s: String) -> Bool {
        let words = s.split(separator: " ")
        guard (2...6).contains(words.count), s.count <= 40 else { return false }
        return words.allSatisfy { w in w.first?.isUppercase == true && w.dropFirst().allSatisfy { $0.isLetter && $0.isLowercase } }
    }

    static func signer(from lines: [String]) -> Signer? {
        let kept = lines.filter { !$0.hasPrefix("(") }
        guard !kept.isEmpty else { return nil }
        var position = kept.filter { isSignatureLine($0) }
        let name = kept.last(where: { isPersonalName($0) })
        var authority: String?
        // "KT. GIÁM ĐỐC": the authority is its own field; the position is what follows it.
        if let first = position.first, let a = authorities.first(where: { first.hasPrefix($0) }) {
            authority = a
            position[0] = LineJoiner.trim(String(first.dropFirst(a.count)))
        }
        if position.isEmpty && name == nil { return nil }
        return Signer(authority: authority, position: position, name: name)
    }
}
