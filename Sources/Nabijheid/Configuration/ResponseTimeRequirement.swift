/// Reads a requirement with `measure = "aanrijtijd"` (R8): the share of dwellings whose
/// response time from a 24-hour care base is strictly below `max_min` minutes. `to` defaults
/// to the care category `zorg_24uur`; `threshold_m` and `good_m` do not apply.
enum ResponseTimeRequirement {
    static func read(_ table: ConfigTable, id: String, population: RequirementPopulation, catalog: FacilityCatalog, file: String) throws -> Requirement {
        guard !population.isFacilities else {
            throw InputError("\(file): key '\(table.keyPath("measure"))' = \"aanrijtijd\" applies only to requirements on dwellings (from = \"woningen\" or \"geclusterde_woningen\")")
        }
        for key in ["threshold_m", "good_m"] where table.has(key) {
            throw InputError("\(file): key '\(table.keyPath(key))' does not apply to measure = \"aanrijtijd\"; give max_min (minutes)")
        }
        guard let minutes = try table.number("max_min") else {
            throw InputError("\(file): key '\(table.keyPath("max_min"))' is required for measure = \"aanrijtijd\" (a response time in minutes)")
        }
        guard minutes > 0, minutes <= 240 else {
            throw InputError("\(file): key '\(table.keyPath("max_min"))' must be a positive number of minutes, at most 240, found \(minutes)")
        }
        let names = try table.strings("to") ?? [CareResponseSettings.defaultCategory]
        guard names.count == 1, let target = catalog.index(of: names[0]) else {
            throw InputError("\(file): key '\(table.keyPath("to"))' must name one category of the catalogue, the care bases (e.g. [\"\(CareResponseSettings.defaultCategory)\"]), found \(names); categories are \(catalog.categories.map(\.name).joined(separator: ", "))")
        }
        let share = try table.number("share") ?? 1
        guard (0...1).contains(share) else {
            throw InputError("\(file): key '\(table.keyPath("share"))' must be a fraction between 0 and 1 (0.9 for 90 %), found \(share)")
        }
        let weightingName = try table.string("weighting", default: RequirementWeighting.woningen.rawValue)
        guard let weighting = RequirementWeighting(rawValue: weightingName) else {
            throw InputError("\(file): key '\(table.keyPath("weighting"))' must be one of \(RequirementWeighting.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")), found \"\(weightingName)\"")
        }
        let requirement = Requirement(id: id, label: try table.string("label", default: id), population: population, targets: [target],
                                      threshold: minutes, good: nil, share: share, weighting: weighting,
                                      source: try table.string("source", default: ""), measure: .responseTime)
        try table.rejectUnknownKeys()
        return requirement
    }
}

extension RequirementPopulation {
    var isFacilities: Bool {
        if case .facilities = self { return true }
        return false
    }
}
