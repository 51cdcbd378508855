/// `verschil.geojson`: per buurt the class and every requirement's share now and with the plan,
/// and whether the buurt gets worse. Buurten without any change are included with equal values,
/// so the layer colours the whole area. `verschil.qml` (QGISStyle.difference) styles it.
enum DifferenceLayer {
    static func fields(_ configuration: RunConfiguration, profiles: [Int]) -> [FieldDefinition] {
        var fields: [FieldDefinition] = [.init("buurtcode", .string), .init("buurtnaam", .string), .init("slechter", .integer),
                                         .init("aantal_woningen_huidig", .integer), .init("aantal_woningen_plan", .integer)]
        for p in profiles {
            let profile = configuration.assessment.profiles[p]
            fields += [.init("klasse_\(profile.name)_huidig", .string), .init("klasse_\(profile.name)_plan", .string)]
            for requirement in profile.requirements {
                let prefix = PropertyNames.requirement(profile, requirement)
                fields += [.init("\(prefix)_aandeel_huidig", .real), .init("\(prefix)_aandeel_plan", .real), .init("\(prefix)_aandeel_verschil", .real)]
            }
        }
        return fields
    }

    static func write(_ report: CheckReport, current: RunResult, planned: RunResult, profiles: [Int], to path: String) throws {
        let configuration = current.configuration
        let fields = Self.fields(configuration, profiles: profiles)
        let worse = Set(report.buurten.filter(\.slechter).map(\.buurtcode))
        let writer = try VectorLayerWriter(path: path, layerName: "verschil", fields: fields)
        let now = current.areas[0], then = planned.areas[0]
        for (b, buurt) in current.buurten.enumerated() {
            var values: [FieldValue] = [.string(buurt.code), .string(buurt.name), .integer(worse.contains(buurt.code) ? 1 : 0),
                                        .integer(now.figures[b].dwellings), .integer(then.figures[b].dwellings)]
            for p in profiles {
                values += [.string(now.outcomes[b][p].classification.rawValue), .string(then.outcomes[b][p].classification.rawValue)]
                for r in configuration.assessment.profiles[p].requirements.indices {
                    let a = Rounding.share(now.outcomes[b][p].requirements[r].share), c = Rounding.share(then.outcomes[b][p].requirements[r].share)
                    values += [.real(a), .real(c), .real(a.flatMap { a in c.map { Rounding.share($0 - a)! } })]
                }
            }
            try writer.add(.area(buurt.area), values)
        }
        try writer.close()
    }
}
