import Foundation
import Testing
@testable import Nabijheid

/// The synthetic town in fixtures/town: every kind of input, every counting path.
@Suite struct SyntheticTownTests {
    static var fixture: String { "\(PipelineRun.packageRoot)/fixtures/town" }

    /// With `keepingOutput` the layers stay in `directory/out` until the caller removes them.
    static func run(threads: Int = 2, keepingOutput: Bool = false) throws -> PipelineRun {
        let text = try String(contentsOfFile: "\(fixture)/nabijheid.toml", encoding: .utf8)
        return try PipelineRun(configuration: text, baseDirectory: fixture, threads: threads, keepingOutput: keepingOutput)
    }

    @Test func committedFixtureIsExactlyWhatTheGeneratorWrites() throws {
        let directory = PipelineRun.temporaryDirectory()
        defer { PipelineRun.remove(directory) }
        try SyntheticTownWriter.write(SyntheticTown(dwellings: 1000, seed: 7), to: directory, layers: .geojsonRDNew, network: .osm)
        for file in ["buurten.geojson", "woningen.geojson", "voorzieningen.geojson", "netwerk.osm", "gtfs/stops.txt", "nabijheid.toml"] {
            let generated = try Data(contentsOf: URL(fileURLWithPath: "\(directory)/\(file)"))
            let committed = try Data(contentsOf: URL(fileURLWithPath: "\(Self.fixture)/\(file)"))
            #expect(generated == committed, "fixtures/town/\(file) differs from `nabijheid generate-town --dwellings 1000 --seed 7`")
        }
    }

    @Test func everyDwellingIsCountedOnce() throws {
        let run = try Self.run()
        let counts = run.report.woningen
        // 1000 town dwellings, 5 in the park (beyond 250 m of any path), 3 farms east of the town.
        #expect(counts.gelezen == 1008)
        #expect(counts.in_buurt == 1000)
        #expect(counts.niet_routeerbaar == 5)
        #expect(counts.buiten_buurten == 3)
        #expect(run.woningen.count == counts.gelezen)
        // Shops (gebruiksdoel winkelfunctie) are filtered out before counting.
        let statuses = Dictionary(grouping: run.woningen.map { run.properties($0)["status"] as! String }, by: { $0 }).mapValues(\.count)
        #expect(statuses == ["in_buurt": 1000, "niet_routeerbaar": 5, "buiten_buurten": 3])
        let park = try #require(run.buurten.first { run.properties($0)["buurtnaam"] as? String == "Stadspark" })
        #expect(run.properties(park)["aantal_woningen_niet_routeerbaar"] as? Int == 5)
        #expect(run.properties(park)["aandeel_ov_halte_binnen_500m"] is NSNull)
    }

    @Test func everyCategoryHasFacilitiesAndGTFSStopsAreRead() throws {
        let run = try Self.run()
        let categories = Set(run.voorzieningen.map { run.properties($0)["categorie"] as! String })
        #expect(categories == Set(FacilityCatalog.standard.categories.map(\.name)))
        let stops = run.voorzieningen.filter { run.properties($0)["bron"] as? String == "gtfs" }
        #expect(stops.count == 12)
    }

    @Test func layersFollowRFC7946() throws {
        let run = try Self.run(keepingOutput: true)
        defer { PipelineRun.remove(run.directory) }
        for name in ["buurten.geojson", "woningen.geojson", "voorzieningen.geojson"] {
            let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(run.directory)/out/\(name)"))) as! [String: Any]
            #expect(object["crs"] == nil, "\(name) has no crs member")
            #expect(object["type"] as? String == "FeatureCollection")
        }
        // WGS84 longitude first: the town lies around 4.9° E, 52° N.
        let point = (run.woningen[0]["geometry"] as! [String: Any])["coordinates"] as! [Double]
        #expect((3.3...7.3).contains(point[0]) && (50.7...53.6).contains(point[1]))
        // Outer rings counter-clockwise (positive shoelace area).
        for buurt in run.buurten {
            let geometry = buurt["geometry"] as! [String: Any]
            let polygons: [[[[Double]]]] = geometry["type"] as? String == "MultiPolygon"
                ? geometry["coordinates"] as! [[[[Double]]]]
                : [geometry["coordinates"] as! [[[Double]]]]
            for polygon in polygons {
                let ring = polygon[0]
                let area = zip(ring, ring.dropFirst()).reduce(0.0) { $0 + ($1.0[0] * $1.1[1] - $1.1[0] * $1.0[1]) }
                #expect(area > 0)
            }
        }
    }

    @Test func outputsAreByteIdenticalAcrossRunsAndThreadCounts() throws {
        let one = try Self.run(threads: 1, keepingOutput: true)
        defer { PipelineRun.remove(one.directory) }
        let two = try Self.run(threads: 2, keepingOutput: true)
        defer { PipelineRun.remove(two.directory) }
        for name in RunWriter.fileNames {
            let a = try Data(contentsOf: URL(fileURLWithPath: "\(one.directory)/out/\(name)"))
            let b = try Data(contentsOf: URL(fileURLWithPath: "\(two.directory)/out/\(name)"))
            #expect(a == b, "\(name) differs between --threads 1 and 2")
        }
    }
}
