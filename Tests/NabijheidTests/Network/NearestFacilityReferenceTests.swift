import Testing
@testable import Nabijheid

/// A textbook reference for `NearestFacilitySearch`: the network with every linked point
/// inserted as a node on its segment, and a plain O(n²) Dijkstra from each dwelling.
struct ReferenceNetwork {
    /// Adjacency lists of the split graph: the walk graph's nodes first, then one node per point.
    private var adjacency: [[(node: Int, length: Double)]]
    /// Split node of each dwelling / facility, nil when unroutable.
    private(set) var dwellingNode: [Int?]
    private(set) var facilityNode: [Int?]

    init(graph: WalkGraph, dwellings: [NetworkLink], facilities: [NetworkLink]) {
        var adjacency = [[(node: Int, length: Double)]](repeating: [], count: graph.nodeCount)
        var dwellingNode = [Int?](repeating: nil, count: dwellings.count)
        var facilityNode = [Int?](repeating: nil, count: facilities.count)
        // Points per segment: (fraction, split node).
        var onSegment = [Int: [(fraction: Double, node: Int)]]()
        func insert(_ link: NetworkLink) -> Int? {
            guard link.isRoutable else { return nil }
            let node = adjacency.count
            adjacency.append([])
            onSegment[Int(link.segment), default: []].append((Double(link.fraction), node))
            return node
        }
        for (i, link) in dwellings.enumerated() { dwellingNode[i] = insert(link) }
        for (i, link) in facilities.enumerated() { facilityNode[i] = insert(link) }
        func connect(_ a: Int, _ b: Int, _ length: Double) {
            adjacency[a].append((b, length))
            adjacency[b].append((a, length))
        }
        for s in 0..<graph.segmentCount {
            let length = Double(graph.segmentLength[s])
            // Chain: from-node, points by increasing fraction, to-node.
            var previous = Int(graph.segmentFrom[s]), previousFraction = 0.0
            for point in (onSegment[s] ?? []).sorted(by: { $0.fraction < $1.fraction }) {
                connect(previous, point.node, (point.fraction - previousFraction) * length)
                previous = point.node; previousFraction = point.fraction
            }
            connect(previous, Int(graph.segmentTo[s]), (1 - previousFraction) * length)
        }
        self.adjacency = adjacency
        self.dwellingNode = dwellingNode
        self.facilityNode = facilityNode
    }

    /// Shortest distances from `source` to every node: O(n²) Dijkstra without a heap.
    func dijkstra(from source: Int) -> [Double] {
        let n = adjacency.count
        var distance = [Double](repeating: .infinity, count: n)
        var done = [Bool](repeating: false, count: n)
        distance[source] = 0
        for _ in 0..<n {
            var u = -1
            for v in 0..<n where !done[v] && distance[v] < .infinity && (u < 0 || distance[v] < distance[u]) { u = v }
            if u < 0 { break }
            done[u] = true
            for (w, length) in adjacency[u] where distance[u] + length < distance[w] {
                distance[w] = distance[u] + length
            }
        }
        return distance
    }

    /// Walking distance from dwelling `d` to every facility (connectors included); infinity
    /// for unroutable ones and for a dwelling that is unroutable.
    func distances(dwelling d: Int, dwellings: [NetworkLink], facilities: [NetworkLink]) -> [Double] {
        guard let source = dwellingNode[d] else { return facilities.map { _ in .infinity } }
        let distance = dijkstra(from: source)
        return facilities.indices.map { f in
            guard let node = facilityNode[f] else { return .infinity }
            return distance[node] + Double(facilities[f].connector) + Double(dwellings[d].connector)
        }
    }
}

