import Testing
@testable import Nabijheid

/// `CareResponseSearch` on a hand-drawn network with a one-way street, every time worked out by
/// hand, and on random graphs against the walking distances of `NearestFacilitySearch`.
@Suite struct CareResponseSearchTests {
    /// A 1500 × 1000 m loop, origin (100 000, 450 000) in RD New:
    ///
    ///     P3 (0,1000) ——— C ——— P2 (1500,1000)
    ///      |                      |
    ///      D                      B
    ///      |                      |
    ///     P0 (0,0) ——— A ——→ P1 (1500,0)      A: one-way P0 → P1 (as drawn)
    ///
    /// plus a footway P1 → P3 (1802.8 m) that bikes may use only with `bicycle=yes`.
    static let origin = PlanarPoint(x: 100_000, y: 450_000)
    static func at(_ x: Double, _ y: Double) -> PlanarPoint { PlanarPoint(x: origin.x + x, y: origin.y + y) }

    static func loop(mode: CareResponseSettings.Mode, speed: Double, streetA: [String: String], footway: [String: String]? = nil) -> TravelTimeGraph {
        var builder = TravelTimeGraphBuilder(rules: CareModeRules(mode: mode, speedKmh: speed))
        func add(_ tags: [String: String], _ points: [PlanarPoint]) {
            builder.addWay(tags: tags, source: points.map { ($0.x, $0.y) }, planar: points)
        }
        add(streetA, [at(0, 0), at(1500, 0)])
        add(["highway": "residential"], [at(1500, 0), at(1500, 1000)])
        add(["highway": "residential"], [at(1500, 1000), at(0, 1000)])
        add(["highway": "residential"], [at(0, 1000), at(0, 0)])
        if let footway { add(footway, [at(1500, 0), at(0, 1000)]) }
        return builder.build(minimumIslandNodes: 1)
    }

    /// Response minutes from `bases` to `dwellings` (points), dispatch 5 min, connectors at `speed`.
    static func minutes(_ graph: TravelTimeGraph, bases: [PlanarPoint], dwellings: [PlanarPoint], speed: Double, dispatch: Double = 5) -> [Double] {
        let index = SegmentIndex(graph: graph.geometry)
        let link = { (p: PlanarPoint) in index.link(p, in: graph.geometry, maxDistance: 250) }
        let seconds = CareResponseSearch(graph: graph).run(bases: bases.map(link), dwellings: dwellings.map(link),
                                                           dispatchSeconds: Float(dispatch * 60), connectorMetresPerSecond: Float(speed / 3.6))
        return seconds.map { Double($0) / 60 }
    }

    static func expectMinutes(_ got: [Double], _ expected: [Double], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(got.count == expected.count, sourceLocation: sourceLocation)
        for (g, e) in zip(got, expected) {
            #expect(closeEnough(g, e), "got \(g) min, expected \(e) min", sourceLocation: sourceLocation)
        }
    }

    static let oneway = ["highway": "residential", "oneway": "yes"]

    /// Cycling at 15 km/h = 250 m a minute, 5 minutes dispatch.
    @Test func cyclingRespectsTheOneWayStreet() {
        let graph = Self.loop(mode: .fiets, speed: 15, streetA: Self.oneway)
        // With the arrow: P0 → P1 is 1500 m = 6 min, + 5 = 11 min.
        Self.expectMinutes(Self.minutes(graph, bases: [Self.at(0, 0)], dwellings: [Self.at(1500, 0)], speed: 15), [11])
        // Against it: round the loop P1 → P2 → P3 → P0, 3500 m = 14 min, + 5 = 19 min.
        Self.expectMinutes(Self.minutes(graph, bases: [Self.at(1500, 0)], dwellings: [Self.at(0, 0)], speed: 15), [19])
        // A dwelling 30 m north of A's middle: from P0, 750 m along A (3 min) + 30 m connector
        // (0.12 min) + 5 = 8.12; from P1, round the loop (3500 m) and 750 m along A:
        // 4250 m = 17 min + 0.12 + 5 = 22.12.
        let middle = Self.at(750, 30)
        Self.expectMinutes(Self.minutes(graph, bases: [Self.at(0, 0)], dwellings: [middle], speed: 15), [8.12])
        Self.expectMinutes(Self.minutes(graph, bases: [Self.at(1500, 0)], dwellings: [middle], speed: 15), [22.12])
    }

