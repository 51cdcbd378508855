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
    public var figures: [BuurtFigures]
    public var network: NetworkSummary
    /// Buurten, wijken and gemeenten with their figures and profile outcomes.
    public var areas: [AreaReport]
}

/// One level of areas with, per area, its figures and its outcome per profile.
public struct AreaReport: Sendable {
    public var level: AreaLevel
    public var figures: [BuurtFigures]
    /// `outcomes[area][profile]`.
    public var outcomes: [[ProfileOutcome]]
}

public struct NetworkSummary: Codable, Sendable, Equatable {
    public var ways_gelezen: Int
    public var ways_beloopbaar: Int
    public var knopen: Int
    public var segmenten: Int
    public var lengte_km: Double
    public var verwijderde_eilanden: Int
    public var verwijderde_eilandknopen: Int
}

/// input → network → assessment: the stages of `nabijheid run`, each timed.
public enum RunPipeline {
    public static func run(_ configuration: RunConfiguration, timer: StageTimer, threads: Int) throws -> RunResult {
        let inputs = try timer.measure("lezen") { try RunInputs.read(configuration) }

        let built = timer.measure("netwerk") { inputs.network.build(minimumIslandNodes: configuration.network.minimumIslandNodes) }
        let graph = built.graph
        let network = NetworkSummary(
            ways_gelezen: inputs.waysRead, ways_beloopbaar: inputs.waysWalkable, knopen: graph.nodeCount,
            segmenten: graph.segmentCount, lengte_km: (graph.segmentLength.reduce(0.0) { $0 + Double($1) } / 100).rounded() / 10,
            verwijderde_eilanden: built.removedFragments, verwijderde_eilandknopen: built.removedNodes)

        let (dwellingLinks, facilityLinks) = timer.measure("koppelen") { () -> ([NetworkLink], [NetworkLink]) in
            let index = SegmentIndex(graph: graph)
            let maxSnap = configuration.network.maxSnapMeters
            let dwellings = parallelMap(inputs.dwellings.count, threads: threads) {
                index.link(inputs.dwellings[$0].position, in: graph, maxDistance: maxSnap)
            }
            let facilities = inputs.facilities.map { index.link($0.position, in: graph, maxDistance: maxSnap) }
            return (dwellings, facilities)
        }

        let (dwellingBuurt, facilityBuurt) = try timer.measure("buurten") { () -> ([Int32], [Int32]) in
            let names = inputs.buurten.map(\.code)
            let areas = inputs.buurten.map(\.area)
            // One index per worker: a GEOS context is not shared between threads.
            let workers = max(1, threads)
            let indexes = try (0..<workers).map { _ in try BuurtIndex(areas: areas, names: names) }
            let dwellings = parallelMap(inputs.dwellings.count, threads: workers) { i, worker in
                Int32(indexes[worker].buurt(containing: inputs.dwellings[i].position) ?? -1)
            }
            let facilities = inputs.facilities.map { Int32(indexes[0].buurt(containing: $0.position) ?? -1) }
            return (dwellings, facilities)
        }

        let outcomes = zip(dwellingBuurt, dwellingLinks).map { buurt, link -> DwellingOutcome in
            buurt < 0 ? .outsideBuurten : (link.isRoutable ? .inBuurt : .notRoutable)
        }

        let distances = timer.measure("zoeken") {
            CategoryDistances.compute(graph: graph, categoryCount: configuration.catalog.categories.count,
                                      facilities: inputs.facilities, facilityLinks: facilityLinks,
                                      dwellingLinks: dwellingLinks, cutoff: configuration.distances.cutoff, threads: threads)
        }

        let areas = try timer.measure("beoordelen") { () -> [AreaReport] in
            let evaluation = RequirementEvaluation(result: RunResultInputs(
                catalog: configuration.catalog, buurten: inputs.buurten, dwellings: inputs.dwellings, dwellingBuurt: dwellingBuurt,
                outcomes: outcomes, facilities: inputs.facilities, facilityBuurt: facilityBuurt, distances: distances))
            var levels = [AreaLevel.buurten(inputs.buurten)]
            for kind in [AreaLevel.Kind.wijk, .gemeente] {
                let level = try AreaLevel.grouped(kind, buurten: inputs.buurten)
                if level.count > 0 { levels.append(level) }
            }
            return levels.map { level in
                let figures = BuurtFigures.compute(buurtCount: level.count, dwellingBuurt: level.areas(ofBuurten: dwellingBuurt),
                                                   outcomes: outcomes, distances: distances, thresholds: configuration.distances.thresholds,
                                                   dwellings: inputs.dwellings,
                                                   suitabilityLevels: configuration.dwellings.attributes.suitabilityField == nil ? 0 : configuration.dwellings.attributes.suitabilityLevels.count)
                let outcomes = evaluation.evaluate(configuration.assessment, level: level, dwellingsPerArea: figures.map(\.dwellings))
                return AreaReport(level: level, figures: figures, outcomes: outcomes)
            }
        }
        let figures = areas[0].figures

        return RunResult(configuration: configuration, buurten: inputs.buurten, dwellings: inputs.dwellings,
                         dwellingsSkipped: inputs.dwellingsSkipped, dwellingLinks: dwellingLinks, dwellingBuurt: dwellingBuurt,
                         outcomes: outcomes, facilities: inputs.facilities, facilitiesSkipped: inputs.facilitiesSkipped,
                         facilityLinks: facilityLinks, facilityBuurt: facilityBuurt, distances: distances,
                         figures: figures, network: network, areas: areas)
    }
}

/// Maps `0..<count` in contiguous chunks over `threads` workers; the result is in index order,
/// so it does not depend on the number of threads.
func parallelMap<T>(_ count: Int, threads: Int, _ transform: (Int, Int) -> T) -> [T] {
    let workers = max(1, min(threads, count))
    guard workers > 1 else { return (0..<count).map { transform($0, 0) } }
    var result = [T?](repeating: nil, count: count)
    let chunk = (count + workers - 1) / workers
    result.withUnsafeMutableBufferPointer { buffer in
        let base = buffer.baseAddress!
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let range = (worker * chunk)..<min(count, (worker + 1) * chunk)
            for i in range { base[i] = transform(i, worker) }
        }
    }
    return result.map { $0! }
}

func parallelMap<T>(_ count: Int, threads: Int, _ transform: (Int) -> T) -> [T] {
    parallelMap(count, threads: threads) { index, _ in transform(index) }
}