@Suite struct NearestFacilityReferenceTests {
    /// Checks one search result against the reference per-facility distances, for a cutoff.
    static func check(_ result: NearestFacilitySearch.Result, reference: [[Double]], cutoff: Double, seed: UInt64) {
        for (d, perFacility) in reference.enumerated() {
            let expected = perFacility.min() ?? .infinity
            let got = Double(result.distance[d])
            let facility = result.facility[d]
            let tolerance = 1e-3 * max(1, expected.isFinite ? expected : 0)
            if expected > cutoff + tolerance {
                #expect(got == .infinity, "seed \(seed) dwelling \(d) cutoff \(cutoff): reference \(expected), got \(got)")
            } else if expected < cutoff - tolerance {
                #expect(closeEnough(got, expected), "seed \(seed) dwelling \(d) cutoff \(cutoff): reference \(expected), got \(got)")
            }
            if got.isFinite {
                // At the boundary either answer will do, but a reported distance must be right,
                // within the cutoff, and attained by the reported facility.
                #expect(closeEnough(got, expected), "seed \(seed) dwelling \(d): reference \(expected), got \(got)")
                #expect(got <= cutoff)
                #expect(facility >= 0 && Int(facility) < perFacility.count, "seed \(seed) dwelling \(d)")
                if facility >= 0 && Int(facility) < perFacility.count {
                    #expect(closeEnough(perFacility[Int(facility)], got),
                            "seed \(seed) dwelling \(d): facility \(facility) is at \(perFacility[Int(facility)]), reported \(got)")
                }
            } else {
                #expect(got == .infinity)
                #expect(facility == NearestFacilitySearch.noFacility, "seed \(seed) dwelling \(d)")
            }
        }
    }

    /// 240 random networks with random facilities and dwellings, against the split-graph
    /// Dijkstra; unbounded, with a finite cutoff, and with the instance reused.
    @Test func matchesReferenceOnRandomGraphs() {
        var finite = 0, infinite = 0, cutoffExcluded = 0
        for seed in UInt64(1)...240 {
            var rng = SplitMix64(seed: 0xFAC1_1171 &+ seed)
            let network = RandomNetwork.make(rng: &rng, maxPoints: 18, extentRange: 100...1200)
            let graph = network.graph
            let index = SegmentIndex(graph: graph)
            let maxSnap = rng.double(20, 150)
            let facilityPoints = (0..<rng.int(0...7)).map { _ in network.randomPoint(rng: &rng, margin: 100) }
            var dwellingPoints = (0..<rng.int(1...14)).map { _ in network.randomPoint(rng: &rng, margin: 100) }
            // Sometimes a dwelling right at a facility.
            if let first = facilityPoints.first, rng.chance(0.3) { dwellingPoints.append(first) }
            let facilities = facilityPoints.map { index.link($0, in: graph, maxDistance: maxSnap) }
            let dwellings = dwellingPoints.map { index.link($0, in: graph, maxDistance: maxSnap) }

            let reference = ReferenceNetwork(graph: graph, dwellings: dwellings, facilities: facilities)
            let expected = dwellings.indices.map { reference.distances(dwelling: $0, dwellings: dwellings, facilities: facilities) }

            let search = NearestFacilitySearch(graph: graph)
            let unbounded = search.run(facilities: facilities, dwellings: dwellings, cutoff: .infinity)
            Self.check(unbounded, reference: expected, cutoff: .infinity, seed: seed)

            // Cutoffs that cut: one at a random factor of a reachable distance, and two just
            // above and just below a reachable distance (beyond the comparison tolerance).
            let reachable = expected.map { $0.min() ?? .infinity }.filter(\.isFinite).sorted()
            func pick() -> Double { reachable[rng.int(0...(reachable.count - 1))] }
            let cutoffs = reachable.isEmpty ? [rng.double(10, 1000)]
                : [pick() * rng.double(0.5, 1.2), pick() * 1.01, pick() * 0.99]
            for cutoff in cutoffs.map({ Float($0) }) {
                let bounded = search.run(facilities: facilities, dwellings: dwellings, cutoff: cutoff)
                Self.check(bounded, reference: expected, cutoff: Double(cutoff), seed: seed)
                // Reuse: the same instance again gives bit-identical results, and a fresh one agrees.
                #expect(search.run(facilities: facilities, dwellings: dwellings, cutoff: cutoff) == bounded, "seed \(seed)")
                #expect(NearestFacilitySearch(graph: graph).run(facilities: facilities, dwellings: dwellings, cutoff: cutoff) == bounded)
                cutoffExcluded += zip(unbounded.distance, bounded.distance).filter { $0.isFinite && !$1.isFinite }.count
            }
            #expect(search.run(facilities: facilities, dwellings: dwellings, cutoff: .infinity) == unbounded, "seed \(seed)")

            finite += unbounded.distance.filter(\.isFinite).count
            infinite += unbounded.distance.filter { !$0.isFinite }.count
        }
        // The random mix must cover reachable, unreachable and cut-off dwellings.
        #expect(finite > 500)
        #expect(infinite > 100)
        #expect(cutoffExcluded > 300)
    }

    /// The reference itself on the hand-drawn grid: D1 → F is 650 m (see NearestFacilitySearchTests).
    @Test func referenceAgreesWithHandComputation() {
        let graph = Grid.graph()
        let index = SegmentIndex(graph: graph)
        let facilities = [PlanarPoint(x: 250, y: 410), PlanarPoint(x: -10, y: 130)].map { index.link($0, in: graph, maxDistance: 50) }
        let dwellings = [PlanarPoint(x: 30, y: -20), PlanarPoint(x: 220, y: 395)].map { index.link($0, in: graph, maxDistance: 50) }
        let reference = ReferenceNetwork(graph: graph, dwellings: dwellings, facilities: facilities)
        let d1 = reference.distances(dwelling: 0, dwellings: dwellings, facilities: facilities)
        // 20 + 70 + 500 + 50 + 10 = 650 to F; 20 + 30 + 100 + 30 + 10 = 190 to G.
        #expect(abs(d1[0] - 650) < 1e-4)
        #expect(abs(d1[1] - 190) < 1e-4)
        // D2 on F's segment: 5 + 30 + 10 = 45; to G: 5 + 20 + 400 + 70 + 10 = 505.
        let d2 = reference.distances(dwelling: 1, dwellings: dwellings, facilities: facilities)
        #expect(abs(d2[0] - 45) < 1e-4)
        #expect(abs(d2[1] - 505) < 1e-4)
    }
}
