import Dispatch

/// The result of a run before it is written: inputs in RD New, where each point joined the
/// network, which buurt holds each dwelling, the distances and the per-buurt figures.
public struct RunResult {
    public var configuration: RunConfiguration
    public var buurten: [Buurt]
    public var dwellings: [Dwelling]
    public var dwellingsSkipped: SkippedFeatures
    public var dwellingLinks: [NetworkLink]
    /// Buurt index per dwelling, -1 outside all buurten.
    public var dwellingBuurt: [Int32]
    public var outcomes: [DwellingOutcome]
    public var facilities: [Facility]
    public var facilitiesSkipped: SkippedFeatures
    public var facilityLinks: [NetworkLink]
    public var facilityBuurt: [Int32]
    public var distances: CategoryDistances
    /// The distances per network: `standaard` first (its `categories` are `distances`), then
    /// each mobility profile of the run, with the filtered groups the requirements ask for.
    public var networks: [NetworkDistances] = []
    public var figures: [BuurtFigures]
    public var network: NetworkSummary
    /// Notes for the run report (e.g. why service areas were skipped).
    public var notes: [String] = []
    /// Buurten, wijken and gemeenten with their figures and profile outcomes.
    public var areas: [AreaReport]
    /// Facilities per category that the judgement relied on (see `FacilityCoverage`).
    public var coverage = FacilityCoverage(read: [], routable: [])
    /// Walking distances beside CBS's own figures, when the buurten layer has them.
    public var cbs: CBSComparison? = nil
    /// Response times from 24-hour care bases (R8), when `[care_response]` or a profile asks.
    public var careResponse: CareResponse? = nil
    /// Per mobility profile of the run (configuration order), its figures over every dwelling
    /// in a buurt, for `run.json`.
    public var mobilityTotals: [MobilityFigures] = []
    /// The service areas while they are still being drawn on threads of their own (`assess` on
    /// more than one thread); `withServiceAreas()` waits for them.
    var serviceAreaWork: BackgroundWork<[[AreaShape]]>? = nil

    /// This result with its service areas in `distances.serviceAreas`, once they are drawn.
    public func withServiceAreas() throws -> RunResult {
        guard let serviceAreaWork else { return self }
        var result = self
        result.distances.serviceAreas = try serviceAreaWork.value()
        result.serviceAreaWork = nil
        return result
    }
}

/// One level of areas with, per area, its figures and its outcome per profile.
public struct AreaReport: Sendable {
    public var level: AreaLevel
    public var figures: [BuurtFigures]
    /// `outcomes[area][profile]`.
    public var outcomes: [[ProfileOutcome]]
    /// `mobility[area][m]`: figures of the run's mobility profile `m` (see `MobilityFigures`).
    public var mobility: [[MobilityFigures]] = []
}

public struct NetworkSummary: Codable, Sendable, Equatable {
    public var ways_gelezen: Int
    public var ways_beloopbaar: Int
    public var knopen: Int
    public var segmenten: Int
    public var lengte_km: Double
    public var verwijderde_eilanden: Int
    public var verwijderde_eilandknopen: Int
    /// The node layer beside a line-layer network (`network.nodes_layer`); nil without one.
    public var knopenlaag: NodeLayerSummary? = nil
}

/// What became of a network's node layer, for `run.json` (`netwerk.knopenlaag`).
public struct NodeLayerSummary: Codable, Sendable, Equatable {
    /// Points read, and of those the ones with node rules (barrier, kerb, crossing, wheelchair).
    public var punten: Int
    public var met_knoopregel: Int
    /// Points with node rules joined to a vertex, and those on no vertex within the tolerance.
    public var gekoppeld: Int
    public var naast_netwerk: Int
    /// The feature ids of the first points on no vertex (at most `shownIDs`).
    public var naast_netwerk_fids: [Int64]
    /// The file (by name) and layer, as `netwerk.gpkg, layer 'knopen'`.
    public var laag: String

    static let shownIDs = 10
}

