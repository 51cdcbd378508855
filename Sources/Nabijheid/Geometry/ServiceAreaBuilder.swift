import CGEOS

/// Turns reachable network pieces into a service area: the pieces buffered (the last metres
/// from path to front door) and dissolved into polygons with GEOS, simplified to 1 m.
/// Owns its GEOS context; not thread-safe: one per thread.
final class ServiceAreaBuilder {
    private let context: GEOSContextHandle_t
    let buffer: Double
    /// Segments per quarter circle of the buffer's round ends (2 draws circles as octagons,
    /// about 10 % smaller than the circle).
    let quadrantSegments: Int32

    init(buffer: Double, quadrantSegments: Int32 = 2) {
        context = GEOS_init_r()
        GEOSContext_setErrorMessageHandler_r(context, { _, _ in }, nil)
        self.buffer = buffer
        self.quadrantSegments = quadrantSegments
    }

    deinit { GEOS_finish_r(context) }

    func area(_ pieces: [[PlanarPoint]]) -> AreaShape {
        var lines: [OpaquePointer?] = []
        lines.reserveCapacity(pieces.count)
        for piece in pieces where piece.count >= 2 {
            var buffer = [Double]()
            for point in piece { buffer.append(point.x); buffer.append(point.y) }
            guard let sequence = GEOSCoordSeq_copyFromBuffer_r(context, buffer, UInt32(piece.count), 0, 0),
                  let line = GEOSGeom_createLineString_r(context, sequence) else { continue }
            lines.append(line)
        }
        guard !lines.isEmpty else { return AreaShape(polygons: []) }
        // Ownership of the lines passes to the collection.
        let collection = lines.withUnsafeMutableBufferPointer {
            GEOSGeom_createCollection_r(context, Int32(GEOS_MULTILINESTRING.rawValue), $0.baseAddress, UInt32($0.count))
        }
        guard let collection else { return AreaShape(polygons: []) }
        defer { GEOSGeom_destroy_r(context, collection) }
        // Joining the pieces into long lines first leaves far fewer joins for the buffer to union.
        guard let merged = GEOSLineMerge_r(context, collection) else { return AreaShape(polygons: []) }
        defer { GEOSGeom_destroy_r(context, merged) }
        guard let buffered = GEOSBuffer_r(context, merged, buffer, quadrantSegments) else { return AreaShape(polygons: []) }
        defer { GEOSGeom_destroy_r(context, buffered) }
        guard let simplified = GEOSTopologyPreserveSimplify_r(context, buffered, 1.0) else { return AreaShape(polygons: []) }
        defer { GEOSGeom_destroy_r(context, simplified) }
        return AreaShape(polygons: GEOSPolygonReader(context: context).polygons(of: simplified))
    }
}

/// Reads GEOS polygons back into plain coordinates.
struct GEOSPolygonReader {
    let context: GEOSContextHandle_t

    /// The polygons of a (multi)polygon or collection; other parts are dropped.
    func polygons(of geometry: OpaquePointer) -> [PolygonShape] {
        let type = GEOSGeomTypeId_r(context, geometry)
        if type == Int32(GEOS_POLYGON.rawValue) {
            guard GEOSisEmpty_r(context, geometry) == 0 else { return [] }
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
