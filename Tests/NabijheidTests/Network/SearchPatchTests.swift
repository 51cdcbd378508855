import Foundation
import Testing
@testable import Nabijheid

/// The search patch by patch (`SearchPatches`, used on national graphs) against the whole
/// search, on seeded random networks: every distance, every nearest facility (ties included:
/// a grid without jitter has many routes of exactly the same length), every unknown-route
/// flag of the mobility profiles, and what service areas read from the nodes must be the same.
@Suite struct SearchPatchTests {
    struct Case {
        var built: WalkGraphBuilder.BuiltNetwork
        var facilities: [NetworkLink]
        var dwellings: [NetworkLink]
        var cutoff: Float
    }

    static func randomCase(seed: UInt64) -> Case {
        var random = SeededRandom(seed: seed)
        let side = Int.random(in: 6...18, using: &random)
        // Every third network an exact grid: equal routes to two facilities test the ties.
        let jitter = seed % 3 == 0 ? 0.0 : 15.0
        var builder = WalkGraphBuilder()
        func point(_ i: Int, _ j: Int) -> (Double, Double) {
            var local = SeededRandom(seed: seed &* 131 &+ UInt64(i * 997 + j))
            return (150_000 + Double(i) * 50 + Double.random(in: -jitter...jitter, using: &local),
                    450_000 + Double(j) * 50 + Double.random(in: -jitter...jitter, using: &local))
        }
        for j in 0..<side {
            for i in 0..<side {
                for (di, dj) in [(1, 0), (0, 1)] where i + di < side && j + dj < side && Double.random(in: 0...1, using: &random) < 0.9 {
                    let line = [point(i, j), point(i + di, j + dj)]
                    let tags = Double.random(in: 0...1, using: &random) < 0.6 ? ["highway": "footway"]
                        : MobilityPropertyTests.wayTagChoices.randomElement(using: &random)!
                    builder.addLine(source: line, planar: line.map { PlanarPoint(x: $0.0, y: $0.1) }, tags: tags)
                }
                if Double.random(in: 0...1, using: &random) < 0.15 {
                    builder.addNode(source: point(i, j), tags: MobilityPropertyTests.nodeTagChoices.randomElement(using: &random)!)
                }
            }
        }
        let built = builder.buildNetwork(minimumIslandNodes: 1)
        let m = max(1, built.graph.segmentCount)
        func link() -> NetworkLink {
            // Whole fractions now and then, so that facilities sit exactly on nodes too.
            let fraction: Float = Double.random(in: 0...1, using: &random) < 0.3 ? Float(Int.random(in: 0...2, using: &random)) / 2
                : Float.random(in: 0...1, using: &random)
            return NetworkLink(segment: Int32.random(in: 0..<Int32(m), using: &random), fraction: fraction,
                               connector: Double.random(in: 0...1, using: &random) < 0.3 ? 0 : Float.random(in: 0...30, using: &random))
        }
        return Case(built: built, facilities: (0..<Int.random(in: 1...8, using: &random)).map { _ in link() },
                    dwellings: (0..<80).map { _ in link() }, cutoff: Float.random(in: 120...700, using: &random))
    }

    @Test func patchByPatchGivesTheWholeSearchsResults() throws {
        let root = try ConfigTable.parse("", file: "test")
        let profiles = try MobilityProfileLoader.load(root, selected: nil, file: "test")
        var compared = 0, reachedBoth = 0, patchesUsed = 0, facilitiesOnClosedSegments = 0
        for seed in UInt64(1)...120 {
            let test = Self.randomCase(seed: seed)
            let g = test.built.graph
            guard g.segmentCount > 0 else { continue }
            var random = SeededRandom(seed: seed &+ 77)
            let side = Double.random(in: 40...400, using: &random), maxNodes = Int.random(in: 2...60, using: &random)
            func whole() -> [NearestFacilitySearch] {
                [NearestFacilitySearch(graph: g)]
                    + profiles.map { NearestFacilitySearch(mobility: MobilityNetwork(base: g, attributes: test.built.attributes, profile: $0)) }
            }
            let wholeSearches = whole(), patchSearches = whole()
            for (w, p) in zip(wholeSearches, patchSearches) {
                #expect(p.searchByPatch(side: side, maxNodes: maxNodes), "seed \(seed): the graph allows patches")
                // Twice on the same instances: the state left by one search must not leak into the next.
                for facilities in [test.facilities, Array(test.facilities.reversed().prefix(3))] {
                    let expected = w.run(facilities: facilities, targets: [test.dwellings, facilities], cutoff: test.cutoff)
                    let found = p.run(facilities: facilities, targets: [test.dwellings, facilities], cutoff: test.cutoff)
                    let equal = found == expected
                    #expect(equal, "seed \(seed) (\(w.mobility?.profile.name ?? "standaard")): patches \(side) m / \(maxNodes) nodes")
                    let limit = test.cutoff * 0.8
                    let a = p.reached(facilities: facilities, limit: limit), b = w.reached(facilities: facilities, limit: limit)
                    let same = a.segment == b.segment && a.startReach == b.startReach && a.endReach == b.endReach
                        && a.facilitySegment == b.facilitySegment && a.facilityReach.map(\.bitPattern) == b.facilityReach.map(\.bitPattern)
                        && a.facilityAlong.map(\.bitPattern) == b.facilityAlong.map(\.bitPattern)
                    #expect(same, "seed \(seed): reached network")
                    // A facility on a segment the profile cannot use is left out, not placed at NaN along it.
                    #expect(a.facilityAlong.allSatisfy { $0.isFinite }, "seed \(seed): a facility's place along its segment")
                    facilitiesOnClosedSegments += facilities.filter { $0.isRoutable && !p.graph.segmentLength[Int($0.segment)].isFinite }.count
                    compared += expected[0].distance.count
                    reachedBoth += zip(expected[0].distance, found[0].distance).filter { $0.0.isFinite && $0.1.isFinite }.count
                }
            }
            patchesUsed += SearchPatches(graph: g, side: side, maxNodes: maxNodes)!.patches.count > 1 ? 1 : 0
        }
        #expect(compared > 50_000)
        // Most networks are cut into several patches, and the cutoff leaves much reached: else the test proves little.
        #expect(patchesUsed > 100, "\(patchesUsed) networks in several patches")
        #expect(reachedBoth > compared / 4, "\(reachedBoth) of \(compared) reached")
        #expect(facilitiesOnClosedSegments > 0, "some facilities sit on segments a profile cannot use")
    }

    /// A graph with a segment shorter than the straight line between its ends would let a
    /// route leave a patch's reach and come back: such a graph is searched whole.
    @Test func aSegmentShorterThanItsStraightLineKeepsTheSearchWhole() {
        let nodes = [PlanarPoint(x: 0, y: 0), PlanarPoint(x: 100, y: 0), PlanarPoint(x: 200, y: 0)]
        let honest = WalkGraph(nodes: nodes, segmentFrom: [0, 1], segmentTo: [1, 2], segmentLength: [100, 101])
        let shortcut = WalkGraph(nodes: nodes, segmentFrom: [0, 1], segmentTo: [1, 2], segmentLength: [100, 60])
        #expect(SearchPatches(graph: honest, side: 50, maxNodes: 1)?.patches.count == 3)
        #expect(SearchPatches(graph: shortcut, side: 50, maxNodes: 1) == nil)
        #expect(!NearestFacilitySearch(graph: shortcut).searchByPatch(side: 50, maxNodes: 1))
    }
}
