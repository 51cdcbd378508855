/// `woningen.geojson`: one point per dwelling with, per category, the walking distance, the
/// nearest facility, and the straight-line distance to it (the detour ratio shows network faults).
enum DwellingLayer {
    static func fields(_ configuration: RunConfiguration) -> [FieldDefinition] {
        var fields: [FieldDefinition] = [
            .init("woning_id", .string), .init("buurtcode", .string), .init("status", .string), .init("aansluiting_m", .real),
        ]
        for category in configuration.catalog.categories {
            fields.append(.init(PropertyNames.distance(category.name), .real))
            fields.append(.init(PropertyNames.nearest(category.name), .string))
            fields.append(.init(PropertyNames.straightLine(category.name), .real))
        }
        for profile in configuration.mobilityProfiles {
            for category in configuration.catalog.categories {
                fields.append(.init(PropertyNames.distance(category.name, profile: profile.name), .real))
            }
        }
        if let care = configuration.careResponse { fields.append(.init(PropertyNames.responseTime(care.category), .real)) }
        return fields
    }

    /// Writes the layer: GeoJSON (a FeatureCollection, or a Text Sequence when `sequence`) with
    /// `GeoJSONPointLayerWriter` on `threads` threads, other formats through GDAL.
    static func write(_ result: RunResult, to path: String, format: VectorFormat, sequence: Bool, threads: Int) throws -> Int {
        let fields = fields(result.configuration)
        if format == .geojson {
            let writer = GeoJSONPointLayerWriter(layerName: "woningen", fields: fields, framing: sequence ? .sequence : .featureCollection,
                                                 threads: threads)
            try writer.write(count: result.dwellings.count, to: path, position: { result.dwellings[$0].position }) { values(result, $0, into: &$1) }
        } else {
            let writer = try VectorLayerWriter(path: path, layerName: "woningen", fields: fields, format: format, pointsOnly: true)
            var row: [FieldValue] = []
            for index in result.dwellings.indices {
                row.removeAll(keepingCapacity: true)
                values(result, index, into: &row)
                try writer.add(.point(result.dwellings[index].position), row)
            }
            try writer.close()
        }
        return result.dwellings.count
    }

    /// Appends the values of dwelling `index`, one per field of `fields`.
    private static func values(_ result: RunResult, _ index: Int, into values: inout [FieldValue]) {
        let categoryCount = result.configuration.catalog.categories.count
        let dwelling = result.dwellings[index]
        let buurt = result.dwellingBuurt[index]
        let link = result.dwellingLinks[index]
        values.append(.string(dwelling.id))
        values.append(.string(buurt >= 0 ? result.buurten[Int(buurt)].code : nil))
        values.append(.string(result.outcomes[index].code))
        values.append(.real(link.isRoutable ? Rounding.meters(Double(link.connector)) : nil))
        for category in 0..<categoryCount {
            if let facility = result.distances.nearestFacility(category: category, dwelling: index) {
                values.append(.real(Rounding.meters(Double(result.distances.perCategory[category].distance[index]))))
                values.append(.string(result.facilities[facility].id))
                values.append(.real(Rounding.meters(dwelling.position.distance(to: result.facilities[facility].position))))
            } else {
                values.append(.real(nil))
                values.append(.string(nil))
                values.append(.real(nil))
            }
        }
        for network in result.networks.dropFirst() {
            for category in 0..<categoryCount {
                values.append(.real(Rounding.meters(Double(network.categories.perCategory[category].distance[index]))))
            }
        }
        if let care = result.careResponse { values.append(.real(Rounding.minutes(Double(care.minutes[index])))) }
    }
}
