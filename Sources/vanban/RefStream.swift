import Foundation
import VanBan

/// `vanban refs` of a large text: the file is read a block at a time, cut at line breaks, and
/// fed to a `ReferenceStream`, so neither the text nor a plan is ever held whole.
enum RefStream {
    /// Texts above this size stream without being asked: no plan runs to tens of megabytes.
    static let threshold = 8_000_000
    static let block = 4 << 20

    /// The references of `path` read as a stream, or nil when it is to be read as a plan
    /// (not a UTF-8 text, or small and `always` is off).
    static func references(of path: String, always: Bool) throws -> (references: [Reference], named: [NamedReference])? {
        let name = URL(fileURLWithPath: path).lastPathComponent
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }   // the plan path says why
        defer { try? handle.close() }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        guard always || size > threshold else { return nil }
        var pending = handle.readData(ofLength: block)
        // Only UTF-8 text streams; PDF, DOCX, UTF-16 and the rest go through their readers.
        let head = [UInt8](pending.prefix(8))
        if head.isEmpty || head.starts(with: Array("%PDF".utf8)) || head.starts(with: [0x50, 0x4B]) || head.starts(with: [0xD0, 0xCF])
            || head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) || pending.prefix(4096).contains(0) { return nil }
        if pending.starts(with: [0xEF, 0xBB, 0xBF]) { pending.removeFirst(3) }
        var stream = ReferenceStream(header: header(of: pending))
        while true {
            let more = handle.readData(ofLength: block)
            let atEnd = more.isEmpty
            pending.append(more)
            // Whole lines only; the rest waits for the next block.
            let cut: Int = pending.withUnsafeBytes { raw in
                var i = raw.count
                while !atEnd && i > 0 && raw[i - 1] != 0x0A { i -= 1 }
                return i
            }
            pending.withUnsafeBytes { raw in
                stream.add(utf8: UnsafeBufferPointer(rebasing: raw.bindMemory(to: UInt8.self)[0..<cut]))
            }
            guard stream.isUTF8 else { throw Failure(message: "\(name): is not UTF-8 text") }
            pending = cut < pending.count ? pending.subdata(in: pending.startIndex + cut..<pending.endIndex) : Data()
            if atEnd { break }
        }
        let found = stream.finish()
        guard stream.isUTF8 else { throw Failure(message: "\(name): is not UTF-8 text") }
        return (found.references, found.named)
    }

    /// The header, as far as references need it: the number line ("Số: 45/KH-UBND") among the
    /// first lines, joined with a "/…" line a narrow column broke off it.
    static func header(of data: Data) -> Header {
        var h = Header()
        let head = String(decoding: data.prefix(16_384), as: UTF8.self)
        let lines = head.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.prefix(40)
        for (i, l) in lines.enumerated() {
            let k = l.lowercased()
            guard k.hasPrefix("số:") || k.hasPrefix("số :") || (k.hasPrefix("số ") && l.contains("/")) else { continue }
            let next = lines.dropFirst(i + 1).first
            h.numberLine = next.map { $0.hasPrefix("/") } == true ? l + " " + next! : l
            break
        }
        return h
    }
}
