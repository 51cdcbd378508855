import Testing
@testable import Nabijheid

/// A plan's network edits on hand-drawn networks: what each does to the graphs, worked out by hand.
@Suite struct NetworkEditTests {
    static func p(_ x: Double, _ y: Double) -> PlanarPoint { PlanarPoint(x: x, y: y) }

    static func add(_ builder: inout WalkGraphBuilder, _ points: [(Double, Double)], _ tags: [String: String]) {
        builder.addLine(source: points, planar: points.map { p($0.0, $0.1) }, tags: tags)
    }

    /// Shortest distance between the nodes at `a` and `b`.
    static func distance(_ graph: WalkGraph, _ a: PlanarPoint, _ b: PlanarPoint) throws -> Float {
        let from = try #require(graph.nodes.firstIndex(of: a)), to = try #require(graph.nodes.firstIndex(of: b))
        var best = [Float](repeating: .infinity, count: graph.nodeCount)
        best[from] = 0
        var done = Set<Int>()
        while let v = (0..<graph.nodeCount).filter({ !done.contains($0) && best[$0].isFinite }).min(by: { best[$0] < best[$1] }) {
            done.insert(v)
            for arc in Int(graph.firstArc[v])..<Int(graph.firstArc[v + 1]) {
                best[Int(graph.arcTarget[arc])] = min(best[Int(graph.arcTarget[arc])], best[v] + graph.arcLength[arc])
            }
        }
        return best[to]
    }

    @Test func tagsParse() {
        #expect(NetworkEdit.parseTags("highway=steps;ramp=no") == ["highway": "steps", "ramp": "no"])
        #expect(NetworkEdit.parseTags(" kerb = raised ; ") == ["kerb": "raised"])
        #expect(NetworkEdit.parseTags("ramp") == nil)
        #expect(NetworkEdit.parseTags("=no") == nil)
        #expect(NetworkEdit.parseTags("ramp=") == nil)
        #expect(NetworkEdit.parseTags("ramp=yes;ramp=no") == nil)
    }

    /// Two parallel 200 m streets 100 m apart, joined at x = 0: from (200, 0) to (200, 100) is
    /// 200 + 100 + 200 = 500 m. A new path from (100, -50) to (100, 150) crosses both streets and
    /// joins them at (100, 0) and (100, 100): 100 + 100 + 100 = 300 m.
    @Test func newPathJoinsWhereItCrosses() throws {
        var builder = WalkGraphBuilder()
        Self.add(&builder, [(0, 0), (200, 0)], ["highway": "residential"])
        Self.add(&builder, [(0, 100), (200, 100)], ["highway": "residential"])
        Self.add(&builder, [(0, 0), (0, 100)], ["highway": "residential"])
        #expect(try Self.distance(builder.buildNetwork(minimumIslandNodes: 1).graph, Self.p(200, 0), Self.p(200, 100)) == 500)
        try builder.apply([NetworkEdit(kind: .newPath, feature: "pad", line: [Self.p(100, -50), Self.p(100, 150)], tags: [:])],
                          rules: WalkRules(), file: "plan")
        let graph = builder.buildNetwork(minimumIslandNodes: 1).graph
        #expect(try Self.distance(graph, Self.p(200, 0), Self.p(200, 100)) == 300)
        // 3 + 2 split halves + 4 pieces of the new path (−50…0, 0…100, 100…150).
        #expect(graph.segmentCount == 3 + 2 + 3)
    }

