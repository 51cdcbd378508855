import Foundation
import Testing
@testable import Nabijheid

/// Walking uses every link of a point: its nearest segment, and the segment a mobility profile
/// linked it to instead (see `PointLinks`, `ProfileLinks`). Drawn by hand (metres):
///
/// ```
///                 C(200,100) ── street ── R(355,100)     K (355,105): facility, category 0
///                  │
///                steps              G (195,32): facility, category 1
///                  │                D (195,30): dwelling
///   A(0,0) ─ street ─ B(200,0)
///   F (0,-5): facility, category 0
/// ```
///
/// D and G lie 5 m from the steps (their nearest segment) and 30 m and 32 m from street A–B,
/// 70 m and more from street C–R. A rollator cannot use steps, so it links them to A–B at x = 195.
///
/// - D to category 0, nearest segment only: up the steps to K 5 + 70 + 155 + 5 = 235 m, down to
///   F 5 + 30 + 200 + 5 = 240 m. From its rollator link: F at 30 + 195 + 5 = 230 m. Walking
///   is the shorter of both: 230 m to F (the old clamp reported 235 m to K, and raised the
///   rollator's 230 m to 235 m). Rollator: 230 m to F (K lies beyond the steps).
/// - D to category 1 (G): along the steps 5 + 2 + 5 = 12 m walking; rollator, both on A–B at
///   x = 195: 30 + 0 + 32 = 62 m.
/// - G to category 0 (R3-like, facility to facility): nearest segment only K at
///   5 + 68 + 155 + 5 = 233 m, F at 5 + 32 + 200 + 5 = 242 m; from its rollator link F at
///   32 + 195 + 5 = 232 m. Walking 232 m to F, rollator 232 m.
@Suite struct ProfileLinkTests {
    static let dwellings = [PlanarPoint(x: 195, y: 30)]
    static let facilities = [
        Facility(id: "F", name: nil, category: 0, position: PlanarPoint(x: 0, y: -5), source: "layer"),
        Facility(id: "K", name: nil, category: 0, position: PlanarPoint(x: 355, y: 105), source: "layer"),
        Facility(id: "G", name: nil, category: 1, position: PlanarPoint(x: 195, y: 32), source: "layer"),
    ]

    struct Drawn {
        var graph: WalkGraph
        var rollator: MobilityNetwork
        var index: SegmentIndex
    }

    static func drawn() throws -> Drawn {
        var builder = WalkGraphBuilder()
        func line(_ points: [(Double, Double)], _ tags: [String: String]) {
            builder.addLine(source: points, planar: points.map { PlanarPoint(x: $0.0, y: $0.1) }, tags: tags)
        }
        let street = ["highway": "footway", "surface": "asphalt"]
        line([(0, 0), (200, 0)], street)
        line([(200, 0), (200, 100)], ["highway": "steps"])
        line([(200, 100), (355, 100)], street)
        let built = builder.buildNetwork(minimumIslandNodes: 1)
        let profiles = try MobilityProfileLoader.load(try ConfigTable.parse("", file: "test"), selected: nil, file: "test")
        let rollator = try #require(profiles.first { $0.name == "rollator" })
        return Drawn(graph: built.graph, rollator: MobilityNetwork(base: built.graph, attributes: built.attributes, profile: rollator),
                     index: SegmentIndex(graph: built.graph))
    }

    static func links(_ drawn: Drawn, _ points: [PlanarPoint], threads: Int) -> ProfileLinks {
        ProfileLinks(nearest: points.map { drawn.index.link($0, in: drawn.graph, maxDistance: 250) }, position: { points[$0] },
                     mobility: [drawn.rollator], index: drawn.index, maxSnap: 250, threads: threads)
    }

