import Foundation
import VanBanModel

/// A check result for people: a terminal summary, Markdown, one self-contained HTML page in
/// Vietnamese, or CSV (UTF-8 with BOM) for a spreadsheet.
public enum CheckWriter {
    static let statusName: [CheckResult.Status: String] = [.covered: "Đã triển khai", .partial: "Triển khai một phần",
                                                           .missing: "Chưa triển khai", .exempt: "Được miễn"]
    static let findingName = ["deadline-later": "Thời gian muộn hơn", "deadline-changed": "Thời gian khác",
                              "lead-changed": "Đổi đơn vị chủ trì", "partners-dropped": "Bỏ đơn vị phối hợp",
                              "output-changed": "Kết quả khác", "target-weaker": "Chỉ tiêu thấp hơn",
                              "target-changed": "Chỉ tiêu khác", "suspect": "Nhiệm vụ cấp trên đã sửa"]

    static func name(_ r: CheckResult.ItemRef) -> String { name(r.appendix, r.group, r.number, r.id) }
    static func name(_ appendix: String?, _ group: String?, _ number: String?, _ id: String) -> String {
        let parts = [appendix, group, number].compactMap { $0 }
        return parts.isEmpty ? id : parts.joined(separator: " / ")
    }

    static func finding(_ f: CheckResult.Finding) -> String {
        var s = findingName[f.code] ?? f.code
        if let y = f.year { s += " (\(y))" }
        return s + ": “\(f.parent ?? "—")” → “\(f.child ?? "—")”"
    }

    // MARK: Text

    public static func text(_ r: CheckResult) -> String {
        var out = ["Kiểm tra: \(r.child.file) ← \(r.parent.file)"]
        let s = r.summary
        out.append("\(s.tasks) nhiệm vụ, \(s.indicators) chỉ tiêu: \(s.covered) đã triển khai, \(s.partial) một phần, \(s.missing) chưa, \(s.exempt) miễn; \(s.extra) mục thêm; \(s.findings) khác biệt; độ bao phủ \(String(format: "%.1f", s.coverage))%")
        for item in r.items where item.status != .covered || !item.findings.isEmpty {
            out.append("")
            out.append("[\(item.status.rawValue)] \(item.kind) \(name(item.parent)): \(short(item.parent.text))")
            for c in item.children { out.append("    ← \(name(c.appendix, c.group, c.number, c.id)) (\(String(format: "%.2f", c.score))): \(short(c.text))") }
            for f in item.findings { out.append("    ! \(finding(f))" + (f.reason.map { " — \($0)" } ?? "")) }
            for c in item.counterparts ?? [] { out.append("    = \(c.parent) → \(c.child ?? "chính đơn vị"): \(c.reason)") }
            if let n = item.note { out.append("    ~ \(n)") }
        }
        if !r.extra.isEmpty {
            out.append("")
            out.append("Mục của kế hoạch cấp dưới không có ở cấp trên:")
            for e in r.extra { out.append("    + \(e.kind) \(name(e.appendix, e.group, e.number, e.id)): \(short(e.text))") }
        }
        return out.joined(separator: "\n") + "\n"
    }

    static func short(_ s: String, _ n: Int = 90) -> String { s.count > n ? String(s.prefix(n)) + "…" : s }

    // MARK: Markdown

    public static func markdown(_ r: CheckResult) -> String {
        let s = r.summary
        var out = ["# Kiểm tra triển khai: \(r.child.title ?? r.child.file)", "",
                   "Kế hoạch cấp trên: \(r.parent.title ?? r.parent.file)", "",
                   "| Nhiệm vụ | Chỉ tiêu | Đã triển khai | Một phần | Chưa | Miễn | Mục thêm | Khác biệt | Bao phủ |",
                   "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
                   "| \(s.tasks) | \(s.indicators) | \(s.covered) | \(s.partial) | \(s.missing) | \(s.exempt) | \(s.extra) | \(s.findings) | \(String(format: "%.1f", s.coverage))% |",
                   "", "| Cấp trên | Trạng thái | Cấp dưới | Khác biệt |", "| --- | --- | --- | --- |"]
        let cell = { (t: String) in t.replacingOccurrences(of: "|", with: "\\|") }
        for item in r.items {
            let children = item.children.map { "\(name($0.appendix, $0.group, $0.number, $0.id)) (\(String(format: "%.2f", $0.score)))" }.joined(separator: "<br>")
            out.append("| \(cell(name(item.parent))): \(cell(short(item.parent.text))) | \(statusName[item.status]!) | \(cell(children)) | \(cell(item.findings.map(finding).joined(separator: "<br>"))) |")
        }
        if !r.extra.isEmpty {
            out += ["", "## Mục thêm", ""] + r.extra.map { "- \(name($0.appendix, $0.group, $0.number, $0.id)): \($0.text)" }
        }
        return out.joined(separator: "\n") + "\n"
    }

    // MARK: CSV

    public static func csv(_ r: CheckResult) -> Data {
        var rows = [["Loại", "Mục cấp trên", "Nội dung cấp trên", "Trạng thái", "Mục cấp dưới", "Điểm", "Từ khớp", "Khác biệt"]]
        for item in r.items {
            let links = item.children.isEmpty ? [nil] : item.children.map { Optional($0) }
            for c in links {
                rows.append([item.kind, name(item.parent), item.parent.text, item.status.rawValue,
                             c.map { name($0.appendix, $0.group, $0.number, $0.id) } ?? "", c.map { String(format: "%.3f", $0.score) } ?? "",
                             c?.matched.joined(separator: "; ") ?? "", item.findings.map(finding).joined(separator: "; ")])
            }
        }
        for e in r.extra { rows.append([e.kind, "", "", "extra", name(e.appendix, e.group, e.number, e.id), "", "", e.text]) }
        let text = rows.map { $0.map(TasksWriter.csvField).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
        return Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8)
    }

