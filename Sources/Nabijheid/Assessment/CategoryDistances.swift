import Foundation

/// Walking distances from every dwelling to the nearest facility of each category: one
/// bounded multi-source search per category. Categories run in parallel, each on its own
/// search state; results do not depend on the number of threads.
public struct CategoryDistances: Sendable {
    /// `perCategory[c]` holds distance and facility index per dwelling for category `c`;
    /// facility indices point into `facilityIndices[c]`, which maps them to the run's facility list.
    public var perCategory: [NearestFacilitySearch.Result]
    public var facilityIndices: [[Int]]
    /// `facilityToCategory[c].distance[f]`: from facility `f` to the nearest facility of category
    /// `c` (for requirements on woonzorgvoorzieningen, R3).
    public var facilityToCategory: [NearestFacilitySearch.Result]
    /// What each category's search reached within the largest threshold (when service areas
    /// are asked for), until `drawServiceAreas` turns it into `serviceAreas`.
    public var reached: [ReachedNetwork] = []
    /// `serviceAreas[c][t]`: the area within threshold `t` walking of category `c`'s facilities;
    /// empty when not asked for.
    public var serviceAreas: [[AreaShape]] = []

    /// Whether no distance of this (mobility profile's) result is shorter than the walking one.
    /// It holds by construction (see `PointLinks`); runs check it in debug builds.
    func neverShorter(than walking: CategoryDistances) -> Bool {
        for c in perCategory.indices where c < walking.perCategory.count {
            for d in perCategory[c].distance.indices where perCategory[c].distance[d] < walking.perCategory[c].distance[d] {
                return false
            }
        }
        return true
    }

    /// The nearest distance from facility `f` over a set of categories (infinity when none).
    public func nearest(_ categories: [Int], facility f: Int) -> Float {
        categories.reduce(Float.infinity) { min($0, facilityToCategory[$1].distance[f]) }
    }

    /// The index in the run's facility list of the nearest facility of `category` for `dwelling`.
    public func nearestFacility(category: Int, dwelling: Int) -> Int? {
        let local = perCategory[category].facility[dwelling]
        return local == NearestFacilitySearch.noFacility ? nil : facilityIndices[category][Int(local)]
    }

    public static func compute(graph: WalkGraph, categoryCount: Int, facilities: [Facility], facilityLinks: [NetworkLink],
                               dwellingLinks: [NetworkLink], cutoff: Double, threads: Int,
                               reachLimit: Double? = nil, mobility: MobilityNetwork? = nil) -> CategoryDistances {
        compute(graph: graph, categoryCount: categoryCount, facilities: facilities, facilityLinks: PointLinks(facilityLinks),
                dwellingLinks: PointLinks(dwellingLinks), cutoff: cutoff, threads: threads, reachLimit: reachLimit, mobility: mobility)
    }

    /// The same with every link of the points (see `PointLinks`): a facility is a source at each
    /// of its links, a dwelling or facility gets the shortest distance over its links.
    public static func compute(graph: WalkGraph, categoryCount: Int, facilities: [Facility], facilityLinks: PointLinks,
                               dwellingLinks: PointLinks, cutoff: Double, threads: Int,
                               reachLimit: Double? = nil, mobility: MobilityNetwork? = nil) -> CategoryDistances {
        let indices = (0..<categoryCount).map { category in facilities.indices.filter { facilities[$0].category == category } }
        return compute(graph: graph, groups: indices, facilityLinks: facilityLinks, dwellingLinks: dwellingLinks, cutoff: cutoff,
                       threads: threads, reachLimit: reachLimit, mobility: mobility)
    }

    /// The same for any groups of facilities (`groups[g]`: indices into the run's facility list),
    /// e.g. only the accessible stops; `perCategory[g]` then belongs to group `g`. With `mobility`
    /// the searches run on that profile's network (and `graph` is ignored).
    public static func compute(graph: WalkGraph, groups indices: [[Int]], facilityLinks: [NetworkLink],
                               dwellingLinks: [NetworkLink], cutoff: Double, threads: Int,
                               reachLimit: Double? = nil, mobility: MobilityNetwork? = nil) -> CategoryDistances {
        compute(graph: graph, groups: indices, facilityLinks: PointLinks(facilityLinks), dwellingLinks: PointLinks(dwellingLinks),
                cutoff: cutoff, threads: threads, reachLimit: reachLimit, mobility: mobility)
    }

