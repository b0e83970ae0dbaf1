import Foundation
import XCTest
@testable import VanBan

/// The measures of viparse-corpus METRIC.md (NFC, whitespace collapsed), with case folded on both
/// sides: the transcripts write in lowercase what an uppercase font (.VnTimeH) shows in capitals.
/// A table cell's closing "|" in the transcripts counts as white space, as a line break does:
/// where a cell ends is layout, not encoding.
enum LegacyMetric {
    /// `diacritic`, `char`, `syllable` as METRIC.md; `read`: the diacritic accuracy over the words
    /// the output has at all (what decoding controls, apart from what the reader extracts).
    struct Figures { var diacritic: Double; var char: Double; var syllable: Double; var read: Double }

    static func normalize(_ s: String) -> [String] {
        s.precomposedStringWithCanonicalMapping.lowercased().split(whereSeparator: { $0.isWhitespace || $0 == "|" }).map(String.init)
    }

    static func marked(_ c: Character) -> Bool {
        c == "đ" || c == "Đ" || String(c).decomposedStringWithCanonicalMapping.unicodeScalars.contains { $0.properties.canonicalCombiningClass.rawValue > 0 }
    }

    /// Base letters: marks dropped, đ read as d.
    static func base(_ w: String) -> String {
        String(String.UnicodeScalarView(w.decomposedStringWithCanonicalMapping.unicodeScalars.filter { $0.properties.generalCategory != .nonspacingMark }))
            .replacingOccurrences(of: "đ", with: "d")
    }

    static func score(truth: String, output: String) -> Figures {
        let g = normalize(truth), o = normalize(output)
        // METRIC.md: both sides reduced to base letters and aligned; at each aligned position the
        // original characters are compared.
        let matched = Align.words(g.map(base), o.map(base))
        var ok = 0, need = 0, needRead = 0, chars = 0, syllables = 0
        for w in g { need += w.filter(marked).count }
        for (a, b) in matched {
            let gw = Array(g[a]), ow = Array(o[b])
            if gw.count == ow.count {
                for (x, y) in zip(gw, ow) where marked(x) { needRead += 1; if x == y { ok += 1 } }
            } else {
                needRead += gw.filter(marked).count
            }
            if g[a] == o[b] { chars += gw.count + 1; syllables += 1 } else { chars += Align.lcsLength(gw, ow) + 1 }
        }
        var last = (-1, -1)
        for (a, b) in matched + [(g.count, o.count)] {
            if a - last.0 > 1 || b - last.1 > 1 {
                let gs = Array(g[(last.0 + 1)..<a].joined(separator: " ")), os = Array(o[(last.1 + 1)..<b].joined(separator: " "))
                chars += Align.lcsLength(gs, os)
            }
            last = (a, b)
        }
        let total = max(1, g.reduce(0) { $0 + $1.count + 1 } - 1)
        return Figures(diacritic: need == 0 ? 1 : Double(ok) / Double(need), char: min(1, Double(chars) / Double(total)),
                       syllable: g.isEmpty ? 1 : Double(syllables) / Double(g.count),
                       read: needRead == 0 ? 1 : Double(ok) / Double(needRead))
    }
}

/// Word alignment: common words unique on both sides anchor it (patience diff), the stretches
/// between anchors by dynamic programming.
enum Align {
    static func words(_ a: [String], _ b: [String]) -> [(Int, Int)] {
        var out: [(Int, Int)] = []
        align(a, 0..<a.count, b, 0..<b.count, &out)
        return out
    }