    /// The ramp network of `MobilityProfileTests`: steps with a ramp A (0,0) – C (200,0), a 400 m
    /// detour. `ramp=no` over the steps: the rollator takes the detour; a closed path: everyone.
    @Test func changedAndClosedPaths() throws {
        func network(_ edits: [NetworkEdit]) throws -> (standaard: Float, rollator: Float) {
            var builder = WalkGraphBuilder()
            Self.add(&builder, [(0, 0), (100, 0), (200, 0)], ["highway": "steps", "ramp": "yes"])
            Self.add(&builder, MobilityProfileTests.detour, MobilityProfileTests.paved)
            try builder.apply(edits, rules: WalkRules(), file: "plan")
            let built = builder.buildNetwork(minimumIslandNodes: 1)
            let rollator = MobilityNetwork(base: built.graph, attributes: built.attributes, profile: try MobilityProfileTests.shipped("rollator"))
            return (try Self.distance(built.graph, Self.p(0, 0), Self.p(200, 0)), try Self.distance(rollator.graph, Self.p(0, 0), Self.p(200, 0)))
        }
        let line = [Self.p(0, 0.5), Self.p(200, 0.5)]
        #expect(try network([]) == (200, 200))
        #expect(try network([NetworkEdit(kind: .changedPath, feature: "f", line: line, tags: ["ramp": "no"])]) == (200, 400))
        #expect(try network([NetworkEdit(kind: .closedPath, feature: "f", line: line, tags: [:])]) == (400, 400))
        // foot=no: the walk rules drop the path for everyone.
        #expect(try network([NetworkEdit(kind: .changedPath, feature: "f", line: line, tags: ["foot": "no"])]) == (400, 400))
        // Only the first half under the line: (0,0)–(100,0) loses its ramp, which blocks the direct route.
        #expect(try network([NetworkEdit(kind: .changedPath, feature: "f", line: [Self.p(0, 0), Self.p(100, 0)], tags: ["ramp": "no"])]) == (200, 400))
        // More than 1 m away: no segment; an error naming the feature.
        #expect(throws: InputError.self) {
            try network([NetworkEdit(kind: .changedPath, feature: "feature 7", line: [Self.p(0, 1.5), Self.p(200, 1.5)], tags: ["ramp": "no"])])
        }
    }

    /// A raised kerb at (100, 0) on a paved direct route: rollator 200 + 30 = 230 m, rolstoel blocked: 400 m.
    @Test func changedNode() throws {
        var builder = WalkGraphBuilder()
        Self.add(&builder, [(0, 0), (100, 0), (200, 0)], MobilityProfileTests.paved)
        Self.add(&builder, MobilityProfileTests.detour, MobilityProfileTests.paved)
        try builder.apply([NetworkEdit(kind: .changedNode, feature: "f", line: [Self.p(100.4, 0.3)], tags: ["barrier": "kerb", "kerb": "raised"])],
                          rules: WalkRules(), file: "plan")
        let built = builder.buildNetwork(minimumIslandNodes: 1)
        for (name, expected) in [("rollator", Float(230)), ("rolstoel", 400)] {
            let network = MobilityNetwork(base: built.graph, attributes: built.attributes, profile: try MobilityProfileTests.shipped(name))
            #expect(try Self.distance(network.graph, Self.p(0, 0), Self.p(200, 0)) == expected, "\(name)")
        }
    }

    /// The care network by bike: a residential street A – C (200 m) and a 400 m detour.
    /// Steps over the street close it to the bike; a new footway is not for bikes, a new
    /// cycleway is.
    @Test func careNetworkByBike() throws {
        func seconds(_ edits: [NetworkEdit]) throws -> Float {
            var builder = TravelTimeGraphBuilder(rules: CareModeRules(mode: .fiets, speedKmh: 18))
            for line in [[(0.0, 0.0), (200.0, 0.0)], MobilityProfileTests.detour] {
                builder.addWay(tags: ["highway": "residential"], source: line.map { (150000 + $0.0, 450000 + $0.1) },
                               planar: line.map { Self.p(150000 + $0.0, 450000 + $0.1) })
            }
            builder.apply(edits)
            let graph = builder.build(minimumIslandNodes: 1)
            return try Self.distance(WalkGraph(nodes: graph.geometry.nodes, firstArc: graph.geometry.firstArc, arcTarget: graph.geometry.arcTarget,
                                               arcLength: graph.arcSeconds, segmentFrom: graph.geometry.segmentFrom,
                                               segmentTo: graph.geometry.segmentTo, segmentLength: graph.geometry.segmentLength),
                                     Self.p(150000, 450000), Self.p(150200, 450000))
        }
        let street = [Self.p(150000, 450000), Self.p(150200, 450000)]
        #expect(try seconds([]) == 40)  // 200 m at 5 m/s
        #expect(try seconds([NetworkEdit(kind: .changedPath, feature: "f", line: street, tags: ["highway": "steps"])]) == 80)
        #expect(try seconds([NetworkEdit(kind: .changedPath, feature: "f", line: street, tags: ["surface": "asphalt"])]) == 40)
        #expect(try seconds([NetworkEdit(kind: .closedPath, feature: "f", line: street, tags: [:])]) == 80)
        let diagonal = [Self.p(150000, 450100), Self.p(150200, 450000)]  // √(200² + 100²) = 223.6 m
        let closed = NetworkEdit(kind: .closedPath, feature: "f", line: street, tags: [:])
        #expect(try seconds([closed, NetworkEdit(kind: .newPath, feature: "g", line: diagonal, tags: [:])]) == 80)
        let cycle = try seconds([closed, NetworkEdit(kind: .newPath, feature: "g", line: diagonal, tags: ["highway": "cycleway"])])
        let expected: Double = (100 + (200.0 * 200 + 100 * 100).squareRoot()) / 5  // A – (0, 100), then the diagonal
        #expect(abs(Double(cycle) - expected) < 0.01)
    }
}
