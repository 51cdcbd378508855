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
        let columns = Columns(result)
        try columns.withRows { rows in
            if format == .geojson {
                let writer = GeoJSONPointLayerWriter(layerName: "woningen", fields: fields, framing: sequence ? .sequence : .featureCollection,
                                                     threads: threads)
                try writer.write(count: rows.count, to: path, valueRoom: rows.valueRoom(fieldCount: fields.count),
                                 position: { rows.dwellings[$0].position }) { rows.put($0, into: &$1) }
            } else {
                try VectorLayerWriter.writePoints(path: path, layerName: "woningen", fields: fields, format: format, count: rows.count,
                                                  position: { rows.dwellings[$0].position }) { rows.put($0, into: &$1) }
            }
        }
        return result.dwellings.count
    }

    /// The run's per-dwelling arrays the layer reads, and its repeated strings escaped once.
    private struct Columns {
        var dwellings: [Dwelling]
        var buurt: [Int32]
        var outcomes: [DwellingOutcome]
        var links: [NetworkLink]
        /// Per category (standaard network): distance and index into `facilityIndices[c]`.
        var distance: [[Float]]
        var nearest: [[Int32]]
        var facilityIndices: [[Int32]]
        /// Per mobility profile, then category: the distance on the profile's network.
        var profileDistance: [[Float]]
        var care: [Float]
        var facilityPositions: [PlanarPoint]
        var facilityIDs: JSONStringTable
        var buurtCodes: JSONStringTable
        var statusCodes = JSONStringTable(DwellingOutcome.allCases.sorted { $0.rawValue < $1.rawValue }.map(\.code))

        init(_ result: RunResult) {
            dwellings = result.dwellings
            buurt = result.dwellingBuurt
            outcomes = result.outcomes
            links = result.dwellingLinks
            distance = result.distances.perCategory.map(\.distance)
            nearest = result.distances.perCategory.map(\.facility)
            facilityIndices = result.distances.facilityIndices.map { $0.map { Int32($0) } }
            profileDistance = result.networks.dropFirst().flatMap { $0.categories.perCategory.map(\.distance) }
            care = result.careResponse?.minutes ?? []
            facilityPositions = result.facilities.map(\.position)
            facilityIDs = JSONStringTable(result.facilities.map(\.id))
            buurtCodes = JSONStringTable(result.buurten.map(\.code))
        }

        /// Runs `body` with the arrays as buffers, so that reading a row retains nothing.
        func withRows<R>(_ body: (Rows) throws -> R) rethrows -> R {
            try dwellings.withUnsafeBufferPointer { dwellings in
                try buurt.withUnsafeBufferPointer { buurt in
                    try outcomes.withUnsafeBufferPointer { outcomes in
                        try links.withUnsafeBufferPointer { links in
                            try care.withUnsafeBufferPointer { care in
                                try facilityPositions.withUnsafeBufferPointer { facilityPositions in
                                    try withBuffers(distance) { distance in
                                        try withBuffers(nearest) { nearest in
                                            try withBuffers(facilityIndices) { facilityIndices in
                                                try withBuffers(profileDistance) { profileDistance in
                                                    try body(Rows(dwellings: dwellings, buurt: buurt, outcomes: outcomes, links: links,
                                                                  distance: distance, nearest: nearest, facilityIndices: facilityIndices,
                                                                  profileDistance: profileDistance, care: care.isEmpty ? nil : care,
                                                                  facilityPositions: facilityPositions, facilityIDs: facilityIDs,
                                                                  buurtCodes: buurtCodes, statusCodes: statusCodes))
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// One dwelling's values, read from buffers (valid inside `Columns.withRows` only).
    private struct Rows {
        let dwellings: UnsafeBufferPointer<Dwelling>
        let buurt: UnsafeBufferPointer<Int32>
        let outcomes: UnsafeBufferPointer<DwellingOutcome>
        let links: UnsafeBufferPointer<NetworkLink>
        let distance: [UnsafeBufferPointer<Float>]
        let nearest: [UnsafeBufferPointer<Int32>]
        let facilityIndices: [UnsafeBufferPointer<Int32>]
        let profileDistance: [UnsafeBufferPointer<Float>]
        let care: UnsafeBufferPointer<Float>?
        let facilityPositions: UnsafeBufferPointer<PlanarPoint>
        let facilityIDs: JSONStringTable
        let buurtCodes: JSONStringTable
        let statusCodes: JSONStringTable

        var count: Int { dwellings.count }

        /// The most bytes one dwelling's values take in GeoJSON.
        func valueRoom(fieldCount: Int) -> Int {
            let longestID = dwellings.reduce(0) { max($0, $1.identifier.maximumJSONLength) }
            return fieldCount * GeoJSONText.maximumNumberLength + longestID + buurtCodes.maximumLength + statusCodes.maximumLength
                + distance.count * facilityIDs.maximumLength
        }

        /// Writes the values of dwelling `index`, one per field of `fields`.
        func put<Sink: PropertySink>(_ index: Int, into sink: inout Sink) {
            ColumnPrefetch.ahead(distance, row: index)
            ColumnPrefetch.ahead(nearest, row: index)
            ColumnPrefetch.ahead(profileDistance, row: index)
            let position = dwellings[index].position
            let inBuurt = buurt[index]
            let link = links[index]
            sink.string(dwellings[index].identifier)
            sink.string(buurtCodes, inBuurt >= 0 ? Int(inBuurt) : nil)
            sink.string(statusCodes, Int(outcomes[index].rawValue))
            sink.tenths(link.isRoutable ? Double(link.connector) : nil)
            for category in distance.indices {
                let local = nearest[category][index]
                if local != NearestFacilitySearch.noFacility {
                    let facility = Int(facilityIndices[category][Int(local)])
                    sink.tenths(Double(distance[category][index]))
                    sink.string(facilityIDs, facility)
                    sink.tenths(position.distance(to: facilityPositions[facility]))
                } else {
                    sink.real(nil)
                    sink.string(facilityIDs, nil)
                    sink.real(nil)
                }
            }
            for profile in profileDistance { sink.tenths(Double(profile[index])) }
            if let care { sink.tenths(Double(care[index])) }
        }
    }
}