    @Test func walkingTakesTheShortestOverAllLinksOfAPoint() throws {
        let drawn = try Self.drawn()
        let dwellingLinks = Self.links(drawn, Self.dwellings, threads: 1)
        let facilityLinks = Self.links(drawn, Self.facilities.map(\.position), threads: 1)
        // D and G are linked anew on the rollator network, onto A–B at 30 m and 32 m; F and K not.
        #expect(dwellingLinks.relinked[0].map(\.point) == [0])
        #expect(abs(dwellingLinks.relinked[0][0].link.connector - 30) < 0.01)
        #expect(facilityLinks.relinked[0].map(\.point) == [2])
        #expect(abs(facilityLinks.relinked[0][0].link.connector - 32) < 0.01)
        #expect(dwellingLinks.standaard.extra.count == 1 && facilityLinks.standaard.extra.count == 1)

        let walking = CategoryDistances.compute(graph: drawn.graph, categoryCount: 2, facilities: Self.facilities,
                                                facilityLinks: facilityLinks.standaard, dwellingLinks: dwellingLinks.standaard,
                                                cutoff: 5000, threads: 1)
        let rollator = CategoryDistances.compute(graph: drawn.graph, categoryCount: 2, facilities: Self.facilities,
                                                 facilityLinks: PointLinks(facilityLinks.links(profile: 0)),
                                                 dwellingLinks: PointLinks(dwellingLinks.links(profile: 0)),
                                                 cutoff: 5000, threads: 1, mobility: drawn.rollator)
        func near(_ value: Float, _ expected: Float) -> Bool { abs(value - expected) < 0.01 }

        #expect(near(walking.perCategory[0].distance[0], 230), "\(walking.perCategory[0].distance[0])")
        #expect(walking.nearestFacility(category: 0, dwelling: 0) == 0, "F, through the rollator link")
        #expect(near(rollator.perCategory[0].distance[0], 230))
        #expect(rollator.nearestFacility(category: 0, dwelling: 0) == 0)
        #expect(near(walking.perCategory[1].distance[0], 12))
        #expect(walking.nearestFacility(category: 1, dwelling: 0) == 2)
        #expect(near(rollator.perCategory[1].distance[0], 62))
        #expect(near(walking.facilityToCategory[0].distance[2], 232), "\(walking.facilityToCategory[0].distance[2])")
        #expect(walking.facilityToCategory[0].facility[2] == 0, "F")
        #expect(near(rollator.facilityToCategory[0].distance[2], 232))
        // A facility is its own nearest. F to G: to G's steps link 5 + 200 + 32 + 5 = 242 m, to
        // its rollator link 5 + 195 + 32 = 232 m.
        #expect(walking.facilityToCategory[0].distance[0] == 0 && walking.facilityToCategory[0].distance[1] == 0)
        #expect(near(walking.facilityToCategory[1].distance[0], 232))
        #expect(rollator.neverShorter(than: walking))

        // The nearest segments alone give the inconsistent answer the clamp used to hide.
        let nearestOnly = CategoryDistances.compute(graph: drawn.graph, categoryCount: 2, facilities: Self.facilities,
                                                    facilityLinks: facilityLinks.standaard.nearest, dwellingLinks: dwellingLinks.standaard.nearest,
                                                    cutoff: 5000, threads: 1)
        #expect(near(nearestOnly.perCategory[0].distance[0], 235))
        #expect(nearestOnly.nearestFacility(category: 0, dwelling: 0) == 1, "K")
        #expect(near(nearestOnly.facilityToCategory[0].distance[2], 233))
        #expect(!rollator.neverShorter(than: nearestOnly))

        // Straight line D–F: √(195² + 35²) = 198.1 m, no more than the 230 m walked.
        #expect(Self.dwellings[0].distance(to: Self.facilities[0].position) <= Double(walking.perCategory[0].distance[0]))

        // The same on 3 threads, and with service areas' reach: every link of F, K and G is a source.
        let threaded = CategoryDistances.compute(graph: drawn.graph, categoryCount: 2, facilities: Self.facilities,
                                                 facilityLinks: Self.links(drawn, Self.facilities.map(\.position), threads: 3).standaard,
                                                 dwellingLinks: Self.links(drawn, Self.dwellings, threads: 3).standaard,
                                                 cutoff: 5000, threads: 3, reachLimit: 100)
        #expect(threaded.perCategory == walking.perCategory)
        #expect(threaded.facilityToCategory == walking.facilityToCategory)
        // Category 1's reach: G on the steps and G on A–B, each on its own segment.
        #expect(threaded.reached[1].facilitySegment.count == 2)
    }

    /// A point's further links are kept once however many profiles give the same one, in point
    /// order, and a tie between links goes to the facility listed first.
    @Test func furtherLinksAreDistinctAndOrdered() {
        let a = NetworkLink(segment: 0, fraction: 0.5, connector: 1), b = NetworkLink(segment: 1, fraction: 0.5, connector: 2)
        let c = NetworkLink(segment: 2, fraction: 0.25, connector: 3)
        let links = PointLinks(nearest: [a, a, a], relinked: [[(point: 2, link: b), (point: 0, link: c)],
                                                              [(point: 0, link: c), (point: 1, link: .unroutable), (point: 2, link: a)]])
        #expect(links.extraPoint == [0, 2])
        #expect(links.extra == [c, b])
        #expect(links.sources([2, 0]).links == [a, b, a, c])
        #expect(links.sources([2, 0]).owner == [0, 0, 1, 1])
        #expect(links.sources([1]).links == [a] && links.sources([1]).owner.isEmpty)
        let nearest = NearestFacilitySearch.Result(distance: [10, 10, .infinity], facility: [3, 1, NearestFacilitySearch.noFacility])
        let further = NearestFacilitySearch.Result(distance: [10, 9], facility: [2, 4])
        var best = nearest
        links.shortest(into: &best, extra: further)
        #expect(best.distance == [10, 10, 9])
        #expect(best.facility == [2, 1, 4])
    }
}
