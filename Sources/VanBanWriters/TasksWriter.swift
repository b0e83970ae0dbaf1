import Foundation
import VanBanModel

/// Tasks and indicators as a table a clerk opens in a spreadsheet: CSV in UTF-8 with a BOM (so
/// Excel reads Vietnamese), or Markdown.
public enum TasksWriter {
    static let taskColumns = ["Mã", "Nhóm", "STT", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Thời gian", "Từ năm", "Đến năm", "Lặp lại", "Kết quả", "Căn cứ"]
    static let indicatorColumns = ["Mã", "Nhóm", "STT", "Chỉ tiêu", "Đơn vị tính", "Năm", "Chỉ tiêu cần đạt", "So sánh", "Giá trị", "Phạm vi"]

    static func taskRow(_ t: Task) -> [String] {
        [t.id, t.group ?? "", t.number ?? "", t.text, t.lead.joined(separator: "; "), t.partners.joined(separator: "; "),
         t.deadline?.text ?? "", t.deadline?.from.map(String.init) ?? "", t.deadline?.to.map(String.init) ?? "",
         t.deadline?.recurrence?.rawValue ?? "", t.output ?? "", t.basis.joined(separator: "; ")]
    }

    static func indicatorRows(_ i: Indicator) -> [[String]] {
        let targets = i.targets.isEmpty ? [Target(year: nil, text: "")] : i.targets
        return targets.map { t in
            [i.id, i.group ?? "", i.number ?? "", i.text, i.unit ?? "", t.year.map(String.init) ?? "", t.text, t.op ?? t.qualifier ?? "",
             t.value.map { $0 == $0.rounded() ? String(Int($0)) : String($0) } ?? "", t.scope ?? ""]
        }
    }

    public static func csv(_ plan: Plan) -> Data {
        var rows = [taskColumns] + plan.tasks.map(taskRow)
        if !plan.indicators.isEmpty { rows += [[]] + [indicatorColumns] + plan.indicators.flatMap(indicatorRows) }
        let text = rows.map { $0.map(csvField).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
        return Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8)
    }

    static func csvField(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }

    public static func markdown(_ plan: Plan) -> String {
        func table(_ head: [String], _ rows: [[String]]) -> [String] {
            let cell = { (s: String) in s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ") }
            return ["| " + head.joined(separator: " | ") + " |", "|" + String(repeating: " --- |", count: head.count)]
                + rows.map { "| " + $0.map(cell).joined(separator: " | ") + " |" }
        }
        var out = ["## Nhiệm vụ (\(plan.tasks.count))", ""] + table(taskColumns, plan.tasks.map(taskRow))
        if !plan.indicators.isEmpty {
            out += ["", "## Chỉ tiêu (\(plan.indicators.count))", ""] + table(indicatorColumns, plan.indicators.flatMap(indicatorRows))
        }
        return out.joined(separator: "\n") + "\n"
    }
}
