import Foundation
import Testing
@testable import Nabijheid

/// Mobility searches against a plain reference on 240 seeded random networks: a jittered grid
/// whose ways carry random steps, surfaces, widths and whose nodes carry random barriers and
/// kerbs. The reference is an O(n²) Dijkstra written out here from the rules: arc cost =
/// length × factor + passage cost of the node left; a point is reached at an end of its
/// segment plus that end's passage cost, or directly from a facility on its own segment.
@Suite struct MobilityPropertyTests {
    static let wayTagChoices: [[String: String]] = [
        ["highway": "footway", "surface": "asphalt"], ["highway": "residential"], ["highway": "steps"],
        ["highway": "steps", "ramp": "yes"], ["highway": "path", "surface": "sett"], ["highway": "path", "surface": "gravel"],
        ["highway": "footway", "width": "0.5"], ["highway": "path"], ["highway": "footway", "wheelchair": "no"],
        ["highway": "footway", "surface": "sand"],
    ]
    static let nodeTagChoices: [[String: String]] = [
        ["barrier": "kissing_gate"], ["highway": "crossing", "kerb": "raised"], ["barrier": "kerb", "kerb": "lowered"],
        ["highway": "crossing"], ["barrier": "bollard"], ["kerb": "rolled"],
    ]

    struct Case {
        var built: WalkGraphBuilder.BuiltNetwork
        var facilities: [NetworkLink]
        var dwellings: [NetworkLink]
    }

    static func randomCase(seed: UInt64) -> Case {
        var random = SeededRandom(seed: seed)
        let side = Int.random(in: 3...7, using: &random)
        var builder = WalkGraphBuilder()
        func point(_ i: Int, _ j: Int) -> (Double, Double) {
            // Jitter from the seed of the grid point, so that shared vertices stay identical.
            var local = SeededRandom(seed: seed &* 31 &+ UInt64(i * 97 + j))
            return (Double(i) * 80 + Double.random(in: -20...20, using: &local), Double(j) * 80 + Double.random(in: -20...20, using: &local))
        }
        for j in 0..<side {
            for i in 0..<side {
                for (di, dj) in [(1, 0), (0, 1)] where i + di < side && j + dj < side && Double.random(in: 0...1, using: &random) < 0.85 {
                    let line = [point(i, j), point(i + di, j + dj)]
                    builder.addLine(source: line, planar: line.map { PlanarPoint(x: $0.0, y: $0.1) },
                                    tags: wayTagChoices.randomElement(using: &random)!)
                }
                if Double.random(in: 0...1, using: &random) < 0.2 {
                    builder.addNode(source: point(i, j), tags: nodeTagChoices.randomElement(using: &random)!)
                }
            }
        }
        let built = builder.buildNetwork(minimumIslandNodes: 1)
        let m = built.graph.segmentCount
        func link() -> NetworkLink {
            NetworkLink(segment: Int32.random(in: 0..<Int32(max(1, m)), using: &random), fraction: Float.random(in: 0...1, using: &random),
                        connector: Float.random(in: 0...30, using: &random))
        }
        return Case(built: built, facilities: (0..<Int.random(in: 1...3, using: &random)).map { _ in link() },
                    dwellings: (0..<20).map { _ in link() })
    }

    /// The reference: Dijkstra by linear scan over node labels.
    static func reference(_ network: MobilityNetwork, facilities: [NetworkLink], dwellings: [NetworkLink]) -> [Float] {
        let g = network.graph
        let n = g.nodeCount
        let pass = { (v: Int) -> Float in network.passage.isEmpty ? 0 : network.passage[v] }
        var dist = [Float](repeating: .infinity, count: n), done = [Bool](repeating: false, count: n)
        for f in facilities {
            let length = g.segmentLength[Int(f.segment)]
            guard length.isFinite else { continue }
            dist[Int(g.segmentFrom[Int(f.segment)])] = min(dist[Int(g.segmentFrom[Int(f.segment)])], f.connector + f.fraction * length)
            dist[Int(g.segmentTo[Int(f.segment)])] = min(dist[Int(g.segmentTo[Int(f.segment)])], f.connector + (1 - f.fraction) * length)
        }
        while let v = (0..<n).filter({ !done[$0] && dist[$0].isFinite }).min(by: { dist[$0] < dist[$1] }) {
            done[v] = true
            for s in 0..<g.segmentCount where Int(g.segmentFrom[s]) == v || Int(g.segmentTo[s]) == v {
                let w = Int(g.segmentFrom[s]) == v ? Int(g.segmentTo[s]) : Int(g.segmentFrom[s])
                dist[w] = min(dist[w], dist[v] + pass(v) + g.segmentLength[s])
            }
        }
        return dwellings.map { d in
            let s = Int(d.segment), length = g.segmentLength[s]
            guard length.isFinite else { return .infinity }
            let a = Int(g.segmentFrom[s]), b = Int(g.segmentTo[s])
            var best = min(dist[a] + pass(a) + d.fraction * length, dist[b] + pass(b) + (1 - d.fraction) * length)
            for f in facilities where f.segment == d.segment { best = min(best, abs(f.fraction - d.fraction) * length + f.connector) }
            return best + d.connector
        }
    }

