import Foundation

/// Byte-level letter classes for scanning UTF-8 text without building Strings. A letter is
/// reduced to its bare lower-case ASCII base ("Ế" -> "e", "Đ"/"Ð" -> "d") so that NFC, NFD,
/// tone placement and case all compare alike.
enum Letters {
    /// For scalars below 0x1F00: 0 = not a letter, 1 = combining mark, otherwise the bare
    /// ASCII letter, with 0x80 set when the letter is a capital.
    static let table: [UInt8] = {
        var t = [UInt8](repeating: 0, count: 0x1F00)
        // Only the Latin blocks hold letters with an ASCII base; the rest stay 0.
        for v in Array(0..<0x250) + Array(0x300..<0x370) + Array(0x1E00..<0x1F00) {
            guard let s = Unicode.Scalar(v) else { continue }
            if (0x300...0x36F).contains(v) { t[v] = 1; continue }
            guard s.properties.isAlphabetic else { continue }
            let upper = s.properties.isUppercase ? UInt8(0x80) : 0
            switch v {
            case 0x110, 0x111, 0xD0, 0xF0: t[v] = UInt8(ascii: "d") | upper; continue
            default: break
            }
            let base = String(s).decomposedStringWithCanonicalMapping.unicodeScalars.first!
            guard base.isASCII, base.properties.isAlphabetic else { continue }
            t[v] = UInt8(base.value | 0x20) | upper
        }
        return t
    }()

    /// The class of scalar `v` (see `table`); letters beyond the table count as plain letters.
    @inline(__always) static func cls(_ v: UInt32) -> UInt8 {
        v < 0x1F00 ? table[Int(v)] : 0
    }
}

/// Read-only helpers over a UTF-8 buffer.
struct Bytes {
    let p: UnsafeBufferPointer<UInt8>
    var count: Int { p.count }
    @inline(__always) subscript(i: Int) -> UInt8 { p[i] }

    /// The scalar starting at `i` and its length in bytes.
    @inline(__always) func scalar(at i: Int) -> (UInt32, Int) {
        let b0 = UInt32(p[i])
        if b0 < 0x80 { return (b0, 1) }
        if b0 < 0xE0, i + 1 < p.count { return (((b0 & 0x1F) << 6) | (UInt32(p[i + 1]) & 0x3F), 2) }
        if b0 < 0xF0, i + 2 < p.count {
            return (((b0 & 0x0F) << 12) | ((UInt32(p[i + 1]) & 0x3F) << 6) | (UInt32(p[i + 2]) & 0x3F), 3)
        }
        if i + 3 < p.count {
            return (((b0 & 0x07) << 18) | ((UInt32(p[i + 1]) & 0x3F) << 12) | ((UInt32(p[i + 2]) & 0x3F) << 6)
                    | (UInt32(p[i + 3]) & 0x3F), 4)
        }
        return (0xFFFD, 1)
    }

    /// The start of the scalar that ends just before `i`.
    @inline(__always) func previousStart(_ i: Int) -> Int {
        var j = i - 1
        while j > 0 && p[j] & 0xC0 == 0x80 { j -= 1 }
        return j
    }

    static func isSpace(_ v: UInt32) -> Bool {
        v == 0x20 || v == 0x09 || v == 0x0A || v == 0x0D || v == 0x0C || v == 0xA0 || v == 0xFEFF || v == 0x2028
    }
    static func isDash(_ v: UInt32) -> Bool {
        v == 0x2D || (0x2010...0x2015).contains(v) || v == 0x2212 || v == 0xFE63 || v == 0xFF0D
    }
    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }

    /// Skips white space forwards; `sawBreak` tells whether a line break was among it.
    func skipSpace(_ i: Int) -> (end: Int, sawBreak: Bool) {
        var i = i, br = false
        while i < p.count {
            let (v, n) = scalar(at: i)
            guard Bytes.isSpace(v) else { break }
            if v == 0x0A || v == 0x0D || v == 0x0C || v == 0x2028 { br = true }
            i += n
        }
        return (i, br)
    }

    /// Skips white space backwards from `i` (exclusive); returns the new end.
    func skipSpaceBack(_ i: Int) -> Int {
        var i = i
        while i > 0 {
            let j = previousStart(i)
            guard Bytes.isSpace(scalar(at: j).0) else { break }
            i = j
        }
        return i
    }

    /// The word (letters and combining marks) that ends at `end`, as its bare form and start.
    func wordBefore(_ end: Int) -> (bare: [UInt8], start: Int, capital: Bool)? {
        var i = end
        var rev: [UInt8] = []
        var first: UInt8 = 0
        while i > 0 {
            let j = previousStart(i)
            let c = Letters.cls(scalar(at: j).0)
            if c == 0 { break }
            if c != 1 { rev.append(c & 0x7F); first = c }
            i = j
        }
        guard !rev.isEmpty else { return nil }
        return (rev.reversed(), i, first & 0x80 != 0)
    }

    /// The word that starts at `start`: its bare form, end, and whether it begins with a capital.
    func wordAt(_ start: Int) -> (bare: [UInt8], end: Int, capital: Bool)? {
        var i = start
        var out: [UInt8] = []
        var capital = false
        while i < p.count {
            let (v, n) = scalar(at: i)
            let c = Letters.cls(v)
            if c == 0 { break }
            if c != 1 {
                if out.isEmpty { capital = c & 0x80 != 0 }
                out.append(c & 0x7F)
            }
            i += n
        }
        return out.isEmpty ? nil : (out, i, capital)
    }

    /// The end of the word at `start` (as `wordAt` reads it), and whether its bare form is `bare`.
    func wordEnd(_ start: Int, is bare: StaticString) -> (end: Int, matches: Bool) {
        var i = start, k = 0, ok = true
        let q = bare.utf8Start, n = bare.utf8CodeUnitCount
        while i < p.count {
            let (v, len) = scalar(at: i)
            let c = Letters.cls(v)
            if c == 0 { break }
            if c != 1 {
                if ok { if k < n && c & 0x7F == q[k] { k += 1 } else { ok = false } }
            }
            i += len
        }
        return (i, ok && k == n)
    }

    func string(_ r: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: p[r]), as: UTF8.self)
    }
}

extension Array where Element == UInt8 {
    /// Bare-word comparison against an ASCII literal.
    @inline(__always) func `is`(_ s: StaticString) -> Bool {
        guard count == s.utf8CodeUnitCount else { return false }
        let q = s.utf8Start
        for i in 0..<count where self[i] != q[i] { return false }
        return true
    }
}
