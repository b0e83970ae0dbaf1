import Foundation
import VanBanModel

/// A lint report for people: a terminal listing, Markdown, or one self-contained HTML page in
/// Vietnamese like the check report. JSON (`vanban.lint/1`) is JSONWriter's.
public enum LintWriter {
    static let severityName: [Diagnostic.Severity: String] = [.error: "Lỗi", .warning: "Cảnh báo", .info: "Lưu ý"]
    static let groupName = ["format": "Thể thức", "numbering": "Đánh số", "references": "Dẫn chiếu",
                            "tables": "Bảng", "spelling": "Chính tả và từ ngữ"]

    static func place(_ f: LintFinding) -> String {
        var s = f.where
        if let p = f.page { s += ", trang \(p)" }
        if let l = f.line { s += ", dòng \(l)" }
        return s
    }

    // MARK: Text

    public static func text(_ r: LintReport) -> String {
        var out: [String] = []
        for file in r.files {
            let s = file.summary
            out.append("\(file.file): \(s.errors) lỗi, \(s.warnings) cảnh báo, \(s.infos) lưu ý")
            for f in file.findings {
                var line = "  \(f.severity.rawValue) [\(f.code)] \(place(f)): \(f.message)"
                if let t = f.text, !f.message.contains(t) { line += " — “\(short(t))”" }
                if let sug = f.suggestion { line += " → \(sug)" }
                if let rule = f.rule { line += " (\(rule))" }
                out.append(line)
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    static func short(_ s: String, _ n: Int = 80) -> String { s.count > n ? String(s.prefix(n)) + "…" : s }

    // MARK: Markdown

    public static func markdown(_ r: LintReport) -> String {
        var out: [String] = []
        let cell = { (t: String) in t.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ") }
        for file in r.files {
            let s = file.summary
            out += ["# Rà soát văn bản: \(file.title ?? file.file)", "", "Tệp: `\(file.file)` — \(s.errors) lỗi, \(s.warnings) cảnh báo, \(s.infos) lưu ý", ""]
            guard !file.findings.isEmpty else { out += ["Không phát hiện sai sót.", ""]; continue }
            out += ["| Mức | Nhóm | Mã | Vị trí | Nội dung | Nhận xét | Đề xuất |", "| --- | --- | --- | --- | --- | --- | --- |"]
            for f in file.findings {
                out.append("| \(severityName[f.severity]!) | \(groupName[f.group] ?? f.group) | \(f.code) | \(cell(place(f))) | \(cell(f.text ?? "")) | \(cell(f.message + (f.rule.map { " (\($0))" } ?? ""))) | \(cell(f.suggestion ?? "")) |")
            }
            out.append("")
        }
        return out.joined(separator: "\n")
    }

    // MARK: HTML

    public static func html(_ r: LintReport) -> String {
        let esc = HTML.escape
        var body = "<h1>Rà soát văn bản trước khi ký</h1>"
        for file in r.files {
            let s = file.summary
            body += "<h2>\(esc(file.title ?? file.file))</h2><p>Tệp: <code>\(esc(file.file))</code></p>"
            body += "<table class=sum><tr><th>Lỗi</th><th>Cảnh báo</th><th>Lưu ý</th></tr><tr><td class=error>\(s.errors)</td><td class=warning>\(s.warnings)</td><td class=info>\(s.infos)</td></tr></table>"
            guard !file.findings.isEmpty else { body += "<p>Không phát hiện sai sót.</p>"; continue }
            for g in ["format", "numbering", "references", "tables", "spelling"] {
                let fs = file.findings.filter { $0.group == g }
                guard !fs.isEmpty else { continue }
                body += "<h3>\(esc(groupName[g] ?? g)) (\(fs.count))</h3><table><tr><th>Mức</th><th>Vị trí</th><th>Nội dung</th><th>Nhận xét</th><th>Đề xuất</th></tr>"
                for f in fs {
                    let rule = f.rule.map { "<div class=rule>\(esc($0))</div>" } ?? ""
                    body += "<tr class=\(f.severity.rawValue)><td>\(severityName[f.severity]!)</td><td>\(esc(place(f)))</td><td><mark>\(esc(f.text ?? ""))</mark></td><td>\(esc(f.message))\(rule)<div class=code>\(esc(f.code))</div></td><td class=new>\(esc(f.suggestion ?? ""))</td></tr>"
                }
                body += "</table>"
            }
        }
        return """
        <!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Rà soát văn bản trước khi ký</title><style>
        body{font-family:"Times New Roman",serif;margin:2em;max-width:1200px}table{border-collapse:collapse;width:100%;margin-bottom:1.5em}
        td,th{border:1px solid #999;padding:4px 6px;vertical-align:top;text-align:left}th{background:#eee}
        tr.error td:first-child,td.error{background:#fde2e2}tr.warning td:first-child,td.warning{background:#fff4d6}tr.info td:first-child,td.info{background:#eef}
        mark{background:#ffef9e}.new{color:#060}.rule,.code{color:#555;font-size:.85em;font-style:italic}
        table.sum td{text-align:center;font-size:1.2em}table.sum{width:auto}
        </style></head><body>
        \(body)
        </body></html>

        """
    }
}
