/// Reads `[[profiles]]` and `[assessment]`; without `[[profiles]]` the shipped defaults
/// (`DefaultProfiles.toml`) are read by the same code.
enum ProfileLoader {
    /// The file name in messages about the shipped profiles.
    static let shippedProfilesFile = "(standaardprofielen)"

    /// `networks`: the names a requirement's `network` may take (standaard and the mobility
    /// profiles of the run); `suitabilityLevels`: `dwellings.suitability_levels`, which an R6
    /// requirement's `min_level` must name.
    static func load(_ root: ConfigTable, catalog: FacilityCatalog, file: String,
                     networks: [String] = [MobilityProfile.standaardName],
                     suitabilityLevels: [String] = DwellingAttributes().suitabilityLevels) throws -> AssessmentSettings {
        let assessment = try root.table("assessment")
        let minimum = try assessment?.integer("min_dwellings") ?? 10
        guard minimum >= 0 else { throw InputError("\(file): key 'assessment.min_dwellings' must be zero or more, found \(minimum)") }
        var profiles: [RequirementProfile]
        let selected = try assessment?.strings("profiles")
        if let tables = try root.tables("profiles") {
            profiles = try tables.map { try profile($0, catalog: catalog, file: file, networks: networks, suitabilityLevels: suitabilityLevels) }
        } else if selected?.isEmpty == true {
            // No profiles wanted: the shipped ones need not fit the catalogue.
            profiles = []
        } else {
            let defaults = try ConfigTable.parse(DefaultProfiles.toml, file: shippedProfilesFile)
            do {
                // A shipped requirement on a mobility profile the run leaves out (network.mobility_profiles = [])
                // is judged on the standaard network.
                profiles = try (defaults.tables("profiles") ?? []).map {
                    try profile($0, catalog: catalog, file: shippedProfilesFile, networks: networks, suitabilityLevels: suitabilityLevels, fallback: true)
                }
            } catch let error as InputError {
                throw InputError("\(file): the standard profiles do not fit this facility catalogue or these suitability levels (\(error.message)); define [[profiles]] yourself, or set assessment.profiles = []")
            }
        }
        var seen: Set<String> = []
        for profile in profiles where !seen.insert(profile.name).inserted {
            throw InputError("\(file): profile \"\(profile.name)\" is defined twice")
        }
        if let selected {
            for name in selected where !seen.contains(name) {
                throw InputError("\(file): key 'assessment.profiles' names unknown profile \"\(name)\"; profiles are \(profiles.map(\.name).joined(separator: ", "))")
            }
            profiles = selected.compactMap { name in profiles.first { $0.name == name } }
        }
        try assessment?.rejectUnknownKeys()
        return AssessmentSettings(profiles: profiles, minimumDwellings: minimum)
    }

    private static func profile(_ table: ConfigTable, catalog: FacilityCatalog, file: String, networks: [String],
                                suitabilityLevels: [String], fallback: Bool = false) throws -> RequirementProfile {
        let name = try table.requiredString("name")
        guard name.range(of: "^[a-z][a-z0-9_]*$", options: .regularExpression) != nil else {
            throw InputError("\(file): key '\(table.keyPath("name"))' must be snake_case (a-z, 0-9, _), found \"\(name)\"")
        }
        let label = try table.string("label", default: name)
        guard let requirementTables = try table.tables("requirements"), !requirementTables.isEmpty else {
            throw InputError("\(file): profile \"\(name)\" has no [[profiles.requirements]]")
        }
        var requirements: [Requirement] = []
        for requirementTable in requirementTables {
            guard let requirement = try self.requirement(requirementTable, catalog: catalog, file: file, networks: networks,
                                                         suitabilityLevels: suitabilityLevels, fallback: fallback) else { continue }
            guard !requirements.contains(where: { $0.id == requirement.id }) else {
                throw InputError("\(file): profile \"\(name)\" has requirement \"\(requirement.id)\" twice")
            }
            requirements.append(requirement)
        }
        try table.rejectUnknownKeys()
        return RequirementProfile(name: name, label: label, requirements: requirements)
    }

