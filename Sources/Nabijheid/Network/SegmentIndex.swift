/// Where a point joins the network: a position along one segment, and the straight connector
/// from the point to that position.
public struct NetworkLink: Sendable, Equatable {
    /// The segment, or `NetworkLink.unroutable.segment` (-1) when no segment is near enough.
    public var segment: Int32
    /// Position along the segment from `segmentFrom` (0) to `segmentTo` (1).
    public var fraction: Float
    /// Length of the connector in metres.
    public var connector: Float

    public init(segment: Int32, fraction: Float, connector: Float) {
        self.segment = segment
        self.fraction = fraction
        self.connector = connector
    }

    public static let unroutable = NetworkLink(segment: -1, fraction: 0, connector: .infinity)
    public var isRoutable: Bool { segment >= 0 }
}

/// A uniform grid over the segments of a `WalkGraph`, to find the nearest segment of a point.
/// Cells are stored as compressed rows (`cellStart`, `cellSegments`), so the index costs a few
/// bytes per segment. It answers nearest-segment queries only; it does not do range queries.
public struct SegmentIndex: Sendable {
    private let originX: Double
    private let originY: Double
    private let cellSize: Double
    private let columns: Int
    private let rows: Int
    private let cellStart: [Int32]
    private let cellSegments: [Int32]

    /// - Complexity: O(m) for m segments of typical length (a segment is listed in every cell
    ///   its bounding box touches). The grid has at most `4m + 1024` cells whatever the
    ///   extent: one far vertex (a way in New Zealand, a node at 1e15) makes the cells coarse,
    ///   never the grid huge.
    public init(graph: WalkGraph) {
        let nodes = graph.nodes
        let extent = graph.extent ?? RDExtent(min: PlanarPoint(x: 0, y: 0), max: PlanarPoint(x: 1, y: 1))
        let (minX, minY, maxX, maxY) = (extent.min.x, extent.min.y, extent.max.x, extent.max.y)
        let width = maxX - minX, height = maxY - minY
        let area = max(1, width * height)
        let maxCells = Double(4 * graph.segmentCount + 1024)
        // About one segment per cell, never finer than 20 m nor coarser than 1 km, unless the
        // extent needs coarser cells to stay within `maxCells`.
        var size = min(1000, max(20, (area / Double(max(1, graph.segmentCount))).squareRoot()))
        func cells(_ length: Double, _ size: Double) -> Double { (length / size).rounded(.down) + 1 }
        var gridColumns = 1, gridRows = 1
        if width.isFinite && height.isFinite {
            while cells(width, size) * cells(height, size) > maxCells { size *= 2 }
            gridColumns = Int(cells(width, size))
            gridRows = Int(cells(height, size))
        } else {
            size = .greatestFiniteMagnitude
        }
        originX = minX; originY = minY; cellSize = size
        columns = gridColumns
        rows = gridRows
        let cellCount = gridColumns * gridRows

        // Clamped to the grid and safe for any value: a Double beyond Int's range would trap.
        func cell(_ value: Double, _ count: Int) -> Int {
            guard value.isFinite else { return value > 0 ? count - 1 : 0 }
            return Int(min(Double(count - 1), max(0, value.rounded(.down))))
        }
        func cellRange(_ s: Int) -> (ClosedRange<Int>, ClosedRange<Int>) {
            let a = nodes[Int(graph.segmentFrom[s])], b = nodes[Int(graph.segmentTo[s])]
            let c0 = cell((min(a.x, b.x) - minX) / size, gridColumns), c1 = cell((max(a.x, b.x) - minX) / size, gridColumns)
            let r0 = cell((min(a.y, b.y) - minY) / size, gridRows), r1 = cell((max(a.y, b.y) - minY) / size, gridRows)
            return (c0...c1, r0...r1)
        }
        var count = [Int32](repeating: 0, count: cellCount + 1)
        for s in 0..<graph.segmentCount {
            let (cs, rs) = cellRange(s)
            for r in rs { for c in cs { count[r * columns + c + 1] += 1 } }
        }
        for i in 0..<cellCount { count[i + 1] += count[i] }
        var next = count
        var members = [Int32](repeating: 0, count: Int(count[cellCount]))
        for s in 0..<graph.segmentCount {
            let (cs, rs) = cellRange(s)
            for r in rs {
                for c in cs {
                    members[Int(next[r * columns + c])] = Int32(s)
                    next[r * columns + c] += 1
                }
            }
        }
        cellStart = count
        cellSegments = members
    }

    /// The number of grid cells (at most `4m + 1024`).
    var cellCount: Int { columns * rows }