    /// The same for groups with every link of the points: a facility is a source at each of its
    /// links (so service areas start there too), a dwelling or facility gets the shortest
    /// distance over its links, and results name facilities, not links.
    public static func compute(graph: WalkGraph, groups indices: [[Int]], facilityLinks: PointLinks,
                               dwellingLinks: PointLinks, cutoff: Double, threads: Int,
                               reachLimit: Double? = nil, mobility: MobilityNetwork? = nil) -> CategoryDistances {
        compute(graph: graph, groups: indices, facilityLinks: facilityLinks, dwellingLinks: dwellingLinks, cutoff: cutoff,
                threads: threads, reachLimit: reachLimit, mobility: mobility, patches: SearchPatches.forSearch(of:))
    }

    /// The same with `patches`: how a graph is cut for searching patch by patch (nil: whole).
    /// Runs use `SearchPatches.forSearch` (patches from `SearchPatches.usedFrom` nodes on); tests
    /// cut small graphs too.
    static func compute(graph: WalkGraph, groups indices: [[Int]], facilityLinks: PointLinks,
                        dwellingLinks: PointLinks, cutoff: Double, threads: Int,
                        reachLimit: Double?, mobility: MobilityNetwork?, patches: (WalkGraph) -> SearchPatches?) -> CategoryDistances {
        let categoryCount = indices.count
        var results = [NearestFacilitySearch.Result?](repeating: nil, count: categoryCount)
        var toFacilities = [NearestFacilitySearch.Result?](repeating: nil, count: categoryCount)
        var reached = [ReachedNetwork](repeating: ReachedNetwork(), count: reachLimit == nil ? 0 : categoryCount)
        let lock = NSLock()
        let targets = [dwellingLinks.nearest, dwellingLinks.extra, facilityLinks.nearest, facilityLinks.extra]
        let searchGraph = mobility?.graph ?? graph
        /// Keeps a category's results (read out at `targets`), naming facilities instead of
        /// links; changes the arrays in place, as a copy of each would cost more than the change.
        func keep(_ category: Int, owner: [Int32], found: inout [NearestFacilitySearch.Result], reach: ReachedNetwork?) {
            if !owner.isEmpty {
                // Sources are links; a result names the facility (its position in the group).
                for t in found.indices {
                    found[t].facility.withUnsafeMutableBufferPointer { facility in
                        for k in facility.indices where facility[k] != NearestFacilitySearch.noFacility {
                            facility[k] = owner[Int(facility[k])]
                        }
                    }
                }
            }
            var dwellings = NearestFacilitySearch.Result(distance: [], facility: [])
            var fromFacilities = dwellings
            swap(&dwellings, &found[0])
            swap(&fromFacilities, &found[2])
            dwellingLinks.shortest(into: &dwellings, extra: found[1])
            facilityLinks.shortest(into: &fromFacilities, extra: found[3])
            lock.withLock {
                if let reach { reached[category] = reach }
                results[category] = dwellings
                toFacilities[category] = fromFacilities
            }
        }
        if let patches = patches(searchGraph) {
            // A large graph: every category's search patch by patch, the categories inside.
            let sources = indices.map { facilityLinks.sources($0) }
            let search = GroupedPatchSearch(graph: searchGraph, mobility: mobility, patches: patches)
            search.run(groups: sources.map(\.links), cutoff: Float(cutoff), threads: threads)
            CategoryScheduler.run(categories: categoryCount, threads: threads, weight: { _ in 1 }, makeWorker: { () }) { _, category in
                let (links, owner) = sources[category]
                let onSegment = SegmentFacilities(links)
                var found = targets.map {
                    search.readOut(group: category, facilities: links, onSegment: onSegment, points: $0, cutoff: Float(cutoff))
                }
                keep(category, owner: owner, found: &found,
                     reach: reachLimit.map { search.reached(group: category, facilities: links, limit: Float($0)) })
            }
        } else {
            CategoryScheduler.run(categories: categoryCount, threads: threads, weight: { indices[$0].count },
                                  makeWorker: { NearestFacilitySearch(graph: searchGraph, mobility: mobility, patches: nil) }) { search, category in
                let (links, owner) = facilityLinks.sources(indices[category])
                var found = search.run(facilities: links, targets: targets, cutoff: Float(cutoff))
                // Keep what service areas need before the next search resets the state.
                keep(category, owner: owner, found: &found, reach: reachLimit.map { search.reached(facilities: links, limit: Float($0)) })
            }
        }
        // A facility is its own nearest of its category: distance 0, not out and back along its connector.
        var facilityToCategory = toFacilities.map { $0! }
        for category in 0..<categoryCount {
            for (local, facility) in indices[category].enumerated() where facilityLinks.nearest[facility].isRoutable {
                facilityToCategory[category].distance[facility] = 0
                facilityToCategory[category].facility[facility] = Int32(local)
            }
        }
        return CategoryDistances(perCategory: results.map { $0! }, facilityIndices: indices, facilityToCategory: facilityToCategory,
                                 reached: reached)
    }
}
