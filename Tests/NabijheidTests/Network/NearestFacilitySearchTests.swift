import Testing
@testable import Nabijheid

/// The hand-drawn 5 × 5 grid (100 m blocks, see `Grid`) with points whose walking distances can
/// be worked out on paper. All links use a 50 m snap distance.
///
/// Facilities:
/// - F at (250, 410): 10 m above the block (200,400)–(300,400), halfway (fraction 0.5).
/// - G at (-10, 130): 10 m west of the block (0,100)–(0,200), fraction 0.3.
///
/// Dwellings:
/// - D1 at (30, -20): 20 m below the block (0,0)–(100,0), fraction 0.3.
/// - D2 at (220, 395): 5 m below F's block, fraction 0.2 (same segment as F).
/// - D3 at (100, 200): exactly on node (1, 2).
/// - D4 at (200, 560): 160 m from the nearest street, beyond the 50 m snap: unroutable.
/// - D5 at (250, 410): the same spot as F.
@Suite struct NearestFacilitySearchTests {
    static let maxSnap = 50.0
    static let f = PlanarPoint(x: 250, y: 410)
    static let g = PlanarPoint(x: -10, y: 130)
    static let dwellings = [
        PlanarPoint(x: 30, y: -20), PlanarPoint(x: 220, y: 395), PlanarPoint(x: 100, y: 200),
        PlanarPoint(x: 200, y: 560), PlanarPoint(x: 250, y: 410),
    ]

    let graph = Grid.graph()
    var index: SegmentIndex { SegmentIndex(graph: graph) }

    func links(_ points: [PlanarPoint]) -> [NetworkLink] {
        let index = self.index
        return points.map { index.link($0, in: graph, maxDistance: Self.maxSnap) }
    }

    func expectDistance(_ result: NearestFacilitySearch.Result, _ dwelling: Int, _ expected: Float, facility: Int32,
                        sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(abs(result.distance[dwelling] - expected) < 1e-3, "D\(dwelling + 1)", sourceLocation: sourceLocation)
        #expect(result.facility[dwelling] == facility, "D\(dwelling + 1)", sourceLocation: sourceLocation)
    }

