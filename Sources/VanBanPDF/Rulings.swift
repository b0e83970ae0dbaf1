import CPoppler
import VanBanLayout

/// Table rules from a page. poppler-glib lists no vector paths, so the page is rendered with
/// cairo at a low resolution and long, thin runs of dark pixels are read back as strokes.
enum Rulings {
    /// Pixels per point of the render; one is enough to see a 0.5 pt rule. A page larger than
    /// `maxPixels` at that scale (a poster, a drawing) is rendered smaller.
    static let scale = 1.0
    static let maxPixels = 8_000_000.0
    /// A run shorter than this (points) is a glyph stroke, not a rule.
    static let minHorizontal = 24.0
    static let minVertical = 10.0
    /// Green channel below this counts as ink (an anti-aliased half-point rule is mid grey).
    static let ink: UInt32 = 170
    /// Pixels across: a rule is at most this thick.
    static let maxThickness = 4

    static func render(_ page: OpaquePointer, width: Double, height: Double) -> [Segment] {
        let scale = min(Self.scale, (maxPixels / max(1, width * height)).squareRoot())
        let w = Int32((width * scale).rounded(.up)), h = Int32((height * scale).rounded(.up))
        guard w > 0, h > 0, let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h) else { return [] }
        defer { cairo_surface_destroy(surface) }
        guard let cr = cairo_create(surface) else { return [] }
        cairo_set_source_rgb(cr, 1, 1, 1)
        cairo_paint(cr)
        cairo_scale(cr, scale, scale)
        poppler_page_render(page, cr)
        cairo_destroy(cr)
        cairo_surface_flush(surface)
        guard let data = cairo_image_surface_get_data(surface) else { return [] }
        let stride = Int(cairo_image_surface_get_stride(surface))
        let W = Int(w), H = Int(h)
        var dark = [Bool](repeating: false, count: W * H)
        data.withMemoryRebound(to: UInt8.self, capacity: stride * H) { bytes in
            for y in 0..<H {
                let row = y * stride
                for x in 0..<W {
                    // RGB24 is native-endian 32-bit xRGB: on little-endian the green byte is at +1.
                    dark[y * W + x] = UInt32(bytes[row + 4 * x + 1]) < ink
                }
            }
        }
        return segments(dark, width: W, height: H, scale: scale)
    }

    /// Runs of ink along rows and along columns; adjacent runs of a thick rule become one.
    static func segments(_ dark: [Bool], width W: Int, height H: Int, scale: Double = Rulings.scale) -> [Segment] {
        var out: [Segment] = []
        let minH = max(4, Int(minHorizontal * scale)), minV = max(3, Int(minVertical * scale))
        func horizontal(_ o: (x0: Int, x1: Int, y0: Int, y1: Int)) -> Segment {
            let y = Double(o.y0 + o.y1 + 1) / 2 / scale
            return Segment(x0: Double(o.x0) / scale, y0: y, x1: Double(o.x1 + 1) / scale, y1: y)
        }
        func verticalSegment(_ o: (x0: Int, x1: Int, y0: Int, y1: Int)) -> Segment {
            let x = Double(o.x0 + o.x1 + 1) / 2 / scale
            return Segment(x0: x, y0: Double(o.y0) / scale, x1: x, y1: Double(o.y1 + 1) / scale)
        }
        var open: [(x0: Int, x1: Int, y0: Int, y1: Int)] = []
        for y in 0..<H {
            var runs: [(Int, Int)] = []
            var x = 0
            while x < W {
                guard dark[y * W + x] else { x += 1; continue }
                var e = x
                while e + 1 < W, dark[y * W + e + 1] { e += 1 }
                if e - x + 1 >= minH { runs.append((x, e)) }
                x = e + 1
            }
            var next: [(x0: Int, x1: Int, y0: Int, y1: Int)] = []
            for r in runs {
                if let i = open.firstIndex(where: { $0.y1 == y - 1 && abs($0.x0 - r.0) <= 2 && abs($0.x1 - r.1) <= 2 }) {
                    var o = open.remove(at: i); o.y1 = y; o.x0 = min(o.x0, r.0); o.x1 = max(o.x1, r.1); next.append(o)
                } else {
                    next.append((r.0, r.1, y, y))
                }
            }
            // A thick band (a filled area, a shaded cell) is not a stroke.
            for o in open where o.y1 < y && o.y1 - o.y0 < maxThickness { out.append(horizontal(o)) }
            open = next
        }
        out += open.filter { $0.y1 - $0.y0 < maxThickness }.map(horizontal)

        var vopen: [(x0: Int, x1: Int, y0: Int, y1: Int)] = []
        var vertical: [Segment] = []
        for x in 0..<W {
            var runs: [(Int, Int)] = []
            var y = 0
            while y < H {
                guard dark[y * W + x] else { y += 1; continue }
                var e = y
                while e + 1 < H, dark[(e + 1) * W + x] { e += 1 }
                if e - y + 1 >= minV { runs.append((y, e)) }
                y = e + 1
            }
            var next: [(x0: Int, x1: Int, y0: Int, y1: Int)] = []
            for r in runs {
                if let i = vopen.firstIndex(where: { $0.x1 == x - 1 && abs($0.y0 - r.0) <= 2 && abs($0.y1 - r.1) <= 2 }) {
                    var o = vopen.remove(at: i); o.x1 = x; o.y0 = min(o.y0, r.0); o.y1 = max(o.y1, r.1); next.append(o)
                } else {
                    next.append((x, x, r.0, r.1))
                }
            }
            for o in vopen where o.x1 < x && o.x1 - o.x0 < maxThickness { vertical.append(verticalSegment(o)) }
            vopen = next
        }
        vertical += vopen.filter { $0.x1 - $0.x0 < maxThickness }.map(verticalSegment)
        return out + vertical
    }

    /// Glyph strokes inside a word's box are not rules. Words are looked up by the band of
    /// the page they start in (a word is taken to be under 48 pt tall).
    static func dropGlyphs(_ segments: [Segment], words: [Word]) -> [Segment] {
        var bands: [Int: [Int]] = [:]
        for (i, w) in words.enumerated() { bands[Int(w.y0 / 16), default: []].append(i) }
        return segments.filter { s in
            let b = Int(s.y0 / 16)
            return !(b - 3...b + 1).contains { band in
                (bands[band] ?? []).contains { i in
                    let w = words[i]
                    if s.isHorizontal {
                        return s.y0 > w.y0 + 1 && s.y0 < w.y1 - 1 && s.x0 >= w.x0 - 2 && s.x1 <= w.x1 + 2
                    }
                    return s.x0 > w.x0 - 0.5 && s.x0 < w.x1 + 0.5 && s.y0 >= w.y0 - 2 && s.y1 <= w.y1 + 2
                }
            }
        }
    }
}
