/// A vertex of a service-area outline in half cells: RD (`x × cell / 2`, `y × cell / 2`).
/// Whole numbers, so outlines from neighbouring tiles meet in exactly the same points.
struct ContourPoint: Hashable, Sendable {
    var x: Int32
    var y: Int32
}

/// The outlines of one tile of a service-area grid.
struct ContourPieces {
    /// Rings that close within the tile (first point repeated at the end).
    var rings: [[ContourPoint]] = []
    /// Open outlines that enter and leave through the tile's edges; neighbouring tiles hold
    /// their continuations, which start where these end (`ContourAssembler` joins them).
    var chains: [[ContourPoint]] = []
}

/// Marching squares on a tile of cells within a threshold: the outline runs through the
/// midpoints between a cell centre inside and one outside, with the inside on its left (outer
/// rings counter-clockwise, holes clockwise). Inside cells that touch only at a corner stay
/// apart (as with 4-connected polygonizing), so no two outlines ever share a point: they stay
/// at least 0.7 cells apart, which leaves room to simplify each one on its own.
///
/// A tile of `width × height` cells owns the squares whose lower-left cell is its own, so its
/// masks carry one extra column and row (the first of the next tiles). Outlines that
/// cross a tile edge are handed out as open chains with both ends on the edge.
/// Not thread-safe: one per thread (it keeps its scratch arrays).
final class MaskContourTracer {
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

    /// The outline squares of the current trace, in row order (south first, west to east).
    private var squares: [Int32] = []
    /// The outline being followed, kept between outlines: each is stored as an array of its
    /// own size once simplified (grown point by point, an array keeps up to twice the room of
    /// its traced points, most of which the simplifier leaves out).
    private var points: [ContourPoint] = []

    /// Traces the outlines of the cells of `masks` level `level` in one tile and adds them to
    /// `pieces`, each simplified by `simplify` (closed rings with `true`).
    /// - Parameters:
    ///   - masks: `(width + 1) × (height + 1)` cells, row 0 first (southernmost).
    ///   - originColumn, originRow: the global index of the tile's first cell.
    /// - Complexity: O(words of the mask's rows + outline squares).
    func trace(_ masks: CellMasks, level: Int, width: Int, height: Int,
               originColumn: Int, originRow: Int, into pieces: inout ContourPieces,
               simplify: (inout [ContourPoint], Bool) -> Void) {
        precondition(masks.columns == width + 1 && masks.rows == height + 1)
        // All 0 again after every trace: following an outline clears each square it passes.
        if cases.count < width * height { cases = [UInt8](repeating: 0, count: width * height) }
        // A local array while tracing (no access checks on the property per square), kept for the next trace.
        var squares: [Int32] = [], points: [ContourPoint] = []
        swap(&squares, &self.squares)
        swap(&points, &self.points)
        defer {
            squares.removeAll(keepingCapacity: true); swap(&squares, &self.squares)
            swap(&points, &self.points)
        }
        cases.withUnsafeMutableBufferPointer { cases in
            masks.forEachOutlineSquare(level: level) { i, j, code in
                cases[j * width + i] = code
                squares.append(Int32(j * width + i))
            }
            guard !squares.isEmpty else { return }
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
                points.removeAll(keepingCapacity: true)
                while true {
                    points.append(point(i, j, edge))
                    let index = j * width + i
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
                        pieces.chains.append(Self.exactCopy(of: points))
                        return
                    }
                    if i == startI && j == startJ && edge == startEdge {
                        points.append(points[0])
                        simplify(&points, true)
                        pieces.rings.append(Self.exactCopy(of: points))
                        return
                    }
                }
            }
            func startsHere(_ i: Int, _ j: Int, _ edge: UInt8) -> Bool {
                exits[Int(cases[j * width + i]) * 4 + Int(edge)] != Self.none
            }
            // Outlines that come in through the tile's edges first, so each open chain is whole.
            for i in 0..<width where startsHere(i, 0, 0) { follow(i, 0, 0) }
            for j in 0..<height where startsHere(width - 1, j, 1) { follow(width - 1, j, 1) }
            for i in 0..<width where startsHere(i, height - 1, 2) { follow(i, height - 1, 2) }
            for j in 0..<height where startsHere(0, j, 3) { follow(0, j, 3) }
            // What is left closes within the tile, started in row order as squares come.
            for square in squares {
                // Most squares were cleared by an outline followed before: no division for those.
                let index = Int(square)
                guard cases[index] != 0 else { continue }
                let i = index % width, j = index / width
                while cases[index] != 0 {
                    let code = Int(cases[index])
                    let edge = (0..<4).first { exits[code * 4 + $0] != Self.none }!
                    follow(i, j, UInt8(edge))
                }
            }
        }
    }

    /// `points` in an array with room for them alone.
    private static func exactCopy(of points: [ContourPoint]) -> [ContourPoint] {
        [ContourPoint](unsafeUninitializedCapacity: points.count) { buffer, count in
            _ = buffer.initialize(fromContentsOf: points)
            count = points.count
        }
    }
}