/// input → network → assessment: the stages of `nabijheid run`, each timed.
public enum RunPipeline {
    public static func run(_ configuration: RunConfiguration, timer: StageTimer, threads: Int) throws -> RunResult {
        var (inputs, warnings) = try timer.measure("lezen") { try GDALWarnings.capturing { try RunInputs.read(configuration, threads: threads) } }
        let context = try RunContext(configuration: configuration, inputs: inputs, timer: timer, threads: threads)
        // The graph is built: its builder (every vertex read, the hash table of their
        // coordinates, the lines) is not needed again, and kept it was 0.5 GB at 8 M dwellings.
        inputs.network = WalkGraphBuilder()
        var situation = context.situation(dwellings: inputs.dwellings, facilities: inputs.facilities, timer: timer)
        situation.dwellingsSkipped = inputs.dwellingsSkipped
        situation.facilitiesSkipped = inputs.facilitiesSkipped
        var result = try context.assess(situation, timer: timer, profileFacilities: false)
        result.notes += inputs.notes + warnings
        let compared = configuration.catalog.cbsDistanceFields.filter { inputs.cbsFields.contains($0.field) }
        if !compared.isEmpty {
            result.cbs = CBSComparison.compute(categories: compared.map(\.category), fields: compared.map(\.field),
                                               cbs: inputs.buurten.map { buurt in compared.map { buurt.cbsFigures[$0.field] } },
                                               buurtCount: result.buurten.count, dwellingBuurt: result.dwellingBuurt,
                                               outcomes: result.outcomes, distances: result.distances)
        }
        return result
    }
}

/// The dwellings and facilities of one situation (the current one, or one with a plan applied),
/// each linked to the network and placed in a buurt.
public struct Situation: Sendable {
    public var dwellings: [Dwelling]
    public var dwellingLinks: [NetworkLink]
    public var dwellingBuurt: [Int32]
    public var facilities: [Facility]
    public var facilityLinks: [NetworkLink]
    public var facilityBuurt: [Int32]
    public var dwellingsSkipped = SkippedFeatures()
    public var facilitiesSkipped = SkippedFeatures()
}

/// What a run builds once and a plan check reuses: the walk graph, its segment index, the buurt
/// index and the area levels. Not thread-safe as a whole; it parallelises internally.
public final class RunContext {
    public let configuration: RunConfiguration
    public let buurten: [Buurt]
    public let graph: WalkGraph
    /// The graph as each mobility profile of the run sees it (configuration order).
    public let mobility: [MobilityNetwork]
    public let network: NetworkSummary
    let segmentIndex: SegmentIndex
    /// The care mode's network (R8), when response times are asked for.
    let care: CareNetwork?
    /// One buurt index per worker: a GEOS context is not shared between threads.
    let buurtIndexes: [BuurtIndex]
    let levels: [AreaLevel]
    let threads: Int

    init(configuration: RunConfiguration, inputs: RunInputs, timer: StageTimer, threads: Int) throws {
        self.configuration = configuration
        self.threads = WorkerThreads.effective(threads)
        buurten = inputs.buurten
        // The care network (R8) is built on a thread of its own while this one builds the walk
        // graph, its mobility views and its index, which use one core; `zorgnetwerk` times the
        // wait for it. On one thread it keeps its own stage after the index.
        let careSettings = configuration.careResponse, careBuilder = inputs.careNetwork?.take()
        let catalog = configuration.catalog, minimumIslandNodes = configuration.network.minimumIslandNodes
        let makeCare = {
            CareNetwork(settings: careSettings, builder: careBuilder, catalog: catalog, minimumIslandNodes: minimumIslandNodes)
        }
        let careWork = careSettings == nil || self.threads < 2 ? nil : BackgroundWork(makeCare)
        let built = timer.measure("netwerk") { () -> WalkGraphBuilder.BuiltNetwork in
            var built = inputs.network.buildNetwork(minimumIslandNodes: configuration.network.minimumIslandNodes)
            let ordered = built.graph.spatiallyOrderedWithNumbering()
            built.graph = ordered.graph
            built.attributes = built.attributes.renumberingNodes(ordered.newIndex)
            return built
        }
        graph = built.graph
        let builtGraph = built.graph
        // One after the other on this thread: made in parallel, their arrays came from the
        // worker threads' fresh arenas and took 2.5× as long at 8 M (page faults).
        mobility = timer.measure("mobiliteitsnetwerken") {
            configuration.mobilityProfiles.map { MobilityNetwork(base: builtGraph, attributes: built.attributes, profile: $0) }
        }
        network = NetworkSummary(
            ways_gelezen: inputs.waysRead, ways_beloopbaar: inputs.waysWalkable, knopen: graph.nodeCount,
            segmenten: graph.segmentCount, lengte_km: (graph.segmentLength.reduce(0.0) { $0 + Double($1) } / 100).rounded() / 10,
            verwijderde_eilanden: built.removedFragments, verwijderde_eilandknopen: built.removedNodes, knopenlaag: inputs.networkNodes)
        let graph = self.graph
        segmentIndex = timer.measure("index") { SegmentIndex(graph: graph) }
        care = careSettings == nil ? nil : try timer.measure("zorgnetwerk") { try careWork?.value() ?? makeCare() }
        let names = inputs.buurten.map(\.code), areas = inputs.buurten.map(\.area)
        let workers = self.threads
        buurtIndexes = try BuurtIndex.perThread(workers, areas: areas, names: names)
        var levels = [AreaLevel.buurten(inputs.buurten)]
        for kind in [AreaLevel.Kind.wijk, .gemeente] {
            let level = try AreaLevel.grouped(kind, buurten: inputs.buurten)
            if level.count > 0 { levels.append(level) }
        }
        self.levels = levels
    }

