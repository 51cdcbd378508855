import Foundation
import Testing
@testable import Nabijheid

/// The ring index answers as GEOS's prepared polygons do, or leaves the point to GEOS: on real
/// CBS buurten (random points, every vertex, points on edges and a rounding step beside them)
/// and on made-up buurten whose shared edges, holes and corners fall on a grid that the random
/// points hit exactly.
@Suite("Buurt ring index agrees with GEOS")
struct BuurtRingIndexTests {
    /// Compares a GEOS-only index with the ring index (through `BuurtIndex.perThread`) on `points`;
    /// returns how many points the ring index decided itself.
    private func compare(_ areas: [AreaShape], points: [PlanarPoint], label: String) throws -> Int {
        let names = areas.indices.map { "b\($0)" }
        let geos = try BuurtIndex(areas: areas, names: names)
        let combined = try BuurtIndex.perThread(1, areas: areas, names: names)[0]
        let rings = BuurtRingIndex(areas: areas, geosOnly: geos.repaired)
        var decided = 0, mismatches = 0
        for point in points {
            let expected = geos.geosBuurt(containing: point)
            switch rings.locate(point) {
            case .buurt(let index):
                decided += 1
                if index != expected { mismatches += 1 }
            case .outside:
                decided += 1
                if expected != nil { mismatches += 1 }
            case .undecided:
                break
            }
            if combined.buurt(containing: point) != expected { mismatches += 1 }
        }
        #expect(mismatches == 0, "\(label): \(mismatches) answers differ from GEOS")
        return decided
    }

    /// Random points over the buurten's extent, every vertex, the middle of every edge and
    /// points one rounding step off the vertices.
    private func probes(_ areas: [AreaShape], random: inout SeededRandom, count: Int) -> (random: [PlanarPoint], onRings: [PlanarPoint]) {
        let all = areas.flatMap { $0.polygons.flatMap { $0.rings.flatMap { $0 } } }
        let minX = all.map(\.x).min()!, maxX = all.map(\.x).max()!, minY = all.map(\.y).min()!, maxY = all.map(\.y).max()!
        let randomPoints = (0..<count).map { _ in
            PlanarPoint(x: minX - 50 + random.unit() * (maxX - minX + 100), y: minY - 50 + random.unit() * (maxY - minY + 100))
        }
        var onRings: [PlanarPoint] = []
        for ring in areas.flatMap({ $0.polygons.flatMap(\.rings) }) {
            for (a, b) in zip(ring, ring.dropFirst()) {
                onRings.append(a)
                onRings.append(PlanarPoint(x: (a.x + b.x) / 2, y: (a.y + b.y) / 2))
                onRings.append(PlanarPoint(x: a.x.nextUp, y: a.y))
                onRings.append(PlanarPoint(x: a.x, y: a.y.nextDown))
            }
        }
        return (randomPoints, onRings)
    }

    @Test(.enabled(if: TestSupport.sharedDataAvailable), arguments: [
        ("delft/delft_buurten_2023_rd.geojson", "BU_NAAM"), ("baarn/baarn_buurten.geojson", "buurtcode"),
    ])
    func realBuurten(file: String, codeField: String) throws {
        let path = TestSupport.sharedDataDirectory.appendingPathComponent(file).path
        let buurten = try BuurtReader.read(BuurtenInput(input: LayerInput(path: path, layer: nil, crs: nil), codeField: codeField,
                                                        nameField: codeField))
        #expect(buurten.count > 10)
        var random = SeededRandom(seed: 7)
        let (randomPoints, onRings) = probes(buurten.map(\.area), random: &random, count: 20_000)
        let decided = try compare(buurten.map(\.area), points: randomPoints, label: file)
        // The point of it: almost every dwelling is answered without GEOS.
        #expect(decided >= randomPoints.count * 99 / 100, "\(file): \(decided) of \(randomPoints.count) decided by the rings")
        _ = try compare(buurten.map(\.area), points: onRings, label: "\(file), on the rings")
    }