    private static func align(_ a: [String], _ ra: Range<Int>, _ b: [String], _ rb: Range<Int>, _ out: inout [(Int, Int)]) {
        var ra = ra, rb = rb
        var tail: [(Int, Int)] = []
        while !ra.isEmpty, !rb.isEmpty, a[ra.lowerBound] == b[rb.lowerBound] { out.append((ra.lowerBound, rb.lowerBound)); ra = ra.dropFirst(); rb = rb.dropFirst() }
        while !ra.isEmpty, !rb.isEmpty, a[ra.upperBound - 1] == b[rb.upperBound - 1] { tail.append((ra.upperBound - 1, rb.upperBound - 1)); ra = ra.dropLast(); rb = rb.dropLast() }
        defer { out += tail.reversed() }
        guard !ra.isEmpty, !rb.isEmpty else { return }
        if ra.count * rb.count <= 4_000_000 { dp(a, ra, b, rb, &out); return }
        var countA: [String: (Int, Int)] = [:], countB: [String: (Int, Int)] = [:]
        for i in ra { countA[a[i], default: (0, i)].0 += 1 }
        for j in rb { countB[b[j], default: (0, j)].0 += 1 }
        var pairs: [(Int, Int)] = []
        for i in ra where countA[a[i]]!.0 == 1 { if let c = countB[a[i]], c.0 == 1 { pairs.append((i, c.1)) } }
        // Longest increasing run of b positions (patience sorting).
        var piles: [Int] = [], back = [Int](repeating: -1, count: pairs.count), top: [Int] = []
        for (k, p) in pairs.enumerated() {
            var lo = 0, hi = piles.count
            while lo < hi { let m = (lo + hi) / 2; if piles[m] < p.1 { lo = m + 1 } else { hi = m } }
            if lo > 0 { back[k] = top[lo - 1] }
            if lo == piles.count { piles.append(p.1); top.append(k) } else { piles[lo] = p.1; top[lo] = k }
        }
        var chain: [(Int, Int)] = []
        var k = top.last ?? -1
        while k >= 0 { chain.append(pairs[k]); k = back[k] }
        chain.reverse()
        guard !chain.isEmpty else {
            // Nothing unique to anchor on: the stretch in blocks, front to front.
            let ea = ra.lowerBound + min(ra.count, 1500), eb = rb.lowerBound + min(rb.count, 1500)
            dp(a, ra.lowerBound..<ea, b, rb.lowerBound..<eb, &out)
            align(a, ea..<ra.upperBound, b, eb..<rb.upperBound, &out)
            return
        }
        var pa = ra.lowerBound, pb = rb.lowerBound
        for (i, j) in chain {
            align(a, pa..<i, b, pb..<j, &out)
            out.append((i, j))
            pa = i + 1; pb = j + 1
        }
        align(a, pa..<ra.upperBound, b, pb..<rb.upperBound, &out)
    }

    private static func dp(_ a: [String], _ ra: Range<Int>, _ b: [String], _ rb: Range<Int>, _ out: inout [(Int, Int)]) {
        let n = ra.count, m = rb.count
        var t = [[Int32]](repeating: [Int32](repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                t[i][j] = a[ra.lowerBound + i] == b[rb.lowerBound + j] ? t[i + 1][j + 1] + 1 : max(t[i + 1][j], t[i][j + 1])
            }
        }
        var i = 0, j = 0
        while i < n, j < m {
            if a[ra.lowerBound + i] == b[rb.lowerBound + j] { out.append((ra.lowerBound + i, rb.lowerBound + j)); i += 1; j += 1 }
            else if t[i + 1][j] >= t[i][j + 1] { i += 1 } else { j += 1 }
        }
    }

    static func lcsLength(_ a: [Character], _ b: [Character]) -> Int {
        guard !a.isEmpty, !b.isEmpty, a.count * b.count <= 4_000_000 else { return 0 }
        var prev = [Int32](repeating: 0, count: b.count + 1), cur = prev
        for x in a {
            for (j, y) in b.enumerated() { cur[j + 1] = x == y ? prev[j] + 1 : max(prev[j + 1], cur[j]) }
            swap(&prev, &cur)
        }
        return Int(prev[b.count])
    }
}

final class LegacyEncodingTests: XCTestCase {
    let decoder = LegacyDecoder()
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Corpus").standardized

    func testTablesAreComplete() {
        XCTAssertEqual(decoder.letterCount(.tcvn3), 74)   // 67 lowercase letters and ĂÂÊÔƠƯĐ
        for e in [LegacyCharset.vni, .viscii, .vps] { XCTAssertEqual(decoder.letterCount(e), 134, e.label) }
        XCTAssertEqual(decoder.letterCount(.viqr), 134)
    }

