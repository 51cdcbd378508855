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
/// The cells are not visited one by one: each segment's stretch within a threshold is drawn
/// with its buffer into that threshold's bits, a run of bits per row (`.stretches`), and a
/// street of many segments in a straight line is drawn as one shape. The plain way, every
/// cell's least reach from every segment near it (`.everyCell`), is kept as the reference.
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
    /// How the cells within each threshold are found: `.stretches` (the default) or the
    /// reference `.everyCell`, which the tests compare it with.
    var cellFill = CellFill.stretches
    private let tracer = MaskContourTracer()
    /// One tile's cells within each threshold, kept between tiles like `level`.
    private var masks = CellMasks()
    /// `.everyCell` only: one tile's level per cell, how many of the sorted thresholds its least
    /// reach exceeds (`CellMasks` level), `outside` where it is within none. Kept between tiles
    /// (all `outside` between uses).
    private var level: [UInt8] = []
    private static let outside = CellMasks.none

    init(buffer: Double, cell: Double = 5, tileCells: Int = 2048, simplifyTolerance: Double = 0.6) {
        self.buffer = buffer
        self.cell = cell
        self.tileCells = tileCells
        // An outline of a tile lies within it (one extra row and column): within the span the
        // simplifier's exact distances allow.
        precondition(tileCells > 0 && 2 * (tileCells + 2) <= Int(ContourSimplifier.maximumSpan), "tile of at most 8 190 cells")
        self.simplifyTolerance = simplifyTolerance
    }

    /// The area within each threshold (ascending or not; one shape per threshold).
    func areas<Segments: RandomAccessCollection<ReachSegment>>(_ segments: Segments, thresholds: [Double]) -> [AreaShape]
        where Segments.Index == Int {
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
        // Each segment goes to every tile its buffered box touches; tiles in row order (south
        // first, west to east), segments in input order within a tile. The network lies in RD
        // New's area of use (`RDExtent`), a few dozen tiles a side.
        let tileColumns = tileIndex(maxColumn - minColumn) + 1, tileRows = tileIndex(maxRow - minRow) + 1
        var tiles = [[Int32]](repeating: [], count: tileColumns * tileRows)
        for (index, segment) in segments.enumerated() {
            let c0 = tileIndex(cellIndex(min(segment.a.x, segment.b.x) - reachRadius) - minColumn)
            let c1 = tileIndex(cellIndex(max(segment.a.x, segment.b.x) + reachRadius) - minColumn)
            let r0 = tileIndex(cellIndex(min(segment.a.y, segment.b.y) - reachRadius) - minRow)
            let r1 = tileIndex(cellIndex(max(segment.a.y, segment.b.y) + reachRadius) - minRow)
            for tileRow in r0...r1 { for tileColumn in c0...c1 { tiles[tileRow * tileColumns + tileColumn].append(Int32(index)) } }
        }
        // Each tile traces its own outlines; those crossing a tile edge are joined afterwards.
        var pieces = [ContourPieces](repeating: ContourPieces(), count: thresholds.count)
        let simplifier = ContourSimplifier(tolerance: min(simplifyTolerance, 0.69))
        let sorted = thresholds.map { Float($0) }.sorted()
        precondition(sorted.count < Int(Self.outside), "fewer than 255 thresholds")
        // The mask level of each threshold: the cells with reach ≤ threshold are those whose
        // reach exceeds no more than `level` of the sorted thresholds.
        let levels = thresholds.map { sorted.firstIndex(of: Float($0))! }
        for (tileNumber, tileSegments) in tiles.enumerated() where !tileSegments.isEmpty {
            let originColumn = minColumn + (tileNumber % tileColumns) * tileCells, originRow = minRow + (tileNumber / tileColumns) * tileCells
            let width = min(tileCells, maxColumn - originColumn + 1), height = min(tileCells, maxRow - originRow + 1)
            // One extra column and row: the squares between this tile and the next are this tile's.
            masks.prepare(levels: sorted.count, rows: height + 1, columns: width + 1)
            let tile = Tile(originColumn: originColumn, originRow: originRow, columns: width + 1, rows: height + 1)
            switch cellFill {
            case .stretches:
                // The masks taken out of `self` while drawing, so that setting a run is not an
                // exclusive access to a class property each time.
                var drawing = Drawing(masks: masks, tile: tile, buffer: buffer, cell: cell)
                masks = CellMasks()
                for index in tileSegments { drawing.drawStretches(of: segments[Int(index)], thresholds: sorted) }
                drawing.flush()
                drawing.masks.nestLevels()
                masks = drawing.masks
            case .everyCell:
                let (rowFirst, rowLast) = fill(tileSegments.map { segments[Int($0)] }, in: tile, thresholds: sorted)
                // The levels turned into one bit per cell and threshold, which also sets `level`
                // back to all `outside` for the next tile, touching only what was filled.
                level.withUnsafeMutableBufferPointer { level in
                    for row in 0...height where rowFirst[row] <= rowLast[row] {
                        masks.fillRow(row, columns: rowFirst[row]...rowLast[row], level: level.baseAddress! + row * (width + 1))
                    }
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

    /// The index of the cell holding coordinate `value` (x or y).
    private func cellIndex(_ value: Double) -> Int { Int((value / cell).rounded(.down)) }

    private func tileIndex(_ offset: Int) -> Int { max(0, offset) / tileCells }

    /// One tile's cells: the first cell's indices from RD (0, 0) and the size, with the extra
    /// column and row.
    fileprivate struct Tile {
        var originColumn: Int
        var originRow: Int
        var columns: Int
        var rows: Int
    }

    /// `.everyCell`: fills `level` with a level per cell of one tile (row 0 = southernmost): the
    /// number of `thresholds` (sorted) below the least reach of the network within `buffer`,
    /// `outside` where nothing is reached within the largest threshold; returns per row the
    /// first and last column that may hold another value (first > last: none). Worked out in
    /// `Double` from the segments' values, cell by cell, from every segment near the cell.
    private func fill(_ segments: [ReachSegment], in tile: Tile, thresholds: [Float]) -> ([Int], [Int]) {
        let originColumn = tile.originColumn, originRow = tile.originRow, width = tile.columns, height = tile.rows
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
                let scale = length / planarLength
                let startReach = Double(segment.startReach), endReach = Double(segment.endReach)
                let facilityAlong = Double(segment.facilityAlong), facilityReach = Double(segment.facilityReach)
                let c0 = max(0, cellIndex(min(segment.a.x, segment.b.x) - radius) - originColumn)
                let c1 = min(width - 1, cellIndex(max(segment.a.x, segment.b.x) + radius) - originColumn)
                let r0 = max(0, cellIndex(min(segment.a.y, segment.b.y) - radius) - originRow)
                let r1 = min(height - 1, cellIndex(max(segment.a.y, segment.b.y) + radius) - originRow)
                guard c0 <= c1, r0 <= r1 else { continue }
                for row in r0...r1 {
                    let y = (Double(originRow + row) + 0.5) * cell - segment.a.y
                    for col in c0...c1 {
                        let x = (Double(originColumn + col) + 0.5) * cell - segment.a.x
                        let along = x * ux + y * uy
                        let across = radiusSquared - (x * x + y * y - along * along)
                        guard across >= 0 else { continue }
                        let half = across.squareRoot()
                        let lo = max(0, along - half) * scale, hi = min(planarLength, along + half) * scale
                        guard lo <= hi else { continue }
                        // The least reach over the stretch lo … hi (see `ReachSegment.leastReach`).
                        let nearest = min(max(facilityAlong, lo), hi)
                        let value = min(startReach + lo, endReach + length - hi, facilityReach + abs(nearest - facilityAlong))
                        let least = thresholds.count { Double($0) < value }
                        let index = row * width + col
                        if least < count && least < Int(level[index]) {
                            level[index] = UInt8(least)
                            rowFirst[row] = min(rowFirst[row], col); rowLast[row] = max(rowLast[row], col)
                        }
                    }
                }
            }
        }
        return (rowFirst, rowLast)
    }

}

/// How `ServiceAreaRaster` finds the cells within each threshold.
enum CellFill {
    /// Each segment's stretches within each threshold drawn with their buffer straight into the
    /// cell masks, a run of bits per row: work per segment and row, not per cell.
    case stretches
    /// Every cell's least reach worked out from every segment near it: the plain reference the
    /// tests compare `.stretches` with.
    case everyCell
}

extension ServiceAreaRaster {
    /// Draws one tile's segments into its masks (`.stretches`).
    private struct Drawing {
        var masks: CellMasks
        let tile: Tile
        let buffer: Double
        let cell: Double
        /// A whole segment not drawn yet: the next one may continue it in a straight line (a
        /// street drawn with a vertex every few metres), and one long shape costs the rows of
        /// its round ends once instead of once per segment.
        private var pending: (from: PlanarPoint, to: PlanarPoint, ux: Double, uy: Double, length: Double, level: Int)? = nil
        /// How far (metres) a joined segment's far end may lie off the line of the first: the
        /// joined shape then holds the segments' shapes to within this, 1 % of a 5 m cell. Not
        /// less: OSM stores positions to 1e-7° (1.1 cm north–south, 0.7 cm east–west here), so
        /// the vertices of a straight street read from a PBF lie up to a centimetre off its line;
        /// with a micrometre none of them were joined, and drawing took 4.5 times as long as for
        /// the same streets from a GeoPackage.
        private static let straightness = 0.05

        init(masks: CellMasks, tile: Tile, buffer: Double, cell: Double) {
            self.masks = masks
            self.tile = tile
            self.buffer = buffer
            self.cell = cell
        }

        /// Puts the cells within `buffer` of the segment's stretches within each threshold into the
        /// masks: for each sorted threshold the stretches whose reach is at most it (up to three:
        /// from either end and around a facility on the segment), each drawn as its buffered shape
        /// (`capsuleSpan`) row by row, a run of bits per row. A threshold that takes in the whole
        /// segment is the last one drawn: `CellMasks.nestLevels` carries it into the larger ones.
        /// The same cells as `.everyCell`, which asks of each cell the least reach near it.
        mutating func drawStretches(of segment: ReachSegment, thresholds: [Float]) {
            let dx = segment.b.x - segment.a.x, dy = segment.b.y - segment.a.y
            let planarLength = (dx * dx + dy * dy).squareRoot()
            guard planarLength > 0 else { return }
            let ux = dx / planarLength, uy = dy / planarLength
            // Network length and drawn length may differ slightly (Float); scale along the drawing.
            let length = Double(segment.length), scale = length / planarLength
            let startReach = Double(segment.startReach), endReach = Double(segment.endReach)
            let facilityAlong = Double(segment.facilityAlong), facilityReach = Double(segment.facilityReach)
            for (level, threshold) in thresholds.enumerated() {
                let limit = Double(threshold)
                // The stretches (network metres from `a`) within the threshold: from `a`, from `b`,
                // around the facility; a facility's joined to those it overlaps.
                var fromStart = startReach <= limit ? (0.0, min(length, limit - startReach)) : nil
                var fromEnd = endReach <= limit ? (max(0, length - (limit - endReach)), length) : nil
                var aroundFacility: (Double, Double)? = nil
                if facilityReach <= limit {
                    let lo = max(0, facilityAlong - (limit - facilityReach)), hi = min(length, facilityAlong + (limit - facilityReach))
                    if lo <= hi { aroundFacility = (lo, hi) }
                }
                if let facility = aroundFacility, let start = fromStart, facility.0 <= start.1 {
                    fromStart = (0, max(start.1, facility.1)); aroundFacility = nil
                }
                if let facility = aroundFacility, let end = fromEnd, facility.1 >= end.0 {
                    fromEnd = (min(end.0, facility.0), length); aroundFacility = nil
                }
                let whole = (fromStart.map { $0.1 >= length } ?? false) || (fromEnd.map { $0.0 <= 0 } ?? false)
                    || (aroundFacility.map { $0.0 <= 0 && $0.1 >= length } ?? false)
                    || (fromStart != nil && fromEnd != nil && fromEnd!.0 <= fromStart!.1)
                if whole {
                    // The whole segment: drawn once, and the larger thresholds take it from this level.
                    drawWhole(from: segment.a, to: segment.b, ux: ux, uy: uy, length: planarLength, level: level)
                    return
                }
                for stretch in [fromStart, aroundFacility, fromEnd] {
                    guard let (lo, hi) = stretch else { continue }
                    let from = PlanarPoint(x: segment.a.x + ux * lo / scale, y: segment.a.y + uy * lo / scale)
                    drawCapsule(from: from, ux: ux, uy: uy, length: (hi - lo) / scale, level: level)
                }
            }
        }

        /// Sets the bits of `level` of the cells whose centre lies within `buffer` of the line from
        /// `from` along `(ux, uy)` for `length` metres.
        @inline(__always)
        private mutating func drawCapsule(from: PlanarPoint, ux: Double, uy: Double, length: Double, level: Int) {
            let radius = buffer, dx = ux * length, dy = uy * length
            let low = min(from.y, from.y + dy) - radius, high = max(from.y, from.y + dy) + radius
            let r0 = max(0, Int((low / cell - 0.5).rounded(.up)) - tile.originRow)
            let r1 = min(tile.rows - 1, Int((high / cell - 0.5).rounded(.down)) - tile.originRow)
            guard r0 <= r1 else { return }
            for row in r0...r1 {
                let y = (Double(tile.originRow + row) + 0.5) * cell - from.y
                guard let (x0, x1) = capsuleSpan(y: y, dx: dx, dy: dy, ux: ux, uy: uy, length: length, radius: radius) else { continue }
                let c0 = max(0, Int(((from.x + x0) / cell - 0.5).rounded(.up)) - tile.originColumn)
                let c1 = min(tile.columns - 1, Int(((from.x + x1) / cell - 0.5).rounded(.down)) - tile.originColumn)
                if c0 <= c1 { masks.setRun(level: level, row: row, columns: c0, through: c1) }
            }
        }

        /// Draws a whole segment at `level`, joined to the one before when it continues it.
        private mutating func drawWhole(from a: PlanarPoint, to b: PlanarPoint, ux: Double, uy: Double, length: Double, level: Int) {
            if let run = pending, run.level == level {
                // Continues the run at either end, pointing the same way as the run or the other way.
                var far: PlanarPoint? = nil
                if a == run.to && ux * run.ux + uy * run.uy > 0 { far = b }
                else if b == run.to && ux * run.ux + uy * run.uy < 0 { far = a }
                if let far {
                    let along = (far.x - run.from.x) * run.ux + (far.y - run.from.y) * run.uy
                    let off = (far.y - run.from.y) * run.ux - (far.x - run.from.x) * run.uy
                    if abs(off) <= Self.straightness && along > run.length {
                        pending = (run.from, far, run.ux, run.uy, along, level)
                        return
                    }
                }
            }
            flush()
            pending = (a, b, ux, uy, length, level)
        }

        /// Draws the waiting run, if any.
        mutating func flush() {
            guard let run = pending else { return }
            pending = nil
            drawCapsule(from: run.from, ux: run.ux, uy: run.uy, length: run.length, level: run.level)
        }

        /// The x range (relative to the segment's start `a`) where the horizontal line at `y`
        /// (relative to `a`) meets the points within `radius` of the segment `a → a + (dx, dy)`:
        /// the union of both end discs and the band between, an interval as the shape is convex.
        @inline(__always)
        private func capsuleSpan(y: Double, dx: Double, dy: Double, ux: Double, uy: Double,
                                 length: Double, radius: Double) -> (Double, Double)? {
            var lo = Double.infinity, hi = -Double.infinity
            if abs(y) <= radius {
                let w = (radius * radius - y * y).squareRoot()
                lo = -w; hi = w
            }
            if abs(y - dy) <= radius {
                let w = (radius * radius - (y - dy) * (y - dy)).squareRoot()
                lo = min(lo, dx - w); hi = max(hi, dx + w)
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
}
