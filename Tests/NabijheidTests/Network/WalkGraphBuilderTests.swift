import Testing
@testable import Nabijheid

@Suite struct WalkGraphBuilderTests {
    /// A three-node fragment far away from the grid: (1000, 1000) – (1050, 1000) – (1100, 1000).
    static let island: [(Double, Double)] = [(1000, 1000), (1050, 1000), (1100, 1000)]

    @Test func gridHasExpectedNodesAndSegments() {
        let graph = Grid.graph()
        // 5 × 5 vertices, shared between the row and column lines.
        #expect(graph.nodeCount == 25)
        // 5 rows × 4 blocks + 5 columns × 4 blocks = 40.
        #expect(graph.segmentCount == 40)
        #expect(graph.segmentLength.allSatisfy { $0 == 100 })
        // Numbering documented in `Grid`.
        #expect(graph.nodes[Int(Grid.node(3, 2))] == PlanarPoint(x: 300, y: 200))
        #expect(graph.segmentFrom[Int(Grid.rowSegment(1, 2))] == Grid.node(1, 2))
        #expect(graph.segmentTo[Int(Grid.rowSegment(1, 2))] == Grid.node(2, 2))
        #expect(graph.segmentFrom[Int(Grid.columnSegment(3, 1))] == Grid.node(3, 1))
        #expect(graph.segmentTo[Int(Grid.columnSegment(3, 1))] == Grid.node(3, 2))
    }

    @Test func arcsAreTheSegmentsInBothDirections() {
        let graph = Grid.graph()
        #expect(graph.firstArc.count == graph.nodeCount + 1)
        #expect(graph.firstArc.first == 0)
        #expect(Int(graph.firstArc.last!) == 2 * graph.segmentCount)
        // Corner nodes have 2 neighbours, other border nodes 3, inner nodes 4.
        for i in Grid.steps {
            for j in Grid.steps {
                let v = Int(Grid.node(i, j))
                let border = (i == 0 || i == 4 ? 1 : 0) + (j == 0 || j == 4 ? 1 : 0)
                #expect(Int(graph.firstArc[v + 1] - graph.firstArc[v]) == 4 - border)
                let targets = Set(graph.arcTarget[Int(graph.firstArc[v])..<Int(graph.firstArc[v + 1])])
                var expected: Set<Int32> = []
                if i > 0 { expected.insert(Grid.node(i - 1, j)) }
                if i < 4 { expected.insert(Grid.node(i + 1, j)) }
                if j > 0 { expected.insert(Grid.node(i, j - 1)) }
                if j < 4 { expected.insert(Grid.node(i, j + 1)) }
                #expect(targets == expected)
            }
        }
        #expect(graph.arcLength.allSatisfy { $0 == 100 })
    }

    @Test func smallIslandIsRemoved() {
        var builder = WalkGraphBuilder()
        Grid.addStreets(to: &builder)
        Grid.addLine(&builder, Self.island)
        let built = builder.build(minimumIslandNodes: 5)
        #expect(built.graph.nodeCount == 25)
        #expect(built.graph.segmentCount == 40)
        #expect(built.removedNodes == 3)
        #expect(built.removedFragments == 1)
        #expect(!built.graph.nodes.contains(PlanarPoint(x: 1050, y: 1000)))
        // Segments were renumbered consistently: still the grid, all within 0..<25.
        #expect(built.graph.segmentFrom.allSatisfy { $0 >= 0 && $0 < 25 })
        #expect(built.graph.segmentTo.allSatisfy { $0 >= 0 && $0 < 25 })
    }

    @Test func islandAtLeastTheMinimumIsKept() {
        var builder = WalkGraphBuilder()
        Grid.addStreets(to: &builder)
        Grid.addLine(&builder, Self.island)
        let built = builder.build(minimumIslandNodes: 2)
        // 25 + 3 nodes, 40 + 2 segments.
        #expect(built.graph.nodeCount == 28)
        #expect(built.graph.segmentCount == 42)
        #expect(built.removedNodes == 0)
        #expect(built.removedFragments == 0)
        // Exactly the minimum (3 nodes, minimum 3) is kept as well: "fewer than" removes.
        let atMinimum = builder.build(minimumIslandNodes: 3)
        #expect(atMinimum.graph.nodeCount == 28)
        #expect(atMinimum.removedFragments == 0)
    }

