/// The distances of one network (standaard, or a mobility profile's): to the nearest facility
/// of every category, and to the nearest of the filtered groups the requirements on this
/// network ask for (only the accessible stops, say).
public struct NetworkDistances: Sendable {
    /// `standaard` or the mobility profile's name.
    public var name: String
    public var categories: CategoryDistances
    /// The filtered groups (never `.alle`) and their distances, `filtered.perCategory[g]` for `groups[g]`.
    public var groups: [FacilityGroup]
    public var filtered: CategoryDistances?
    /// Routable facilities (linked on this network) per category and filter, to tell "none of
    /// them" from "far away", and "none known accessible" from "all known inaccessible".
    public var routableCounts: [FacilityGroup: Int]
    /// What the profile made of the network (nil for standaard).
    public var summary: MobilityNetwork.Summary?

    /// Lets go of which facility is nearest to each dwelling (the distances stay), for runs that
    /// never ask (`nearestFacility` is then unavailable for this network).
    mutating func dropNearestFacilities() {
        for c in categories.perCategory.indices { categories.perCategory[c].facility = [] }
        if filtered != nil {
            for g in filtered!.perCategory.indices { filtered!.perCategory[g].facility = [] }
        }
    }

    /// The distances from dwellings to a category's facilities that pass `filter`.
    public func toDwellings(_ category: Int, _ filter: AccessibilityFilter) -> NearestFacilitySearch.Result {
        guard filter != .alle, let g = groups.firstIndex(of: FacilityGroup(category: category, filter: filter)), let filtered else {
            return categories.perCategory[category]
        }
        return filtered.perCategory[g]
    }

    /// From facility `f` to the nearest facility of `category` passing `filter`.
    public func fromFacility(_ f: Int, to category: Int, _ filter: AccessibilityFilter) -> Float {
        guard filter != .alle, let g = groups.firstIndex(of: FacilityGroup(category: category, filter: filter)), let filtered else {
            return categories.facilityToCategory[category].distance[f]
        }
        return filtered.facilityToCategory[g].distance[f]
    }

    /// Routable facilities of `category` passing `filter`.
    public func routable(_ category: Int, _ filter: AccessibilityFilter) -> Int {
        routableCounts[FacilityGroup(category: category, filter: filter)] ?? 0
    }

    /// Computes the distances of one network for the groups `groups` (filters other than `.alle`).
    /// Walking (`mobility` nil) uses every link of a point; a profile has one link per point.
    static func compute(name: String, graph: WalkGraph, mobility: MobilityNetwork?, categoryCount: Int, groups: [FacilityGroup],
                        facilities: [Facility], facilityLinks: PointLinks, dwellingLinks: PointLinks, cutoff: Double,
                        threads: Int, reachLimit: Double?) -> NetworkDistances {
        let categories = CategoryDistances.compute(graph: graph, categoryCount: categoryCount, facilities: facilities,
                                                   facilityLinks: facilityLinks, dwellingLinks: dwellingLinks, cutoff: cutoff,
                                                   threads: threads, reachLimit: reachLimit, mobility: mobility)
        let members = groups.map { group in
            facilities.indices.filter { facilities[$0].category == group.category && group.filter.admits(facilities[$0].accessibility) }
        }
        let filtered = groups.isEmpty ? nil : CategoryDistances.compute(graph: graph, groups: members, facilityLinks: facilityLinks,
                                                                        dwellingLinks: dwellingLinks, cutoff: cutoff, threads: threads,
                                                                        mobility: mobility)
        var counts: [FacilityGroup: Int] = [:]
        for (f, facility) in facilities.enumerated() where facilityLinks.nearest[f].isRoutable {
            for filter in AccessibilityFilter.allCases where filter.admits(facility.accessibility) {
                counts[FacilityGroup(category: facility.category, filter: filter), default: 0] += 1
            }
        }
        return NetworkDistances(name: name, categories: categories, groups: groups, filtered: filtered, routableCounts: counts,
                                summary: mobility?.summary)
    }
}