    @Test func searchesAgreeWithReferenceAndOrderHolds() throws {
        let root = try ConfigTable.parse("", file: "test")
        let profiles = try MobilityProfileLoader.load(root, selected: nil, file: "test")
        let nothing = MobilityProfile(name: "niets", label: "niets")
        var compared = 0, longer = 0
        for seed in UInt64(1)...240 {
            let test = Self.randomCase(seed: seed)
            guard test.built.graph.segmentCount > 0 else { continue }
            let g = test.built.graph
            let walking = NearestFacilitySearch(graph: g).run(facilities: test.facilities, dwellings: test.dwellings, cutoff: 1e6).distance
            // Blocking nothing gives exactly the standaard distances.
            let plain = MobilityNetwork(base: g, attributes: test.built.attributes, profile: nothing)
            let unchanged = NearestFacilitySearch(mobility: plain).run(facilities: test.facilities, dwellings: test.dwellings, cutoff: 1e6).distance
            #expect(unchanged == walking, "seed \(seed)")
            for profile in profiles {
                let network = MobilityNetwork(base: g, attributes: test.built.attributes, profile: profile)
                let aided = NearestFacilitySearch(mobility: network).run(facilities: test.facilities, dwellings: test.dwellings, cutoff: 1e6).distance
                let expected = Self.reference(network, facilities: test.facilities, dwellings: test.dwellings)
                for (k, dwelling) in test.dwellings.enumerated() {
                    compared += 1
                    if expected[k].isFinite {
                        #expect(abs(aided[k] - expected[k]) <= 0.01 * max(1, expected[k] / 1000), "seed \(seed) \(profile.name) dwelling \(k): \(aided[k]) vs \(expected[k])")
                    } else {
                        #expect(!aided[k].isFinite, "seed \(seed) \(profile.name) dwelling \(k)")
                    }
                    // A profile never makes a route shorter than walking, nor walking shorter than the straight line.
                    #expect(aided[k] >= walking[k] - 0.01, "seed \(seed) \(profile.name) dwelling \(k)")
                    if aided[k] > walking[k] + 0.01 { longer += 1 }
                    let point = Self.position(dwelling, g), nearestFacility = test.facilities.map { Self.position($0, g) }
                    let straight = nearestFacility.map { Float($0.distance(to: point)) }.min()!
                    #expect(walking[k] >= straight + dwelling.connector - 0.01, "seed \(seed) dwelling \(k)")
                }
            }
        }
        #expect(compared > 8000)
        // The random tags must matter, or the test proves nothing.
        #expect(longer > 500)
    }

