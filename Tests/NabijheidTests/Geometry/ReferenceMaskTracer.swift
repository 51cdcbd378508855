@testable import Nabijheid

// The tracer as it was before the bit masks (`CellMasks`): it reads the reach grid cell by cell,
// three passes per threshold. Kept as the reference the new tracer must match point for point.

/// Marching squares on a tile of cells within a threshold: the outline runs through the
/// midpoints between a cell centre inside and one outside, with the inside on its left (outer
/// rings counter-clockwise, holes clockwise). Inside cells that touch only at a corner stay
/// apart (as with 4-connected polygonizing), so no two outlines ever share a point: they stay
/// at least 0.7 cells apart, which leaves room to simplify each one on its own.
///
/// A tile of `width × height` cells owns the squares whose lower-left cell is its own, so its
/// reach grid carries one extra column and row (the first of the next tiles). Outlines that
/// cross a tile edge are handed out as open chains with both ends on the edge.
/// Not thread-safe: one per thread (it keeps its scratch array).
final class ReferenceMaskTracer {
    private var cases: [UInt8] = []

    // Square edges: bottom, right, top, left. `exits[case * 4 + entry]` is where the outline
    // that enters through `entry` leaves (`none`: no outline enters there). Corners: lower left
    // 1, lower right 2, upper right 4, upper left 8.
    private static let none: UInt8 = 255
    private static let exits: [UInt8] = {
        let (b, r, t, l): (UInt8, UInt8, UInt8, UInt8) = (0, 1, 2, 3)
        let segments: [[(UInt8, UInt8)]] = [
            [], [(b, l)], [(r, b)], [(r, l)], [(t, r)], [(b, l), (t, r)], [(t, b)], [(t, l)],
            [(l, t)], [(b, t)], [(r, b), (l, t)], [(r, t)], [(l, r)], [(b, r)], [(l, b)], [],
        ]
        var table = [UInt8](repeating: none, count: 64)
        for (code, pairs) in segments.enumerated() { for (entry, exit) in pairs { table[code * 4 + Int(entry)] = exit } }
        return table
    }()

    private var low: [Int] = [], high: [Int] = [], spanStart: [Int] = [], spanEnd: [Int] = []