    /// Links points to the network.
    func link(_ points: [PlanarPoint]) -> [NetworkLink] {
        let maxSnap = configuration.network.maxSnapMeters
        return parallelMap(points.count, threads: threads) { segmentIndex.link(points[$0], in: graph, maxDistance: maxSnap) }
    }

    /// Where the points of a situation join every network of the run (see `ProfileLinks`).
    func profileLinks(_ situation: Situation) -> (dwellings: ProfileLinks, facilities: ProfileLinks) {
        let maxSnap = configuration.network.maxSnapMeters
        return (ProfileLinks(nearest: situation.dwellingLinks, position: { situation.dwellings[$0].position }, mobility: mobility,
                             index: segmentIndex, maxSnap: maxSnap, threads: threads),
                ProfileLinks(nearest: situation.facilityLinks, position: { situation.facilities[$0].position }, mobility: mobility,
                             index: segmentIndex, maxSnap: maxSnap, threads: threads))
    }

    /// The buurt of each point, -1 outside all buurten.
    func buurt(of points: [PlanarPoint]) -> [Int32] {
        parallelMap(points.count, threads: buurtIndexes.count) { i, worker in
            Int32(buurtIndexes[worker].buurt(containing: points[i]) ?? -1)
        }
    }

    public func situation(dwellings: [Dwelling], facilities: [Facility], timer: StageTimer) -> Situation {
        let (dwellingLinks, facilityLinks) = timer.measure("koppelen") {
            (link(dwellings.map(\.position)), link(facilities.map(\.position)))
        }
        let (dwellingBuurt, facilityBuurt) = timer.measure("buurten") {
            (buurt(of: dwellings.map(\.position)), buurt(of: facilities.map(\.position)))
        }
        return Situation(dwellings: dwellings, dwellingLinks: dwellingLinks, dwellingBuurt: dwellingBuurt,
                         facilities: facilities, facilityLinks: facilityLinks, facilityBuurt: facilityBuurt)
    }