    /// Points (not links) on the same random networks, linked as a run links them: to the
    /// nearest segment, and on each profile anew where it cannot use that one (`ProfileLinks`).
    /// Walking is the shortest over every link of a point, as the reference finds it from all
    /// of them; and with no clamp anywhere every profile ≥ walking ≥ the straight line.
    @Test func relinkedPointsKeepTheOrder() throws {
        let root = try ConfigTable.parse("", file: "test")
        let profiles = try MobilityProfileLoader.load(root, selected: nil, file: "test")
        let nothing = MobilityProfile(name: "niets", label: "niets")
        var compared = 0, relinked = 0, shorterThanNearest = 0, graphs = 0
        for seed in UInt64(1)...240 {
            let test = Self.randomCase(seed: seed)
            let g = test.built.graph
            guard g.segmentCount > 0 else { continue }
            graphs += 1
            var random = SeededRandom(seed: seed &+ 10_000)
            let xs = g.nodes.map(\.x), ys = g.nodes.map(\.y)
            func point() -> PlanarPoint {
                PlanarPoint(x: Double.random(in: (xs.min()! - 20)...(xs.max()! + 20), using: &random),
                            y: Double.random(in: (ys.min()! - 20)...(ys.max()! + 20), using: &random))
            }
            let dwellings = (0..<20).map { _ in point() }
            let facilities = (0..<Int.random(in: 1...3, using: &random)).map { k in
                Facility(id: "f\(k)", name: nil, category: 0, position: point(), source: "layer")
            }
            let networks = profiles.map { MobilityNetwork(base: g, attributes: test.built.attributes, profile: $0) }
            let index = SegmentIndex(graph: g)
            func links(_ points: [PlanarPoint]) -> ProfileLinks {
                ProfileLinks(nearest: points.map { index.link($0, in: g, maxDistance: 250) }, position: { points[$0] },
                             mobility: networks, index: index, maxSnap: 250, threads: 2)
            }
            let dwellingLinks = links(dwellings), facilityLinks = links(facilities.map(\.position))
            relinked += dwellingLinks.relinked.map(\.count).reduce(0, +)
            let walking = CategoryDistances.compute(graph: g, categoryCount: 1, facilities: facilities, facilityLinks: facilityLinks.standaard,
                                                    dwellingLinks: dwellingLinks.standaard, cutoff: 1e6, threads: 1).perCategory[0].distance
            let nearestOnly = CategoryDistances.compute(graph: g, categoryCount: 1, facilities: facilities,
                                                        facilityLinks: facilityLinks.standaard.nearest,
                                                        dwellingLinks: dwellingLinks.standaard.nearest, cutoff: 1e6, threads: 1).perCategory[0].distance
            // The reference: one Dijkstra from every link of every facility, read at every link of the dwelling.
            let plain = MobilityNetwork(base: g, attributes: test.built.attributes, profile: nothing)
            let sources = facilityLinks.standaard.sources(Array(facilities.indices)).links.filter(\.isRoutable)
            for d in dwellings.indices {
                let own = ([dwellingLinks.standaard.nearest[d]] + dwellingLinks.standaard.extraRange(of: d).map { dwellingLinks.standaard.extra[$0] })
                    .filter(\.isRoutable)
                let expected = sources.isEmpty ? .infinity : Self.reference(plain, facilities: sources, dwellings: own).min() ?? .infinity
                if expected.isFinite {
                    #expect(abs(walking[d] - expected) <= 0.01 * max(1, expected / 1000), "seed \(seed) dwelling \(d): \(walking[d]) vs \(expected)")
                } else {
                    #expect(!walking[d].isFinite, "seed \(seed) dwelling \(d)")
                }
                #expect(walking[d] <= nearestOnly[d], "seed \(seed) dwelling \(d)")
                if walking[d] < nearestOnly[d] { shorterThanNearest += 1 }
                let straight = facilities.map { Float($0.position.distance(to: dwellings[d])) }.min()!
                #expect(walking[d] >= straight - 0.01, "seed \(seed) dwelling \(d): \(walking[d]) m, straight \(straight) m")
            }
            for (m, network) in networks.enumerated() {
                let aided = CategoryDistances.compute(graph: g, categoryCount: 1, facilities: facilities,
                                                      facilityLinks: PointLinks(facilityLinks.links(profile: m)),
                                                      dwellingLinks: PointLinks(dwellingLinks.links(profile: m)), cutoff: 1e6, threads: 1,
                                                      mobility: network).perCategory[0].distance
                for d in dwellings.indices {
                    compared += 1
                    // By construction, so exactly: no tolerance.
                    #expect(aided[d] >= walking[d], "seed \(seed) \(network.profile.name) dwelling \(d): \(aided[d]) < \(walking[d])")
                }
            }
        }
        #expect(graphs >= 200)
        #expect(compared > 8000)
        // Relinking must happen, and change walking distances, or the test proves nothing.
        #expect(relinked > 200, "\(relinked) relinked")
        #expect(shorterThanNearest > 10, "\(shorterThanNearest) shorter")
    }