    @Test(arguments: [false, true])
    func largestFragmentIsAlwaysKept(islandFirst: Bool) {
        var builder = WalkGraphBuilder()
        if islandFirst { Grid.addLine(&builder, Self.island) }
        Grid.addStreets(to: &builder)
        if !islandFirst { Grid.addLine(&builder, Self.island) }
        // The minimum exceeds every fragment; the grid (25 nodes) survives, the island not.
        let built = builder.build(minimumIslandNodes: 1000)
        #expect(built.graph.nodeCount == 25)
        #expect(built.graph.segmentCount == 40)
        #expect(built.removedNodes == 3)
        #expect(built.removedFragments == 1)
        #expect(built.graph.nodes.contains(PlanarPoint(x: 400, y: 400)))
    }

    @Test func crossingWithoutSharedVertexDoesNotJoin() {
        // Two lines crossing at (50, 0) without a common vertex (a bridge): two fragments.
        var builder = WalkGraphBuilder()
        Grid.addLine(&builder, [(0, 0), (100, 0)])
        Grid.addLine(&builder, [(50, -50), (50, 50)])
        let all = builder.build(minimumIslandNodes: 1)
        #expect(all.graph.nodeCount == 4)
        #expect(all.graph.segmentCount == 2)
        // With a minimum of 3 both fragments are too small; only the (first) largest stays.
        let pruned = builder.build(minimumIslandNodes: 3)
        #expect(pruned.graph.nodeCount == 2)
        #expect(pruned.graph.segmentCount == 1)
        #expect(pruned.removedFragments == 1)
        #expect(pruned.removedNodes == 2)
    }

    @Test func sharedVertexJoinsAndRepeatedVertexAddsNoSegment() {
        var builder = WalkGraphBuilder()
        // A repeated vertex (same coordinates twice in a row) adds no zero-length segment.
        Grid.addLine(&builder, [(0, 0), (0, 0), (100, 0)])
        // Starts at the shared vertex (100, 0).
        Grid.addLine(&builder, [(100, 0), (100, 50)])
        let built = builder.build(minimumIslandNodes: 1)
        #expect(built.graph.nodeCount == 3)
        #expect(built.graph.segmentCount == 2)
        #expect(built.graph.segmentLength == [100, 50])
        #expect(built.removedFragments == 0)
    }

    @Test func vertexIdentityUsesSourceCoordinatesNotPlanar() {
        // Vertices join on equal source coordinates; a vertex with other source coordinates
        // at the very same planar position (70, 0) stays a separate node.
        var builder = WalkGraphBuilder()
        builder.addLine(source: [(5.0, 52.0), (5.001, 52.0)],
                        planar: [PlanarPoint(x: 0, y: 0), PlanarPoint(x: 70, y: 0)])
        builder.addLine(source: [(5.001, 52.0), (5.001, 52.001)],
                        planar: [PlanarPoint(x: 70, y: 0), PlanarPoint(x: 70, y: 110)])
        builder.addLine(source: [(5.0010000001, 52.0), (5.002, 52.0)],
                        planar: [PlanarPoint(x: 70, y: 0), PlanarPoint(x: 140, y: 0)])
        let built = builder.build(minimumIslandNodes: 1)
        #expect(built.graph.nodeCount == 5)
        #expect(built.graph.segmentCount == 3)
        #expect(built.graph.segmentLength == [70, 110, 70])
        // The third line is its own fragment: with minimum 3 it goes.
        let pruned = builder.build(minimumIslandNodes: 3)
        #expect(pruned.graph.nodeCount == 3)
        #expect(pruned.removedFragments == 1)
    }

    @Test func emptyBuilderGivesEmptyGraph() {
        let built = WalkGraphBuilder().build(minimumIslandNodes: 5)
        #expect(built.graph.nodeCount == 0)
        #expect(built.graph.segmentCount == 0)
        #expect(built.graph.firstArc == [0])
        #expect(built.removedNodes == 0)
        #expect(built.removedFragments == 0)
    }
}
