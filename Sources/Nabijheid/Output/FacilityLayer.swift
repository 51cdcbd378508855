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

    static func write(_ result: RunResult, to path: String, format: VectorFormat) throws -> Int {
        let configuration = result.configuration
        let writer = try VectorLayerWriter(path: path, layerName: "voorzieningen", fields: fields(configuration), format: format, pointsOnly: true)
        let categories = configuration.catalog.categories
        let requirements = facilityRequirements(configuration)
        for (index, facility) in result.facilities.enumerated() {
            let buurt = result.facilityBuurt[index]
            let link = result.facilityLinks[index]
            var values: [FieldValue] = [
                .string(facility.id), .string(facility.name), .string(categories[facility.category].name), .string(facility.source),
                .string(buurt >= 0 ? result.buurten[Int(buurt)].code : nil),
                .real(link.isRoutable ? Rounding.meters(Double(link.connector)) : nil),
                .string(facility.accessibility.rawValue), .string(facility.accessibilitySource),
            ]
            values += categories.indices.map { .real(Rounding.meters(Double(result.distances.facilityToCategory[$0].distance[index]))) }
            for (_, requirement) in requirements {
                let distance = Double(result.requirementDistances.facility(requirement, index))
                values.append(.string(requirementClass(requirement, facility: facility, distance: distance)))
            }
            try writer.add(.point(facility.position), values)
        }
        try writer.close()
        return result.facilities.count
    }
}
