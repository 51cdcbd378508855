import CPROJ

/// Transforms coordinates from a source CRS to a target CRS (RD New, EPSG:28992, unless told
/// otherwise) with PROJ, in longitude/latitude (easting/northing) order whatever the CRS's
/// official axis order. Between a geographic CRS and RD New, points inside the area of use are
/// interpolated in PROJ's own results on a fine grid (`TransformGrid`: within 1 µm of PROJ,
/// measured 2e-8 m); all others go to PROJ.
/// Owns one `PJ_CONTEXT` and one `PJ`; not thread-safe: one instance per thread.
final class CoordinateTransform {
    private let context: OpaquePointer
    private let transformation: OpaquePointer?
    /// Shared by every transform between the same CRSs; nil where PROJ does every point.
    let grid: TransformGrid?
    let sourceName: String

    /// - Throws: `InputError` naming `label` when PROJ does not know the source CRS.
    /// With `exact`, PROJ does every point (the reference the grid is measured against).
    init(from source: CRSDefinition, to target: CRSDefinition = .rdNew, label: String, exact: Bool = false) throws {
        sourceName = source.name
        guard let context = proj_context_create() else {
            throw LibraryError(library: "PROJ", message: "cannot create a context")
        }
        self.context = context
        // PROJ would print failures of single points to stderr; they are reported per feature.
        proj_log_level(context, PJ_LOG_NONE)
        if source.name == target.name {
            transformation = nil
            grid = nil
            return
        }
        guard let raw = proj_create_crs_to_crs(context, source.definition, target.definition, nil) else {
            let reason = String(cString: proj_context_errno_string(context, proj_context_errno(context)))
            proj_context_destroy(context)
            throw InputError("\(label): cannot transform CRS \(source.name) to \(target.name) (\(reason))")
        }
        defer { proj_destroy(raw) }
        guard let normalized = proj_normalize_for_visualization(context, raw) else {
            proj_context_destroy(context)
            throw InputError("\(label): cannot transform CRS \(source.name) to \(target.name)")
        }
        transformation = normalized
        grid = exact ? nil : TransformGrid.shared(key: source.definition + "\u{0}" + target.definition, context: context, raw: raw,
                                                   transformation: normalized)
    }

    deinit {
        if let transformation { proj_destroy(transformation) }
        proj_context_destroy(context)
    }

    var isIdentity: Bool { transformation == nil }

    /// Transforms the coordinates in place.
    /// - Complexity: O(n), one PROJ call for the whole batch.
    func transform(xs: inout [Double], ys: inout [Double]) {
        xs.withUnsafeMutableBufferPointer { x in ys.withUnsafeMutableBufferPointer { y in transform(xs: x, ys: y) } }
    }

    /// Transforms the coordinates in place (as many as the shorter buffer holds): in one PROJ
    /// call without a grid; with one, on the grid, and the points off it by PROJ one by one.
    func transform(xs: UnsafeMutableBufferPointer<Double>, ys: UnsafeMutableBufferPointer<Double>) {
        let count = min(xs.count, ys.count)
        guard let transformation, count > 0 else { return }
        guard let grid else {
            let stride = MemoryLayout<Double>.stride
            _ = proj_trans_generic(transformation, PJ_FWD, xs.baseAddress, stride, count, ys.baseAddress, stride, count, nil, 0, 0, nil, 0, 0)
            return
        }
        for i in 0..<count {
            let point = grid.interpolate(xs[i], ys[i]) ?? exact(xs[i], ys[i])
            xs[i] = point.x
            ys[i] = point.y
        }
    }

    func transform(_ points: [(Double, Double)]) -> [PlanarPoint] {
        var xs = points.map(\.0), ys = points.map(\.1)
        transform(xs: &xs, ys: &ys)
        return (0..<xs.count).map { PlanarPoint(x: xs[$0], y: ys[$0]) }
    }

    /// One point; no allocation, and no PROJ call when source and target are the same CRS or
    /// the point is on the grid.
    func transform(_ x: Double, _ y: Double) -> PlanarPoint {
        guard transformation != nil else { return PlanarPoint(x: x, y: y) }
        return grid?.interpolate(x, y) ?? exact(x, y)
    }

    /// One point by PROJ itself.
    private func exact(_ x: Double, _ y: Double) -> PlanarPoint {
        let result = proj_trans(transformation, PJ_FWD, proj_coord(x, y, 0, 0))
        return PlanarPoint(x: result.v.0, y: result.v.1)
    }
}
