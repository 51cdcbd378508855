import Foundation

/// Service areas on a grid, the way fast isochrone tools draw them: every cell gets the least
/// walking distance of any network point within `buffer` metres of its centre (the last
/// metres from path to front door), and the area within a threshold is the set of cells at or
/// below it, polygonized with GDAL: an outline of whole cells (5 m steps by default, no
/// vertex between collinear ones). One grid per category serves all its
/// thresholds. It gives what `ServiceAreaBuilder` (the exact GEOS buffer of the reachable
/// network, kept as the reference) gives, up to the cell size, at a fraction of the cost.
///
/// Large extents are cut into tiles of `tileCells × tileCells` cells (10 km), each polygonized over
/// the box of its cells within the threshold; outlines that touch a tile's edge are dissolved
/// along the common edges. Not thread-safe: one per thread.
final class ServiceAreaRaster {
    let buffer: Double
    let cell: Double
    let tileCells: Int
    private let polygonizer = MaskPolygonizer()

    init(buffer: Double, cell: Double = 5, tileCells: Int = 2048) {
        self.buffer = buffer
        self.cell = cell
        self.tileCells = tileCells
    }

    /// The area within each threshold (ascending or not; one shape per threshold).
    /// - Throws: `LibraryError` when GDAL cannot polygonize.
    func areas(_ segments: [ReachSegment], thresholds: [Double]) throws -> [AreaShape] {
        guard !segments.isEmpty, let largest = thresholds.max() else { return thresholds.map { _ in AreaShape(polygons: []) } }
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
        // Outlines that touch their tile's edge may continue in the next tile and are dissolved
        // together; the others are whole already (dissolving costs per vertex).
        var edgeParts = [[OpaquePointer]](repeating: [], count: thresholds.count)
        var wholeParts = [[OpaquePointer]](repeating: [], count: thresholds.count)
        for key in tiles.keys.sorted() {
            let originColumn = minColumn + key.column * tileCells, originRow = minRow + key.row * tileCells
            let width = min(tileCells, maxColumn - originColumn + 1), height = min(tileCells, maxRow - originRow + 1)
            let reach = fill(tiles[key]!.map { segments[$0] }, originColumn: originColumn, originRow: originRow,
                             width: width, height: height, limit: Float(largest))
            for (t, threshold) in thresholds.enumerated() {
                // Polygonize only the box of the cells within the threshold: most tiles of a
                // country hold a few roads, and polygonizing costs per cell.
                let limit = Float(threshold)
                var c0 = width, c1 = -1, r0 = height, r1 = -1
                for row in 0..<height {
                    for col in 0..<width where reach[row * width + col] <= limit {
                        c0 = min(c0, col); c1 = max(c1, col); r0 = min(r0, row); r1 = max(r1, row)
                    }
                }
                guard c1 >= 0 else { continue }
                let boxWidth = c1 - c0 + 1, boxHeight = r1 - r0 + 1
                var mask = [UInt8](repeating: 0, count: boxWidth * boxHeight)
                for row in 0..<boxHeight {
                    for col in 0..<boxWidth where reach[(r0 + row) * width + c0 + col] <= limit { mask[row * boxWidth + col] = 1 }
                }
                for part in try polygonizer.polygons(mask, width: boxWidth, height: boxHeight,
                                                     originColumn: originColumn + c0, originRow: originRow + r0) {
                    if polygonizer.touchesEdge(part, minX: Double(originColumn), minY: Double(originRow),
                                               maxX: Double(originColumn + width), maxY: Double(originRow + height)) {
                        edgeParts[t].append(part)
                    } else {
                        wholeParts[t].append(part)
                    }
                }
            }
        }
        let cell = self.cell
        func toRD(_ point: PlanarPoint) -> PlanarPoint { PlanarPoint(x: point.x * cell, y: point.y * cell) }
        return thresholds.indices.map { t in
            let joined = polygonizer.dissolve(edgeParts[t], tolerance: 0.5, map: toRD)
            let whole = polygonizer.dissolve(wholeParts[t], tolerance: 0.5, union: false, map: toRD)
            return AreaShape(polygons: joined.polygons + whole.polygons)
        }
    }

    private struct TileKey: Hashable, Comparable {
        var column: Int
        var row: Int
        static func < (l: TileKey, r: TileKey) -> Bool { (l.row, l.column) < (r.row, r.column) }
    }

    /// The index of the cell holding coordinate `value` (x or y).
    private func cellIndex(_ value: Double) -> Int { Int((value / cell).rounded(.down)) }

    private func tileIndex(_ offset: Int) -> Int { max(0, offset) / tileCells }

    /// The least reach per cell of one tile (row 0 = southernmost), `.infinity` where nothing
    /// within `buffer` is reached within `limit`.
    private func fill(_ segments: [ReachSegment], originColumn: Int, originRow: Int, width: Int, height: Int, limit: Float) -> [Float] {
        var reach = [Float](repeating: .infinity, count: width * height)
        let radius = buffer, radiusSquared = buffer * buffer
        reach.withUnsafeMutableBufferPointer { reach in
            for segment in segments {
                let dx = segment.b.x - segment.a.x, dy = segment.b.y - segment.a.y
                let length = Double(segment.length), planarLength = (dx * dx + dy * dy).squareRoot()
                guard planarLength > 0 else { continue }
                let ux = dx / planarLength, uy = dy / planarLength
                // Network length and drawn length may differ slightly (Float); scale along the drawing.
                let scale = length / planarLength
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
                        let lo = max(0, along - half), hi = min(planarLength, along + half)
                        guard lo <= hi else { continue }
                        let value = segment.leastReach(from: Float(lo * scale), to: Float(hi * scale))
                        let index = row * width + col
                        if value <= limit && value < reach[index] { reach[index] = value }
                    }
                }
            }
        }
        return reach
    }
}
