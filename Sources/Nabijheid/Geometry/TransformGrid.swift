import CPROJ
import Foundation

/// A transform between a geographic CRS and RD New (or any projected CRS with an area of use),
/// for the tens of millions of points of a national run: PROJ's own results at the corners of a
/// grid over the area of use (0.05° from degrees, 2.5 km from metres), interpolated bicubically
/// (Lagrange, 4 × 4 corners). Longitude/latitude → RD New for the network vertices, address
/// nodes and building rings of an OSM read; RD New → WGS 84 for the output layers.
///
/// Why: PROJ's WGS 84 ↔ RD New (a datum shift through geocentric coordinates and the oblique
/// stereographic projection) costs about 1 µs a point, a third of the CPU time of reading a
/// national PBF. The transform is smooth on the scale of the earth's radius, so the
/// interpolation error falls with the fourth power of the spacing: measured against PROJ on
/// 100 000 random points across the Netherlands it is at most about 2e-8 m (20 nanometres)
/// and 7e-13° (0.07 µm), against the 1 m accuracy of the datum shift itself.
///
/// Only where that holds: a grid is made only between a geographic and a projected CRS whose
/// area of use is a country (at most 40 000 corners), only inside that area (shrunk by a
/// margin), only when PROJ chose the same operation at every corner (that operation alone
/// gives PROJ's result to the bit: no switch between candidate operations lies inside), and
/// only when 1 024 check points agree with PROJ to `tolerance`. Points outside the grid
/// (abroad, absurd, NaN) go to PROJ itself. A point's result depends on that point alone. Immutable once made: shared by every
/// transform between the same CRSs (`shared`).
final class TransformGrid: @unchecked Sendable {
    /// The first corner and the spacing, in source units.
    let west: Double, south: Double
    let spacingX: Double, spacingY: Double
    let columns: Int, rows: Int
    /// PROJ's result at every corner, row by row from the south-west.
    private let cornerX: [Double], cornerY: [Double]

    /// The largest deviation from PROJ accepted at the check points: 1 µm, in metres or degrees.
    static let tolerance = (metres: 1e-6, degrees: 1e-11)

    private init(west: Double, south: Double, spacingX: Double, spacingY: Double, columns: Int, rows: Int, cornerX: [Double], cornerY: [Double]) {
        self.west = west
        self.south = south
        self.spacingX = spacingX
        self.spacingY = spacingY
        self.columns = columns
        self.rows = rows
        self.cornerX = cornerX
        self.cornerY = cornerY
    }

    /// The interpolated position, or nil outside the grid (the caller asks PROJ).
    @inline(__always)
    func interpolate(_ x: Double, _ y: Double) -> PlanarPoint? {
        let u = (x - west) / spacingX, v = (y - south) / spacingY
        // Inside the corners; also false for NaN.
        guard u >= 0, u <= Double(columns - 1), v >= 0, v <= Double(rows - 1) else { return nil }
        // The 4 × 4 corners around the point's cell, shifted inward along the rim.
        let column = min(max(Int(u) - 1, 0), columns - 4), row = min(max(Int(v) - 1, 0), rows - 4)
        let wu = Self.weights(u - Double(column)), wv = Self.weights(v - Double(row))
        return cornerX.withUnsafeBufferPointer { gx in
            cornerY.withUnsafeBufferPointer { gy in
                var x = 0.0, y = 0.0
                var base = row * columns + column
                for j in 0..<4 {
                    let rowX = wu.0 * gx[base] + wu.1 * gx[base + 1] + wu.2 * gx[base + 2] + wu.3 * gx[base + 3]
                    let rowY = wu.0 * gy[base] + wu.1 * gy[base + 1] + wu.2 * gy[base + 2] + wu.3 * gy[base + 3]
                    let w = j == 0 ? wv.0 : j == 1 ? wv.1 : j == 2 ? wv.2 : wv.3
                    x += w * rowX
                    y += w * rowY
                    base += columns
                }
                return PlanarPoint(x: x, y: y)
            }
        }
    }

    /// The cubic Lagrange weights of the corners at 0, 1, 2, 3 for a point at `t` in [0, 3]
    /// (in [1, 2) away from the rim).
    @inline(__always)
    static func weights(_ t: Double) -> (Double, Double, Double, Double) {
        let a = t - 1, b = t - 2, c = t - 3
        return (-a * b * c / 6, t * b * c / 2, -t * a * c / 2, t * a * b / 6)
    }

    // MARK: Making one

    /// Made grids by source and target definition; nil where none can be made.
    nonisolated(unsafe) private static var made: [String: TransformGrid?] = [:]
    private static let lock = NSLock()

    /// The grid for `transformation` (normalized: longitude, latitude and easting, northing),
    /// made once per pair of CRSs; nil when neither CRS is geographic, there is no area of
    /// use, or the grid would not match PROJ.
    static func shared(key: String, context: OpaquePointer, raw: OpaquePointer, transformation: OpaquePointer) -> TransformGrid? {
        lock.lock()
        defer { lock.unlock() }
        if let grid = made[key] { return grid }
        let grid = make(context: context, raw: raw, transformation: transformation)
        made[key] = grid
        return grid
    }

