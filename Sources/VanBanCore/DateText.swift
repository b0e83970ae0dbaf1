import Foundation

/// Dates as plans print them: "ngày 28 tháng 02 năm 2025", "ngày 28/02/2025", "ngày 31 /12/2024",
/// with blanks left for a draft ("ngày    tháng    năm 2025").
public enum DateText {
    public static func parse(_ s: String) -> (year: Int?, iso: String?) {
        if let m = s.firstMatch(of: #/ngày\s*(\d{1,2})\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4})/#.ignoresCase()) {
            return iso(Int(m.3), Int(m.2), Int(m.1))
        }
        if let m = s.firstMatch(of: #/(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})/#) {
            return iso(Int(m.3), Int(m.2), Int(m.1))
        }
        if let m = s.firstMatch(of: #/năm\s*(\d{4})/#.ignoresCase()) { return (Int(m.1), nil) }
        return (nil, nil)
    }

    static func iso(_ y: Int?, _ m: Int?, _ d: Int?) -> (Int?, String?) {
        guard let y, let m, let d, (1...12).contains(m), (1...31).contains(d) else { return (y, nil) }
        return (y, String(format: "%04d-%02d-%02d", y, m, d))
    }
}
