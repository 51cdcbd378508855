import Foundation

/// Service areas on a grid, the way fast isochrone tools draw them: every cell gets the least
/// walking distance of any network point within `buffer` metres of its centre (the last
/// metres from path to front door), and the area within a threshold is the set of cells at or
/// below it, outlined by marching squares (`MaskContourTracer`, on one bit per cell and
/// threshold, `CellMasks`) and simplified to straight edges within 0.3 cells
/// (`ContourSimplifier`). One grid per category serves all its thresholds. It gives what
/// `ServiceAreaBuilder` (the exact GEOS buffer of the reachable network, kept as the reference)
/// gives, up to the cell size, at a fraction of the cost.
///
/// Large extents are cut into tiles of `tileCells × tileCells` cells (10 km); only tiles near a
/// reached segment are filled. Outlines that leave a tile are joined with their continuation in
/// the next one point by point (`ContourAssembler`), so no geometric union is needed.
/// Not thread-safe: one per thread.
final class ServiceAreaRaster {
    let buffer: Double
    let cell: Double
    let tileCells: Int
    /// Douglas–Peucker tolerance for the outlines, in half cells (0.6: 1.5 m on 5 m cells).
    /// Below 0.7 outlines stay apart (see `ContourSimplifier`), so polygons stay valid.
    let simplifyTolerance: Double
    /// False: every cell's level is worked out from every segment near it (the reference the
    /// tests compare the settled cells with; the same outlines, more work).
    var settlesCells = true
    private let tracer = MaskContourTracer()
    /// One tile's cells within each threshold, kept between tiles like `level`.
    private var masks = CellMasks()
    /// One tile's level per cell: how many of the sorted thresholds its least reach exceeds
    /// (`CellMasks` level), `outside` where it is within none. A byte, not the reach itself: the
    /// outlines ask no more, and 4 MB a tile stays in cache where 16 MB of Float did not. Kept
    /// between tiles (all `outside` between uses): a country has hundreds of tiles per category.
    private var level: [UInt8] = []
    private static let outside = CellMasks.none

    init(buffer: Double, cell: Double = 5, tileCells: Int = 2048, simplifyTolerance: Double = 0.6) {
        self.buffer = buffer
        self.cell = cell
        self.tileCells = tileCells
        self.simplifyTolerance = simplifyTolerance
    }