    static func position(_ link: NetworkLink, _ g: WalkGraph) -> PlanarPoint {
        let a = g.nodes[Int(g.segmentFrom[Int(link.segment)])], b = g.nodes[Int(g.segmentTo[Int(link.segment)])]
        let t = Double(link.fraction)
        return PlanarPoint(x: a.x + t * (b.x - a.x), y: a.y + t * (b.y - a.y))
    }
}

/// The per-area figures against a plain computation on seeded random distances.
@Suite struct MobilityFiguresTests {
    @Test func medianLostAndUnknownAgreeWithPlainComputation() {
        var random = SeededRandom(seed: 77)
        for _ in 0..<200 {
            let dwellings = Int.random(in: 0...40, using: &random), categories = Int.random(in: 1...3, using: &random)
            func result(_ values: [Float], unknown: [Bool] = []) -> NearestFacilitySearch.Result {
                NearestFacilitySearch.Result(distance: values, facility: values.map { _ in 0 }, routeUnknown: unknown)
            }
            var walking: [NearestFacilitySearch.Result] = [], aided: [NearestFacilitySearch.Result] = []
            for _ in 0..<categories {
                let w = (0..<dwellings).map { _ in Bool.random(using: &random) ? Float(Int.random(in: 1...1500, using: &random)) : .infinity }
                let a = w.map { d -> Float in
                    switch Int.random(in: 0...3, using: &random) {
                    case 0: return .infinity
                    case 1: return d * Float(Int.random(in: 100...300, using: &random)) / 100
                    default: return d
                    }
                }
                walking.append(result(w))
                aided.append(result(a, unknown: a.map { _ in Bool.random(using: &random) }))
            }
            let area = (0..<dwellings).map { _ in Int32.random(in: -1...2, using: &random) }
            let routable = (0..<dwellings).map { _ in Int.random(in: 0...9, using: &random) > 0 }
            let standaard = CategoryDistances(perCategory: walking, facilityIndices: [], facilityToCategory: [])
            let profile = CategoryDistances(perCategory: aided, facilityIndices: [], facilityToCategory: [])
            let figures = MobilityFigures.Tally(areaCount: 3, dwellingArea: area, routable: routable, standaard: standaard,
                                                profile: profile, lostWithin: 1000).figures()
            for a in 0..<3 {
                let members = (0..<dwellings).filter { area[$0] == Int32(a) && routable[$0] }
                var ratios: [Double] = []
                var lost = 0, unknown = 0
                for d in members {
                    var loses = false, uncertain = false
                    for c in 0..<categories {
                        let w = walking[c].distance[d], x = aided[c].distance[d]
                        if w.isFinite && x.isFinite { ratios.append(Double(x / w)) }
                        if w < 1000 && !x.isFinite { loses = true }
                        if x.isFinite && aided[c].routeUnknown[d] { uncertain = true }
                    }
                    if loses { lost += 1 }
                    if uncertain { unknown += 1 }
                }
                ratios.sort()
                let median: Double? = ratios.isEmpty ? nil : ratios.count % 2 == 1 ? ratios[ratios.count / 2]
                    : (ratios[ratios.count / 2 - 1] + ratios[ratios.count / 2]) / 2
                #expect(figures[a].detourMedian == median)
                // Nearest rank, written out: the smallest ratio with at least 90 % of all ratios at or below it.
                let p90 = ratios.first { r in Double(ratios.filter { $0 <= r }.count) >= 0.9 * Double(ratios.count) }
                #expect(figures[a].detourP90 == p90)
                #expect(figures[a].lostReach == lost)
                #expect(figures[a].unknownShare == (members.isEmpty ? nil : Double(unknown) / Double(members.count)))
            }
            // Tallied per area and regrouped into larger ones (as wijken from buurten): the same
            // figures as tallied per larger area directly; area 1 belongs to none.
            let larger: [Int32] = [1, -1, 0]
            let tally = MobilityFigures.Tally(areaCount: 3, dwellingArea: area, routable: routable, standaard: standaard,
                                              profile: profile, lostWithin: 1000)
            let regrouped = tally.regrouped(larger, areaCount: 2).figures()
            let direct = MobilityFigures.Tally(areaCount: 2, dwellingArea: area.map { $0 < 0 ? -1 : larger[Int($0)] }, routable: routable,
                                               standaard: standaard, profile: profile, lostWithin: 1000).figures()
            #expect(regrouped == direct)
            #expect(tally.figures() == figures)
        }
    }
}
