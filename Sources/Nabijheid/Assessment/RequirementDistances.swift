/// The distances a requirement is judged by: those of its network (standaard or a mobility
/// profile), to its target categories' facilities that pass its accessibility filter.
struct RequirementDistances {
    /// The run's networks, standaard first; empty when only `standaard` is given (tests).
    let networks: [NetworkDistances]
    let standaard: CategoryDistances

    private func network(_ requirement: Requirement) -> NetworkDistances? {
        networks.first { $0.name == requirement.network }
    }

    /// From dwelling `d` to the nearest counted target facility (infinity when none).
    func dwelling(_ requirement: Requirement, _ d: Int) -> Float {
        guard let network = network(requirement) else {
            return requirement.targets.reduce(Float.infinity) { min($0, standaard.perCategory[$1].distance[d]) }
        }
        return requirement.targets.reduce(Float.infinity) { min($0, network.toDwellings($1, requirement.accessibility).distance[d]) }
    }

    /// From dwelling `d` to the nearest counted facility of one target `category`.
    func dwelling(_ requirement: Requirement, category: Int, _ d: Int) -> Float {
        guard let network = network(requirement) else { return standaard.perCategory[category].distance[d] }
        return network.toDwellings(category, requirement.accessibility).distance[d]
    }

    /// The index in the run's facility list of dwelling `d`'s nearest counted facility of
    /// `category`, on the requirement's network; nil when none is within the search.
    func nearestFacility(_ requirement: Requirement, category: Int, dwelling d: Int) -> Int? {
        guard let network = network(requirement) else { return standaard.nearestFacility(category: category, dwelling: d) }
        if requirement.accessibility != .alle, let filtered = network.filtered,
           let g = network.groups.firstIndex(of: FacilityGroup(category: category, filter: requirement.accessibility)) {
            return filtered.nearestFacility(category: g, dwelling: d)
        }
        return network.categories.nearestFacility(category: category, dwelling: d)
    }

    /// Per target category, the distances of every dwelling as `requirement` counts them:
    /// looked up once per requirement, not once per dwelling.
    func dwellingDistances(_ requirement: Requirement) -> [[Float]] {
        guard let network = network(requirement) else { return requirement.targets.map { standaard.perCategory[$0].distance } }
        return requirement.targets.map { network.toDwellings($0, requirement.accessibility).distance }
    }

    /// From facility `f` to the nearest counted target facility (infinity when none).
    func facility(_ requirement: Requirement, _ f: Int) -> Float {
        guard let network = network(requirement) else { return standaard.nearest(requirement.targets, facility: f) }
        return requirement.targets.reduce(Float.infinity) { min($0, network.fromFacility(f, to: $1, requirement.accessibility)) }
    }

    /// With `accessibility = "toegankelijk"`: not one target facility is known to be accessible
    /// while some are of unknown (or limited) accessibility, so the input cannot say whether the
    /// requirement is met. Nil when it can be judged; when every facility is known to be
    /// inaccessible that is a known failure, not an unknown.
    func missingAccessible(_ requirement: Requirement, coverage: FacilityCoverage) -> [Int]? {
        guard requirement.accessibility == .toegankelijk, let network = network(requirement) else { return nil }
        let noneAccessible = requirement.targets.allSatisfy { network.routable($0, .toegankelijk) == 0 }
        let someUndecided = requirement.targets.contains { network.routable($0, .nietOntoegankelijk) > 0 }
        return noneAccessible && someUndecided ? requirement.targets : nil
    }
}

extension RunResult {
    /// The distances `requirement` is judged by (see `RequirementDistances`).
    var requirementDistances: RequirementDistances { RequirementDistances(networks: networks, standaard: distances) }
}