    @Test func aBaseOnTheDwellingsOwnSegmentFollowsTheArrowToo() {
        let graph = Self.loop(mode: .fiets, speed: 15, streetA: Self.oneway)
        let middle = Self.at(750, 30)
        // Base 20 m south of A at 300 m: with the arrow 450 m to the dwelling.
        // 5 + 20/250 + 450/250 + 30/250 = 5 + 0.08 + 1.8 + 0.12 = 7.0 min.
        Self.expectMinutes(Self.minutes(graph, bases: [Self.at(300, -20)], dwellings: [middle], speed: 15), [7.0])
        // Base at 1200 m: 450 m back is against the arrow; on to P1 (300 m), round the loop
        // (3500 m), 750 m along A: 4550 m = 18.2 min; + 0.08 + 0.12 + 5 = 23.4 min.
        Self.expectMinutes(Self.minutes(graph, bases: [Self.at(1200, -20)], dwellings: [middle], speed: 15), [23.4])
        // Both bases: the nearest in time wins.
        Self.expectMinutes(Self.minutes(graph, bases: [Self.at(1200, -20), Self.at(300, -20)], dwellings: [middle], speed: 15), [7.0])
    }

    @Test func contraflowCyclingAndSignedFootways() {
        // oneway:bicycle=no: both ways 1500 m = 6 min + 5.
        let contraflow = Self.loop(mode: .fiets, speed: 15, streetA: ["highway": "residential", "oneway": "yes", "oneway:bicycle": "no"])
        Self.expectMinutes(Self.minutes(contraflow, bases: [Self.at(1500, 0)], dwellings: [Self.at(0, 0)], speed: 15), [11])
        // A footway without bicycle=yes is not for bikes: still 19 min.
        let footway = Self.loop(mode: .fiets, speed: 15, streetA: Self.oneway, footway: ["highway": "footway"])
        Self.expectMinutes(Self.minutes(footway, bases: [Self.at(1500, 0)], dwellings: [Self.at(0, 0)], speed: 15), [19])
        // With bicycle=yes: P1 → P3 √(1500² + 1000²) = 1802.776 m, P3 → P0 1000 m:
        // 2802.776 / 250 = 11.2111 min + 5 = 16.2111.
        let signed = Self.loop(mode: .fiets, speed: 15, streetA: Self.oneway, footway: ["highway": "footway", "bicycle": "yes"])
        Self.expectMinutes(Self.minutes(signed, bases: [Self.at(1500, 0)], dwellings: [Self.at(0, 0)], speed: 15), [16.2111])
    }

    @Test func drivingTakesMaxspeedAndTheDefaultsCappedByTheConfiguration() {
        // A at maxspeed 30: 1500 m at 500 m/min = 3 min + 5 = 8. Against it: the loop is
        // residential, default 30 km/h: 3500 m = 7 min + 5 = 12. The footway is no car road.
        let graph = Self.loop(mode: .auto, speed: 80, streetA: ["highway": "tertiary", "oneway": "yes", "maxspeed": "30"],
                              footway: ["highway": "footway"])
        Self.expectMinutes(Self.minutes(graph, bases: [Self.at(0, 0)], dwellings: [Self.at(1500, 0)], speed: 80), [8])
        Self.expectMinutes(Self.minutes(graph, bases: [Self.at(1500, 0)], dwellings: [Self.at(0, 0)], speed: 80), [12])
        // oneway=-1: the way runs against its drawing; maxspeed NL:urban (50) capped at 20 km/h:
        // P1 → P0 along A 1500 m at 333.3 m/min = 4.5 min + 5 = 9.5; P0 → P1 round the loop,
        // 3500 m at 20 km/h (the residential 30 capped) = 10.5 min + 5 = 15.5.
        let reversed = Self.loop(mode: .auto, speed: 20, streetA: ["highway": "tertiary", "oneway": "-1", "maxspeed": "NL:urban"])
        Self.expectMinutes(Self.minutes(reversed, bases: [Self.at(1500, 0)], dwellings: [Self.at(0, 0)], speed: 20), [9.5])
        Self.expectMinutes(Self.minutes(reversed, bases: [Self.at(0, 0)], dwellings: [Self.at(1500, 0)], speed: 20), [15.5])
    }

