/// Reads a requirement's `measure` key and, for the measures other than distance, the whole
/// requirement:
///
/// - `measure = "geschiktheid"` (R6): `min_level` (one of `dwellings.suitability_levels`),
///   optional `from` (`woningen` or `geclusterde_woningen`), `share`, `weighting`, and
///   `without_suitability_field` (`"onbekend"`, the default, or `"niet_van_toepassing"`).
/// - `measure = "inwoners"` (R9): `min_inwoners` and/or `max_inwoners` (inclusive) and
///   `level` (`"wijk"` by default).
///
/// Keys that belong to another measure (`to`, `threshold_m` with `geschiktheid`, `min_level`
/// with `afstand`, …) are refused with a message naming the key, not ignored.
enum RequirementMeasureLoader {
    static let measureNames = ["afstand", "geschiktheid", "inwoners", "aanrijtijd"]
    /// The keys only one measure reads.
    static let ownKeys: [(measure: String, keys: [String])] = [
        ("afstand", ["to", "threshold_m", "good_m", "from_categories"]),
        ("geschiktheid", ["min_level", "without_suitability_field"]),
        ("inwoners", ["min_inwoners", "max_inwoners", "level"]),
    ]

    /// nil for `measure = "afstand"` (or no `measure`) and `"aanrijtijd"`: `ProfileLoader` reads the rest.
    /// Otherwise the requirement, with every key of the table checked.
    static func requirement(_ table: ConfigTable, id: String, suitabilityLevels: [String], file: String) throws -> Requirement? {
        let name = try table.string("measure", default: "afstand")
        guard measureNames.contains(name) else {
            throw InputError("\(file): key '\(table.keyPath("measure"))' must be \(measureNames.map { "\"\($0)\"" }.joined(separator: ", ")), found \"\(name)\"")
        }
        // Response time (R8) is read by `ResponseTimeRequirement`, called from `ProfileLoader`.
        if name == "aanrijtijd" { return nil }
        for (other, keys) in ownKeys where other != name {
            for key in keys where table.has(key) {
                throw InputError("\(file): key '\(table.keyPath(key))' does not fit measure = \"\(name)\"; it belongs to measure = \"\(other)\"")
            }
        }
        if name == "afstand" { return nil }
        var requirement = Requirement(id: id, label: try table.string("label", default: id), population: .dwellings, targets: [],
                                      threshold: 0, good: nil, share: 1, weighting: .woningen,
                                      source: try table.string("source", default: ""))
        if name == "geschiktheid" {
            requirement.measure = .suitability(try suitability(table, levels: suitabilityLevels, file: file))
            switch try table.string("from", default: "woningen") {
            case "woningen": requirement.population = .dwellings
            case "geclusterde_woningen": requirement.population = .clusteredDwellings
            case let other:
                throw InputError("\(file): key '\(table.keyPath("from"))' must be \"woningen\" or \"geclusterde_woningen\" for measure = \"geschiktheid\", found \"\(other)\"")
            }
            requirement.share = try share(table, file: file)
            requirement.weighting = try weighting(table, file: file)
        } else {
            for key in ["from", "share", "weighting"] where table.has(key) {
                throw InputError("\(file): key '\(table.keyPath(key))' does not fit measure = \"inwoners\": the requirement judges an area's CBS inhabitants, not a share of dwellings")
            }
            requirement.measure = .inhabitants(try inhabitants(table, file: file))
        }
        try table.rejectUnknownKeys()
        return requirement
    }

    private static func suitability(_ table: ConfigTable, levels: [String], file: String) throws -> SuitabilityMeasure {
        guard let level = try table.string("min_level"), !level.isEmpty else {
            throw InputError("\(file): key '\(table.keyPath("min_level"))' is required for measure = \"geschiktheid\": one of \(levels.map { "\"\($0)\"" }.joined(separator: ", ")) (dwellings.suitability_levels)")
        }
        // The dwelling reader compares levels without case; so does this.
        guard let index = levels.firstIndex(where: { $0.lowercased() == level.lowercased() }) else {
            throw InputError("\(file): key '\(table.keyPath("min_level"))' names unknown suitability level \"\(level)\"; dwellings.suitability_levels are \(levels.joined(separator: ", "))")
        }
        let without = try table.string("without_suitability_field", default: RequirementOutcome.Status.onbekend.rawValue)
        let allowed: [RequirementOutcome.Status] = [.onbekend, .nietVanToepassing]
        guard let status = allowed.first(where: { $0.rawValue == without }) else {
            throw InputError("\(file): key '\(table.keyPath("without_suitability_field"))' must be \"onbekend\" or \"niet_van_toepassing\", found \"\(without)\"")
        }
        return SuitabilityMeasure(minimumLevel: index, levelName: levels[index], withoutField: status)
    }

    private static func inhabitants(_ table: ConfigTable, file: String) throws -> InhabitantsMeasure {
        let minimum = try table.number("min_inwoners"), maximum = try table.number("max_inwoners")
        guard minimum != nil || maximum != nil else {
            throw InputError("\(file): measure = \"inwoners\" needs key '\(table.keyPath("min_inwoners"))' or '\(table.keyPath("max_inwoners"))' (inhabitants, inclusive)")
        }
        for (key, value) in [("min_inwoners", minimum), ("max_inwoners", maximum)] {
            if let value, value < 0 || !value.isFinite {
                throw InputError("\(file): key '\(table.keyPath(key))' must be zero or more inhabitants, found \(value)")
            }
        }
        if let minimum, let maximum, minimum > maximum {
            throw InputError("\(file): key '\(table.keyPath("min_inwoners"))' (\(minimum)) is more than '\(table.keyPath("max_inwoners"))' (\(maximum))")
        }
        let levelName = try table.string("level", default: AreaLevel.Kind.wijk.rawValue)
        guard let level = AreaLevel.Kind(rawValue: levelName) else {
            throw InputError("\(file): key '\(table.keyPath("level"))' must be \(AreaLevel.Kind.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")), found \"\(levelName)\"")
        }
        return InhabitantsMeasure(minimum: minimum ?? 0, maximum: maximum ?? .infinity, level: level)
    }

    /// As `ProfileLoader` reads `share` for distance requirements.
    private static func share(_ table: ConfigTable, file: String) throws -> Double {
        let share = try table.number("share") ?? 1
        guard (0...1).contains(share) else {
            throw InputError("\(file): key '\(table.keyPath("share"))' must be a fraction between 0 and 1 (0.9 for 90 %), found \(share)")
        }
        return share
    }

    /// As `ProfileLoader` reads `weighting` for dwelling requirements.
    private static func weighting(_ table: ConfigTable, file: String) throws -> RequirementWeighting {
        let name = try table.string("weighting", default: RequirementWeighting.woningen.rawValue)
        guard let weighting = RequirementWeighting(rawValue: name) else {
            throw InputError("\(file): key '\(table.keyPath("weighting"))' must be one of \(RequirementWeighting.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")), found \"\(name)\"")
        }
        return weighting
    }
}