    // MARK: HTML

    public static func html(_ r: CheckResult) -> String {
        let s = r.summary
        var body = """
        <h1>Kiểm tra triển khai kế hoạch</h1>
        <p><b>Kế hoạch cấp dưới:</b> \(esc(r.child.title ?? r.child.file))<br><b>Kế hoạch cấp trên:</b> \(esc(r.parent.title ?? r.parent.file))\(r.child.citesParent == false ? "<br><span class=warn>Kế hoạch cấp dưới không dẫn chiếu kế hoạch cấp trên.</span>" : "")</p>
        <table class=sum><tr><th>Nhiệm vụ</th><th>Chỉ tiêu</th><th>Đã triển khai</th><th>Một phần</th><th>Chưa triển khai</th><th>Miễn</th><th>Mục thêm</th><th>Khác biệt</th><th>Bao phủ</th></tr>
        <tr><td>\(s.tasks)</td><td>\(s.indicators)</td><td class=covered>\(s.covered)</td><td class=partial>\(s.partial)</td><td class=missing>\(s.missing)</td><td>\(s.exempt)</td><td>\(s.extra)</td><td>\(s.findings)</td><td>\(String(format: "%.1f", s.coverage))%</td></tr></table>
        """
        var groups: [(String, [CheckResult.Item])] = []
        for item in r.items {
            let g = "\(item.kind == "task" ? "Nhiệm vụ" : "Chỉ tiêu") — \(item.parent.appendix ?? "") \(item.parent.group.map { "nhóm \($0)" } ?? "")"
            if groups.last?.0 == g { groups[groups.count - 1].1.append(item) } else { groups.append((g, [item])) }
        }
        for (title, items) in groups {
            body += "<h2>\(esc(title))</h2><table><tr><th>Cấp trên</th><th>Trạng thái</th><th>Cấp dưới (điểm, từ khớp)</th><th>Khác biệt</th></tr>"
            for item in items {
                let children = item.children.map { c in
                    "<div><b>\(esc(name(c.appendix, c.group, c.number, c.id)))</b> (\(String(format: "%.2f", c.score))): \(highlight(c.text, c.matched))</div>"
                }.joined()
                let findings = item.findings.map { f in
                    "<div><b>\(esc(findingName[f.code] ?? f.code))\(f.year.map { " (\($0))" } ?? "")</b><br><span class=old>\(esc(f.parent ?? "—"))</span> → <span class=new>\(esc(f.child ?? "—"))</span>\(f.reason.map { "<br><span class=note>\(esc($0))</span>" } ?? "")</div>"
                }.joined() + (item.note.map { "<div class=note>\(esc($0))</div>" } ?? "") + counterparts(item)
                let matched = item.children.flatMap(\.matched)
                body += "<tr><td><b>\(esc(name(item.parent)))</b> \(highlight(item.parent.text, matched))</td><td class=\(item.status.rawValue)>\(statusName[item.status]!)</td><td>\(children)</td><td>\(findings)</td></tr>"
            }
            body += "</table>"
        }
        if !r.extra.isEmpty {
            body += "<h2>Mục của kế hoạch cấp dưới không có ở cấp trên</h2><ul>" + r.extra.map { "<li><b>\(esc(name($0.appendix, $0.group, $0.number, $0.id)))</b>: \(esc($0.text))</li>" }.joined() + "</ul>"
        }
        return """
        <!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Kiểm tra triển khai kế hoạch</title><style>
        body{font-family:"Times New Roman",serif;margin:2em;max-width:1200px}table{border-collapse:collapse;width:100%;margin-bottom:1.5em}
        td,th{border:1px solid #999;padding:4px 6px;vertical-align:top;text-align:left}th{background:#eee}
        .covered{background:#e6f4e6}.partial{background:#fff4d6}.missing{background:#fde2e2}.exempt{background:#eef}
        mark{background:#ffef9e}.old{text-decoration:line-through;color:#a00}.new{color:#060}.warn{color:#a00}.note{color:#555;font-style:italic}
        .cp{margin-top:4px;color:#234}.cp ul{margin:2px 0 0 1.2em;padding:0}.old2{color:#555}
        table.sum td{text-align:center;font-size:1.2em}
        </style></head><body>
        \(body)
        </body></html>

        """
    }

    /// The counterparts the check accepted, so a clerk sees why no lead or partner finding was raised.
    static func counterparts(_ item: CheckResult.Item) -> String {
        guard let cs = item.counterparts, !cs.isEmpty else { return "" }
        let rows = cs.map { c in
            "<li>\(c.field == "lead" ? "Chủ trì" : "Phối hợp"): <span class=old2>\(esc(c.parent))</span> → <span class=new>\(esc(c.child ?? "chính đơn vị"))</span><br><span class=note>\(esc(c.reason))</span></li>"
        }.joined()
        return "<div class=cp><b>Đơn vị tương ứng (không phải khác biệt)</b><ul>\(rows)</ul></div>"
    }

    static func esc(_ s: String) -> String { HTML.escape(s) }

    /// The text with the matched words marked, longest first so a phrase wins over its words.
    static func highlight(_ text: String, _ words: [String]) -> String {
        var out = esc(text)
        for w in Set(words).sorted(by: { $0.count > $1.count }) where w.count > 1 {
            let e = esc(w)
            guard !out.contains("<mark>\(e)") else { continue }
            out = out.replacingOccurrences(of: e, with: "<mark>\(e)</mark>", options: .caseInsensitive)
        }
        return out
    }
}
