import Testing
@testable import Nabijheid

/// Renumbering the nodes along a Hilbert curve is a pure speed measure: the graph must stay
/// the same network, and the nearest-facility search must give exactly the same answer,
/// ties included (whole-metre grids have many equal distances).
@Suite struct SpatialNodeOrderTests {
    @Test func hilbertIndexVisitsEveryCellOnceAndSteps() {
        // On a small curve: consecutive positions are neighbouring cells.
        var cellAt: [UInt32: (UInt32, UInt32)] = [:]
        let side: UInt32 = 1 << 16, step = side / 16
        for x in stride(from: 0, to: side, by: Int(step)) {
            for y in stride(from: 0, to: side, by: Int(step)) {
                let index = SpatialNodeOrder.hilbertIndex(x: UInt32(x), y: UInt32(y)) / (step * step)
                #expect(cellAt[index] == nil)
                cellAt[index] = (UInt32(x) / step, UInt32(y) / step)
            }
        }
        #expect(cellAt.count == 256)
        for index in UInt32(1)..<256 {
            let (a, b) = (cellAt[index - 1]!, cellAt[index]!)
            let distance = abs(Int(a.0) - Int(b.0)) + abs(Int(a.1) - Int(b.1))
            #expect(distance == 1, "positions \(index - 1) and \(index)")
        }
    }

    /// The radix sort of the keys against the plain comparison sort, on keys made as `order`
    /// makes them (curve position high, ascending old index low): few distinct positions (many
    /// ties in the high half), positions that differ only in one byte, and any position.
    @Test func curveSortMatchesComparisonSort() {
        var rng = SplitMix64(seed: 0x50_47)
        for round in 0..<300 {
            let n = round < 4 ? round : rng.int(2...3_000)
            let positions: () -> UInt64
            switch round % 3 {
            case 0: positions = { UInt64(rng.int(0...3)) }
            case 1: positions = { UInt64(rng.int(0...255)) << (8 * UInt64(rng.int(0...3))) }
            default: positions = { rng.next() >> 32 }
            }
            let keys = (0..<n).map { positions() << 32 | UInt64($0) }
            var sorted = keys
            SpatialNodeOrder.sortByCurvePosition(&sorted)
            #expect(sorted == keys.sorted(), "round \(round), \(n) keys")
        }
    }

    @Test func sameNetworkSameSegments() {
        var rng = SplitMix64(seed: 17)
        let graph = RandomNetwork.make(rng: &rng, maxPoints: 30).graph
        let ordered = graph.spatiallyOrdered()
        #expect(ordered.nodeCount == graph.nodeCount && ordered.segmentCount == graph.segmentCount)
        #expect(Set(ordered.nodes) == Set(graph.nodes))
        for s in 0..<graph.segmentCount {
            #expect(ordered.nodes[Int(ordered.segmentFrom[s])] == graph.nodes[Int(graph.segmentFrom[s])])
            #expect(ordered.nodes[Int(ordered.segmentTo[s])] == graph.nodes[Int(graph.segmentTo[s])])
            #expect(ordered.segmentLength[s] == graph.segmentLength[s])
        }
    }

    @Test func searchResultsDoNotDependOnNodeNumbering() {
        var ties = 0
        for seed in UInt64(1)...150 {
            var rng = SplitMix64(seed: 0x5EED_0000 &+ seed)
            // Half of the networks on a whole-metre grid, where equal distances are common.
            let graph = seed % 2 == 0 ? RandomNetwork.make(rng: &rng, maxPoints: 25).graph : Grid.graph()
            let ordered = graph.spatiallyOrdered()
            let index = SegmentIndex(graph: graph)
            let points = { (count: Int) in (0..<count).map { _ in PlanarPoint(x: rng.double(-50, 450), y: rng.double(-50, 450)) } }
            let facilities = points(rng.int(1...6)).map { index.link($0, in: graph, maxDistance: 200) }
            let dwellings = points(rng.int(5...40)).map { index.link($0, in: graph, maxDistance: 200) }
            // Segment numbers are unchanged, so the same links hold in both graphs.
            for cutoff: Float in [.infinity, 300] {
                let before = NearestFacilitySearch(graph: graph).run(facilities: facilities, dwellings: dwellings, cutoff: cutoff)
                let after = NearestFacilitySearch(graph: ordered).run(facilities: facilities, dwellings: dwellings, cutoff: cutoff)
                #expect(before == after, "seed \(seed), cutoff \(cutoff)")
            }
            let unbounded = NearestFacilitySearch(graph: graph).run(facilities: facilities, dwellings: dwellings, cutoff: .infinity)
            ties += Set(unbounded.distance).count < unbounded.distance.count ? 1 : 0
        }
        #expect(ties > 20, "the cases include equal distances")
    }
}