    /// A 6 × 6 block of 100 m squares on whole metres (shared edges), one with a hole, two
    /// squares as one multipolygon buurt, an L-shaped buurt with a horizontal edge at a
    /// reflex corner, one self-intersecting (a bow tie: GEOS repairs it, so only GEOS
    /// decides) and one overlapping the others, all probed at random whole and half metres.
    @Test func madeUpBuurtenOnAGrid() throws {
        func square(_ x: Double, _ y: Double, _ size: Double = 100) -> [PlanarPoint] {
            [.init(x: x, y: y), .init(x: x + size, y: y), .init(x: x + size, y: y + size), .init(x: x, y: y + size), .init(x: x, y: y)]
        }
        var areas: [AreaShape] = []
        for row in 0..<6 {
            for column in 0..<6 where !(row == 5 && column >= 4) {
                let x = 1_000 + Double(column) * 100, y = 2_000 + Double(row) * 100
                if row == 2 && column == 2 {
                    areas.append(AreaShape(polygons: [PolygonShape(rings: [square(x, y), square(x + 30, y + 30, 40).reversed()])]))
                } else {
                    areas.append(AreaShape(polygons: [PolygonShape(rings: [square(x, y)])]))
                }
            }
        }
        // Two squares apart, one buurt; an L; a bow tie; one overlapping the block's corner.
        areas.append(AreaShape(polygons: [PolygonShape(rings: [square(1_400, 2_500, 50)]), PolygonShape(rings: [square(1_550, 2_550, 50)])]))
        areas.append(AreaShape(polygons: [PolygonShape(rings: [[
            .init(x: 1_700, y: 2_000), .init(x: 1_900, y: 2_000), .init(x: 1_900, y: 2_100), .init(x: 1_800, y: 2_100),
            .init(x: 1_800, y: 2_300), .init(x: 1_700, y: 2_300), .init(x: 1_700, y: 2_000),
        ]])]))
        areas.append(AreaShape(polygons: [PolygonShape(rings: [[
            .init(x: 1_700, y: 2_400), .init(x: 1_800, y: 2_500), .init(x: 1_800, y: 2_400), .init(x: 1_700, y: 2_500), .init(x: 1_700, y: 2_400),
        ]])]))
        areas.append(AreaShape(polygons: [PolygonShape(rings: [square(950, 1_950, 120)])]))
        let geos = try BuurtIndex(areas: areas, names: areas.indices.map { "b\($0)" })
        #expect(geos.repaired.filter { $0 }.count == 1, "the bow tie alone is not valid")
        var random = SeededRandom(seed: 11)
        let points = (0..<40_000).map { _ in
            PlanarPoint(x: 900 + (random.unit() * 2_200).rounded() / 2, y: 1_900 + (random.unit() * 1_400).rounded() / 2)
        }
        let decided = try compare(areas, points: points, label: "grid")
        #expect(decided >= points.count * 9 / 10, "\(decided) of \(points.count) decided by the rings")
        // Points on shared edges go to the lower index; in the hole, to none; in the bow tie, to GEOS.
        let rings = BuurtRingIndex(areas: areas, geosOnly: geos.repaired)
        #expect(rings.locate(PlanarPoint(x: 1_100, y: 2_050)) == .buurt(0))
        #expect(rings.locate(PlanarPoint(x: 1_100, y: 2_100)) == .buurt(0))
        #expect(rings.locate(PlanarPoint(x: 1_250, y: 2_250)) == .outside)
        #expect(rings.locate(PlanarPoint(x: 1_230, y: 2_250)) == .buurt(14))
        #expect(rings.locate(PlanarPoint(x: 1_750, y: 2_420)) == .undecided)
        #expect(rings.locate(PlanarPoint(x: 1_850, y: 2_100)) == .buurt(areas.count - 3))
        #expect(rings.locate(PlanarPoint(x: 1_850, y: 2_150)) == .outside)
        #expect(rings.locate(PlanarPoint(x: -1e300, y: 2_000)) == .outside)
        #expect(rings.locate(PlanarPoint(x: .nan, y: 2_000)) == .undecided)
    }

    /// Absurd buurten (coordinates near the largest double, an extent that overflows) leave
    /// every point to GEOS instead of trapping on a grid that cannot be laid out.
    @Test func absurdCoordinatesGoToGEOS() throws {
        let huge: [PlanarPoint] = [.init(x: -1e308, y: -1e308), .init(x: 1e308, y: -1e308), .init(x: 0, y: 1e308), .init(x: -1e308, y: -1e308)]
        let small: [PlanarPoint] = [.init(x: 0, y: 0), .init(x: 10, y: 0), .init(x: 10, y: 10), .init(x: 0, y: 10), .init(x: 0, y: 0)]
        let areas = [AreaShape(polygons: [PolygonShape(rings: [small])]), AreaShape(polygons: [PolygonShape(rings: [huge])])]
        let rings = BuurtRingIndex(areas: areas, geosOnly: [false, false])
        #expect(rings.locate(PlanarPoint(x: 5, y: 5)) == .undecided)
        #expect(rings.locate(PlanarPoint(x: 1e300, y: 0)) == .undecided)
        _ = try compare(areas, points: [.init(x: 5, y: 5), .init(x: 50, y: 50), .init(x: 1e300, y: 1e300), .init(x: -5, y: 3)], label: "absurd")
    }

    /// Nearly collinear points: a long edge at an odd angle, probed on points rounded onto it;
    /// the ones too close to call are left to GEOS, and never answered wrongly.
    @Test func nearlyOnALongSlantedEdge() throws {
        let ring: [PlanarPoint] = [.init(x: 85_000.123, y: 445_000.456), .init(x: 86_000.789, y: 445_333.321),
                                   .init(x: 85_500.5, y: 446_000.25), .init(x: 85_000.123, y: 445_000.456)]
        let areas = [AreaShape(polygons: [PolygonShape(rings: [ring])])]
        var points: [PlanarPoint] = []
        for k in 0..<2_000 {
            let t = Double(k) / 2_000
            let x = ring[0].x + t * (ring[1].x - ring[0].x), y = ring[0].y + t * (ring[1].y - ring[0].y)
            points += [.init(x: x, y: y), .init(x: x.nextUp, y: y), .init(x: x, y: y.nextUp), .init(x: x.nextDown, y: y.nextDown)]
        }
        _ = try compare(areas, points: points, label: "slanted edge")
    }
}
