import Foundation
import Testing
@testable import Nabijheid

/// The service areas are written without GDAL's GeoJSON driver. GDAL must read them back as
/// GDAL's own writer gives them (every vertex within 1e-6°, the values), every geometry a
/// MultiPolygon with RFC 7946 ring orientation, and the bytes must not depend on the threads.
@Suite struct GeoJSONAreaLayerWriterTests {
    static let fields: [FieldDefinition] = [.init("categorie", .string), .init("drempel_m", .real), .init("oppervlakte_ha", .real)]

    /// Random areas across the Netherlands: one or more polygons, some with holes, rings of
    /// either orientation, some left open (first point not repeated).
    static func features(_ count: Int, seed: UInt64) -> [(AreaShape, [FieldValue])] {
        var random = SeededRandom(seed: seed)
        func ring(centre: PlanarPoint, radius: Double, clockwise: Bool, closed: Bool) -> [PlanarPoint] {
            let corners = 3 + Int(random.unit() * 40)
            var points = (0..<corners).map { k -> PlanarPoint in
                let angle = Double(k) / Double(corners) * 2 * .pi * (clockwise ? -1 : 1)
                let r = radius * (0.7 + 0.3 * random.unit())
                return PlanarPoint(x: centre.x + r * cos(angle), y: centre.y + r * sin(angle))
            }
            if closed { points.append(points[0]) }
            return points
        }
        return (0..<count).map { index in
            let polygons = (0..<(1 + Int(random.unit() * 3))).map { _ -> PolygonShape in
                let centre = PlanarPoint(x: 20_000 + random.unit() * 250_000, y: 310_000 + random.unit() * 300_000)
                var rings = [ring(centre: centre, radius: 500, clockwise: random.unit() < 0.5, closed: random.unit() < 0.8)]
                if random.unit() < 0.4 { rings.append(ring(centre: centre, radius: 100, clockwise: random.unit() < 0.5, closed: true)) }
                return PolygonShape(rings: rings)
            }
            let area = AreaShape(polygons: polygons)
            return (area, [.string(index % 5 == 0 ? nil : "categorie \"\(index)\""), .real([100, 500, 1000][index % 3]),
                           .real(Rounding.count(area.hectares))])
        }
    }

    static func write(_ features: [(AreaShape, [FieldValue])], threads: Int, pointsPerChunk: Int = 65_536, to path: String) throws -> Data {
        var writer = GeoJSONAreaLayerWriter(layerName: "bereikgebieden", fields: fields, threads: threads)
        writer.pointsPerChunk = pointsPerChunk
        try writer.write(count: features.count, to: path) { features[$0] }
        return try Data(contentsOf: URL(fileURLWithPath: path))
    }

    static func readWithGDAL(_ path: String) throws -> [([String?], [[[(Double, Double)]]])] {
        let layer = try VectorDataset(path: path).layer(named: nil)
        var rows: [([String?], [[[(Double, Double)]]])] = []
        try layer.forEachFeature { feature in
            guard case .polygons(let polygons)? = feature.geometry else { throw InputError("feature \(feature.fid) is not an area") }
            rows.append((fields.map { feature.string(feature.fieldIndex($0.name)) }, polygons))
        }
        return rows
    }

