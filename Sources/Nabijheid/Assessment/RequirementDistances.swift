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

    /// From facility `f` to the nearest counted target facility (infinity when none).
    func facility(_ requirement: Requirement, _ f: Int) -> Float {
        guard let network = network(requirement) else { return standaard.nearest(requirement.targets, facility: f) }
        return requirement.targets.reduce(Float.infinity) { min($0, network.fromFacility(f, to: $1, requirement.accessibility)) }
    }

    /// With an accessibility filter: no target facility passes it (none is known to be
    /// accessible, say), so the requirement cannot be judged. Nil when it can.
    func missingAccessible(_ requirement: Requirement) -> [Int]? {
        guard requirement.accessibility != .alle, let network = network(requirement) else { return nil }
        return requirement.targets.allSatisfy { (network.routable($0, requirement.accessibility) ?? 1) == 0 } ? requirement.targets : nil
    }
}

extension RunResult {
    /// The distances `requirement` is judged by (see `RequirementDistances`).
    var requirementDistances: RequirementDistances { RequirementDistances(networks: networks, standaard: distances) }
}