    /// Traces the outlines of the cells with `reach ≤ limit` in one tile and adds them to
    /// `pieces`, each simplified by `simplify` (closed rings with `true`).
    /// - Parameters:
    ///   - reach: `(width + 1) × (height + 1)` cells, row 0 first (southernmost).
    ///   - rowFirst, rowLast: per row (`height + 1`) the columns outside which every cell is
    ///     `.infinity` (first > last: the whole row).
    ///   - originColumn, originRow: the global index of the tile's first cell.
    /// - Complexity: O(cells within the rows' spans).
    func trace(_ reach: UnsafeBufferPointer<Float>, rowFirst: [Int], rowLast: [Int], width: Int, height: Int, limit: Float,
               originColumn: Int, originRow: Int, into pieces: inout ContourPieces,
               simplify: (inout [ContourPoint], Bool) -> Void) {
        let stride = width + 1
        if low.count < height + 1 {
            low = [Int](repeating: 0, count: height + 1); high = low; spanStart = low; spanEnd = low
        }
        // Per row the span of the inside cells, and the box around them all.
        var c0 = stride, c1 = -1, r0 = height + 1, r1 = -1
        for row in 0...height {
            var first = Int.max, last = -1
            if rowFirst[row] <= rowLast[row] {
                let base = row * stride
                for col in rowFirst[row]...rowLast[row] where reach[base + col] <= limit {
                    if first == Int.max { first = col }
                    last = col
                }
            }
            low[row] = first; high[row] = last
            if last >= 0 { c0 = min(c0, first); c1 = max(c1, last); r0 = min(r0, row); r1 = max(r1, row) }
        }
        guard c1 >= 0 else { return }
        let i0 = max(0, c0 - 1), i1 = min(width - 1, c1), j0 = max(0, r0 - 1), j1 = min(height - 1, r1)
        guard i0 <= i1, j0 <= j1 else { return }
        let boxWidth = i1 - i0 + 1, boxHeight = j1 - j0 + 1
        // Squares outside the spans stay 0: the scratch array is all 0 again after every trace.
        if cases.count < boxWidth * boxHeight { cases = [UInt8](repeating: 0, count: boxWidth * boxHeight) }
        cases.withUnsafeMutableBufferPointer { cases in
            for j in j0...j1 {
                let a = min(low[j], low[j + 1]), b = max(high[j], high[j + 1])
                spanStart[j] = max(i0, a - 1); spanEnd[j] = min(i1, b)
                guard b >= 0, spanStart[j] <= spanEnd[j] else { spanEnd[j] = spanStart[j] - 1; continue }
                let below = j * stride, above = below + stride, out = (j - j0) * boxWidth - i0
                let s0 = spanStart[j]
                var left = (reach[below + s0] <= limit ? 1 : 0) | (reach[above + s0] <= limit ? 8 : 0)
                for i in s0...spanEnd[j] {
                    let right = (reach[below + i + 1] <= limit ? 2 : 0) | (reach[above + i + 1] <= limit ? 4 : 0)
                    // All four inside (15) holds no outline either.
                    let code = left | right
                    cases[out + i] = code == 15 ? 0 : UInt8(code)
                    left = (right & 2) >> 1 | (right & 4) << 1
                }
            }
            let exits = Self.exits
            let baseX = 2 * originColumn, baseY = 2 * originRow
            func point(_ i: Int, _ j: Int, _ edge: UInt8) -> ContourPoint {
                let x = baseX + 2 * i, y = baseY + 2 * j
                switch edge {
                case 0: return ContourPoint(x: Int32(x + 2), y: Int32(y + 1))
                case 1: return ContourPoint(x: Int32(x + 3), y: Int32(y + 2))
                case 2: return ContourPoint(x: Int32(x + 2), y: Int32(y + 3))
                default: return ContourPoint(x: Int32(x + 1), y: Int32(y + 2))
                }
            }
            /// Follows the outline entering square (i, j) through `edge` until it closes or leaves the tile.
            func follow(_ startI: Int, _ startJ: Int, _ startEdge: UInt8) {
                var i = startI, j = startJ, edge = startEdge
                var points: [ContourPoint] = []
                while true {
                    points.append(point(i, j, edge))
                    let index = (j - j0) * boxWidth + i - i0
                    let code = cases[index]
                    let exit = exits[Int(code) * 4 + Int(edge)]
                    // Saddles hold two outlines; the one not taken stays.
                    switch code {
                    case 5: cases[index] = edge == 0 ? 4 : 1
                    case 10: cases[index] = edge == 1 ? 8 : 2
                    default: cases[index] = 0
                    }
                    switch exit {
                    case 0: j -= 1; edge = 2
                    case 1: i += 1; edge = 3
                    case 2: j += 1; edge = 0
                    default: i -= 1; edge = 1
                    }
                    if i < 0 || i >= width || j < 0 || j >= height {
                        points.append(point(i, j, edge))
                        simplify(&points, false)
                        pieces.chains.append(points)
                        return
                    }
                    if i == startI && j == startJ && edge == startEdge {
                        points.append(points[0])
                        simplify(&points, true)
                        pieces.rings.append(points)
                        return
                    }
                }
            }
            func startsHere(_ i: Int, _ j: Int, _ edge: UInt8) -> Bool {
                exits[Int(cases[(j - j0) * boxWidth + i - i0]) * 4 + Int(edge)] != Self.none
            }
            // Outlines that come in through the tile's edges first, so each open chain is whole.
            if j0 == 0 { for i in i0...i1 where startsHere(i, 0, 0) { follow(i, 0, 0) } }
            if i1 == width - 1 { for j in j0...j1 where startsHere(width - 1, j, 1) { follow(width - 1, j, 1) } }
            if j1 == height - 1 { for i in i0...i1 where startsHere(i, height - 1, 2) { follow(i, height - 1, 2) } }
            if i0 == 0 { for j in j0...j1 where startsHere(0, j, 3) { follow(0, j, 3) } }
            // What is left closes within the tile.
            for j in j0...j1 where spanStart[j] <= spanEnd[j] {
                for i in spanStart[j]...spanEnd[j] {
                    while cases[(j - j0) * boxWidth + i - i0] != 0 {
                        let code = Int(cases[(j - j0) * boxWidth + i - i0])
                        let edge = (0..<4).first { exits[code * 4 + $0] != Self.none }!
                        follow(i, j, UInt8(edge))
                    }
                }
            }
        }
    }
}
