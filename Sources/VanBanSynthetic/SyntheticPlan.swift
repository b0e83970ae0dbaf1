import Foundation

/// Plan texts written the way the corpus writes them, for tests and the benchmark: a header, a
/// "Thực hiện / Căn cứ" preamble and an outline whose paragraphs cite documents.
public enum SyntheticPlan {
    public struct Cited: Sendable {
        public var id: String, typeName: String, date: String?, issuer: String?
        public init(id: String, typeName: String, date: String? = nil, issuer: String? = nil) {
            self.id = id; self.typeName = typeName; self.date = date; self.issuer = issuer
        }
        var phrase: String {
            "\(typeName) số \(id)" + (date.map { " ngày \($0)" } ?? "") + (issuer.map { " của \($0)" } ?? "")
        }
    }

    /// `number` nil writes a draft ("Số:      /KH-SGDĐT").
    public static func text(number: String?, symbol: String, year: Int, issuerLines: [String], title: String,
                            implements: [Cited] = [], basis: [Cited] = [], cites: [Cited] = [], sections: Int = 3) -> String {
        var t = issuerLines.joined(separator: "\n") + "\n"
        t += "Số: \(number ?? "      ")/\(symbol)\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập – Tự do – Hạnh phúc\n\n"
        t += "Hải Phòng, ngày 10 tháng 3 năm \(year)\nKẾ HOẠCH\n\(title)\n\n"
        for c in basis { t += "Căn cứ \(c.phrase);\n" }
        for c in implements { t += "Thực hiện \(c.phrase);\n" }
        t += "\(issuerLines.last ?? "Đơn vị") xây dựng Kế hoạch thực hiện như sau:\n"
        t += "I. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\n- Cụ thể hóa các nhiệm vụ được giao, phù hợp với tình hình thực tế của đơn vị.\n"
        t += "2. Yêu cầu\n- Xác định rõ đơn vị chủ trì, đơn vị phối hợp, thời gian thực hiện và sản phẩm.\n"
        let roman = ["II", "III", "IV", "V", "VI", "VII", "VIII", "IX"]
        for s in 0..<max(1, min(sections, roman.count)) {
            t += "\(roman[s]). NHIỆM VỤ VÀ GIẢI PHÁP \(s + 1)\n"
            for k in 1...3 {
                t += "\(k). Nhiệm vụ \(s + 1).\(k)\n"
                t += "- Tổ chức quán triệt, triển khai thực hiện nghiêm túc, hiệu quả các chủ trương, nhiệm vụ về phát triển "
                t += "khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số trong toàn ngành giáo dục.\n"
                let i = s * 3 + k - 1
                if i < cites.count { t += "- Thực hiện các nội dung theo \(cites[i].phrase) về nhiệm vụ này.\n" }
                t += "- Đẩy mạnh ứng dụng công nghệ thông tin trong dạy học, kiểm tra, đánh giá; phát triển học liệu số.\n"
            }
        }
        for c in cites.dropFirst(max(1, min(sections, roman.count)) * 3) {
            t += "- Thực hiện các nội dung theo \(c.phrase).\n"
        }
        t += "Trên đây là Kế hoạch thực hiện của đơn vị. Trong quá trình thực hiện, nếu có vướng mắc, báo cáo để được hướng dẫn./.\n"
        return t
    }
}
