import Testing
@testable import Nabijheid

@Suite struct SegmentIndexTests {
    @Test func pointBesideAStreetProjectsPerpendicularly() {
        let graph = Grid.graph()
        let index = SegmentIndex(graph: graph)
        // (30, -20): 20 m below the row-0 block (0,0)–(100,0), 30 m along it → fraction 0.3.
        let link = index.link(PlanarPoint(x: 30, y: -20), in: graph, maxDistance: 50)
        #expect(link.segment == Grid.rowSegment(0, 0))
        #expect(link.fraction == 0.3)
        #expect(link.connector == 20)
        // (380, 255): 20 m west of column x = 400, 55 m above (400, 200) → fraction 0.55.
        let east = index.link(PlanarPoint(x: 380, y: 255), in: graph, maxDistance: 50)
        #expect(east.segment == Grid.columnSegment(4, 2))
        #expect(abs(east.fraction - 0.55) < 1e-6)
        #expect(east.connector == 20)
    }

    @Test func pointOnNodeTakesLowestSegmentIndex() {
        let graph = Grid.graph()
        let index = SegmentIndex(graph: graph)
        // (100, 200) is node (1, 2), the end of four segments at distance 0: row segments 8
        // (fraction 1) and 9 (fraction 0), column segments 25 and 26. Ties go to the lowest: 8.
        let link = index.link(PlanarPoint(x: 100, y: 200), in: graph, maxDistance: 50)
        #expect(link.segment == Grid.rowSegment(0, 2))
        #expect(link.segment == 8)
        #expect(link.fraction == 1)
        #expect(link.connector == 0)
        // Even with a snap distance of 0 a point on the network is routable.
        #expect(index.link(PlanarPoint(x: 100, y: 200), in: graph, maxDistance: 0).isRoutable)
    }

    @Test func snapDistanceIsInclusive() {
        let graph = Grid.graph()
        let index = SegmentIndex(graph: graph)
        // (250, 450) is exactly 50 m above the block (200,400)–(300,400).
        let atLimit = index.link(PlanarPoint(x: 250, y: 450), in: graph, maxDistance: 50)
        #expect(atLimit.segment == Grid.rowSegment(2, 4))
        #expect(atLimit.connector == 50)
        // (200, 560) is 160 m from its nearest point (200, 400): beyond a 50 m snap.
        let beyond = index.link(PlanarPoint(x: 200, y: 560), in: graph, maxDistance: 50)
        #expect(beyond == .unroutable)
        #expect(!beyond.isRoutable)
        #expect(beyond.connector == .infinity)
        #expect(index.link(PlanarPoint(x: 250, y: 450), in: graph, maxDistance: 49.99) == .unroutable)
    }

    @Test func farOutsideTheGridWithLargeReach() {
        let graph = Grid.graph()
        let index = SegmentIndex(graph: graph)
        // (-3000, 200) is 3000 m west of node (0, 2); segments 8, 21 and 22 meet there.
        let link = index.link(PlanarPoint(x: -3000, y: 200), in: graph, maxDistance: 5000)
        #expect(link.segment == 8)
        #expect(link.fraction == 0)
        #expect(link.connector == 3000)
        #expect(index.link(PlanarPoint(x: -3000, y: 200), in: graph, maxDistance: 2999) == .unroutable)
    }

    /// An unbounded reach should simply find the nearest segment. `link` converts
    /// `maxDistance / cellSize` to `Int` (SegmentIndex.swift:86), which traps for infinity (and
    /// for finite values beyond Int range, e.g. 1e300). ConfigurationLoader accepts
    /// `max_snap_m = inf` (it only checks `> 0`), so such a configuration crashes the run.
    @Test
    func unboundedReachFindsNearestSegment() {
        let graph = Grid.graph()
        let index = SegmentIndex(graph: graph)
        for reach in [Double.infinity, 1e300] {
            // (30, -20) is 20 m below the block (0,0)–(100,0) at fraction 0.3.
            let link = index.link(PlanarPoint(x: 30, y: -20), in: graph, maxDistance: reach)
            #expect(link == NetworkLink(segment: Grid.rowSegment(0, 0), fraction: 0.3, connector: 20))
        }
    }

    @Test func emptyGraphLinksNothing() {
        let graph = WalkGraphBuilder().build(minimumIslandNodes: 1).graph
        let index = SegmentIndex(graph: graph)
        #expect(index.link(PlanarPoint(x: 0, y: 0), in: graph, maxDistance: 100) == .unroutable)
    }

    /// On 60 random networks (ordinary, tiny, huge and collinear ones, so the cell size runs
    /// from its 20 m floor to its 1 km cap), the index must agree with a scan of all segments.
    @Test func agreesWithBruteForceOnRandomGraphs() {
        let reaches: [Double] = [0.5, 10, 30, 100, 400, 3000]
        var queries = 0, routable = 0
        for seed in UInt64(1)...60 {
            var rng = SplitMix64(seed: seed &* 0x5EED)
            let extent: ClosedRange<Double>
            switch seed % 4 {
            case 0: extent = 5...50
            case 1: extent = 5_000...20_000
            default: extent = 150...1500
            }
            let network = RandomNetwork.make(rng: &rng, maxPoints: 30, extentRange: extent, collinear: seed % 10 == 3)
            let graph = network.graph
            let index = SegmentIndex(graph: graph)
            for _ in 0..<120 {
                let maxDistance = reaches[rng.int(0...(reaches.count - 1))]
                let p = network.randomPoint(rng: &rng, margin: maxDistance + 100)
                let link = index.link(p, in: graph, maxDistance: maxDistance)
                let nearest = bruteNearestDistance(p, in: graph)
                queries += 1
                if abs(nearest - maxDistance) < 1e-9 { continue }  // too close to call
                #expect(link.isRoutable == (nearest <= maxDistance), "seed \(seed) point \(p) reach \(maxDistance)")
                guard link.isRoutable else {
                    #expect(link == .unroutable)
                    continue
                }
                routable += 1
                let s = Int(link.segment)
                let a = graph.nodes[Int(graph.segmentFrom[s])], b = graph.nodes[Int(graph.segmentTo[s])]
                // The chosen segment is a nearest one.
                let own = bruteDistanceToSegment(p, a, b)
                #expect(abs(own.distance - nearest) <= 1e-6, "seed \(seed) point \(p)")
                #expect(abs(Double(link.connector) - nearest) <= 1e-6 + Double(Float(nearest).ulp))
                #expect(abs(Double(link.fraction) - own.fraction) <= 1e-6)
                // Ties go to the lowest segment index (same formula as the index, exact compare).
                var lowest = -1, lowestDistance = Double.infinity
                for t in 0..<graph.segmentCount {
                    let d = SegmentIndex.project(p, graph.nodes[Int(graph.segmentFrom[t])], graph.nodes[Int(graph.segmentTo[t])]).0
                    if d < lowestDistance { lowest = t; lowestDistance = d }
                }
                #expect(s == lowest, "seed \(seed) point \(p)")
            }
        }
        #expect(queries == 60 * 120)
        // The mix must exercise both outcomes.
        #expect(routable > queries / 4)
        #expect(routable < queries)
    }
}