    /// Distances, figures and profile outcomes of a situation; service areas when the
    /// configuration asks for them and `serviceAreas` is true. Which categories have facilities
    /// at all is taken from `coverageOf` (a plan check passes the current situation) or else
    /// from `situation`. With `profileFacilities` false the mobility profiles' results keep
    /// their distances but not which facility is nearest: only a plan check asks for that
    /// (`RequirementDistances.nearestFacility`), and nationally it is 4 bytes per dwelling,
    /// category and profile (450 MB at 8 million dwellings with two profiles).
    public func assess(_ situation: Situation, timer: StageTimer, serviceAreas: Bool = true, coverageOf reference: Situation? = nil,
                       profileFacilities: Bool = true) throws -> RunResult {
        let configuration = self.configuration
        var notes: [String] = []
        let makeAreas = serviceAreas && (configuration.outputs.serviceAreas ?? true)
        let outcomes = zip(situation.dwellingBuurt, situation.dwellingLinks).map { buurt, link -> DwellingOutcome in
            buurt < 0 ? .outsideBuurten : (link.isRoutable ? .inBuurt : .notRoutable)
        }
        // Response times (R8) are worked out on a thread of their own beside `zoeken` and
        // `bereikgebieden`, which leave part of a core idle (their tails, one category left);
        // `aanrijtijden` then times only the wait for them. On one thread they keep their stage.
        let careWork = threads < 2 ? nil : care.map { care in
            BackgroundWork { care.respond(situation, maxSnap: configuration.network.maxSnapMeters, threads: 1) }
        }
        defer { _ = try? careWork?.value() }
        let groups = FacilityGroups(configuration.assessment)
        let networkNames = [MobilityProfile.standaardName] + mobility.map(\.profile.name)
        var networks = timer.measure("zoeken") { () -> [NetworkDistances] in
            let (dwellingLinks, facilityLinks) = profileLinks(situation)
            return networkNames.enumerated().map { index, name in
                let profile = index == 0 ? nil : mobility[index - 1]
                var network = NetworkDistances.compute(name: name, graph: graph, mobility: profile,
                                         categoryCount: configuration.catalog.categories.count, groups: groups.filtered(on: name),
                                         facilities: situation.facilities,
                                         facilityLinks: index == 0 ? facilityLinks.standaard : PointLinks(facilityLinks.links(profile: index - 1)),
                                         dwellingLinks: index == 0 ? dwellingLinks.standaard : PointLinks(dwellingLinks.links(profile: index - 1)),
                                         cutoff: configuration.distances.cutoff, threads: threads,
                                         reachLimit: index == 0 && makeAreas ? configuration.distances.thresholds.max() : nil)
                // Let go at once, so that the next profile's search reuses the memory (at 8 M
                // the next profile's arrays were otherwise new pages on top of these).
                if index > 0 && !profileFacilities { network.dropNearestFacilities() }
                return network
            }
        }
        var distances = networks[0].categories
        networks[0].categories.reached = []
        // Walking uses every link a profile uses, over arcs no longer: no profile route is shorter.
        assert(networks.dropFirst().allSatisfy { $0.categories.neverShorter(than: distances) }, "a mobility profile beats walking")
        // Service areas are drawn on threads of their own while the buurten are assessed and the
        // other layers written, which leave a core partly idle (the disk, the last buurten);
        // writing waits for them (`RunResult.withServiceAreas`). On one thread they keep their stage.
        var serviceAreaWork: BackgroundWork<[[AreaShape]]>?
        if makeAreas {
            let graph = graph, thresholds = configuration.distances.thresholds, buffer = configuration.outputs.serviceAreaBuffer
            if threads < 2 {
                try timer.measure("bereikgebieden") {
                    try distances.drawServiceAreas(graph: graph, thresholds: thresholds, buffer: buffer, threads: threads)
                }
            } else {
                // Handed over, so that each category's reached network is freed once drawn.
                let reached = distances.handOverReached()
                serviceAreaWork = timer.measure("bereikgebieden") {
                    BackgroundWork { [threads] in
                        CategoryDistances.serviceAreas(of: reached, graph: graph, thresholds: thresholds, buffer: buffer,
                                                       threads: threads)
                    }
                }
            }
        }
        notes += configuration.assessment.measureNotes(readsSuitability: configuration.dwellings.attributes.suitabilityField != nil,
                                                       levels: levels.map(\.kind))
        let careResponse = try care.map { care in
            try timer.measure("aanrijtijden") {
                try careWork?.value() ?? care.respond(situation, maxSnap: configuration.network.maxSnapMeters, threads: threads)
            }
        }
        let coverageSource = reference ?? situation
        let coverage = FacilityCoverage(categoryCount: configuration.catalog.categories.count,
                                        facilities: coverageSource.facilities, links: coverageSource.facilityLinks)
        var mobilityTotals: [MobilityFigures] = []
        let areas = timer.measure("beoordelen") { () -> [AreaReport] in
            let evaluation = RequirementEvaluation(result: RunResultInputs(
                catalog: configuration.catalog, buurten: buurten, dwellings: situation.dwellings, dwellingBuurt: situation.dwellingBuurt,
                outcomes: outcomes, facilities: situation.facilities, facilityBuurt: situation.facilityBuurt, distances: distances,
                coverage: coverage, networks: networks,
                readsSuitability: configuration.dwellings.attributes.suitabilityField != nil, careResponse: careResponse))
            let attributes = configuration.dwellings.attributes
            let routable = situation.dwellingLinks.map(\.isRoutable)
            let profiles = Array(networks.dropFirst())
            let lostWithin = Float(configuration.distances.thresholds.max() ?? 0)
            // Profiles over the threads: each tally reads every dwelling's distances (at 8 M a few
            // seconds each), once per buurt; wijken and gemeenten are regrouped from the buurten.
            let buurtLevel = levels[0]
            precondition(buurtLevel.kind == .buurt, "the first level is the buurten")
            let mobilityTallies = parallelMap(profiles.count, threads: threads) { p in
                MobilityFigures.Tally(areaCount: buurtLevel.count, dwellingArea: situation.dwellingBuurt, routable: routable,
                                      standaard: networks[0].categories, profile: profiles[p].categories, lostWithin: lostWithin)
            }
            // The whole run as one area, regrouped from the buurten like the wijken.
            let everyBuurt = [Int32](repeating: 0, count: buurtLevel.count)
            mobilityTotals = parallelMap(profiles.count, threads: threads) { p in mobilityTallies[p].regrouped(everyBuurt, areaCount: 1).figures()[0] }
            return levels.map { level in
                let dwellingArea = level.areas(ofBuurten: situation.dwellingBuurt)
                let walking = BuurtFigures.compute(buurtCount: level.count, dwellingBuurt: dwellingArea,
                                                   outcomes: outcomes, distances: distances, thresholds: configuration.distances.thresholds,
                                                   dwellings: situation.dwellings,
                                                   suitabilityLevels: attributes.suitabilityField == nil ? 0 : attributes.suitabilityLevels.count,
                                                   threads: threads)
                let figures = CareResponseFigures.attach(careResponse, to: walking, dwellingArea: dwellingArea,
                                                         outcomes: outcomes)
                let outcomes = evaluation.evaluate(configuration.assessment, level: level, dwellingsPerArea: figures.map(\.dwellings),
                                                   threads: threads)
                let perProfile = parallelMap(profiles.count, threads: threads) { p in
                    (level.kind == .buurt ? mobilityTallies[p] : mobilityTallies[p].regrouped(level.areaOfBuurt, areaCount: level.count)).figures()
                }
                let mobility = (0..<level.count).map { area in perProfile.map { $0[area] } }
                return AreaReport(level: level, figures: figures, outcomes: outcomes, mobility: mobility)
            }
        }
        var result = RunResult(configuration: configuration, buurten: buurten, dwellings: situation.dwellings,
                               dwellingsSkipped: situation.dwellingsSkipped, dwellingLinks: situation.dwellingLinks,
                               dwellingBuurt: situation.dwellingBuurt, outcomes: outcomes, facilities: situation.facilities,
                               facilitiesSkipped: situation.facilitiesSkipped, facilityLinks: situation.facilityLinks,
                               facilityBuurt: situation.facilityBuurt, distances: distances, networks: networks, figures: areas[0].figures,
                               network: network, notes: notes, areas: areas, coverage: coverage, careResponse: careResponse,
                               mobilityTotals: mobilityTotals)
        result.serviceAreaWork = serviceAreaWork
        return result
    }
}

