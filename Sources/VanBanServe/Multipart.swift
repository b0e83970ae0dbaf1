import Foundation

/// One part of a multipart/form-data body: a form field or an uploaded file.
struct FormPart: Sendable {
    var name: String
    /// The client's file name, for display only: it never reaches the file system.
    var filename: String?
    var data: Data
    var text: String { String(decoding: data, as: UTF8.self) }
}

/// A parsed form: fields by name, files in the order sent.
struct Form: Sendable {
    var parts: [FormPart] = []
    func field(_ name: String) -> String? {
        parts.first { $0.name == name && $0.filename == nil }?.text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
    /// File parts that carry bytes or a name (an empty file input sends neither).
    var files: [FormPart] { parts.filter { $0.filename != nil && !($0.filename!.isEmpty && $0.data.isEmpty) } }
}

enum Multipart {
    struct Malformed: Error, CustomStringConvertible { let description: String }

    /// The boundary of a `multipart/form-data; boundary=…` content type.
    static func boundary(_ contentType: String) -> String? {
        guard contentType.lowercased().hasPrefix("multipart/form-data") else { return nil }
        for param in contentType.split(separator: ";").dropFirst() {
            let kv = param.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if kv.count == 2, kv[0].lowercased() == "boundary" {
                let b = kv[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                return b.isEmpty || b.count > 200 ? nil : b
            }
        }
        return nil
    }

    /// Splits a body on its boundary (RFC 7578). Parts are found with Data's byte search, once per part.
    static func parse(_ body: Data, boundary: String) throws -> Form {
        let delimiter = Data("--\(boundary)".utf8)
        let crlf = Data("\r\n".utf8), headerEnd = Data("\r\n\r\n".utf8)
        guard var cursor = body.range(of: delimiter)?.upperBound else { throw Malformed(description: "no multipart boundary in the body") }
        var form = Form()
        while true {
            // After a delimiter: "--" ends the body, CRLF starts a part.
            if body[cursor...].starts(with: Data("--".utf8)) { break }
            guard body[cursor...].starts(with: crlf) else { throw Malformed(description: "a multipart delimiter is not followed by a line end") }
            let partStart = cursor + 2
            guard let next = body.range(of: crlf + delimiter, in: partStart..<body.endIndex) else {
                throw Malformed(description: "the multipart body is cut short (no closing boundary)")
            }
            let part = body[partStart..<next.lowerBound]
            guard let h = part.range(of: headerEnd) else { throw Malformed(description: "a multipart part has no headers") }
            let headers = String(decoding: part[part.startIndex..<h.lowerBound], as: UTF8.self)
            var name: String?, filename: String?
            for line in headers.components(separatedBy: "\r\n") where line.lowercased().hasPrefix("content-disposition:") {
                name = parameter("name", in: line)
                filename = parameter("filename", in: line)
            }
            if let name { form.parts.append(FormPart(name: name, filename: filename, data: Data(part[h.upperBound...]))) }
            cursor = next.upperBound
        }
        return form
    }

    /// `name="value"` from a Content-Disposition line (quoted, as browsers send it).
    static func parameter(_ key: String, in line: String) -> String? {
        var rest = Substring(line)
        while let r = rest.range(of: "\(key)=\"") {
            // Skip "filename=" when asking for "name=".
            let before = rest[rest.startIndex..<r.lowerBound].last
            if before == nil || before == " " || before == ";" {
                let value = rest[r.upperBound...]
                guard let end = value.firstIndex(of: "\"") else { return nil }
                return String(value[value.startIndex..<end])
            }
            rest = rest[r.upperBound...]
        }
        return nil
    }
}