    /// The nearest segment within `maxDistance` metres, projected perpendicularly and clamped
    /// to the segment; ties go to the lower segment index. `.unroutable` when none is near.
    /// Segments of infinite length in `graph` (impassable for a mobility profile) are skipped.
    /// - Complexity: O(k) for the k segments in the cells within reach.
    public func link(_ point: PlanarPoint, in graph: WalkGraph, maxDistance: Double) -> NetworkLink {
        // Beyond 1e9 cells from the grid nothing is within reach, and Int() of more could trap.
        let columnValue = ((point.x - originX) / cellSize).rounded(.down), rowValue = ((point.y - originY) / cellSize).rounded(.down)
        guard columnValue.isFinite, rowValue.isFinite, abs(columnValue) < 1e9, abs(rowValue) < 1e9 else { return .unroutable }
        let column = Int(columnValue)
        let row = Int(rowValue)
        var best = NetworkLink.unroutable
        var bestDistance = Double.infinity
        // Rings nearer than the grid hold no cell; beyond `firstRing + grid size` none either.
        let firstRing = max(0, -column, column - (columns - 1), -row, row - (rows - 1))
        let lastRing = Double(firstRing + max(rows, columns))
        let maxRing = Int(min(lastRing, (maxDistance / cellSize).rounded(.up) + 1))
        // How far the point lies inside its own cell from the nearest of its edges (0 outside the grid).
        let inside = firstRing > 0 ? 0 : min(point.x - originX - Double(column) * cellSize, originX + Double(column + 1) * cellSize - point.x,
                                             point.y - originY - Double(row) * cellSize, originY + Double(row + 1) * cellSize - point.y)
        var ring = firstRing
        while ring <= maxRing {
            // Every segment not yet seen lies at least (ring - 1) cells and the point's margin in its own cell away.
            // (Less a micrometre: the grid's cell of a coordinate and its square may differ by rounding.)
            let reachable = ring == 0 ? 0 : Double(ring - 1) * cellSize + max(0, inside - 1e-6)
            if reachable > bestDistance || reachable > maxDistance { break }
            let rowLow = max(0, row - ring), rowHigh = min(rows - 1, row + ring)
            if rowLow > rowHigh { ring += 1; continue }
            for r in rowLow...rowHigh {
                let onEdgeRow = r == row - ring || r == row + ring
                let step = onEdgeRow ? 1 : max(1, 2 * ring)
                var c = onEdgeRow ? max(column - ring, 0) : column - ring
                let cEnd = min(column + ring, columns - 1)
                while c <= cEnd {
                    // A cell farther than the best so far holds nothing better (an equal one may hold a lower index).
                    if c >= 0 && cellDistanceSquared(point, column: c, row: r) <= bestDistance * bestDistance + 1e-6 {
                        let cell = r * columns + c
                        for k in Int(cellStart[cell])..<Int(cellStart[cell + 1]) {
                            let s = Int(cellSegments[k])
                            // A mobility profile's graph marks impassable segments with an infinite length.
                            guard graph.segmentLength[s].isFinite else { continue }
                            let (distance, fraction) = Self.project(point, graph.nodes[Int(graph.segmentFrom[s])], graph.nodes[Int(graph.segmentTo[s])])
                            if distance < bestDistance || (distance == bestDistance && Int32(s) < best.segment) {
                                bestDistance = distance
                                best = NetworkLink(segment: Int32(s), fraction: Float(fraction), connector: Float(distance))
                            }
                        }
                    }
                    c += step
                }
            }
            ring += 1
        }
        return bestDistance <= maxDistance ? best : .unroutable
    }

    /// The squared distance from `p` to the cell's square (0 inside).
    @inline(__always)
    private func cellDistanceSquared(_ p: PlanarPoint, column: Int, row: Int) -> Double {
        let x0 = originX + Double(column) * cellSize, y0 = originY + Double(row) * cellSize
        let dx = max(x0 - p.x, 0, p.x - (x0 + cellSize)), dy = max(y0 - p.y, 0, p.y - (y0 + cellSize))
        return dx * dx + dy * dy
    }

    /// Distance from `p` to segment `a`–`b` and the fraction along it of the nearest point.
    @inlinable
    static func project(_ p: PlanarPoint, _ a: PlanarPoint, _ b: PlanarPoint) -> (Double, Double) {
        let dx = b.x - a.x, dy = b.y - a.y
        let lengthSquared = dx * dx + dy * dy
        var t = lengthSquared > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / lengthSquared : 0
        t = min(1, max(0, t))
        let qx = a.x + t * dx - p.x, qy = a.y + t * dy - p.y
        return ((qx * qx + qy * qy).squareRoot(), t)
    }
}
