import Testing
@testable import Nabijheid

/// The simplifier that sets the middle points of straight runs aside against plain
/// Douglas–Peucker over every point: the same points kept, on outlines traced from seeded
/// random grids of discs (steps at every angle), rectangles (runs along the grid) and diamonds
/// (runs at 45°); and every point of an outline within the tolerance of what is left of it.
@Suite("Simplifying outlines: straight runs set aside give plain Douglas–Peucker's result")
struct ContourSimplifierTests {
    @Test func sameAsEveryPoint() {
        var random = SeededRandom(seed: 11)
        let tracer = MaskContourTracer()
        var masks = CellMasks()
        var outlines = 0, setAside = 0
        for round in 0..<150 {
            let width = 4 + Int(random.unit() * 120), height = 4 + Int(random.unit() * 80)
            let inside = Self.randomShapes(width: width, height: height, random: &random)
            masks.prepare(levels: 1, rows: height + 1, columns: width + 1)
            for row in 0...height {
                var levels = (0...width).map { inside[row * (width + 1) + $0] ? UInt8(0) : CellMasks.none }
                levels.withUnsafeMutableBufferPointer { masks.fillRow(row, columns: 0...width, level: $0.baseAddress!) }
            }
            var traced = ContourPieces()
            tracer.trace(masks, level: 0, width: width, height: height, originColumn: -37, originRow: 1200,
                         into: &traced) { _, _ in }
            for tolerance in [0.3, 0.6, 0.69] {
                let simplifier = ContourSimplifier(tolerance: tolerance)
                for (outline, closed) in traced.rings.map({ ($0, true) }) + traced.chains.map({ ($0, false) }) {
                    var fast = outline, plain = outline
                    simplifier.simplify(&fast, closed: closed)
                    simplifier.simplify(&plain, closed: closed, straightRuns: false)
                    #expect(fast == plain, "round \(round), tolerance \(tolerance): \(fast.count) against \(plain.count) points")
                    #expect(Self.farthest(of: outline, from: fast) <= tolerance + 1e-9, "round \(round): a point left too far out")
                    if closed && fast.count < outline.count { #expect(fast.first == fast.last && Set(fast).count >= 3) }
                    outlines += 1
                    setAside += outline.count - fast.count
                }
            }
        }
        // Not a vacuous comparison: many outlines, most of their points left out.
        #expect(outlines > 900 && setAside > 30_000, "\(outlines) outlines, \(setAside) points left out")
    }

    /// A straight run of a hundred steps keeps its two ends; a chain that turns keeps the corner.
    @Test func straightRunsKeepTheirEnds() {
        let simplifier = ContourSimplifier(tolerance: 0.6)
        var line = (0...100).map { ContourPoint(x: Int32(2 * $0), y: 7) }
        simplifier.simplify(&line, closed: false)
        #expect(line == [ContourPoint(x: 0, y: 7), ContourPoint(x: 200, y: 7)])
        var corner = (0...50).map { ContourPoint(x: Int32($0), y: Int32($0)) } + (1...50).map { ContourPoint(x: 50 + 2 * Int32($0), y: 50) }
        simplifier.simplify(&corner, closed: false)
        #expect(corner == [ContourPoint(x: 0, y: 0), ContourPoint(x: 50, y: 50), ContourPoint(x: 150, y: 50)])
    }

    /// Cells inside discs, rectangles and diamonds of random size, some cut by the tile's edges.
    private static func randomShapes(width: Int, height: Int, random: inout SeededRandom) -> [Bool] {
        var inside = [Bool](repeating: false, count: (width + 1) * (height + 1))
        for _ in 0..<(1 + Int(random.unit() * 8)) {
            let cx = random.unit() * Double(width + 1), cy = random.unit() * Double(height + 1)
            let a = 1 + random.unit() * 25, b = 1 + random.unit() * 25
            let kind = Int(random.unit() * 3)
            for row in 0...height {
                for col in 0...width {
                    let x = Double(col) - cx, y = Double(row) - cy
                    let hit: Bool
                    switch kind {
                    case 0: hit = x * x + y * y <= a * a
                    case 1: hit = abs(x) <= a && abs(y) <= b
                    default: hit = abs(x) + abs(y) <= a
                    }
                    if hit { inside[row * (width + 1) + col] = true }
                }
            }
        }
        return inside
    }

    /// The largest distance (half cells) of a point of `outline` to the nearest edge of `simplified`.
    private static func farthest(of outline: [ContourPoint], from simplified: [ContourPoint]) -> Double {
        guard simplified.count > 1 else { return 0 }
        var worst = 0.0
        for point in outline {
            var nearest = Double.infinity
            for k in 0..<(simplified.count - 1) {
                let ax = Double(simplified[k].x), ay = Double(simplified[k].y)
                let dx = Double(simplified[k + 1].x) - ax, dy = Double(simplified[k + 1].y) - ay
                let px = Double(point.x) - ax, py = Double(point.y) - ay
                let lengthSquared = dx * dx + dy * dy
                let along = lengthSquared == 0 ? 0 : min(max((px * dx + py * dy) / lengthSquared, 0), 1)
                let ex = px - along * dx, ey = py - along * dy
                nearest = min(nearest, (ex * ex + ey * ey).squareRoot())
            }
            worst = max(worst, nearest)
        }
        return worst
    }
}