    func testKnownWords() {
        XCTAssertEqual(decoder.decode("KÕ ho¹ch thùc hiÖn NghÞ quyÕt sè 57", from: .tcvn3), "Kế hoạch thực hiện Nghị quyết số 57")
        XCTAssertEqual(decoder.decode("Th\u{00AD}êng trùc", from: .tcvn3), "Thường trực")
        XCTAssertEqual(decoder.decode("n\u{2212}íc", from: .tcvn3), "nước")            // a PDF's glyph for 0xAD
        XCTAssertEqual(decoder.decode("quyÕt ®Þnh", from: .tcvn3, capitals: true), "QUYẾT ĐỊNH")
        XCTAssertEqual(decoder.decode("COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM", from: .vni), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
        XCTAssertEqual(decoder.decode("Ñoäc laäp – Töï do – Haïnh phuùc", from: .vni), "Độc lập – Tự do – Hạnh phúc")
        XCTAssertEqual(decoder.decode("Ke^' hoa.ch tru+o+?ng DDa`. Xong.", from: .viqr), "Kế hoạch trưởng Đà. Xong.")
    }

    /// VISCII, VPS and VIQR have no dev documents: the corpus text goes through each table and back,
    /// and, with no font to tell, the text's statistics must find the encoding.
    func testRoundTripsAndDetectionOnCorpusText() throws {
        let files = try FileManager.default.contentsOfDirectory(at: Self.corpus, includingPropertiesForKeys: nil).filter { $0.pathExtension == "txt" }
        XCTAssertFalse(files.isEmpty)
        for f in files.sorted(by: { $0.path < $1.path }).prefix(2) {
            let original = Fold.nfc(try String(contentsOf: f, encoding: .utf8))
            for e in [LegacyCharset.tcvn3, .vni, .viscii, .vps, .viqr] {
                // TCVN3 has no capitals with marks (they live in the uppercase fonts): lowercase it.
                let text = e == .tcvn3 ? original.lowercased() : original
                let lines = text.split(separator: "\n").prefix(300).map(String.init).filter { l in decoder.encode(l, to: e) != nil }
                XCTAssertGreaterThan(lines.count, 20, "\(f.lastPathComponent) \(e.label)")
                let encoded = lines.map { decoder.encode($0, to: e)! }
                let back = encoded.map { decoder.decode($0, from: e) }
                let bad = zip(back, lines).first { $0 != $1 }
                XCTAssertNil(bad, "\(f.lastPathComponent) \(e.label) round trip: \(bad.map { "\($0.1) -> \($0.0)" } ?? "")")
                let layout = try TextReader().read(text: encoded.joined(separator: "\n"), name: "x.txt")
                let decoded = LegacyPass().apply(layout)
                XCTAssertEqual(decoded.encodings.first?.encoding, e.label, "\(f.lastPathComponent): \(e.label) detected")
                let want = try TextReader().read(text: lines.joined(separator: "\n"), name: "x.txt")
                let got = VanBan.text(of: decoded), expected = VanBan.text(of: want)
                let s = LegacyMetric.score(truth: expected, output: got)
                XCTAssertGreaterThan(s.diacritic, 0.99, "\(f.lastPathComponent) \(e.label)")
            }
        }
    }

    /// 8-bit text files (VISCII, VPS, TCVN3 bytes) are read through the same pass.
    func testEightBitTextFile() throws {
        let line = "Kế hoạch thực hiện Nghị quyết số 57 của Bộ Chính trị về phát triển khoa học và công nghệ"
        let viscii = decoder.encode(line, to: .viscii)!
        let bytes = Data(viscii.unicodeScalars.map { u -> UInt8 in
            if let i = EncodingTables.cp1252High.firstIndex(of: u.value) { return UInt8(0x80 + i) }
            return UInt8(u.value)
        })
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("viscii-\(UUID().uuidString).txt")
        try (bytes + Data("\n".utf8) + bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let layout = try VanBan.layout(of: url)
        XCTAssertEqual(layout.encodings.first?.encoding, "VISCII", VanBan.text(of: layout))
        XCTAssertTrue(VanBan.text(of: layout).hasPrefix(line))
    }

    /// Runs in .VnTime, .VnTimeH, VNI-Times and Unicode Times New Roman in one document.
    func testMixedEncodingsByFont() {
        var line = Line(text: "", number: 1)
        line.runs = [FontRun(text: "quyÕt ®Þnh ", font: ".VnTimeH"), FontRun(text: "cña Bé tr\u{00AD}ëng ", font: ".VnTime"),
                     FontRun(text: "veà vieäc ", font: "VNI-Times"), FontRun(text: "thành lập Hội đồng", font: "Times New Roman")]
        line.text = line.runs.map(\.text).joined().replacingOccurrences(of: "\u{00AD}", with: "")
        let layout = Layout(file: "m.docx", format: .docx, pages: [Page(number: 1, blocks: [.paragraph(Paragraph(lines: [line]))])])
        let out = LegacyPass().apply(layout)
        XCTAssertEqual(VanBan.text(of: out), "QUYẾT ĐỊNH của Bộ trưởng về việc thành lập Hội đồng\n")
        XCTAssertEqual(Set(out.encodings.map(\.encoding)), ["TCVN3", "VNI"])
    }

    /// Unicode text is never touched: every corpus file reads the same with the pass as without.
    func testUnicodeCorpusIsUntouched() throws {
        let files = try FileManager.default.contentsOfDirectory(at: Self.corpus, includingPropertiesForKeys: nil)
            .filter { ["txt", "pdf", "docx"].contains($0.pathExtension) }
        XCTAssertGreaterThan(files.count, 5)
        for f in files {
            let raw: Layout
            switch f.pathExtension {
            case "pdf": raw = try PDFReader().read(url: f)
            case "docx": raw = try DOCXReader().read(data: Data(contentsOf: f), name: f.lastPathComponent)
            default: raw = try TextReader().read(url: f)
            }
            let out = LegacyPass().apply(raw)
            XCTAssertEqual(out.encodings, [], f.lastPathComponent)
            let before = VanBan.text(of: raw).split(separator: "\n"), after = VanBan.text(of: out).split(separator: "\n")
            let changed = zip(before, after).first { $0 != $1 }.map { "\($0.0) -> \($0.1)" } ?? ""
            XCTAssertTrue(out == raw, "\(f.lastPathComponent) changed: \(changed)")
        }
    }
}

/// The legacy folder of ../shared, converted in one LibreOffice batch and scored per file.
final class LegacyCorpusTests: XCTestCase {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../shared/corpus/legacy").standardized

    /// The transcripts close each table cell with "|"; the layout's cells are written the same way.
    static func transcriptText(_ layout: Layout) -> String {
        var out = ""
        for (_, b) in layout.blocks {
            switch b {
            case let .paragraph(p): out += p.text + "\n"
            case let .table(t): for r in t.rows { out += r.cells.map { $0.text + "|" }.joined(separator: "\n") + "\n" }
            }
        }
        return out
    }

    func testEveryLegacyFileReachesTheBar() throws {
        let fm = FileManager.default
        guard fm.fileExists(atPath: Self.folder.path) else { throw XCTSkip("../shared/corpus/legacy is absent") }
        guard LibreOffice.executable != nil else { throw XCTSkip("LibreOffice (\(LibreOffice.package)) is not installed") }
        var files: [URL] = []
        for sub in ["tcvn3", "vni"] {
            files += try fm.contentsOfDirectory(at: Self.folder.appendingPathComponent(sub), includingPropertiesForKeys: nil)
        }
        files.sort { $0.path < $1.path }
        XCTAssertEqual(files.count, 55)
        if let only = ProcessInfo.processInfo.environment["LEGACY_ONLY"] { files = files.filter { $0.lastPathComponent.contains(only) } }
        let t0 = Date()
        VanBan.prepare(files)
        print("legacy: \(files.filter { $0.pathExtension != "pdf" }.count) .doc/.rtf converted in one batch in \(String(format: "%.1f", Date().timeIntervalSince(t0))) s")
        var sums: [String: (n: Int, d: Double, c: Double, s: Double)] = [:]
        var all = (n: 0, d: 0.0, c: 0.0)
        for f in files {
            let stem = f.deletingPathExtension().lastPathComponent
            let truth = try String(contentsOf: Self.folder.appendingPathComponent("ground-truth/\(stem).txt"), encoding: .utf8)
            let layout = try VanBan.layout(of: f)
            let s = LegacyMetric.score(truth: truth, output: Self.transcriptText(layout))
            let enc = f.deletingLastPathComponent().lastPathComponent.uppercased() + " " + f.pathExtension
            print(String(format: "legacy: %@ %@ diacritic %.3f char %.3f syllable %.3f read %.4f [%@]", enc, stem, s.diacritic, s.char, s.syllable, s.read,
                         layout.encodings.map(\.encoding).joined(separator: ",")))
            // Every word the reader extracts carries its marks right. The METRIC figures also count
            // what the transcripts hold and the DOCX reader does not extract (page headers and
            // footers, text boxes, footnotes, tracked deletions): printed, and held on the folder.
            XCTAssertGreaterThanOrEqual(s.read, 0.99, stem)
            var e = sums[enc] ?? (0, 0, 0, 0)
            e.n += 1; e.d += s.diacritic; e.c += s.char; e.s += s.syllable
            sums[enc] = e
            all.n += 1; all.d += s.diacritic; all.c += s.char
        }
        for (k, v) in sums.sorted(by: { $0.key < $1.key }) {
            print(String(format: "legacy: %@ n=%d mean diacritic %.4f char %.4f syllable %.4f", k, v.n, v.d / Double(v.n), v.c / Double(v.n), v.s / Double(v.n)))
        }
        if all.n == 55 {
            XCTAssertGreaterThanOrEqual(all.d / Double(all.n), 0.98)
            XCTAssertGreaterThanOrEqual(all.c / Double(all.n), 0.98)
        }
    }
}
