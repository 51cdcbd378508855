import Foundation
import Testing
@testable import Nabijheid

/// The searches of several groups together, patch by patch (`GroupedPatchSearch`, used on
/// national graphs), against one whole search per group, on the seeded random networks of
/// `SearchPatchTests`: every distance, nearest facility and unknown-route flag bit for bit,
/// and what service areas read, on one and on two threads.
@Suite struct GroupedPatchSearchTests {
    /// The groups of a case: all facilities, a few in reverse, every other one, and none.
    static func groups<Item>(_ facilities: [Item]) -> [[Item]] {
        [facilities, Array(facilities.reversed().prefix(3)), facilities.enumerated().filter { $0.offset % 2 == 0 }.map(\.element), []]
    }

    static func sameBits(_ a: NearestFacilitySearch.Result, _ b: NearestFacilitySearch.Result) -> Bool {
        a.distance.map(\.bitPattern) == b.distance.map(\.bitPattern) && a.facility == b.facility && a.routeUnknown == b.routeUnknown
    }

    static func sameBits(_ a: ReachedNetwork, _ b: ReachedNetwork) -> Bool {
        a.segment == b.segment && a.startReach.map(\.bitPattern) == b.startReach.map(\.bitPattern)
            && a.endReach.map(\.bitPattern) == b.endReach.map(\.bitPattern) && a.facilitySegment == b.facilitySegment
            && a.facilityAlong.map(\.bitPattern) == b.facilityAlong.map(\.bitPattern)
            && a.facilityReach.map(\.bitPattern) == b.facilityReach.map(\.bitPattern)
    }

    @Test func everyGroupGetsItsWholeSearchsResults() throws {
        let root = try ConfigTable.parse("", file: "test")
        let profiles = try MobilityProfileLoader.load(root, selected: nil, file: "test")
        var compared = 0, reached = 0, severalPatches = 0
        for seed in UInt64(1)...80 {
            let test = SearchPatchTests.randomCase(seed: seed)
            let g = test.built.graph
            guard g.segmentCount > 0 else { continue }
            var random = SeededRandom(seed: seed &+ 91)
            let patches = try #require(SearchPatches(graph: g, side: Double.random(in: 40...400, using: &random),
                                                     maxNodes: Int.random(in: 2...60, using: &random)))
            severalPatches += patches.patches.count > 1 ? 1 : 0
            let networks: [MobilityNetwork?] = [nil] + profiles.map { MobilityNetwork(base: g, attributes: test.built.attributes, profile: $0) }
            for mobility in networks {
                let graph = mobility?.graph ?? g
                let groups = Self.groups(test.facilities)
                for threads in [1, 2] {
                    let grouped = GroupedPatchSearch(graph: graph, mobility: mobility, patches: patches)
                    grouped.run(groups: groups, cutoff: test.cutoff, threads: threads)
                    for (index, facilities) in groups.enumerated() {
                        let whole = NearestFacilitySearch(graph: graph, mobility: mobility, patches: nil)
                        let expected = whole.run(facilities: facilities, targets: [test.dwellings, test.facilities], cutoff: test.cutoff)
                        let onSegment = SegmentFacilities(facilities)
                        let found = [test.dwellings, test.facilities].map {
                            grouped.readOut(group: index, facilities: facilities, onSegment: onSegment, points: $0, cutoff: test.cutoff)
                        }
                        let label = "seed \(seed), \(mobility?.profile.name ?? "standaard"), group \(index), \(threads) threads"
                        #expect(zip(expected, found).allSatisfy { Self.sameBits($0, $1) }, "\(label): distances")
                        let limit = test.cutoff * 0.8
                        #expect(Self.sameBits(grouped.reached(group: index, facilities: facilities, limit: limit),
                                              whole.reached(facilities: facilities, limit: limit)), "\(label): reached network")
                        compared += expected[0].distance.count
                        reached += expected[0].distance.filter(\.isFinite).count
                    }
                }
            }
        }
        #expect(compared > 50_000)
        // Most networks are cut into several patches, and the cutoff leaves much reached: else the test proves little.
        #expect(severalPatches > 60, "\(severalPatches) networks in several patches")
        #expect(reached > compared / 5, "\(reached) of \(compared) reached")
    }

    /// `CategoryDistances` takes the grouped search for a graph cut into patches: its results
    /// (facilities named through every link of a point, service-area reach) are those of the
    /// whole searches.
    @Test func categoryDistancesAreTheSameCutOrWhole() throws {
        let root = try ConfigTable.parse("", file: "test")
        let profiles = try MobilityProfileLoader.load(root, selected: nil, file: "test")
        var withExtraLinks = 0
        for seed in UInt64(1)...40 {
            let test = SearchPatchTests.randomCase(seed: seed)
            let g = test.built.graph
            guard g.segmentCount > 0 else { continue }
            var random = SeededRandom(seed: seed &+ 5)
            let side = Double.random(in: 40...400, using: &random), maxNodes = Int.random(in: 2...60, using: &random)
            // A point now and then with a second link (as a mobility profile's relinking gives).
            func relinked(_ links: [NetworkLink]) -> PointLinks {
                let extra = links.indices.filter { _ in Double.random(in: 0...1, using: &random) < 0.2 }.map { point in
                    (point: Int32(point), link: links[(point + 1) % links.count])
                }
                return PointLinks(nearest: links, relinked: [extra])
            }
            let facilities = relinked(test.facilities), dwellings = relinked(test.dwellings)
            withExtraLinks += facilities.extra.count
            let groups = Self.groups(Array(test.facilities.indices))
            for mobility in [nil] + profiles.map({ MobilityNetwork(base: g, attributes: test.built.attributes, profile: $0) }) {
                func distances(cut: Bool) -> CategoryDistances {
                    CategoryDistances.compute(graph: g, groups: groups, facilityLinks: facilities, dwellingLinks: dwellings,
                                              cutoff: Double(test.cutoff), threads: 2, reachLimit: Double(test.cutoff) * 0.8,
                                              mobility: mobility,
                                              patches: { cut ? SearchPatches(graph: $0, side: side, maxNodes: maxNodes) : nil })
                }
                let whole = distances(cut: false), cut = distances(cut: true)
                let label = "seed \(seed), \(mobility?.profile.name ?? "standaard")"
                #expect(zip(whole.perCategory, cut.perCategory).allSatisfy { Self.sameBits($0, $1) }, "\(label): dwellings")
                #expect(zip(whole.facilityToCategory, cut.facilityToCategory).allSatisfy { Self.sameBits($0, $1) }, "\(label): facilities")
                #expect(zip(whole.reached, cut.reached).allSatisfy { Self.sameBits($0, $1) }, "\(label): reached")
                #expect(whole.reached.count == groups.count)
            }
        }
        #expect(withExtraLinks > 20, "facilities with a second link: \(withExtraLinks)")
    }
}
