/// The lines of a text file as byte ranges over its UTF-8, scanned once: where each line's
/// text starts and ends, how far it is indented, how many columns it takes, which page it is
/// on. Everything the reader decides later reads these numbers, not Characters.
struct TextLine {
    /// 1-based line number in the file.
    var number: Int
    /// 0-based page (form feeds separate pages).
    var page: Int
    /// Byte offset where the printed line starts (column 0), and the trimmed text's range.
    var start: Int
    var lo: Int, hi: Int
    /// Columns of white space before the text, and columns the trimmed text takes.
    var indent: Int
    var width: Int
    /// The raw line opens with a tab: a cell as DOCX-to-text tools write one.
    var tab: Bool
    /// The trimmed text, when it differs from the bytes (a restored hyphen).
    var override: String?

    var isBlank: Bool { lo == hi }
}

/// One word of a fixed-width line: its columns and its bytes.
struct Word {
    var col: Int, end: Int
    var lo: Int, hi: Int
    var center: Int { (col + end) / 2 }
}

struct TextBuffer {
    let bytes: [UInt8]
    private(set) var lines: [TextLine] = []
    private(set) var pageCount = 1

    init(_ text: String) {
        bytes = Array(text.utf8)
        scan()
    }

    func text(_ l: TextLine) -> String {
        if let o = l.override { return o }
        return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[l.lo..<l.hi]), as: UTF8.self) }
    }

    func string(_ lo: Int, _ hi: Int) -> String {
        bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[lo..<hi]), as: UTF8.self) }
    }

    /// White space an extractor leaves: space, tab, no-break space, zero-width space, BOM,
    /// the typographic spaces. Returns the length of the space at `i`, or 0.
    @inline(__always)
    static func spaceLength(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> Int {
        let c = b[i]
        if c == 0x20 || c == 0x09 || c == 0x0B { return 1 }
        if c == 0xC2, i + 1 < end, b[i + 1] == 0xA0 { return 2 }
        if c == 0xE2, i + 2 < end, b[i + 1] == 0x80, (0x80...0x8B).contains(b[i + 2]) || b[i + 2] == 0xAF { return 3 }
        if c == 0xE3, i + 2 < end, b[i + 1] == 0x80, b[i + 2] == 0x80 { return 3 }
        if c == 0xEF, i + 2 < end, b[i + 1] == 0xBB, b[i + 2] == 0xBF { return 3 }
        return 0
    }

    private mutating func scan() {
        var out: [TextLine] = []
        var page = 0
        var number = 0
        bytes.withUnsafeBufferPointer { b in
            let n = b.count
            var i = 0
            while i <= n {
                // One line: up to \n or \f (a form feed also starts a page).
                var j = i
                while j < n, b[j] != 0x0A, b[j] != 0x0C { j += 1 }
                number += 1
                var lo = i, indent = 0
                while lo < j {
                    let s = Self.spaceLength(b, lo, j)
                    if s == 0 { break }
                    lo += s; indent += 1
                }
                var hi = j
                while hi > lo {
                    // Trailing space: check the last one to three bytes.
                    if b[hi - 1] == 0x20 || b[hi - 1] == 0x09 || b[hi - 1] == 0x0B { hi -= 1; continue }
                    if hi - 2 >= lo, b[hi - 2] == 0xC2, b[hi - 1] == 0xA0 { hi -= 2; continue }
                    if hi - 3 >= lo, Self.spaceLength(b, hi - 3, hi) == 3 { hi -= 3; continue }
                    break
                }
                var width = 0
                for k in lo..<hi where b[k] & 0xC0 != 0x80 { width += 1 }
                let tab = i < j && b[i] == 0x09
                if j < n, b[j] == 0x0C, i == j {
                    // A form feed at a line's start: a page break, no line.
                    page += 1
                    number -= 1
                    i = j + 1
                    continue
                }
                out.append(TextLine(number: number, page: page, start: i, lo: lo, hi: hi, indent: indent, width: width, tab: tab))
                if j >= n { break }
                if b[j] == 0x0C { page += 1 }
                i = j + 1
            }
        }
        lines = out
        pageCount = page + 1
    }

    /// The words of a line with their columns, for fixed-width text.
    func words(_ l: TextLine) -> [Word] {
        var out: [Word] = []
        bytes.withUnsafeBufferPointer { b in
            var col = 0
            var i = l.start
            let end = l.hi
            var wordStart = -1, wordCol = 0
            while i < end {
                let s = Self.spaceLength(b, i, end)
                if s > 0 {
                    if wordStart >= 0 { out.append(Word(col: wordCol, end: col, lo: wordStart, hi: i)); wordStart = -1 }
                    i += s; col += 1
                    continue
                }
                if wordStart < 0 { wordStart = i; wordCol = col }
                i += 1
                while i < end, b[i] & 0xC0 == 0x80 { i += 1 }
                col += 1
            }
            if wordStart >= 0 { out.append(Word(col: wordCol, end: col, lo: wordStart, hi: end)) }
        }
        return out
    }

    // MARK: - Byte tests on a line's text

    func byte(_ l: TextLine, _ k: Int) -> UInt8? { l.lo + k < l.hi ? bytes[l.lo + k] : nil }

    /// One to three ASCII digits and nothing else.
    func isLoneNumber(_ l: TextLine) -> Bool {
        let n = l.hi - l.lo
        guard n >= 1, n <= 3, l.override == nil else { return false }
        for k in l.lo..<l.hi where !(0x30...0x39).contains(bytes[k]) { return false }
        return true
    }

    func number(_ l: TextLine) -> Int? {
        guard isLoneNumber(l) else { return nil }
        var v = 0
        for k in l.lo..<l.hi { v = v * 10 + Int(bytes[k] - 0x30) }
        return v
    }

    /// A rule of underscores, dashes, stars, dots (what a line drawn under the header becomes).
    func isRule(_ l: TextLine) -> Bool {
        guard l.width >= 3 else { return false }
        var i = l.lo
        while i < l.hi {
            let c = bytes[i]
            if c == 0x5F || c == 0x2D || c == 0x3D || c == 0x2A || c == 0x2E || c == 0x20 { i += 1; continue }
            // – (E2 80 93) and — (E2 80 94)
            if c == 0xE2, i + 2 < l.hi, bytes[i + 1] == 0x80, bytes[i + 2] == 0x93 || bytes[i + 2] == 0x94 { i += 3; continue }
            return false
        }
        return true
    }

    func endsWith(_ l: TextLine, _ suffix: StaticString) -> Bool {
        let n = suffix.utf8CodeUnitCount
        guard l.override == nil, l.hi - l.lo >= n else { return l.override?.hasSuffix(suffix.description) ?? false }
        let p = suffix.utf8Start
        for k in 0..<n where bytes[l.hi - n + k] != p[k] { return false }
        return true
    }

    /// The last byte of the text (ASCII punctuation tests only need that).
    func lastByte(_ l: TextLine) -> UInt8? {
        if let o = l.override { return o.utf8.last }
        return l.hi > l.lo ? bytes[l.hi - 1] : nil
    }
}
