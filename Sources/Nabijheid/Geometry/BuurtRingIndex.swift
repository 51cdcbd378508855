/// Which buurt covers a point, worked out from the buurten's rings without building a geometry
/// per point: a grid of candidate buurten, per buurt its ring edges in horizontal bands, and an
/// even-odd count of the edges crossed by a ray from the point to the east. Shared by all
/// threads (read only).
///
/// It answers exactly as `BuurtIndex`'s prepared GEOS polygons do ("covers": inside or on the
/// boundary; the lowest buurt index first) or not at all: every orientation test has Shewchuk's
/// error bound, and a point whose test falls within it (on or within rounding of an edge) is
/// `undecided` and left to GEOS, as is every point with a candidate whose polygon GEOS had to
/// repair. Why: one GEOS point per dwelling is a heap geometry whose creation and destruction
/// count references on GEOS's one shared geometry factory, from every thread: at 8 million
/// dwellings `GeometryFactory::dropRef` alone took 0.75 of the stage's 2.9 CPU-seconds.
final class BuurtRingIndex: Sendable {
    enum Answer: Equatable {
        case buurt(Int)
        case outside
        case undecided
    }

    /// Ring vertices of all buurten, each ring closed (last == first), rings one after another.
    private let xs: [Double], ys: [Double]
    /// False when a buurt has a coordinate that is not finite: then GEOS decides every point.
    private let finite: Bool
    /// Per buurt: its bounding box, whether only GEOS may decide it, and its bands.
    private let boxes: [(minX: Double, minY: Double, maxX: Double, maxY: Double)]
    private let geosOnly: [Bool]
    private let bandHeight: [Double]
    /// `bandStart[b]`: the first band of buurt `b` in `edgeStart`; its bands run to `bandStart[b + 1]`.
    private let bandStart: [Int32]
    /// Per band, its edges' first vertices in `edges[edgeStart[k]..<edgeStart[k + 1]]`; an
    /// edge runs from vertex `v` to `v + 1`.
    private let edgeStart: [Int32]
    private let edges: [Int32]
    /// The candidate grid over all bounding boxes: cell `(col, row)` lists the buurten whose
    /// box touches it, in index order.
    private let gridOrigin: (x: Double, y: Double)
    private let cellSize: Double
    private let columns: Int, rows: Int
    private let cellStart: [Int32]
    private let cellBuurten: [Int32]

    /// - Parameters:
    ///   - areas: the buurten, in input order.
    ///   - geosOnly: per buurt, true when its polygon is not valid to GEOS (GEOS tests a repaired one, not these rings).
    init(areas: [AreaShape], geosOnly: [Bool]) {
        precondition(areas.count == geosOnly.count, "one flag per buurt")
        var xs: [Double] = [], ys: [Double] = []
        var boxes: [(minX: Double, minY: Double, maxX: Double, maxY: Double)] = []
        var bandHeight: [Double] = [], bandStart: [Int32] = [0], edgeStart: [Int32] = [0], edges: [Int32] = []
        for area in areas {
            var box = (minX: Double.infinity, minY: Double.infinity, maxX: -Double.infinity, maxY: -Double.infinity)
            var starts: [Int] = []
            for ring in area.polygons.flatMap(\.rings) where !ring.isEmpty {
                let closed = ring.first == ring.last ? ring : ring + [ring[0]]
                for point in closed {
                    box = (min(box.minX, point.x), min(box.minY, point.y), max(box.maxX, point.x), max(box.maxY, point.y))
                    xs.append(point.x)
                    ys.append(point.y)
                }
                starts += (xs.count - closed.count)..<(xs.count - 1)
            }
            boxes.append(box)
            // About four edges a band; an edge is listed in every band its y range touches.
            let bands = starts.isEmpty ? 1 : max(1, min(4_096, starts.count / 4))
            let height = starts.isEmpty ? 1 : max((box.maxY - box.minY) / Double(bands), .leastNormalMagnitude)
            bandHeight.append(height)
            var members = [[Int32]](repeating: [], count: bands)
            for v in starts {
                let first = Self.slot(min(ys[v], ys[v + 1]), from: box.minY, size: height, count: bands)
                let last = Self.slot(max(ys[v], ys[v + 1]), from: box.minY, size: height, count: bands)
                for band in first...last { members[band].append(Int32(v)) }
            }
            for band in members {
                edges += band
                edgeStart.append(Int32(edges.count))
            }
            bandStart.append(Int32(edgeStart.count - 1))
        }
        // The grid: about four cells per buurt over the boxes' extent. Coordinates that are not
        // finite, or an extent too large for a double, leave every point to GEOS.
        let filled = boxes.filter { $0.minX <= $0.maxX }
        let extentFinite = (filled.map(\.maxX).max() ?? 0) - (filled.map(\.minX).min() ?? 0) < .infinity
            && (filled.map(\.maxY).max() ?? 0) - (filled.map(\.minY).min() ?? 0) < .infinity
        finite = extentFinite && xs.allSatisfy(\.isFinite) && ys.allSatisfy(\.isFinite)
        let minX = finite ? filled.map(\.minX).min() ?? 0 : 0, minY = finite ? filled.map(\.minY).min() ?? 0 : 0
        let maxX = finite ? filled.map(\.maxX).max() ?? 0 : 0, maxY = finite ? filled.map(\.maxY).max() ?? 0 : 0
        let cellSize = max(max(maxX - minX, maxY - minY) / (2 * Double(max(1, filled.count)).squareRoot()), 1)
        let columns = Int((maxX - minX) / cellSize) + 1, rows = Int((maxY - minY) / cellSize) + 1
        var cells = [[Int32]](repeating: [], count: columns * rows)
        for (b, box) in boxes.enumerated() where finite && box.minX <= box.maxX {
            let c0 = Self.slot(box.minX, from: minX, size: cellSize, count: columns)
            let c1 = Self.slot(box.maxX, from: minX, size: cellSize, count: columns)
            let r0 = Self.slot(box.minY, from: minY, size: cellSize, count: rows)
            let r1 = Self.slot(box.maxY, from: minY, size: cellSize, count: rows)
            for row in r0...r1 { for column in c0...c1 { cells[row * columns + column].append(Int32(b)) } }
        }
        var cellStart: [Int32] = [0], cellBuurten: [Int32] = []
        for cell in cells {
            cellBuurten += cell
            cellStart.append(Int32(cellBuurten.count))
        }
        self.xs = xs
        self.ys = ys
        self.boxes = boxes
        self.geosOnly = geosOnly
        self.bandHeight = bandHeight
        self.bandStart = bandStart
        self.edgeStart = edgeStart
        self.edges = edges
        gridOrigin = (minX, minY)
        self.cellSize = cellSize
        self.columns = columns
        self.rows = rows
        self.cellStart = cellStart
        self.cellBuurten = cellBuurten
    }

