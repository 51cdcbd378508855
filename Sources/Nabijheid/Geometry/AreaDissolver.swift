import CGEOS

/// Dissolves areas into one (the union of buurt polygons that form a wijk) with GEOS.
/// Owns its GEOS context; not thread-safe.
final class AreaDissolver {
    private let context: GEOSContextHandle_t

    init() {
        context = GEOS_init_r()
        GEOSContext_setErrorMessageHandler_r(context, { _, _ in }, nil)
    }

    deinit { GEOS_finish_r(context) }

    /// The union of `areas`, as polygons with holes.
    /// - Throws: `LibraryError` naming `label` when GEOS cannot build or union the polygons.
    func union(_ areas: [AreaShape], label: String) throws -> AreaShape {
        var parts: [OpaquePointer?] = []
        for area in areas {
            for polygon in area.polygons {
                guard let part = GEOSGeometryBuilder.polygon(polygon, context: context) else {
                    parts.forEach { GEOSGeom_destroy_r(context, $0) }
                    throw LibraryError(library: "GEOS", message: "\(label): a polygon cannot be built")
                }
                parts.append(GEOSisValid_r(context, part) == 1 ? part : repaired(part))
            }
        }
        guard !parts.isEmpty else { return AreaShape(polygons: []) }
        // Ownership of the parts passes to the collection.
        let collection = parts.withUnsafeMutableBufferPointer {
            GEOSGeom_createCollection_r(context, Int32(GEOS_GEOMETRYCOLLECTION.rawValue), $0.baseAddress, UInt32($0.count))
        }
        guard let collection else { throw LibraryError(library: "GEOS", message: "\(label): cannot collect polygons") }
        defer { GEOSGeom_destroy_r(context, collection) }
        guard let merged = GEOSUnaryUnion_r(context, collection) else {
            throw LibraryError(library: "GEOS", message: "\(label): the union of the buurt polygons failed")
        }
        defer { GEOSGeom_destroy_r(context, merged) }
        return AreaShape(polygons: GEOSPolygonReader(context: context).polygons(of: merged))
    }

    private func repaired(_ geometry: OpaquePointer) -> OpaquePointer {
        guard let valid = GEOSMakeValid_r(context, geometry) else { return geometry }
        GEOSGeom_destroy_r(context, geometry)
        return valid
    }
}
