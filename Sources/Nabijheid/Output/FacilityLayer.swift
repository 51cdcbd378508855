/// `voorzieningen.geojson`: every facility with its category, source and source id, its walking
/// distance to the nearest facility of every category, and for woonzorgvoorzieningen the class
/// per facility requirement (R3: goed / acceptabel / onvoldoende).
enum FacilityLayer {
    static func fields(_ configuration: RunConfiguration) -> [FieldDefinition] {
        var fields: [FieldDefinition] = [
            .init("voorziening_id", .string), .init("naam", .string), .init("categorie", .string), .init("bron", .string),
            .init("buurtcode", .string), .init("aansluiting_m", .real),
            .init("toegankelijkheid", .string), .init("toegankelijkheid_bron", .string),
        ]
        fields += configuration.catalog.categories.map { .init(PropertyNames.distance($0.name), .real) }
        for (profile, requirement) in facilityRequirements(configuration) {
            fields.append(.init("\(PropertyNames.requirement(profile, requirement))_klasse", .string))
        }
        return fields
    }

    static func facilityRequirements(_ configuration: RunConfiguration) -> [(RequirementProfile, Requirement)] {
        configuration.assessment.profiles.flatMap { profile in
            profile.requirements.filter { !$0.isDwellingRequirement && !$0.isAreaRequirement }.map { (profile, $0) }
        }
    }

    /// goed (≤ good_m), acceptabel (≤ threshold_m), onvoldoende; nil when the requirement does
    /// not apply to this facility's category.
    static func requirementClass(_ requirement: Requirement, facility: Facility, distance: Double) -> String? {
        guard case .facilities(let sources) = requirement.population, sources.contains(facility.category) else { return nil }
        if let good = requirement.good, distance <= good { return "goed" }
        return distance <= requirement.threshold ? "acceptabel" : "onvoldoende"
    }

    /// Writes the layer: GeoJSON with `GeoJSONPointLayerWriter` (GDAL's GeoJSON driver builds a
    /// json-c object per property: 0.6 s for the facilities of 8 M), other formats through GDAL.
    static func write(_ result: RunResult, to path: String, format: VectorFormat) throws -> Int {
        let configuration = result.configuration
        let fields = fields(configuration)
        let categories = configuration.catalog.categories
        let requirements = facilityRequirements(configuration)
        /// The values of facility `index`, one per field.
        func put<Sink: PropertySink>(_ index: Int, into sink: inout Sink) {
            let facility = result.facilities[index]
            let buurt = result.facilityBuurt[index]
            let link = result.facilityLinks[index]
            sink.string(facility.id)
            sink.string(facility.name)
            sink.string(categories[facility.category].name)
            sink.string(facility.source)
            sink.string(buurt >= 0 ? result.buurten[Int(buurt)].code : nil)
            sink.real(link.isRoutable ? Rounding.meters(Double(link.connector)) : nil)
            sink.string(facility.accessibility.rawValue)
            sink.string(facility.accessibilitySource)
            for category in categories.indices {
                sink.real(Rounding.meters(Double(result.distances.facilityToCategory[category].distance[index])))
            }
            for (_, requirement) in requirements {
                let distance = Double(result.requirementDistances.facility(requirement, index))
                sink.string(requirementClass(requirement, facility: facility, distance: distance))
            }
        }
        if format == .geojson {
            // The most bytes one facility's values take, from the values `put` gives (keys not
            // counted): a few thousand facilities, so measuring each costs nothing.
            let noKeys = GeoJSONText.PropertyKeys([])
            var row = FieldValueRow(), room = 0
            for index in result.facilities.indices {
                row.values.removeAll(keepingCapacity: true)
                put(index, into: &row)
                room = max(room, noKeys.maximumLength(with: row.values))
            }
            let writer = GeoJSONPointLayerWriter(layerName: "voorzieningen", fields: fields, framing: .featureCollection, threads: 1)
            try writer.write(count: result.facilities.count, to: path, valueRoom: room, position: { result.facilities[$0].position },
                             properties: { put($0, into: &$1) })
        } else {
            try VectorLayerWriter.writePoints(path: path, layerName: "voorzieningen", fields: fields, format: format,
                                              count: result.facilities.count, position: { result.facilities[$0].position },
                                              properties: { put($0, into: &$1) })
        }
        return result.facilities.count
    }
}