    /// The area within each threshold (ascending or not; one shape per threshold).
    func areas(_ segments: [ReachSegment], thresholds: [Double]) -> [AreaShape] {
        guard !segments.isEmpty, !thresholds.isEmpty else { return thresholds.map { _ in AreaShape(polygons: []) } }
        // Cell indices are counted from RD (0, 0), so grids of different categories and runs align.
        let reachRadius = buffer + cell
        var minColumn = Int.max, minRow = Int.max, maxColumn = Int.min, maxRow = Int.min
        for segment in segments {
            minColumn = min(minColumn, cellIndex(min(segment.a.x, segment.b.x) - reachRadius))
            maxColumn = max(maxColumn, cellIndex(max(segment.a.x, segment.b.x) + reachRadius))
            minRow = min(minRow, cellIndex(min(segment.a.y, segment.b.y) - reachRadius))
            maxRow = max(maxRow, cellIndex(max(segment.a.y, segment.b.y) + reachRadius))
        }
        // Each segment goes to every tile its buffered box touches.
        var tiles: [TileKey: [Int]] = [:]
        for (index, segment) in segments.enumerated() {
            let c0 = tileIndex(cellIndex(min(segment.a.x, segment.b.x) - reachRadius) - minColumn)
            let c1 = tileIndex(cellIndex(max(segment.a.x, segment.b.x) + reachRadius) - minColumn)
            let r0 = tileIndex(cellIndex(min(segment.a.y, segment.b.y) - reachRadius) - minRow)
            let r1 = tileIndex(cellIndex(max(segment.a.y, segment.b.y) + reachRadius) - minRow)
            for tileRow in r0...r1 { for tileColumn in c0...c1 { tiles[TileKey(column: tileColumn, row: tileRow), default: []].append(index) } }
        }
        // Each tile traces its own outlines; those crossing a tile edge are joined afterwards.
        var pieces = [ContourPieces](repeating: ContourPieces(), count: thresholds.count)
        let simplifier = ContourSimplifier(tolerance: min(simplifyTolerance, 0.69))
        let sorted = thresholds.map { Float($0) }.sorted()
        precondition(sorted.count < Int(Self.outside), "fewer than 255 thresholds")
        // The mask level of each threshold: the cells with reach ≤ threshold are those whose
        // reach exceeds no more than `level` of the sorted thresholds.
        let levels = thresholds.map { sorted.firstIndex(of: Float($0))! }
        for key in tiles.keys.sorted() {
            let originColumn = minColumn + key.column * tileCells, originRow = minRow + key.row * tileCells
            let width = min(tileCells, maxColumn - originColumn + 1), height = min(tileCells, maxRow - originRow + 1)
            // One extra column and row: the squares between this tile and the next are this tile's.
            let (rowFirst, rowLast) = fill(tiles[key]!.map { segments[$0] }, originColumn: originColumn, originRow: originRow,
                                           width: width + 1, height: height + 1, thresholds: sorted)
            // The levels turned into one bit per cell and threshold in one pass, which also sets
            // `level` back to all `outside` for the next tile, touching only what was filled.
            masks.prepare(levels: sorted.count, rows: height + 1, columns: width + 1)
            level.withUnsafeMutableBufferPointer { level in
                for row in 0...height where rowFirst[row] <= rowLast[row] {
                    masks.fillRow(row, columns: rowFirst[row]...rowLast[row], level: level.baseAddress! + row * (width + 1))
                }
            }
            for (t, level) in levels.enumerated() {
                tracer.trace(masks, level: level, width: width, height: height,
                             originColumn: originColumn, originRow: originRow, into: &pieces[t]) { simplifier.simplify(&$0, closed: $1) }
            }
        }
        let assembler = ContourAssembler()
        return pieces.map { assembler.assemble($0, cell: cell) }
    }

    private struct TileKey: Hashable, Comparable {
        var column: Int
        var row: Int
        static func < (l: TileKey, r: TileKey) -> Bool { (l.row, l.column) < (r.row, r.column) }
    }

    /// The index of the cell holding coordinate `value` (x or y).
    private func cellIndex(_ value: Double) -> Int { Int((value / cell).rounded(.down)) }

    private func tileIndex(_ offset: Int) -> Int { max(0, offset) / tileCells }

