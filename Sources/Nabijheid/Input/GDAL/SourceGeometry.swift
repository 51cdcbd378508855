import CGDAL

/// A geometry as read from a file, in the source CRS (x = easting or longitude). Only the
/// kinds the tool uses are kept; anything else is `.other` and is reported by the reader.
enum SourceGeometry {
    case point(x: Double, y: Double)
    case lineStrings([[(Double, Double)]])
    case polygons([[[(Double, Double)]]])
    case other(String)

    init(_ geometry: OGRGeometryH) {
        let type = OGR_GT_Flatten(OGR_G_GetGeometryType(geometry))
        switch type {
        case wkbPoint:
            self = .point(x: OGR_G_GetX(geometry, 0), y: OGR_G_GetY(geometry, 0))
        case wkbLineString:
            self = .lineStrings([SourceGeometry.coordinates(of: geometry)])
        case wkbMultiLineString:
            self = .lineStrings(SourceGeometry.children(of: geometry).map(SourceGeometry.coordinates(of:)))
        case wkbPolygon:
            self = .polygons([SourceGeometry.rings(of: geometry)])
        case wkbMultiPolygon:
            self = .polygons(SourceGeometry.children(of: geometry).map(SourceGeometry.rings(of:)))
        default:
            self = .other(String(cString: OGRGeometryTypeToName(type)))
        }
    }

    var kindName: String {
        switch self {
        case .point: return "Point"
        case .lineStrings: return "LineString"
        case .polygons: return "Polygon"
        case .other(let name): return name
        }
    }

    private static func children(of geometry: OGRGeometryH) -> [OGRGeometryH] {
        (0..<OGR_G_GetGeometryCount(geometry)).compactMap { OGR_G_GetGeometryRef(geometry, $0) }
    }

    /// The rings, each closed (first point repeated last) also when the file left it open:
    /// RFC 7946 §3.1.6 requires closed rings, and GEOS builds no ring otherwise.
    private static func rings(of polygon: OGRGeometryH) -> [[(Double, Double)]] {
        children(of: polygon).map { ring in
            var points = coordinates(of: ring)
            if let first = points.first, let last = points.last, first != last { points.append(first) }
            return points
        }
    }

    private static func coordinates(of curve: OGRGeometryH) -> [(Double, Double)] {
        let count = Int(OGR_G_GetPointCount(curve))
        guard count > 0 else { return [] }
        var xs = [Double](repeating: 0, count: count)
        var ys = [Double](repeating: 0, count: count)
        xs.withUnsafeMutableBytes { x in
            ys.withUnsafeMutableBytes { y in
                _ = OGR_G_GetPoints(curve, x.baseAddress, Int32(MemoryLayout<Double>.stride), y.baseAddress, Int32(MemoryLayout<Double>.stride), nil, 0)
            }
        }
        return (0..<count).map { (xs[$0], ys[$0]) }
    }
}

extension VectorFeature {
    /// A point that lies inside the feature's area (GDAL's point-on-surface), or the point
    /// itself; nil for an empty geometry. In the source CRS.
    var pointOnSurface: (Double, Double)? {
        guard let geometry = OGR_F_GetGeometryRef(handle), OGR_G_IsEmpty(geometry) == 0 else { return nil }
        let type = OGR_GT_Flatten(OGR_G_GetGeometryType(geometry))
        if type == wkbPoint { return (OGR_G_GetX(geometry, 0), OGR_G_GetY(geometry, 0)) }
        guard let point = OGR_G_PointOnSurface(geometry) else { return nil }
        defer { OGR_G_DestroyGeometry(point) }
        guard OGR_G_IsEmpty(point) == 0 else { return nil }
        return (OGR_G_GetX(point, 0), OGR_G_GetY(point, 0))
    }
}