    @Test func unreachableAndUnroutableDwellingsHaveNoTime() {
        var builder = TravelTimeGraphBuilder(rules: CareModeRules(mode: .fiets, speedKmh: 15))
        let island = [Self.at(5000, 0), Self.at(5100, 0)]
        builder.addWay(tags: ["highway": "residential"], source: [(Self.at(0, 0).x, Self.at(0, 0).y), (Self.at(100, 0).x, Self.at(100, 0).y)],
                       planar: [Self.at(0, 0), Self.at(100, 0)])
        builder.addWay(tags: ["highway": "residential"], source: island.map { ($0.x, $0.y) }, planar: island)
        let graph = builder.build(minimumIslandNodes: 1)
        let got = Self.minutes(graph, bases: [Self.at(0, 0)], dwellings: [Self.at(5050, 0), Self.at(2500, 2500), Self.at(50, 0)], speed: 15)
        #expect(got[0] == .infinity)
        #expect(got[1] == .infinity)
        Self.expectMinutes([got[2]], [5 + 50.0 / 250])
    }

    /// On a graph with one speed everywhere and no one-way street, the response time is the
    /// dispatch time plus the walking distance (`NearestFacilitySearch`, connectors included)
    /// divided by the speed. 240 seeded random graphs.
    @Test func timeIsDistanceOverSpeedOnUniformGraphs() {
        var compared = 0
        for seed in UInt64(1)...240 {
            var rng = SplitMix64(seed: 0xCA4E_0000 &+ seed)
            let network = RandomNetwork.make(rng: &rng, maxPoints: 18, extentRange: 100...1500)
            let walk = network.graph
            let speed = rng.double(4, 40) / 3.6
            let dispatch = Float(rng.double(0, 600))
            let graph = TravelTimeGraph(nodes: walk.nodes, segmentFrom: walk.segmentFrom, segmentTo: walk.segmentTo,
                                        segmentLength: walk.segmentLength,
                                        forwardSeconds: walk.segmentLength.map { $0 / Float(speed) },
                                        backwardSeconds: walk.segmentLength.map { $0 / Float(speed) })
            let index = SegmentIndex(graph: walk)
            let maxSnap = rng.double(20, 150)
            let bases = (0..<rng.int(1...6)).map { _ in index.link(network.randomPoint(rng: &rng, margin: 100), in: walk, maxDistance: maxSnap) }
            let dwellings = (0..<rng.int(1...14)).map { _ in index.link(network.randomPoint(rng: &rng, margin: 100), in: walk, maxDistance: maxSnap) }
            let distance = NearestFacilitySearch(graph: walk).run(facilities: bases, dwellings: dwellings, cutoff: .infinity).distance
            let seconds = CareResponseSearch(graph: graph).run(bases: bases, dwellings: dwellings, dispatchSeconds: dispatch,
                                                               connectorMetresPerSecond: Float(speed))
            for d in dwellings.indices {
                let expected = distance[d].isFinite ? Double(dispatch) + Double(distance[d]) / speed : .infinity
                #expect(closeEnough(Double(seconds[d]), expected), "seed \(seed) dwelling \(d): \(seconds[d]) s, expected \(expected) s")
                if expected.isFinite { compared += 1 }
            }
        }
        #expect(compared > 500)
    }
}