    /// Fills `level` with a level per cell of one tile (row 0 = southernmost): the number of
    /// `thresholds` (sorted) below the least reach of the network within `buffer`, `outside` where
    /// nothing is reached within the largest threshold; returns per row the first and last
    /// column that may hold another value (first > last: none).
    ///
    /// The tracer only asks of a cell which thresholds its reach is within, so a cell keeps
    /// only that (its level): a segment whose least reach anywhere is `least` cannot lower a
    /// cell that is already at or below the level of `least`, and such cells are passed over
    /// before the segment's stretch near them (a square root) is worked out. The outlines are
    /// the same as with the exact least reach; most cells are settled by the first segment.
    private func fill(_ segments: [ReachSegment], originColumn: Int, originRow: Int, width: Int, height: Int,
                      thresholds: [Float]) -> ([Int], [Int]) {
        if level.count < width * height { level = [UInt8](repeating: Self.outside, count: width * height) }
        let count = thresholds.count
        var rowFirst = [Int](repeating: width, count: height), rowLast = [Int](repeating: -1, count: height)
        let radius = buffer, radiusSquared = buffer * buffer
        level.withUnsafeMutableBufferPointer { level in
            for segment in segments {
                let dx = segment.b.x - segment.a.x, dy = segment.b.y - segment.a.y
                let length = Double(segment.length), planarLength = (dx * dx + dy * dy).squareRoot()
                guard planarLength > 0 else { continue }
                let ux = dx / planarLength, uy = dy / planarLength
                // Network length and drawn length may differ slightly (Float); scale along the drawing.
                let scale = length / planarLength
                // No cell gets less than the segment's least reach; cells at level `settled` or below keep theirs.
                let segmentLeast = segment.leastReach(from: 0, to: segment.length)
                let settled = settlesCells ? thresholds.count(where: { $0 < segmentLeast }) : -1
                let c0 = max(0, cellIndex(min(segment.a.x, segment.b.x) - radius) - originColumn)
                let c1 = min(width - 1, cellIndex(max(segment.a.x, segment.b.x) + radius) - originColumn)
                let r0 = max(0, cellIndex(min(segment.a.y, segment.b.y) - radius) - originRow)
                let r1 = min(height - 1, cellIndex(max(segment.a.y, segment.b.y) + radius) - originRow)
                guard c0 <= c1, r0 <= r1 else { continue }
                for row in r0...r1 {
                    let y = (Double(originRow + row) + 0.5) * cell - segment.a.y
                    // Only the columns the buffered segment covers in this row (an oblique road's box is mostly empty).
                    guard let (x0, x1) = capsuleSpan(y: y, dx: dx, dy: dy, ux: ux, uy: uy, length: planarLength, radius: radius) else { continue }
                    let rc0 = max(c0, Int(((segment.a.x + x0) / cell - 0.5).rounded(.up)) - originColumn - 1)
                    let rc1 = min(c1, Int(((segment.a.x + x1) / cell - 0.5).rounded(.down)) - originColumn + 1)
                    guard rc0 <= rc1 else { continue }
                    rowFirst[row] = min(rowFirst[row], rc0); rowLast[row] = max(rowLast[row], rc1)
                    for col in rc0...rc1 where Int(level[row * width + col]) > settled {
                        let x = (Double(originColumn + col) + 0.5) * cell - segment.a.x
                        let along = x * ux + y * uy
                        let across = radiusSquared - (x * x + y * y - along * along)
                        guard across >= 0 else { continue }
                        let half = across.squareRoot()
                        let lo = max(0, along - half), hi = min(planarLength, along + half)
                        guard lo <= hi else { continue }
                        let value = segment.leastReach(from: Float(lo * scale), to: Float(hi * scale))
                        // The thresholds are sorted: counting those below needs no branch.
                        var least = 0
                        for t in 0..<count { least += thresholds[t] < value ? 1 : 0 }
                        let index = row * width + col
                        if least < count && least < Int(level[index]) { level[index] = UInt8(least) }
                    }
                }
            }
        }
        return (rowFirst, rowLast)
    }

    /// The x range (relative to the segment's start `a`) where the horizontal line at `y`
    /// (relative to `a`) meets the points within `radius` of the segment `a → a + (dx, dy)`:
    /// the union of both end discs and the band between, an interval as the shape is convex.
    private func capsuleSpan(y: Double, dx: Double, dy: Double, ux: Double, uy: Double,
                             length: Double, radius: Double) -> (Double, Double)? {
        var lo = Double.infinity, hi = -Double.infinity
        for (cx, cy) in [(0.0, 0.0), (dx, dy)] where abs(y - cy) <= radius {
            let w = (radius * radius - (y - cy) * (y - cy)).squareRoot()
            lo = min(lo, cx - w); hi = max(hi, cx + w)
        }
        // The band: 0 ≤ along ≤ length and |across| ≤ radius, with along = x·ux + y·uy, across = y·ux − x·uy.
        var bandLo = -Double.infinity, bandHi = Double.infinity
        if abs(ux) > 1e-12 {
            let p = -y * uy / ux, q = (length - y * uy) / ux
            bandLo = max(bandLo, min(p, q)); bandHi = min(bandHi, max(p, q))
        } else if y * uy < 0 || y * uy > length {
            bandLo = .infinity
        }
        if abs(uy) > 1e-12 {
            let p = (y * ux - radius) / uy, q = (y * ux + radius) / uy
            bandLo = max(bandLo, min(p, q)); bandHi = min(bandHi, max(p, q))
        } else if abs(y * ux) > radius {
            bandLo = .infinity
        }
        if bandLo <= bandHi { lo = min(lo, bandLo); hi = max(hi, bandHi) }
        return lo <= hi ? (lo, hi) : nil
    }
}
