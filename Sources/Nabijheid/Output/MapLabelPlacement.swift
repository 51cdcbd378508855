/// Where a buurt's name goes on the report's SVG map, and whether it fits. A label is a box
/// centred on a point; it fits when the whole box lies inside the buurt, tested on horizontal
/// scanlines through the top, middle and bottom of the box. Since every label lies inside its
/// own buurt and buurten do not overlap, labels never overlap each other. A name that does not
/// fit on one or two lines is replaced by a number, explained in a key below the map.
/// Text widths are estimated (0.56 em per character of a sans-serif font), not measured.
struct MapLabelPlacement {
    struct Label {
        /// One or two lines.
        let lines: [String]
        let x: Double, y: Double
        let fontSize: Double
    }

    /// Scanlines tried per buurt.
    static let scanlines = 15
    static let characterWidth = 0.56
    static let lineHeight = 1.15

    /// The rings of one buurt in map pixels.
    let rings: [[(x: Double, y: Double)]]
    /// Width and height of the buurt's bounding box in pixels: a box larger than that cannot
    /// fit, which settles most buurten of a large map without a scanline.
    let width: Double, height: Double
    private let minY: Double, maxY: Double

    init(area: AreaShape, projection: HTMLReport.MapProjection) {
        rings = area.polygons.flatMap { $0.rings.map { $0.map(projection.project) } }
        var minX = Double.infinity, maxX = -Double.infinity, minY = Double.infinity, maxY = -Double.infinity
        for ring in rings {
            for p in ring {
                minX = min(minX, p.x); maxX = max(maxX, p.x); minY = min(minY, p.y); maxY = max(maxY, p.y)
            }
        }
        width = maxX > minX ? maxX - minX : 0
        height = maxY > minY ? maxY - minY : 0
        self.minY = minY
        self.maxY = maxY
    }

    /// The inside stretches of the horizontal line at `y` (even–odd rule), sorted.
    func intervals(at y: Double) -> [(Double, Double)] {
        var crossings: [Double] = []
        for ring in rings where ring.count >= 3 {
            for i in 0..<ring.count {
                let a = ring[i], b = ring[(i + 1) % ring.count]
                // Half-open on y so that a vertex on the line is counted once.
                if (a.y <= y) != (b.y <= y) {
                    crossings.append(a.x + (y - a.y) / (b.y - a.y) * (b.x - a.x))
                }
            }
        }
        crossings.sort()
        return stride(from: 0, to: crossings.count - 1, by: 2).map { (crossings[$0], crossings[$0 + 1]) }
    }

    private func covers(_ y: Double, from x0: Double, to x1: Double) -> Bool {
        intervals(at: y).contains { $0.0 <= x0 && $0.1 >= x1 }
    }

    var bounds: (minY: Double, maxY: Double)? {
        height > 0 ? (minY, maxY) : nil
    }

    /// The centre of a box of `width` × `height` inside the buurt, nearest the vertical middle;
    /// nil when no scanline has room for it.
    func place(width: Double, height: Double) -> (x: Double, y: Double)? {
        guard width <= self.width, height <= self.height, let bounds else { return nil }
        let middle = (bounds.minY + bounds.maxY) / 2
        let step = (bounds.maxY - bounds.minY) / Double(Self.scanlines + 1)
        let ys = (1...Self.scanlines).map { bounds.minY + Double($0) * step }.sorted { abs($0 - middle) < abs($1 - middle) }
        for y in ys {
            for interval in intervals(at: y).sorted(by: { $0.1 - $0.0 > $1.1 - $1.0 }) where interval.1 - interval.0 >= width {
                let x = (interval.0 + interval.1) / 2
                let x0 = x - width / 2 - 1, x1 = x + width / 2 + 1
                if covers(y - height / 2, from: x0, to: x1) && covers(y + height / 2, from: x0, to: x1) && covers(y, from: x0, to: x1) {
                    return (x, y)
                }
            }
        }
        return nil
    }

    /// The widest point on the middle scanline: where a number goes when nothing fits.
    func anchor() -> (x: Double, y: Double)? {
        guard let bounds else { return nil }
        let y = (bounds.minY + bounds.maxY) / 2
        guard let widest = intervals(at: y).max(by: { $0.1 - $0.0 < $1.1 - $1.0 }) else { return nil }
        return ((widest.0 + widest.1) / 2, y)
    }

    static func width(_ line: String, fontSize: Double) -> Double {
        Double(line.count) * fontSize * characterWidth
    }

    /// The text on one line, or on two split at the space nearest the middle.
    static func layouts(_ text: String) -> [[String]] {
        var layouts = [[text]]
        let spaces = text.indices.filter { text[$0] == " " }
        let middle = text.count / 2
        if let split = spaces.min(by: { abs(text.distance(from: text.startIndex, to: $0) - middle) < abs(text.distance(from: text.startIndex, to: $1) - middle) }) {
            layouts.append([String(text[..<split]), String(text[text.index(after: split)...])])
        }
        return layouts
    }

    /// The name's label, in the first of these that fits: 11 px on one line, on two lines,
    /// then 9 px on one line, on two lines.
    func label(_ text: String) -> Label? {
        for fontSize in [11.0, 9.0] {
            for lines in Self.layouts(text) {
                let width = lines.map { Self.width($0, fontSize: fontSize) }.max() ?? 0
                let height = Double(lines.count) * fontSize * Self.lineHeight
                if let point = place(width: width, height: height) {
                    return Label(lines: lines, x: point.x, y: point.y, fontSize: fontSize)
                }
            }
        }
        return nil
    }

    /// A number for the key: inside the buurt where it fits, else at the widest point.
    func number(_ number: Int) -> Label? {
        let text = String(number), fontSize = 9.0
        let point = place(width: Self.width(text, fontSize: fontSize), height: fontSize) ?? anchor()
        return point.map { Label(lines: [text], x: $0.x, y: $0.y, fontSize: fontSize) }
    }
}