    @Test func gdalReadsWhatItsOwnWriterGives() throws {
        let directory = PipelineRun.temporaryDirectory()
        defer { PipelineRun.remove(directory) }
        let features = Self.features(60, seed: 9)
        let ours = try Self.write(features, threads: 2, to: "\(directory)/ours.geojson")
        let gdal = try VectorLayerWriter(path: "\(directory)/gdal.geojson", layerName: "bereikgebieden", fields: Self.fields, format: .geojson,
                                         multiPolygons: true)
        for (area, values) in features { try gdal.add(.area(area.closingRings()), values) }
        try gdal.close()
        let mine = try Self.readWithGDAL("\(directory)/ours.geojson"), theirs = try Self.readWithGDAL("\(directory)/gdal.geojson")
        #expect(mine.count == 60 && theirs.count == 60)
        for (index, (a, b)) in zip(mine, theirs).enumerated() {
            #expect(a.0 == b.0, "feature \(index)")
            #expect(a.1.count == b.1.count && zip(a.1, b.1).allSatisfy { $0.count == $1.count }, "feature \(index): polygons and rings")
            for (pa, pb) in zip(a.1, b.1) {
                for (ra, rb) in zip(pa, pb) {
                    #expect(ra.count == rb.count && zip(ra, rb).allSatisfy { abs($0.0 - $1.0) <= 1.5e-6 && abs($0.1 - $1.1) <= 1.5e-6 },
                            "feature \(index): vertices")
                    #expect(ra.first! == ra.last!, "feature \(index): closed ring")
                }
                // RFC 7946 § 3.1.6: outer ring counter-clockwise, holes clockwise.
                #expect(Self.signedArea(pa[0]) > 0, "feature \(index): outer ring")
                #expect(pa.dropFirst().allSatisfy { Self.signedArea($0) < 0 }, "feature \(index): holes")
            }
        }
        let object = try #require(try JSONSerialization.jsonObject(with: ours) as? [String: Any])
        let geometries = (object["features"] as? [[String: Any]] ?? []).compactMap { $0["geometry"] as? [String: Any] }
        #expect(geometries.count == 60 && geometries.allSatisfy { $0["type"] as? String == "MultiPolygon" })
        #expect(object["crs"] == nil && object["name"] as? String == "bereikgebieden")
    }

    @Test func bytesDoNotDependOnThreads() throws {
        let directory = PipelineRun.temporaryDirectory()
        defer { PipelineRun.remove(directory) }
        let features = Self.features(25, seed: 4)
        let reference = try Self.write(features, threads: 1, to: "\(directory)/a")
        for threads in [2, 3, 8, 100] { #expect(try Self.write(features, threads: threads, to: "\(directory)/b") == reference, "\(threads)") }
        // Chunks that end inside a ring, on a ring's last point, on a polygon's first point, or hold one point.
        for chunk in [1, 2, 3, 7, 41, 44] {
            for threads in [1, 2, 5] {
                #expect(try Self.write(features, threads: threads, pointsPerChunk: chunk, to: "\(directory)/d") == reference, "\(chunk) / \(threads)")
            }
        }
        #expect(String(decoding: try Self.write([], threads: 2, to: "\(directory)/c"), as: UTF8.self)
                    == "{\"type\":\"FeatureCollection\",\"name\":\"bereikgebieden\",\"features\":[\n]}\n")
    }

    /// Rings without points and polygons without an outer ring have no GeoJSON form; they are
    /// left out, and the rest of the feature is written as without them.
    @Test func emptyRingsAndPolygonsAreLeftOut() throws {
        let directory = PipelineRun.temporaryDirectory()
        defer { PipelineRun.remove(directory) }
        let square = [PlanarPoint(x: 100_000, y: 400_000), PlanarPoint(x: 100_100, y: 400_000), PlanarPoint(x: 100_100, y: 400_100),
                      PlanarPoint(x: 100_000, y: 400_100)]
        let hole = [PlanarPoint(x: 100_020, y: 400_020), PlanarPoint(x: 100_020, y: 400_040), PlanarPoint(x: 100_040, y: 400_040)]
        let values: [FieldValue] = [.string("a"), .real(100), .real(1)]
        let clean = AreaShape(polygons: [PolygonShape(rings: [square, hole])])
        let messy = AreaShape(polygons: [PolygonShape(rings: []), PolygonShape(rings: [[], hole]), PolygonShape(rings: [square, [], hole, []])])
        let expected = try Self.write([(clean, values)], threads: 1, to: "\(directory)/clean")
        for chunk in [1, 2, 5, 100] {
            #expect(try Self.write([(messy, values)], threads: 2, pointsPerChunk: chunk, to: "\(directory)/messy") == expected, "\(chunk)")
        }
        let rows = try Self.readWithGDAL("\(directory)/clean")
        #expect(rows.count == 1 && rows[0].1.count == 1 && rows[0].1[0].map(\.count) == [5, 4])
    }

    static func signedArea(_ ring: [(Double, Double)]) -> Double {
        zip(ring, ring.dropFirst()).reduce(0.0) { $0 + ($1.0.0 * $1.1.1 - $1.1.0 * $1.0.1) } / 2
    }
}

extension AreaShape {
    /// The same area with every ring ending on its first point.
    func closingRings() -> AreaShape {
        AreaShape(polygons: polygons.map { PolygonShape(rings: $0.rings.map { $0.first == $0.last ? $0 : $0 + [$0[0]] }) })
    }
}
