/// The care mode's network of a run (R8), built once from the same lines as the walk graph,
/// with its own segment index; `respond` gives the response times of a situation.
struct CareNetwork {
    let settings: CareResponseSettings
    /// The care category's index in the catalogue.
    let category: Int
    let graph: TravelTimeGraph
    let index: SegmentIndex
    let waysRead: Int
    let waysUsable: Int

    init?(settings: CareResponseSettings?, builder: TravelTimeGraphBuilder?, catalog: FacilityCatalog, minimumIslandNodes: Int) {
        guard let settings, let builder, let category = catalog.index(of: settings.category) else { return nil }
        self.settings = settings
        self.category = category
        graph = builder.build(minimumIslandNodes: minimumIslandNodes)
        index = SegmentIndex(graph: graph.geometry)
        waysRead = builder.waysRead
        waysUsable = builder.waysUsable
    }

    /// Links the care bases and the dwellings to the care network and runs the search.
    func respond(_ situation: Situation, maxSnap: Double, threads: Int) -> CareResponse {
        let bases = situation.facilities.indices.filter { situation.facilities[$0].category == category }
        let geometry = graph.geometry
        let baseLinks = bases.map { index.link(situation.facilities[$0].position, in: geometry, maxDistance: maxSnap) }
        let search = CareResponseSearch(graph: graph)
        search.settle(bases: baseLinks, dispatchSeconds: Float(settings.dispatchMinutes * 60),
                      connectorMetresPerSecond: Float(settings.speedKmh / 3.6))
        // Link and read out in one pass: the dwellings' links to the care network are not kept.
        let perDwelling = parallelMap(situation.dwellings.count, threads: threads) { d -> (minutes: Float, linked: Bool) in
            let link = index.link(situation.dwellings[d].position, in: geometry, maxDistance: maxSnap)
            return (search.seconds(to: link) / 60, link.isRoutable)
        }
        let minutes = perDwelling.map(\.minutes)
        return CareResponse(settings: settings, category: category, minutes: minutes, basesRead: bases.count,
                            basesLinked: baseLinks.filter(\.isRoutable).count,
                            dwellingsLinked: perDwelling.lazy.filter(\.linked).count,
                            dwellingsReached: minutes.filter(\.isFinite).count,
                            network: CareResponse.Network(ways_gelezen: waysRead, ways_bruikbaar: waysUsable, knopen: graph.nodeCount,
                                                          segmenten: graph.segmentCount))
    }
}

extension CareNetwork {
    /// Minutes per dwelling of `situation` from one base alone (facility `f`), with dispatch:
    /// which dwellings that base reaches in time, to trace what closing it costs (`nabijheid check`).
    func minutes(fromBase f: Int, _ situation: Situation, maxSnap: Double, threads: Int) -> [Float] {
        let geometry = graph.geometry
        let search = CareResponseSearch(graph: graph)
        search.settle(bases: [index.link(situation.facilities[f].position, in: geometry, maxDistance: maxSnap)],
                      dispatchSeconds: Float(settings.dispatchMinutes * 60), connectorMetresPerSecond: Float(settings.speedKmh / 3.6))
        return parallelMap(situation.dwellings.count, threads: threads) { d in
            search.seconds(to: index.link(situation.dwellings[d].position, in: geometry, maxDistance: maxSnap)) / 60
        }
    }
}

/// The response times of a run (R8): per dwelling the minutes from the nearest 24-hour care
/// base, with dispatch, by the configured mode; and what went into them, for run.json.
public struct CareResponse: Sendable {
    public var settings: CareResponseSettings
    public var category: Int
    /// Minutes per dwelling; `.infinity` when not reachable or not routable on the care network.
    public var minutes: [Float]
    public var basesRead: Int
    /// Bases linked to the care network (within `network.max_snap_m`).
    public var basesLinked: Int
    public var dwellingsLinked: Int
    public var dwellingsReached: Int
    public var network: Network

    public struct Network: Codable, Sendable, Equatable {
        public var ways_gelezen: Int
        public var ways_bruikbaar: Int
        public var knopen: Int
        public var segmenten: Int
    }
}