    private static func make(context: OpaquePointer, raw: OpaquePointer, transformation: OpaquePointer) -> TransformGrid? {
        guard let source = proj_get_source_crs(context, raw), let target = proj_get_target_crs(context, raw) else { return nil }
        defer {
            proj_destroy(source)
            proj_destroy(target)
        }
        // The grid covers the area of use of the CRS that is not geographic, in source
        // coordinates: degrees from a geographic CRS, metres from a projected one to a
        // geographic one (RD New → WGS 84 for the output layers).
        let sourceGeographic = isGeographic(source)
        guard sourceGeographic != isGeographic(target) else { return nil }
        var areaWest = 0.0, areaSouth = 0.0, areaEast = 0.0, areaNorth = 0.0
        guard proj_get_area_of_use(context, sourceGeographic ? target : source, &areaWest, &areaSouth, &areaEast, &areaNorth, nil) != 0,
              areaWest < areaEast, areaSouth < areaNorth else { return nil }
        let spacing: Double, margin: Double
        if sourceGeographic {
            (spacing, margin) = (0.05, 0.001)
        } else {
            // The area of use in the source CRS, as PROJ bounds a candidate operation there.
            var minX = 0.0, minY = 0.0, maxX = 0.0, maxY = 0.0
            guard proj_trans_bounds(context, transformation, PJ_INV, areaWest, areaSouth, areaEast, areaNorth, &minX, &minY, &maxX, &maxY, 21) != 0,
                  minX.isFinite, minY.isFinite, maxX.isFinite, maxY.isFinite else { return nil }
            (areaWest, areaSouth, areaEast, areaNorth) = (minX, minY, maxX, maxY)
            (spacing, margin) = (2_500, 100)
        }
        // Corners strictly inside the area of use, where PROJ's choice of operation is stable,
        // spaced to fill it.
        let west = areaWest + margin, south = areaSouth + margin
        let width = areaEast - areaWest - 2 * margin, height = areaNorth - areaSouth - 2 * margin
        guard width > 0, height > 0 else { return nil }
        let columns = max(4, Int((width / spacing).rounded(.up)) + 1), rows = max(4, Int((height / spacing).rounded(.up)) + 1)
        // A country, not a continent (RD New: 81 × 60 corners).
        guard columns * rows <= 40_000 else { return nil }
        let spacingX = width / Double(columns - 1), spacingY = height / Double(rows - 1)
        var cornerX = [Double](repeating: 0, count: columns * rows), cornerY = cornerX
        // The operation PROJ picks (of several candidates, by area) at the first corner; every
        // corner must give exactly its result, so that no switch lies inside the grid.
        var chosen: OpaquePointer?
        defer { if let chosen { proj_destroy(chosen) } }
        for row in 0..<rows {
            for column in 0..<columns {
                let corner = proj_coord(west + Double(column) * spacingX, south + Double(row) * spacingY, 0, 0)
                let result = proj_trans(transformation, PJ_FWD, corner)
                guard result.v.0.isFinite, result.v.1.isFinite else { return nil }
                if chosen == nil {
                    // nil for a transformation without candidates: then it is the operation.
                    chosen = proj_trans_get_last_used_operation(transformation) ?? proj_clone(context, transformation)
                    guard chosen != nil else { return nil }
                }
                let alone = proj_trans(chosen, PJ_FWD, corner)
                guard alone.v.0.bitPattern == result.v.0.bitPattern, alone.v.1.bitPattern == result.v.1.bitPattern else { return nil }
                cornerX[row * columns + column] = result.v.0
                cornerY[row * columns + column] = result.v.1
            }
        }
        let grid = TransformGrid(west: west, south: south, spacingX: spacingX, spacingY: spacingY, columns: columns, rows: rows,
                                 cornerX: cornerX, cornerY: cornerY)
        let tolerance = isGeographic(target) ? Self.tolerance.degrees : Self.tolerance.metres
        return grid.agreesWithPROJ(transformation, tolerance: tolerance) ? grid : nil
    }

    private static func isGeographic(_ crs: OpaquePointer) -> Bool {
        let type = proj_get_type(crs)
        return type == PJ_TYPE_GEOGRAPHIC_2D_CRS || type == PJ_TYPE_GEOGRAPHIC_3D_CRS || type == PJ_TYPE_GEOGRAPHIC_CRS
    }

    /// Whether 1 024 points spread over the grid (a fixed sequence) come within `tolerance` of PROJ.
    private func agreesWithPROJ(_ transformation: OpaquePointer, tolerance: Double) -> Bool {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        for _ in 0..<1024 {
            let x = west + spacingX * next() * Double(columns - 1)
            let y = south + spacingY * next() * Double(rows - 1)
            let exact = proj_trans(transformation, PJ_FWD, proj_coord(x, y, 0, 0))
            guard let point = interpolate(x, y), abs(point.x - exact.v.0) <= tolerance, abs(point.y - exact.v.1) <= tolerance else { return false }
        }
        return true
    }
}