    /// The first buurt (by index) covering `point`, `.outside` when none does, `.undecided` when
    /// only GEOS can tell.
    func locate(_ point: PlanarPoint) -> Answer {
        guard finite, point.x.isFinite, point.y.isFinite else { return .undecided }
        let column = ((point.x - gridOrigin.x) / cellSize).rounded(.down), row = ((point.y - gridOrigin.y) / cellSize).rounded(.down)
        // Outside the grid: outside every box.
        guard column >= 0, row >= 0, column < Double(columns), row < Double(rows) else { return .outside }
        let cell = Int(row) * columns + Int(column)
        for k in Int(cellStart[cell])..<Int(cellStart[cell + 1]) {
            let b = Int(cellBuurten[k])
            let box = boxes[b]
            guard point.x >= box.minX, point.x <= box.maxX, point.y >= box.minY, point.y <= box.maxY else { continue }
            if geosOnly[b] { return .undecided }
            switch covers(point, buurt: b) {
            case true?: return .buurt(b)
            case false?: continue
            case nil: return .undecided
            }
        }
        return .outside
    }

    /// Whether buurt `b` covers `point` (inside its box); nil when an orientation is too close to call.
    private func covers(_ point: PlanarPoint, buurt b: Int) -> Bool? {
        let band = Int(bandStart[b]) + Self.slot(point.y, from: boxes[b].minY, size: bandHeight[b], count: Int(bandStart[b + 1] - bandStart[b]))
        let px = point.x, py = point.y
        var inside = false
        for k in Int(edgeStart[band])..<Int(edgeStart[band + 1]) {
            let v = Int(edges[k])
            let ax = xs[v], ay = ys[v], bx = xs[v + 1], by = ys[v + 1]
            if ay == py && by == py {
                // A horizontal edge on the ray: the point on it is on the boundary; crossings
                // are counted at the other edges (half-open in y).
                if px >= min(ax, bx) && px <= max(ax, bx) { return true }
                continue
            }
            if ax == px && ay == py { return true }
            guard (ay > py) != (by > py) else { continue }
            // On a vertical edge (exactly: the ray starts on it).
            if ax == px && bx == px { return true }
            // orient2d(a, b, p): > 0 when p lies left of a → b, with its error bound.
            let left = (ax - px) * (by - py), right = (ay - py) * (bx - px)
            let determinant = left - right
            if abs(determinant) <= Self.orientationErrorBound * (abs(left) + abs(right)) { return nil }
            // The edge crosses the ray east of p when p is left of an upward edge or right of a
            // downward one.
            if (determinant > 0) == (by > ay) { inside.toggle() }
        }
        return inside
    }

    /// The slot (band, grid column or row) of `value` among `count` slots of `size` from
    /// `origin`, clamped; the same rounding for edges, boxes and points, so a point inside a
    /// range lands in one of the range's slots.
    private static func slot(_ value: Double, from origin: Double, size: Double, count: Int) -> Int {
        let slot = ((value - origin) / size).rounded(.down)
        return slot.isNaN ? 0 : Int(min(max(slot, 0), Double(count - 1)))
    }

    /// Shewchuk's `ccwerrboundA`, (3 + 16ε)ε for ε = 2⁻⁵³: a determinant larger than this
    /// times the sum of its terms' magnitudes has the sign of the exact one.
    private static let orientationErrorBound = (3.0 + 16.0 * 0x1p-53) * 0x1p-53
}
