import VanBanModel

/// Vietnamese wording for the diagnostics the structurer and the reference finder write in English.
enum Messages {
    static func vietnamese(_ d: Diagnostic) -> String {
        let m = d.message
        let q = Linter.quoted(m) ?? ""
        let e = Linter.expected(m) ?? ""
        switch d.code {
        case "duplicate-label":
            let label = m.split(separator: " ").dropFirst().first.map(String.init) ?? ""
            return "Số thứ tự \(label) bị trùng với mục liền trước"
        case "label-gap":
            if m.contains("the first heading") { return "Mục đầu tiên của cấp này không bắt đầu từ số đầu: \(m.split(separator: " ").dropLast(4).last ?? "")" }
            let w = m.split(separator: " ").map(String.init)
            if w.count >= 4 { return "Số thứ tự \(w[1]) đứng sau \(w[3].trimmingCharacters(in: .init(charactersIn: ";"))); lẽ ra là \(w.last ?? "")" }
            return "Số thứ tự không liên tục"
        case "malformed-symbol":
            if m.contains("Party-style") { return "Ký hiệu “\(q)” viết theo kiểu văn bản của Đảng; văn bản nhà nước viết “\(e)”" }
            if m.contains("truncated") { return "Ký hiệu “\(q)” bị thiếu phần cơ quan ban hành; lẽ ra là “\(e)”" }
            if m.contains("lacks the hyphen") { return "Ký hiệu “\(q)” thiếu gạch nối giữa tên loại và cơ quan ban hành; lẽ ra là “\(e)”" }
            if m.contains("type code") { return "Ký hiệu “\(q)” viết sai chữ viết tắt tên loại; lẽ ra là “\(e)”" }
            if m.contains("own symbol") { return "Ký hiệu của chính văn bản “\(q)” có dấu cách thừa; lẽ ra là “\(e)”" }
            if m.contains("stray space") { return "Ký hiệu “\(q)” có dấu cách thừa; lẽ ra là “\(e)”" }
            return "Ký hiệu văn bản sai thể thức: \(m)"
        default:
            return m
        }
    }
}
