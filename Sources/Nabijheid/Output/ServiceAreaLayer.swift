/// `bereikgebieden`: per category and threshold, the area within that walking distance of the
/// category's facilities (reachable network parts, buffered and dissolved). Every feature is a
/// MultiPolygon, also when it has one part, so the layer has one geometry type.
enum ServiceAreaLayer {
    static let fields: [FieldDefinition] = [
        .init("categorie", .string), .init("drempel_m", .real), .init("oppervlakte_ha", .real),
    ]

    static func write(_ result: RunResult, to path: String, format: VectorFormat) throws -> Int {
        let configuration = result.configuration
        let writer = try VectorLayerWriter(path: path, layerName: "bereikgebieden", fields: fields, format: format, multiPolygons: true)
        var count = 0
        // Largest threshold first, so smaller areas draw on top in viewers that keep file order.
        for (c, category) in configuration.catalog.categories.enumerated() {
            for (t, threshold) in configuration.distances.thresholds.enumerated().reversed() {
                let area = result.distances.serviceAreas[c][t]
                guard !area.isEmpty else { continue }
                try writer.add(.area(area), [.string(category.name), .real(threshold), .real(Rounding.count(area.hectares))])
                count += 1
            }
        }
        try writer.close()
        return count
    }
}

extension AreaShape {
    /// Area in hectares (outer rings minus holes, shoelace formula in RD New).
    var hectares: Double {
        func ringArea(_ ring: [PlanarPoint]) -> Double {
            abs(zip(ring, ring.dropFirst()).reduce(0.0) { $0 + ($1.0.x * $1.1.y - $1.1.x * $1.0.y) }) / 2
        }
        return polygons.reduce(0.0) { total, polygon in
            total + ringArea(polygon.rings[0]) - polygon.rings.dropFirst().reduce(0.0) { $0 + ringArea($1) }
        } / 10_000
    }
}
