/// Which OSM ways a pedestrian may use, by the Dutch rules (RVV 1990): a cycleway is walkable
/// unless `foot=no`; motorways and trunk roads are not; `access=private|no` is not unless
/// `foot=yes|designated|permissive`; steps are walkable for the default profile only.
public struct WalkRules: Sendable, Equatable {
    public enum Profile: String, Sendable, Codable, CaseIterable {
        /// Anyone on foot: steps allowed.
        case standaard
        /// Someone with a rollator or in a wheelchair: no steps.
        case rollator
    }

    public var profile: Profile
    /// `highway` values that are never walkable.
    public var excludedHighways: Set<String>

    public static let defaultExcludedHighways: Set<String> = [
        "motorway", "motorway_link", "trunk", "trunk_link", "construction", "proposed",
        "raceway", "bus_guideway", "abandoned", "busway", "razed", "disused",
    ]

    public init(profile: Profile = .standaard, excludedHighways: Set<String> = WalkRules.defaultExcludedHighways) {
        self.profile = profile
        self.excludedHighways = excludedHighways
    }

    /// Whether a way with these tags is walkable.
    public func isWalkable(_ tags: [String: String]) -> Bool {
        guard let highway = tags["highway"], !highway.isEmpty else { return false }
        if excludedHighways.contains(highway) { return false }
        if highway == "steps" && profile == .rollator { return false }
        let foot = tags["foot"]
        if foot == "no" { return false }
        if let access = tags["access"], access == "private" || access == "no" {
            return foot == "yes" || foot == "designated" || foot == "permissive"
        }
        return true
    }
}
