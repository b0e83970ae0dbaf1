import Foundation
import VanBanCore

/// Vietnamese-aware text similarity: syllables folded (case, tone placement), abbreviations
/// expanded, unigrams and bigrams weighted by IDF over both plans, cosine of the vectors.
struct Similarity {
    /// A text as weighted terms. Term ids index `vocabulary` (unigrams) or `bigrams`.
    struct Vector {
        var weights: [Int: Double]
        var norm: Double
        /// The words as written and, per term, the words it first came from, for showing what
        /// matched (built into strings only for the links kept).
        var words: [Substring] = []
        var spans: [(id: Int, from: Int32, to: Int32)] = []

        func surface(_ id: Int) -> String? {
            guard let s = spans.first(where: { $0.id == id }) else { return nil }
            return words[Int(s.from)...Int(s.to)].joined(separator: " ")
        }
    }

    private(set) var vocabulary: [Bytes: Int] = [:]
    /// Bigram ids by their two syllables' ids: no string is built or hashed for a bigram.
    private var bigrams: [Int: Int] = [:]
    private var documentFrequency: [Int] = []
    private var isBigram: [Bool] = []
    private var documents = 0
    private let abbreviations: [String: [String]]
    /// Folded keys by word as written: plans repeat their words, and folding is the costly part.
    private let folded = FoldMemo()
    var termCount: Int { documentFrequency.count }
    /// Term ids that are a document's number and symbol.
    private var documentTerms: Set<Int> = []
    func isDocument(_ id: Int) -> Bool { documentTerms.contains(id) }
    func isBigramTerm(_ id: Int) -> Bool { isBigram[id] }
    /// How many texts of both plans have the term.
    func frequency(_ id: Int) -> Int { documentFrequency[id] }
    /// How many times a text says each of its unigram terms.
    func counts(_ v: Vector) -> [Int: Int] {
        var n: [Int: Int] = [:]
        for s in v.spans where !isBigram[s.id] { n[s.id, default: 0] += 1 }
        return n
    }

    init(dictionaries: Dictionaries) {
        var map: [String: [String]] = [:]
        for (abbr, expansion) in dictionaries.abbreviations {
            map[Fold.key(abbr)] = expansion.split(separator: " ").map { Fold.key(String($0)) }
        }
        abbreviations = map
    }

    // Words too common in plans to say anything about a task.
    static let stopwords: Set<String> = Set(["và", "các", "của", "trong", "cho", "với", "về", "để", "theo", "tại", "trên", "được", "có", "là",
                                             "những", "một", "đến", "từ", "khi", "đã", "sẽ", "này", "đó", "thì", "như", "hoặc", "nhằm", "đồng thời",
                                             "thực hiện", "triển khai", "tổ chức", "tăng cường", "đẩy mạnh", "nâng cao", "hiệu quả"].map(Fold.key))

    /// The words of a text and its folded content syllables, abbreviations expanded, each with
    /// the word it came from. A bigram across a stopword is still a bigram of the words around
    /// it, which keeps "kho học liệu số" close to "kho học liệu số dùng chung".
    func syllables(_ text: String) -> (words: [Substring], syllables: [(key: String, word: Int32)]) {
        let words = Self.words(text)
        var out: [(String, Int32)] = []
        for (n, word) in words.enumerated() {
            // A cited document's number and symbol ("16/KH-UBND") is a term too: two tasks that
            // implement the same document say so.
            if let f = word.first, f.isNumber, word.endIndex < text.endIndex, text[word.endIndex] == "/" {
                let symbol = text[word.startIndex...].prefix { !$0.isWhitespace && $0 != "," && $0 != ";" && $0 != ")" }
                if symbol.count > word.count + 2, symbol.dropFirst(word.count + 1).first?.isLetter == true {
                    out.append((folded.key(symbol), Int32(n)))
                }
            }
            let k = folded.key(word)
            for key in abbreviations[k] ?? [k] where key.count > 1 && !Self.stopwords.contains(key) { out.append((key, Int32(n))) }
        }
        return (words, out)
    }

    /// The words of a text: runs of letters, digits and "&". Scanned by Unicode scalar, ASCII
    /// first: Characters (grapheme clusters) cost several times more, and the text is NFC.
    static func words(_ text: String) -> [Substring] {
        var out: [Substring] = []
        out.reserveCapacity(text.utf8.count / 5)
        let scalars = text.unicodeScalars
        var start: String.Index?
        var i = scalars.startIndex
        while i != scalars.endIndex {
            let u = scalars[i]
            let inWord: Bool
            if u.isASCII {
                let v = u.value
                inWord = (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) || v == 0x26
            } else {
                inWord = u.properties.isAlphabetic || u.properties.numericType != nil || u.properties.generalCategory == .nonspacingMark
            }
            if inWord { if start == nil { start = i } } else if let s = start { out.append(text[s..<i]); start = nil }
            i = scalars.index(after: i)
        }
        if let s = start { out.append(text[s...]) }
        return out
    }

    /// How many terms (unigrams and bigrams) a text has.
    func terms(_ text: String) -> Int { let n = syllables(text).syllables.count; return max(0, 2 * n - 1) }