    func expectUnreached(_ result: NearestFacilitySearch.Result, _ dwelling: Int,
                         sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.distance[dwelling] == .infinity, "D\(dwelling + 1)", sourceLocation: sourceLocation)
        #expect(result.facility[dwelling] == NearestFacilitySearch.noFacility, "D\(dwelling + 1)", sourceLocation: sourceLocation)
    }

    @Test func linksAreAsDrawn() {
        let facilities = links([Self.f, Self.g])
        #expect(facilities[0] == NetworkLink(segment: Grid.rowSegment(2, 4), fraction: 0.5, connector: 10))
        #expect(facilities[1] == NetworkLink(segment: Grid.columnSegment(0, 1), fraction: 0.3, connector: 10))
        let d = links(Self.dwellings)
        #expect(d[0] == NetworkLink(segment: Grid.rowSegment(0, 0), fraction: 0.3, connector: 20))
        #expect(d[1] == NetworkLink(segment: Grid.rowSegment(2, 4), fraction: 0.2, connector: 5))
        #expect(d[2] == NetworkLink(segment: Grid.rowSegment(0, 2), fraction: 1, connector: 0))
        #expect(d[3] == .unroutable)
        #expect(d[4] == facilities[0])
    }

    @Test func singleFacility() {
        let search = NearestFacilitySearch(graph: graph)
        let result = search.run(facilities: links([Self.f]), dwellings: links(Self.dwellings), cutoff: .infinity)
        // D1: 20 (connector) + 70 (to (100,0)) + 100 + 400 (to (200,400)) + 50 (to F's foot)
        //     + 10 (F's connector) = 650. Via (0,0) it would be 20 + 30 + 200 + 400 + 50 + 10 = 710.
        expectDistance(result, 0, 650, facility: 0)
        // D2: same segment as F, directly along it: 5 + (0.5 - 0.2) × 100 + 10 = 45
        //     (via node (200,400) it would be 5 + 20 + 50 + 10 = 85).
        expectDistance(result, 1, 45, facility: 0)
        // D3: on node (1,2): 0 + 100 + 200 (to (200,400)) + 50 + 10 = 360.
        expectDistance(result, 2, 360, facility: 0)
        // D4: unroutable.
        expectUnreached(result, 3)
        // D5: at F itself: 10 + 0 + 10 = 20.
        expectDistance(result, 4, 20, facility: 0)
    }

    @Test func nearerOfTwoFacilitiesIsChosen() {
        let search = NearestFacilitySearch(graph: graph)
        let result = search.run(facilities: links([Self.f, Self.g]), dwellings: links(Self.dwellings), cutoff: .infinity)
        // D1: to G 20 + 30 (to (0,0)) + 100 (to (0,100)) + 30 (to G's foot) + 10 = 190 < 650 (F).
        expectDistance(result, 0, 190, facility: 1)
        // D2: F at 45; G at 5 + 20 + 400 (to (0,200)) + 70 + 10 = 505.
        expectDistance(result, 1, 45, facility: 0)
        // D3: G at 0 + 100 (to (0,200)) + 70 + 10 = 180 < 360 (F).
        expectDistance(result, 2, 180, facility: 1)
        expectUnreached(result, 3)
        expectDistance(result, 4, 20, facility: 0)

        // The order of the facility list does not matter beyond the indices.
        let swapped = search.run(facilities: links([Self.g, Self.f]), dwellings: links(Self.dwellings), cutoff: .infinity)
        #expect(swapped.distance == result.distance)
        #expect(swapped.facility == result.facility.map { $0 < 0 ? $0 : 1 - $0 })
    }

    @Test func cutoffExcludesFartherFacilities() {
        let search = NearestFacilitySearch(graph: graph)
        let facilities = links([Self.f]), dwellings = links(Self.dwellings)
        // Cutoff 500: D1 (650) is out; D2 (45), D3 (360), D5 (20) stay.
        let at500 = search.run(facilities: facilities, dwellings: dwellings, cutoff: 500)
        expectUnreached(at500, 0)
        expectDistance(at500, 1, 45, facility: 0)
        expectDistance(at500, 2, 360, facility: 0)
        expectUnreached(at500, 3)
        expectDistance(at500, 4, 20, facility: 0)
        // The cutoff is inclusive: D3 at exactly 360 (60 + 3 × 100, exact in Float) is kept…
        let at360 = search.run(facilities: facilities, dwellings: dwellings, cutoff: 360)
        expectDistance(at360, 2, 360, facility: 0)
        // …and dropped just below it.
        let below = search.run(facilities: facilities, dwellings: dwellings, cutoff: 359.5)
        expectUnreached(below, 2)
        expectDistance(below, 1, 45, facility: 0)
    }

    @Test func sameSegmentIsReachedEvenWhenBothEndsLieBeyondTheCutoff() {
        let search = NearestFacilitySearch(graph: graph)
        // F's segment ends are seeded at 10 + 50 = 60 m, beyond a 50 m cutoff; D2 (45) and
        // D5 (20) lie on F's segment and are reached directly along it.
        let result = search.run(facilities: links([Self.f]), dwellings: links(Self.dwellings), cutoff: 50)
        expectDistance(result, 1, 45, facility: 0)
        expectDistance(result, 4, 20, facility: 0)
        expectUnreached(result, 0)
        expectUnreached(result, 2)
        // With a 15 m cutoff even D5 (20) is out.
        let tight = search.run(facilities: links([Self.f]), dwellings: links(Self.dwellings), cutoff: 15)
        #expect(tight.distance.allSatisfy { $0 == .infinity })
        #expect(tight.facility.allSatisfy { $0 == NearestFacilitySearch.noFacility })
    }

    @Test func unroutableFacilitiesAreSkipped() {
        let search = NearestFacilitySearch(graph: graph)
        // A facility 160 m from every street (unroutable) before F: indices still refer to the list.
        let facilities = links([PlanarPoint(x: 200, y: 560), Self.f])
        #expect(facilities[0] == .unroutable)
        let result = search.run(facilities: facilities, dwellings: links(Self.dwellings), cutoff: .infinity)
        expectDistance(result, 0, 650, facility: 1)
        expectDistance(result, 1, 45, facility: 1)
        expectDistance(result, 2, 360, facility: 1)
        expectUnreached(result, 3)
    }

    @Test func noFacilitiesMeansNothingReached() {
        let search = NearestFacilitySearch(graph: graph)
        let result = search.run(facilities: [], dwellings: links(Self.dwellings), cutoff: .infinity)
        #expect(result.distance == [Float](repeating: .infinity, count: Self.dwellings.count))
        #expect(result.facility == [Int32](repeating: NearestFacilitySearch.noFacility, count: Self.dwellings.count))
        #expect(search.run(facilities: links([Self.f]), dwellings: [], cutoff: .infinity).distance.isEmpty)
    }

    @Test func crossingWithoutSharedVertexIsNoShortcut() {
        // A footbridge from (150,50) to (150,150) crosses the block (100,100)–(200,100) without
        // a shared vertex. Facility H at (155, 60) is 5 m from the bridge (40 m from the street
        // below it) at fraction 0.1; dwelling B at (145, 140) is 5 m from it at fraction 0.9.
        var builder = WalkGraphBuilder()
        Grid.addStreets(to: &builder)
        Grid.addLine(&builder, [(150, 50), (150, 150)])
        let graph = builder.build(minimumIslandNodes: 1).graph
        #expect(graph.nodeCount == 27)
        let index = SegmentIndex(graph: graph)
        let h = index.link(PlanarPoint(x: 155, y: 60), in: graph, maxDistance: 50)
        #expect(h == NetworkLink(segment: 40, fraction: 0.1, connector: 5))
        let dwellings = [PlanarPoint(x: 30, y: -20), PlanarPoint(x: 145, y: 140)]
            .map { index.link($0, in: graph, maxDistance: 50) }
        let result = NearestFacilitySearch(graph: graph).run(facilities: [h], dwellings: dwellings, cutoff: .infinity)
        // D1 on the grid cannot reach the bridge.
        expectUnreached(result, 0)
        // B: 5 + (0.9 - 0.1) × 100 + 5 = 90.
        expectDistance(result, 1, 90, facility: 0)
    }

    @Test func reusedSearchGivesTheSameResults() {
        let search = NearestFacilitySearch(graph: graph)
        let dwellings = links(Self.dwellings)
        let first = search.run(facilities: links([Self.f]), dwellings: dwellings, cutoff: .infinity)
        let other = search.run(facilities: links([Self.g]), dwellings: dwellings, cutoff: 200)
        let again = search.run(facilities: links([Self.f]), dwellings: dwellings, cutoff: .infinity)
        #expect(again == first)
        #expect(other == NearestFacilitySearch(graph: graph).run(facilities: links([Self.g]), dwellings: dwellings, cutoff: 200))
    }

    /// The facilities on a segment, against a plain dictionary: segments with one, several or no
    /// facility, unroutable facilities left out, segments past the highest linked one, and the
    /// unroutable segment number.
    @Test func facilitiesOnASegment() {
        var rng = SplitMix64(seed: 0x5E6)
        for round in 0..<200 {
            let segmentCount = rng.int(1...(round % 2 == 0 ? 70 : 5_000))
            let links = (0..<rng.int(0...60)).map { _ in
                rng.chance(0.1) ? NetworkLink.unroutable
                    : NetworkLink(segment: Int32(rng.int(0...(segmentCount - 1))), fraction: Float(rng.unit()), connector: 1)
            }
            var expected: [Int32: [Int32]] = [:]
            for (f, link) in links.enumerated() where link.isRoutable { expected[link.segment, default: []].append(Int32(f)) }
            let onSegment = SegmentFacilities(links)
            for segment in Int32(-1)...Int32(segmentCount + 130) {
                #expect(Array(onSegment.facilities(on: segment)) == expected[segment] ?? [], "round \(round), segment \(segment)")
            }
        }
    }
}
