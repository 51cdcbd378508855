/// `bereikgebieden`: per category and threshold, the area within that walking distance of the
/// category's facilities (reachable network parts, buffered and dissolved). Every feature is a
/// MultiPolygon, also when it has one part, so the layer has one geometry type.
enum ServiceAreaLayer {
    static let fields: [FieldDefinition] = [
        .init("categorie", .string), .init("drempel_m", .real), .init("oppervlakte_ha", .real),
    ]

    /// Writes the layer: GeoJSON with `GeoJSONAreaLayerWriter` on `threads` threads, other
    /// formats through GDAL. Largest threshold first per category, so smaller areas draw on
    /// top in viewers that keep file order.
    static func write(_ result: RunResult, to path: String, format: VectorFormat, threads: Int = 1) throws -> Int {
        let configuration = result.configuration
        var features: [(category: Int, threshold: Int)] = []
        for c in configuration.catalog.categories.indices {
            for t in configuration.distances.thresholds.indices.reversed() where !result.distances.serviceAreas[c][t].isEmpty {
                features.append((c, t))
            }
        }
        func feature(_ index: Int) -> (AreaShape, [FieldValue]) {
            let (c, t) = features[index]
            let area = result.distances.serviceAreas[c][t]
            return (area, [.string(configuration.catalog.categories[c].name), .real(configuration.distances.thresholds[t]),
                           .real(Rounding.count(area.hectares))])
        }
        if format == .geojson {
            try GeoJSONAreaLayerWriter(layerName: "bereikgebieden", fields: fields, threads: threads).write(count: features.count, to: path, feature: feature)
        } else {
            let writer = try VectorLayerWriter(path: path, layerName: "bereikgebieden", fields: fields, format: format, multiPolygons: true)
            for index in features.indices {
                let (area, values) = feature(index)
                try writer.add(.area(area), values)
            }
            try writer.close()
        }
        return features.count
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