/// Maps `0..<count` in contiguous chunks over `threads` workers; the result is in index order,
/// so it does not depend on the number of threads.
func parallelMap<T>(_ count: Int, threads: Int, _ transform: (Int, Int) -> T) -> [T] {
    ProgressReporter.shared.expect(count)
    let workers = max(1, min(threads, count))
    guard workers > 1 else {
        return (0..<count).map { i in
            if i % 16_384 == 16_383 { ProgressReporter.shared.advance(16_384) }
            return transform(i, 0)
        }
    }
    var result = [T?](repeating: nil, count: count)
    // Rounding the chunk up can leave the last workers nothing (10 items on 8 workers: chunks
    // of 2 fill 5 workers), so only the workers that get a chunk run.
    let chunk = (count + workers - 1) / workers
    let chunks = (count + chunk - 1) / chunk
    result.withUnsafeMutableBufferPointer { buffer in
        let base = buffer.baseAddress!
        DispatchQueue.concurrentPerform(iterations: chunks) { worker in
            let range = (worker * chunk)..<min(count, (worker + 1) * chunk)
            for i in range {
                base[i] = transform(i, worker)
                if (i - range.lowerBound) % 16_384 == 16_383 { ProgressReporter.shared.advance(16_384) }
            }
        }
    }
    return result.map { $0! }
}

func parallelMap<T>(_ count: Int, threads: Int, _ transform: (Int) -> T) -> [T] {
    parallelMap(count, threads: threads) { index, _ in transform(index) }
}
