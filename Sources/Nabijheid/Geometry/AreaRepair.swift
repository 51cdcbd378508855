import CGEOS

/// Repairs invalid polygons (a self-intersecting "bowtie", a ring that touches itself) with
/// GEOS MakeValid, which keeps every part of the area the rings enclose: both lobes of a
/// bowtie stay in the buurt. Valid areas are left alone. Owns its GEOS context; not
/// thread-safe.
final class AreaRepair {
    private let context: GEOSContextHandle_t

    init() {
        context = GEOS_init_r()
        GEOSContext_setErrorMessageHandler_r(context, { _, _ in }, nil)
    }

    deinit { GEOS_finish_r(context) }

    /// The repaired area, or nil when `area` is valid (or GEOS cannot build it: the buurt
    /// index reports that case).
    func repaired(_ area: AreaShape) -> AreaShape? {
        guard let geometry = GEOSGeometryBuilder.multiPolygon(area, context: context) else { return nil }
        defer { GEOSGeom_destroy_r(context, geometry) }
        // GEOSisValid_r returns 2 on error; only 0 means "invalid".
        guard GEOSisValid_r(context, geometry) == 0, let valid = GEOSMakeValid_r(context, geometry) else { return nil }
        defer { GEOSGeom_destroy_r(context, valid) }
        // MakeValid may add lines or points (collapsed parts); only the polygons are an area.
        let polygons = GEOSPolygonReader(context: context).polygons(of: valid)
        return polygons.isEmpty ? nil : AreaShape(polygons: polygons)
    }
}
