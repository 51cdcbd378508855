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
        return AreaShape(polygons: polygons(of: merged))
    }

    private func repaired(_ geometry: OpaquePointer) -> OpaquePointer {
        guard let valid = GEOSMakeValid_r(context, geometry) else { return geometry }
        GEOSGeom_destroy_r(context, geometry)
        return valid
    }

    /// The polygons of a (multi)polygon or collection; other parts (lines left by repair) are dropped.
    private func polygons(of geometry: OpaquePointer) -> [PolygonShape] {
        let type = GEOSGeomTypeId_r(context, geometry)
        if type == Int32(GEOS_POLYGON.rawValue) {
            var rings = [ring(GEOSGetExteriorRing_r(context, geometry)!)]
            for hole in 0..<GEOSGetNumInteriorRings_r(context, geometry) {
                rings.append(ring(GEOSGetInteriorRingN_r(context, geometry, hole)!))
            }
            return [PolygonShape(rings: rings)]
        }
        if type == Int32(GEOS_MULTIPOLYGON.rawValue) || type == Int32(GEOS_GEOMETRYCOLLECTION.rawValue) {
            return (0..<GEOSGetNumGeometries_r(context, geometry)).flatMap { polygons(of: GEOSGetGeometryN_r(context, geometry, $0)!) }
        }
        return []
    }

    private func ring(_ geometry: OpaquePointer) -> [PlanarPoint] {
        guard let sequence = GEOSGeom_getCoordSeq_r(context, geometry) else { return [] }
        var count: UInt32 = 0
        GEOSCoordSeq_getSize_r(context, sequence, &count)
        var buffer = [Double](repeating: 0, count: Int(count) * 2)
        GEOSCoordSeq_copyToBuffer_r(context, sequence, &buffer, 0, 0)
        return (0..<Int(count)).map { PlanarPoint(x: buffer[2 * $0], y: buffer[2 * $0 + 1]) }
    }
}
