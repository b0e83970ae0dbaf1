import VanBanCore
import VanBanModel

/// The references of a text too large to read as one plan, fed a block of whole lines at a
/// time: only what was found is kept, never the text.
///
/// Without the structurer there is no outline, so the text is cut into passages by itself:
/// printed lines are joined with one space (as the text reader joins them) until a line ends a
/// sentence or clause (".", ";", ":", "!", "?") or is written in capitals (a heading, a header
/// line); blank lines are skipped. Every passage reads
/// as body text ("Căn cứ" still makes a basis, "Thực hiện" no implementation), and the plan's
/// own number is the one the given header carries.
public struct ReferenceStream {
    private var run: ReferenceFinder.Run
    private var named = NamedReferenceFinder.Collector()
    /// The passage being gathered, which can go on in the next block.
    private var passage: [UInt8] = []
    private var starts: [Int] = []
    private var passageLine = 0
    private var line = 0
    /// A passage is cut at this size even without an end mark, so one runaway quote or a text
    /// without punctuation stays bounded.
    static let maxPassage = 16_384

    public init(finder: ReferenceFinder = ReferenceFinder(), header: Header = Header()) {
        run = ReferenceFinder.Run(scanner: finder.scanner, header: header)
    }

    /// False once some passage was not valid UTF-8 (it is left out).
    public private(set) var isUTF8 = true

    /// The next lines of the text; the block ends at a line break or at the end of the text.
    public mutating func add(lines text: String) {
        var text = text
        text.withUTF8 { add(utf8: $0) }
    }

    /// The same, as UTF-8 bytes straight from a file: checked once, passage by passage.
    public mutating func add(utf8 b: UnsafeBufferPointer<UInt8>) {
        var i = 0
        let n = b.count
        while i < n {
            var e = i
            while e < n, b[e] != 0x0A { e += 1 }
            line += 1
            addLine(UnsafeBufferPointer(rebasing: b[i..<e]))
            i = e + 1
        }
    }

    private mutating func addLine(_ l: UnsafeBufferPointer<UInt8>) {
        var s = 0, e = l.count
        while s < e, l[s] == 0x20 || l[s] == 0x09 || l[s] == 0x0D { s += 1 }
        while e > s, l[e - 1] == 0x20 || l[e - 1] == 0x09 || l[e - 1] == 0x0D { e -= 1 }
        guard e > s else { return }
        if passage.isEmpty {
            passageLine = line
        } else {
            passage.append(0x20)
            // Line numbers count source lines, blank ones too: one entry per line passed.
            for _ in 0..<(line - passageLine - starts.count) { starts.append(passage.count) }
        }
        passage.append(contentsOf: l[s..<e])
        switch l[e - 1] {
        case 0x2E, 0x3B, 0x3A, 0x21, 0x3F: flush()
        default:
            // A line in capitals is a heading or a header line: it stands alone.
            if passage.count >= Self.maxPassage || Self.isCapitals(UnsafeBufferPointer(rebasing: l[s..<e])) { flush() }
        }
    }

    /// `Fold.isUppercaseText`, after a look at the bytes: a line with an ASCII lower-case
    /// letter (nearly every line of running text) is none.
    static func isCapitals(_ l: UnsafeBufferPointer<UInt8>) -> Bool {
        for c in l where c &- 0x61 < 26 { return false }
        return Fold.isUppercaseText(String(decoding: l, as: UTF8.self))
    }

    private mutating func flush() {
        guard !passage.isEmpty else { return }
        defer {
            passage.removeAll(keepingCapacity: true)
            starts.removeAll(keepingCapacity: true)
        }
        guard let raw = String(validating: passage, as: UTF8.self) else { isUTF8 = false; return }
        let text = passage.withUnsafeBufferPointer(Fold.mayNeedNFC) ? Fold.nfc(raw) : raw
        var p = Passage(text: Text(text, position: Position(page: 1, line: passageLine)), place: "Line \(passageLine)",
                        implementsAllowed: false)
        p.lineStartsUTF8 = starts
        run.add(p)
        named.add(p.text, lineStartsUTF8: starts)
    }

    /// Everything found, as `ReferenceFinder.find(in:)` returns it for a plan.
    public mutating func finish() -> (references: [Reference], named: [NamedReference], diagnostics: [Diagnostic]) {
        flush()
        let (references, diagnostics) = run.finish()
        return (references, named.result(), diagnostics)
    }
}
