import VanBanCore
import VanBanModel

/// Programmes and projects cited by name without a number: a programme word followed by a
/// quoted title, `Đề án “Tăng cường ứng dụng …”`.
struct NamedReferenceFinder {
    static let kinds = ["Đề án", "Dự án", "Chương trình", "Chiến lược", "Phong trào", "Quy hoạch"]

    func find(in passages: [Passage]) -> [NamedReference] {
        var out: [NamedReference] = []
        var index: [String: Int] = [:]
        for p in passages where !p.isAttachment {
            let s = p.text.text
            var from = s.startIndex
            while let open = s[from...].firstIndex(of: "“"), let close = s[open...].firstIndex(of: "”") {
                from = s.index(after: close)
                let before = s[..<open].trimmingCharacters(in: .whitespaces)
                guard let kind = NamedReferenceFinder.kinds.first(where: { Fold.key(String(before.suffix($0.count))) == Fold.key($0) }) else { continue }
                let start = before.index(before.endIndex, offsetBy: -kind.count)
                let text = String(before[start...]) + " " + String(s[open...close])
                let pos = p.text.position(at: s.distance(from: s.startIndex, to: open))
                let occ = Occurrence(text: text, page: pos?.page, line: pos?.line)
                let key = Fold.key(text)
                if let i = index[key] {
                    out[i].occurrences.append(occ)
                } else {
                    index[key] = out.count
                    out.append(NamedReference(text: text, type: String(before[start...]), relation: .cites, occurrences: [occ]))
                }
            }
        }
        return out
    }
}