/// `CareResponseSearch` against a textbook directed Dijkstra on the split graph (every linked
/// point a node on its segment), on random graphs with random one-way segments and speeds.
@Suite struct CareResponseReferenceTests {
    /// Directed edges of the split graph: network nodes first, then one node per point.
    static func reference(_ graph: TravelTimeGraph, bases: [NetworkLink], dwellings: [NetworkLink], dispatch: Double, speed: Double) -> [Double] {
        let geometry = graph.geometry
        var edges = [[(Int, Double)]](repeating: [], count: geometry.nodeCount)
        var onSegment = [Int: [(fraction: Double, node: Int)]]()
        func insert(_ link: NetworkLink) -> Int? {
            guard link.isRoutable else { return nil }
            edges.append([])
            onSegment[Int(link.segment), default: []].append((Double(link.fraction), edges.count - 1))
            return edges.count - 1
        }
        let baseNodes = bases.map(insert), dwellingNodes = dwellings.map(insert)
        for s in 0..<geometry.segmentCount {
            let forward = Double(graph.segmentForwardSeconds[s]), backward = Double(graph.segmentBackwardSeconds[s])
            var previous = Int(geometry.segmentFrom[s]), previousFraction = 0.0
            let chain = (onSegment[s] ?? []).sorted { $0.fraction < $1.fraction } + [(1.0, Int(geometry.segmentTo[s]))]
            for (fraction, node) in chain {
                let piece = fraction - previousFraction
                // A piece of length zero joins its ends both ways; otherwise only where allowed.
                if piece == 0 || forward.isFinite { edges[previous].append((node, piece * (forward.isFinite ? forward : 0))) }
                if piece == 0 || backward.isFinite { edges[node].append((previous, piece * (backward.isFinite ? backward : 0))) }
                previous = node; previousFraction = fraction
            }
        }
        var time = [Double](repeating: .infinity, count: edges.count)
        var done = [Bool](repeating: false, count: edges.count)
        for (b, node) in baseNodes.enumerated() {
            if let node { time[node] = min(time[node], dispatch + Double(bases[b].connector) / speed) }
        }
        while true {
            var u = -1
            for v in time.indices where !done[v] && time[v] < .infinity && (u < 0 || time[v] < time[u]) { u = v }
            if u < 0 { break }
            done[u] = true
            for (w, t) in edges[u] where time[u] + t < time[w] { time[w] = time[u] + t }
        }
        return dwellings.indices.map { d in dwellingNodes[d].map { time[$0] + Double(dwellings[d].connector) / speed } ?? .infinity }
    }

    @Test func matchesTheReferenceWithOneWaySegments() {
        var oneWay = 0, compared = 0
        for seed in UInt64(1)...200 {
            var rng = SplitMix64(seed: 0x0E_3A7 &+ seed)
            let network = RandomNetwork.make(rng: &rng, maxPoints: 16, extentRange: 100...1200)
            let walk = network.graph
            var forward: [Float] = [], backward: [Float] = []
            for length in walk.segmentLength {
                let seconds = length / Float(rng.double(1, 25))
                switch rng.int(0...3) {
                case 0: forward.append(seconds); backward.append(.infinity); oneWay += 1
                case 1: forward.append(.infinity); backward.append(seconds); oneWay += 1
                default: forward.append(seconds); backward.append(seconds)
                }
            }
            let graph = TravelTimeGraph(nodes: walk.nodes, segmentFrom: walk.segmentFrom, segmentTo: walk.segmentTo,
                                        segmentLength: walk.segmentLength, forwardSeconds: forward, backwardSeconds: backward)
            let index = SegmentIndex(graph: walk)
            let maxSnap = rng.double(20, 150)
            let bases = (0..<rng.int(1...5)).map { _ in index.link(network.randomPoint(rng: &rng, margin: 100), in: walk, maxDistance: maxSnap) }
            let dwellings = (0..<rng.int(1...12)).map { _ in index.link(network.randomPoint(rng: &rng, margin: 100), in: walk, maxDistance: maxSnap) }
            let speed = rng.double(2, 20), dispatch = rng.double(0, 600)
            let got = CareResponseSearch(graph: graph).run(bases: bases, dwellings: dwellings, dispatchSeconds: Float(dispatch),
                                                           connectorMetresPerSecond: Float(speed))
            let expected = Self.reference(graph, bases: bases, dwellings: dwellings, dispatch: dispatch, speed: speed)
            for d in dwellings.indices {
                #expect(closeEnough(Double(got[d]), expected[d]), "seed \(seed) dwelling \(d): \(got[d]) s, reference \(expected[d]) s")
                if expected[d].isFinite { compared += 1 }
            }
        }
        #expect(oneWay > 1_000 && compared > 300, "\(oneWay) one-way segments, \(compared) times compared")
    }
}