    /// nil only for a shipped `aanrijtijd` requirement (R8) when the catalogue has no care category.
    private static func requirement(_ table: ConfigTable, catalog: FacilityCatalog, file: String, networks: [String],
                                    suitabilityLevels: [String], fallback: Bool) throws -> Requirement? {
        let id = try table.requiredString("id")
        guard id.range(of: "^[A-Za-z][A-Za-z0-9_]*$", options: .regularExpression) != nil else {
            throw InputError("\(file): key '\(table.keyPath("id"))' must be letters, digits and _ (e.g. \"R1\"), found \"\(id)\"")
        }
        // Suitability (R6) and inhabitants (R9) are read there; distance goes on here.
        if let measured = try RequirementMeasureLoader.requirement(table, id: id, suitabilityLevels: suitabilityLevels, file: file) { return measured }
        func categories(_ key: String) throws -> [Int] {
            guard let names = try table.strings(key), !names.isEmpty else {
                throw InputError("\(file): key '\(table.keyPath(key))' must list at least one category")
            }
            return try names.map { name in
                guard let index = catalog.index(of: name) else {
                    throw InputError("\(file): key '\(table.keyPath(key))' names unknown category \"\(name)\"; categories are \(catalog.categories.map(\.name).joined(separator: ", "))")
                }
                return index
            }
        }
        let population: RequirementPopulation
        switch try table.string("from", default: "woningen") {
        case "woningen": population = .dwellings
        case "geclusterde_woningen": population = .clusteredDwellings
        case "voorzieningen": population = .facilities(try categories("from_categories"))
        case let other:
            throw InputError("\(file): key '\(table.keyPath("from"))' must be \"woningen\", \"geclusterde_woningen\" or \"voorzieningen\", found \"\(other)\"")
        }
        if case .facilities = population {} else if table.has("from_categories") {
            throw InputError("\(file): key '\(table.keyPath("from_categories"))' needs from = \"voorzieningen\"")
        }
        if try table.string("measure") == RequirementMeasure.responseTime.name {
            if file == shippedProfilesFile && !table.has("to") && catalog.index(of: CareResponseSettings.defaultCategory) == nil { return nil }
            return try ResponseTimeRequirement.read(table, id: id, population: population, catalog: catalog, file: file)
        }
        let targets = try categories("to")
        guard let threshold = try table.number("threshold_m") else {
            throw InputError("\(file): key '\(table.keyPath("threshold_m"))' is required (a distance in metres)")
        }
        guard threshold > 0, threshold <= 100_000 else {
            throw InputError("\(file): key '\(table.keyPath("threshold_m"))' must be a positive distance in metres, at most 100000, found \(threshold)")
        }
        let good = try table.number("good_m")
        if let good {
            guard case .facilities = population else {
                throw InputError("\(file): key '\(table.keyPath("good_m"))' applies only to from = \"voorzieningen\"")
            }
            guard good > 0, good <= threshold else {
                throw InputError("\(file): key '\(table.keyPath("good_m"))' must be positive and at most threshold_m (\(threshold)), found \(good)")
            }
        }
        let share = try table.number("share") ?? 1
        guard (0...1).contains(share) else {
            throw InputError("\(file): key '\(table.keyPath("share"))' must be a fraction between 0 and 1 (0.9 for 90 %), found \(share)")
        }
        let weightingName = try table.string("weighting", default: RequirementWeighting.woningen.rawValue)
        guard let weighting = RequirementWeighting(rawValue: weightingName) else {
            throw InputError("\(file): key '\(table.keyPath("weighting"))' must be one of \(RequirementWeighting.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")), found \"\(weightingName)\"")
        }
        if case .facilities = population, weighting != .woningen {
            throw InputError("\(file): key '\(table.keyPath("weighting"))' applies only to requirements on dwellings")
        }
        var requirement = Requirement(id: id, label: try table.string("label", default: id), population: population,
                                      targets: targets, threshold: threshold, good: good, share: share,
                                      weighting: weighting, source: try table.string("source", default: ""))
        requirement.network = try table.string("network", default: MobilityProfile.standaardName)
        if fallback && !networks.contains(requirement.network) { requirement.network = MobilityProfile.standaardName }
        guard networks.contains(requirement.network) else {
            throw InputError("\(file): key '\(table.keyPath("network"))' names \"\(requirement.network)\", which is not computed in this run; networks are \(networks.joined(separator: ", ")) (see network.mobility_profiles)")
        }
        let accessibilityName = try table.string("accessibility", default: AccessibilityFilter.alle.rawValue)
        guard let accessibility = AccessibilityFilter(rawValue: accessibilityName) else {
            throw InputError("\(file): key '\(table.keyPath("accessibility"))' must be one of \(AccessibilityFilter.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")), found \"\(accessibilityName)\"")
        }
        requirement.accessibility = accessibility
        try table.rejectUnknownKeys()
        return requirement
    }
}
