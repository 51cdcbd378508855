/// `buurten.geojson`, `wijken.geojson`, `gemeenten.geojson`: one feature per area with its
/// polygon, dwelling figures, distances per category, and per profile the class, the reasons
/// and every requirement's figure. docs/schema.md lists the properties.
enum AreaLayer {
    /// With `cbs` (buurten only), per compared category CBS's road distance, the mean walking
    /// distance and a flag, after the other properties.
    static func fields(_ configuration: RunConfiguration, kind: AreaLevel.Kind, cbs: CBSComparison? = nil) -> [FieldDefinition] {
        var fields: [FieldDefinition] = [.init(kind.codeProperty, .string)]
        if kind == .buurt {
            fields += [.init("buurtnaam", .string), .init("wijkcode", .string), .init("gemeentecode", .string),
                       .init("water", .string)]
        } else {
            fields.append(.init("aantal_buurten", .integer))
        }
        fields += [
            .init("aantal_inwoners", .integer), .init("aantal_inwoners_65plus", .real),
            .init("aantal_woningen", .integer), .init("aantal_woningen_routeerbaar", .integer),
            .init("aantal_woningen_niet_routeerbaar", .integer), .init("aantal_woningen_geclusterd", .integer),
        ]
        if configuration.dwellings.attributes.suitabilityField != nil {
            for level in configuration.dwellings.attributes.suitabilityLevels {
                fields.append(.init("aantal_woningen_\(PropertyNames.snake(level))_of_beter", .integer))
            }
        }
        for category in configuration.catalog.categories {
            for threshold in configuration.distances.thresholds {
                fields.append(.init(PropertyNames.share(category.name, within: threshold), .real))
            }
            fields.append(.init(PropertyNames.median(category.name), .real))
        }
        for profile in configuration.mobilityProfiles {
            fields += [.init(PropertyNames.detour(profile.name), .real), .init(PropertyNames.detourP90(profile.name), .real), .init(PropertyNames.lostReach(profile.name), .integer),
                       .init(PropertyNames.unknownShare(profile.name), .real)]
        }
        if let care = configuration.careResponse {
            fields += CareResponseFigures.limits.map { .init(PropertyNames.responseShare(care.category, within: $0), .real) }
            fields.append(.init(PropertyNames.responseMedian(care.category), .real))
        }
        for profile in configuration.assessment.profiles {
            fields += [.init("klasse_\(profile.name)", .string), .init("redenen_\(profile.name)", .string),
                       .init("toelichting_\(profile.name)", .string)]
            for requirement in profile.requirements {
                let prefix = PropertyNames.requirement(profile, requirement)
                fields += [.init("\(prefix)_status", .string), .init("\(prefix)_aandeel", .real)]
                if requirement.isDwellingRequirement {
                    fields += [.init("\(prefix)_inwoners_buiten_bereik", .real), .init("\(prefix)_inwoners_65plus_buiten_bereik", .real)]
                    if case .suitability = requirement.measure { fields.append(.init("\(prefix)_woningen_geschiktheid_onbekend", .integer)) }
                } else if !requirement.isAreaRequirement {
                    fields += [.init("\(prefix)_locaties", .integer), .init("\(prefix)_locaties_onvoldoende", .integer)]
                    if requirement.good != nil { fields.append(.init("\(prefix)_locaties_goed", .integer)) }
                }
            }
        }
        if kind == .buurt, let cbs {
            for category in cbs.categories.map({ configuration.catalog.categories[$0].name }) {
                fields += [.init("cbs_afstand_\(category)_km", .real), .init("gemiddelde_loopafstand_\(category)_m", .real),
                           .init("cbs_signaal_\(category)", .string)]
            }
        }
        return fields
    }

    /// Writes the layer: GeoJSON with `GeoJSONAreaLayerWriter` (an area of one part a Polygon,
    /// of several a MultiPolygon, as GDAL's RFC 7946 mode writes them), other formats through
    /// GDAL. GDAL's GeoJSON driver builds a json-c object per property; with a hundred and more
    /// properties per area that took 0.8 ms a buurt (3.3 s for the 4 161 buurten of 8 M).
    static func write(_ result: RunResult, report: AreaReport, to path: String, format: VectorFormat) throws -> Int {
        let fields = fields(result.configuration, kind: report.level.kind, cbs: report.level.kind == .buurt ? result.cbs : nil)
        if format == .geojson {
            var writer = GeoJSONAreaLayerWriter(layerName: report.level.kind.layerName, fields: fields, threads: 1)
            writer.onePartAsPolygon = true
            try writer.write(count: report.level.count, to: path) { area in
                (report.level.geometry[area], values(result, report: report, area: area))
            }
        } else {
            let writer = try VectorLayerWriter(path: path, layerName: report.level.kind.layerName, fields: fields, format: format)
            for area in 0..<report.level.count {
                try writer.add(.area(report.level.geometry[area]), values(result, report: report, area: area))
            }
            try writer.close()
        }
        return report.level.count
    }

