import Foundation
import VanBanCore
import VanBanModel

/// "Phòng GDTX,GDNN&ĐH; Phòng GDĐT quận/huyện; Các cơ sở giáo dục" -> three units.
enum Units {
    // Words a unit's name begins with: a comma followed by one of these starts another unit.
    static let heads = ["Phòng", "Sở", "Trường", "Ban", "Văn phòng", "Trung tâm", "UBND", "Ủy ban", "Uỷ ban", "Công đoàn",
                        "Tổ", "Đoàn", "Hội", "Thanh tra", "Các", "Bộ", "Viện", "Cục", "BCĐ", "GV", "GVCN", "TPT", "Nhóm",
                        "Nhân viên", "Giáo viên", "Hiệu trưởng", "Phó Hiệu trưởng", "Ban Giám hiệu", "Cán bộ"].map(Fold.key)

    /// The units in a lead or partner cell. Splits at ";" and at ", " before a unit's first
    /// word; a comma inside a name ("GDTX,GDNN&ĐH", "Sở, ngành, cơ quan") does not split.
    static func split(_ cell: String) -> [String] {
        var out: [String] = []
        for part in cell.split(separator: ";") {
            var current = ""
            for piece in part.components(separatedBy: ", ") {
                let p = piece.trimmingCharacters(in: .whitespaces)
                let k = Fold.key(p)
                // "…, các cơ sở giáo dục": a unit the dictionary knows starts another unit, capital or not.
                if !current.isEmpty, heads.contains(where: { k.hasPrefix($0 + " ") || k == $0 }),
                   startsCapital(p) || (k.hasPrefix(cac) && Dictionaries.shared.unit(p) != nil) {
                    out.append(current)
                    current = p
                } else {
                    current = current.isEmpty ? p : current + ", " + p
                }
            }
            out.append(current)
        }
        return out.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " .;,")) }.filter { !$0.isEmpty }
    }

    static let cac = Fold.key("các") + " "

    static func startsCapital(_ s: String) -> Bool { s.first?.isUppercase ?? false }

    static func typed(_ units: [String], _ dictionaries: Dictionaries) -> [VanBanModel.Unit] {
        units.map { VanBanModel.Unit(text: $0, canonical: dictionaries.unit($0)) }
    }
}
