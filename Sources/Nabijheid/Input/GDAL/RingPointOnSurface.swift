import CGDAL

/// GDAL's point-on-surface of a multipolygon handed over as flat rings (by the libosmium
/// reader): the same geometry type and the same call as `VectorFeature.pointOnSurface` on a
/// feature of GDAL's OSM 'multipolygons' layer, so both readers place an area at the same point.
enum RingPointOnSurface {
    /// - Parameters:
    ///   - ringsPerPolygon: rings of each polygon, the outer one first.
    ///   - pointsPerRing: points of each ring, in order.
    ///   - coordinates: x, y pairs of all rings in order, each ring closed.
    /// - Returns: nil when GDAL finds no point (an empty or degenerate geometry).
    static func point(ringsPerPolygon: UnsafeBufferPointer<Int>, pointsPerRing: UnsafePointer<Int>,
                      coordinates: UnsafePointer<Double>) -> (Double, Double)? {
        guard let multi = OGR_G_CreateGeometry(wkbMultiPolygon) else { return nil }
        defer { OGR_G_DestroyGeometry(multi) }
        var ring = 0, offset = 0
        let stride = Int32(2 * MemoryLayout<Double>.stride)
        for rings in ringsPerPolygon {
            guard let polygon = OGR_G_CreateGeometry(wkbPolygon) else { return nil }
            for _ in 0..<rings {
                let count = pointsPerRing[ring]
                ring += 1
                guard let linear = OGR_G_CreateGeometry(wkbLinearRing) else { return nil }
                OGR_G_SetPoints(linear, Int32(count), coordinates + 2 * offset, stride, coordinates + 2 * offset + 1, stride, nil, 0)
                OGR_G_AddGeometryDirectly(polygon, linear)
                offset += count
            }
            OGR_G_AddGeometryDirectly(multi, polygon)
        }
        guard OGR_G_IsEmpty(multi) == 0, let point = OGR_G_PointOnSurface(multi) else { return nil }
        defer { OGR_G_DestroyGeometry(point) }
        guard OGR_G_IsEmpty(point) == 0 else { return nil }
        return (OGR_G_GetX(point, 0), OGR_G_GetY(point, 0))
    }
}