    /// The term ids of a text with the words each spans; `learn` adds unknown terms.
    mutating func ids(_ text: String, learn: Bool) -> Vector {
        let (words, syl) = syllables(text)
        var spans: [(id: Int, from: Int32, to: Int32)] = []
        spans.reserveCapacity(2 * syl.count)
        var previous: (id: Int, word: Int32)?
        for (key, word) in syl {
            let bytes = Bytes(key)
            var id = vocabulary[bytes]
            if id == nil, learn {
                id = documentFrequency.count; vocabulary[bytes] = id; documentFrequency.append(0); isBigram.append(false)
                if key.contains("/") { documentTerms.insert(id!) }
            }
            guard let id else { previous = nil; continue }
            spans.append((id, word, word))
            if let p = previous {
                let pair = p.id << 32 | id
                var b = bigrams[pair]
                if b == nil, learn { b = documentFrequency.count; bigrams[pair] = b; documentFrequency.append(0); isBigram.append(true) }
                if let b { spans.append((b, p.word, word)) }
            }
            previous = (id, word)
        }
        return Vector(weights: [:], norm: 0, words: words, spans: spans)
    }

    /// Learns document frequencies from every text of both plans.
    mutating func learn(_ texts: [String]) { _ = learnVectors(texts) }

    /// Learns document frequencies from the texts and returns their vectors, each text folded once.
    mutating func learnVectors(_ texts: [String]) -> [Vector] {
        let raw = texts.map { ids($0, learn: true) }
        var seen = [Int](repeating: -1, count: documentFrequency.count)
        for (n, v) in raw.enumerated() {
            for s in v.spans where seen[s.id] != n { seen[s.id] = n; documentFrequency[s.id] += 1 }
        }
        documents += texts.count
        return raw.map(weigh)
    }

    func idf(_ id: Int) -> Double { log(Double(documents + 1) / Double(documentFrequency[id] + 1)) + 1 }

    func vector(_ text: String) -> Vector {
        var me = self
        return weigh(me.ids(text, learn: false))
    }

    func weigh(_ raw: Vector) -> Vector {
        var v = raw
        var w: [Int: Double] = [:]
        w.reserveCapacity(v.spans.count)
        // Bigrams weigh more: a shared phrase says more than two shared words.
        for s in v.spans { w[s.id, default: 0] += isBigram[s.id] ? 1.5 : 1 }
        for (id, tf) in w { w[id] = (1 + log(tf)) * idf(id) }
        v.weights = w
        v.norm = sqrt(w.values.reduce(0) { $0 + $1 * $1 })
        return v
    }

    static func cosine(_ a: Vector, _ b: Vector) -> Double {
        guard a.norm > 0, b.norm > 0 else { return 0 }
        let (small, large) = a.weights.count <= b.weights.count ? (a, b) : (b, a)
        var dot = 0.0
        for (id, x) in small.weights { if let y = large.weights[id] { dot += x * y } }
        return dot / (a.norm * b.norm)
    }

    /// How much of `a`'s weight the union of `others` holds (0…1): the share of a parent task's
    /// content found in the child tasks linked to it.
    static func coverage(of a: Vector, by others: [Vector]) -> Double {
        guard a.norm > 0 else { return 0 }
        var total = 0.0, held = 0.0
        for (id, x) in a.weights {
            total += x * x
            if others.contains(where: { $0.weights[id] != nil }) { held += x * x }
        }
        return total > 0 ? held / total : 0
    }

    /// The shared words, heaviest first, as `a` writes them.
    func matched(_ a: Vector, _ b: Vector, limit: Int = 6) -> [String] {
        var products: [(id: Int, w: Double)] = []
        for (id, x) in a.weights { if let y = b.weights[id] { products.append((id, x * y)) } }
        products.sort { $0.w > $1.w }
        var out: [String] = []
        // The heaviest dozen or so say what matched; the rest are never shown.
        for (id, _) in products.prefix(3 * limit) {
            guard let s = a.surface(id) else { continue }
            // A bigram already says what its two words say.
            if out.contains(where: { $0.contains(s) || s.contains($0) }) {
                if s.count > 0, let i = out.firstIndex(where: { s.contains($0) }) { out[i] = s }
                continue
            }
            out.append(s)
            if out.count == limit { break }
        }
        return out
    }
}

final class FoldMemo {
    private var keys: [Bytes: String] = [:]
    func key(_ word: Substring) -> String {
        let b = Bytes(word)
        if let k = keys[b] { return k }
        let k = Fold.key(word)
        keys[b] = k
        return k
    }
}

/// A text compared and hashed by its UTF-8 bytes. The plans' text is NFC already, so bytes
/// equal is text equal, and hashing skips the normalization String's own hash does.
struct Bytes: Hashable {
    let text: Substring
    init(_ s: Substring) { text = s }
    init(_ s: String) { text = Substring(s) }
    static func == (a: Bytes, b: Bytes) -> Bool { a.text.utf8.elementsEqual(b.text.utf8) }
    func hash(into h: inout Hasher) {
        var t = text
        t.withUTF8 { h.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