    /// The values of area `area`, one per field of `fields`.
    private static func values(_ result: RunResult, report: AreaReport, area: Int) -> [FieldValue] {
        let configuration = result.configuration
        let kind = report.level.kind
        let cbs = kind == .buurt ? result.cbs : nil
        let withSuitability = configuration.dwellings.attributes.suitabilityField != nil
        let figures = report.figures[area]
        let members = report.level.buurten[area].map { result.buurten[$0] }
        var values: [FieldValue] = [.string(report.level.codes[area])]
        if kind == .buurt {
            let buurt = members[0]
            values += [.string(buurt.name), .string(buurt.wijkcode), .string(buurt.gemeentecode), .string(buurt.isWater ? "JA" : "NEE")]
        } else {
            values.append(.integer(members.count))
        }
        // Totals of CBS figures only when every buurt has them.
        let inhabitants = members.allSatisfy { $0.inhabitants != nil } ? members.reduce(0.0) { $0 + $1.inhabitants! } : nil
        let inhabitants65 = members.allSatisfy { $0.inhabitants != nil && $0.percentage65Plus != nil }
            ? members.reduce(0.0) { $0 + $1.inhabitants! * $1.percentage65Plus! / 100 } : nil
        values += [.integer(inhabitants.map { Int($0.rounded()) }), .real(Rounding.count(inhabitants65)),
                   .integer(figures.dwellings), .integer(figures.routable), .integer(figures.notRoutable), .integer(figures.clustered)]
        if withSuitability { values += figures.suitabilityAtLeast.map { .integer($0) } }
        for category in figures.categories {
            values += category.shareWithin.map { .real(Rounding.share($0)) }
            values.append(.real(Rounding.meters(category.median)))
        }
        for m in configuration.mobilityProfiles.indices {
            let mobility = report.mobility.isEmpty ? nil : report.mobility[area][m]
            values += [.real(mobility?.detourMedian.map { ($0 * 1000).rounded() / 1000 }),
                       .real(mobility?.detourP90.map { ($0 * 1000).rounded() / 1000 }), .integer(mobility?.lostReach),
                       .real(Rounding.share(mobility?.unknownShare))]
        }
        if configuration.careResponse != nil {
            let care = figures.careResponse
            values += CareResponseFigures.limits.indices.map { .real(Rounding.share(care?.shareWithin[$0] ?? nil)) }
            values.append(.real(Rounding.minutes(care?.median)))
        }
        for (p, profile) in configuration.assessment.profiles.enumerated() {
            let outcome = report.outcomes[area][p]
            values += [.string(outcome.classification.rawValue),
                       .string(outcome.reasonCodes.isEmpty ? nil : outcome.reasonCodes.joined(separator: ";")),
                       .string(outcome.reasons.isEmpty ? nil : outcome.reasons.joined(separator: " "))]
            for (r, requirement) in profile.requirements.enumerated() {
                let result = outcome.requirements[r]
                values += [.string(result.status.rawValue), .real(Rounding.share(result.share))]
                if requirement.isDwellingRequirement {
                    values += [.real(Rounding.count(result.residentsOutOfReach)), .real(Rounding.count(result.residents65OutOfReach))]
                    if case .suitability = requirement.measure { values.append(.integer(result.unknown)) }
                } else if !requirement.isAreaRequirement {
                    values += [.integer(result.population), .integer(result.population - result.within)]
                    if requirement.good != nil { values.append(.integer(result.good)) }
                }
            }
        }
        if let cbs {
            for entry in cbs.entries[area] {
                values += [.real(entry.cbsKm.map { ($0 * 1000).rounded() / 1000 }), .real(Rounding.meters(entry.walkingMean)), .string(entry.flag?.rawValue)]
            }
        }
        return values
    }
}
