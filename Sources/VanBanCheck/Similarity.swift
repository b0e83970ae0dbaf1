import Foundation
import VanBanCore

/// Vietnamese-aware text similarity: syllables folded (case, tone placement), abbreviations
/// expanded, unigrams and bigrams weighted by IDF over both plans, cosine of the vectors.
struct Similarity {
    /// A text as weighted terms. Term ids index `vocabulary`.
    struct Vector {
        var weights: [Int: Double]
        var norm: Double
        /// Term id -> the syllables as written in this text, for showing what matched.
        var surface: [Int: String]
    }

    private(set) var vocabulary: [String: Int] = [:]
    private var documentFrequency: [Int] = []
    private var documents = 0
    private let abbreviations: [String: [String]]

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

    /// The folded syllables of a text, abbreviations expanded, each with its spelling.
    func syllables(_ text: String) -> [(key: String, written: String)] {
        var out: [(String, String)] = []
        for raw in text.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "&") }) {
            let word = String(raw)
            let k = Fold.key(word)
            if let expansion = abbreviations[k] {
                out += expansion.map { ($0, word) }
            } else {
                out.append((k, word))
            }
        }
        return out
    }

    /// Unigrams and bigrams of content syllables; a bigram across a stopword is still a bigram of
    /// the words around it, which keeps "kho học liệu số" close to "kho học liệu số dùng chung".
    func terms(_ text: String) -> [(String, String)] {
        let s = syllables(text).filter { !Self.stopwords.contains($0.key) && $0.key.count > 1 }
        var out = s.map { ($0.key, $0.written) }
        if s.count > 1 {
            for i in 0..<(s.count - 1) { out.append((s[i].key + " " + s[i + 1].key, s[i].written + " " + s[i + 1].written)) }
        }
        return out
    }

    /// Learns document frequencies from every text of both plans.
    mutating func learn(_ texts: [String]) {
        for t in texts {
            var seen = Set<Int>()
            for (k, _) in terms(t) {
                let id = vocabulary[k] ?? { let n = vocabulary.count; vocabulary[k] = n; documentFrequency.append(0); return n }()
                if seen.insert(id).inserted { documentFrequency[id] += 1 }
            }
            documents += 1
        }
    }

    func idf(_ id: Int) -> Double { log(Double(documents + 1) / Double(documentFrequency[id] + 1)) + 1 }

    func vector(_ text: String) -> Vector {
        var w: [Int: Double] = [:]
        var surface: [Int: String] = [:]
        for (k, written) in terms(text) {
            guard let id = vocabulary[k] else { continue }
            // Bigrams weigh more: a shared phrase says more than two shared words.
            w[id, default: 0] += k.contains(" ") ? 1.5 : 1
            if surface[id] == nil { surface[id] = written }
        }
        for (id, tf) in w { w[id] = (1 + log(tf)) * idf(id) }
        let norm = sqrt(w.values.reduce(0) { $0 + $1 * $1 })
        return Vector(weights: w, norm: norm, surface: surface)
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
        let shared = a.weights.keys.filter { b.weights[$0] != nil }.sorted { a.weights[$0]! * b.weights[$0]! > a.weights[$1]! * b.weights[$1]! }
        var out: [String] = []
        for id in shared {
            guard let s = a.surface[id] else { continue }
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
