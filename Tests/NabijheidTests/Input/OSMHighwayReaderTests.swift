import Foundation
import Testing
@testable import Nabijheid

/// The libosmium network reader against GDAL's OSM driver (the reference): the same graph and
/// the same bytes in every layer, on the Delft extract and on the fixture town written as PBF;
/// and its bad-input contract (exit 2 naming the file and how far it got, never a partial network).
@Suite("OSM PBF network read by libosmium")
struct OSMHighwayReaderTests {
    static let osmium = URL(fileURLWithPath: "/usr/bin/osmium")

    /// Writes the town's OSM XML network as PBF next to it with osmium-tool.
    private func townWithPBF() throws -> TownCopy {
        let town = try TownCopy()
        let converted = try TestSupport.runProgram(Self.osmium, ["cat", town.url("netwerk.osm").path, "-o", town.url("netwerk.osm.pbf").path])
        try #require(converted.exited(0), "osmium-tool (scripts/install-deps) writes the PBF\n\(converted)")
        return town
    }

    /// Runs the configuration at `config` with each reader and expects the same layers and
    /// network figures.
    private func expectSameResults(_ town: TownCopy, config: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        var outputs: [[String: Data]] = []
        var networks: [NSDictionary] = []
        for reader in ["gdal", "libosmium"] {
            try town.write(config.replacingOccurrences(of: "READER", with: reader), to: "\(reader).toml")
            let folder = town.url("uit-\(reader)")
            let result = try TestSupport.run(["run", "--config", town.url("\(reader).toml").path, "--output", folder.path, "--quiet"], in: town.directory)
            try #require(result.exited(0), "\(result)", sourceLocation: sourceLocation)
            outputs.append(try TownCopy.snapshot(folder))
            let report = try #require(try JSONSerialization.jsonObject(with: outputs.last!["run.json"]!) as? [String: Any])
            networks.append(try #require(report["netwerk"] as? NSDictionary))
        }
        #expect(networks[0] == networks[1], "nodes, segments, ways read and walkable", sourceLocation: sourceLocation)
        // run.json and the report quote the configuration, which names the reader.
        for name in outputs[0].keys.sorted() where name != "run.json" && name != "rapport.html" {
            #expect(outputs[0][name] == outputs[1][name], "\(name) differs between the readers", sourceLocation: sourceLocation)
        }
    }

    @Test(.enabled(if: TestSupport.sharedDataAvailable)) func delftGivesTheSameGraphAndDistancesAsGDAL() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try TownCopy()
        let delft = TestSupport.sharedDataDirectory.appendingPathComponent("delft")
        let pbf = delft.appendingPathComponent("tudelft.osm.pbf").path
        try expectSameResults(town, config: """
            [buurten]
            path = "\(delft.appendingPathComponent("delft_buurten_2023_rd.geojson").path)"
            code_field = "BU_NAAM"
            name_field = "BU_NAAM"
            [network]
            path = "\(pbf)"
            reader = "READER"
            [dwellings]
            source = "osm_addresses"
            path = "\(pbf)"
            [[facilities]]
            source = "osm"
            path = "\(pbf)"
            [outputs]
            service_areas = false

            """)
    }

    @Test func fixtureTownAsPBFGivesTheSameResultsAsGDAL() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try townWithPBF()
        let config = try town.read("nabijheid.toml")
            .replacingOccurrences(of: #"path = "netwerk.osm""#, with: #"path = "netwerk.osm.pbf""#)
            .replacingOccurrences(of: #"format = "osm""#, with: "format = \"osm\"\nreader = \"READER\"")
        try expectSameResults(town, config: config)
    }

    @Test func clippedExtractIsCountedInTheReport() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try TownCopy()
        // Drop one node that a way uses, as a clipped extract does.
        let xml = try town.read("netwerk.osm")
        let node = try #require(xml.range(of: #"<node id="[^"]+"[^>]*/>"#, options: .regularExpression))
        try town.write(xml.replacingCharacters(in: node, with: ""), to: "netwerk-geknipt.osm")
        let converted = try TestSupport.runProgram(Self.osmium, ["cat", town.url("netwerk-geknipt.osm").path, "-o", town.url("netwerk.osm.pbf").path])
        try #require(converted.exited(0), "\(converted)")
        try town.editConfig(#"path = "netwerk.osm""#, #"path = "netwerk.osm.pbf""#)
        let result = try town.run(["--quiet"])
        try #require(result.exited(0), "\(result)")
        let report = try town.read("uitvoer/run.json")
        #expect(report.contains("ontbreken knopen in het bestand"), "run.json names the ways with missing nodes")
    }

    // MARK: Bad input

    /// Damages the town's PBF with `damage` and expects exit 2 with all `fragments` in the message.
    private func expectRefused(_ damage: (Data) -> Data, mentions fragments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let town = try townWithPBF()
        let pbf = town.url("netwerk.osm.pbf")
        try damage(try Data(contentsOf: pbf)).write(to: pbf)
        try town.editConfig(#"path = "netwerk.osm""#, #"path = "netwerk.osm.pbf""#)
        let result = try town.run(["--quiet"])
        #expect(result.exited(2), "\(result)", sourceLocation: sourceLocation)
        #expect(result.stderr.hasPrefix("nabijheid: error: ") && result.stderr.contains("netwerk.osm.pbf"), "\(result)", sourceLocation: sourceLocation)
        for fragment in fragments {
            #expect(result.stderr.contains(fragment), "stderr should mention \(fragment)\n\(result)", sourceLocation: sourceLocation)
        }
        #expect(TownCopy.outputEntries(in: town.output) == [], "no output after a refusal", sourceLocation: sourceLocation)
    }

    @Test(arguments: [0.5, 0.9]) func truncatedPBF(at share: Double) throws {
        guard TestSupport.binaryIsAvailable() else { return }
        try expectRefused({ $0.prefix(Int(Double($0.count) * share)) }, mentions: ["cannot read the OSM file", "after byte"])
    }

    @Test func garbageInABlock() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        try expectRefused({ data in
            var bytes = [UInt8](data)
            var random = SeededRandom(seed: 12)
            for i in (bytes.count / 2)..<min(bytes.count, bytes.count / 2 + 512) { bytes[i] = UInt8(truncatingIfNeeded: random.next()) }
            return Data(bytes)
        }, mentions: ["cannot read the OSM file"])
    }

    @Test func emptyFile() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        try expectRefused({ _ in Data() }, mentions: ["netwerk.osm.pbf"])
    }

    @Test func textThatIsNoPBF() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        try expectRefused({ _ in Data("{\"type\": \"FeatureCollection\", \"features\": []}".utf8) }, mentions: ["cannot read the OSM file"])
    }

    @Test func missingFile() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try TownCopy()
        try town.editConfig(#"path = "netwerk.osm""#, #"path = "bestaat-niet.osm.pbf""#)
        let result = try town.run(["--quiet"])
        #expect(result.exited(2) && result.stderr.contains("bestaat-niet.osm.pbf") && result.stderr.contains("not found"), "\(result)")
    }

    @Test func nodeFarOutsideRDNew() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try TownCopy()
        let xml = try town.read("netwerk.osm")
        // Move the first node to New Zealand.
        let lat = try #require(xml.range(of: #"lat="[0-9.]+""#, options: .regularExpression))
        var moved = xml.replacingCharacters(in: lat, with: #"lat="-41.2865""#)
        let lon = try #require(moved.range(of: #"lon="[0-9.]+""#, options: .regularExpression))
        moved = moved.replacingCharacters(in: lon, with: #"lon="174.7762""#)
        try town.write(moved, to: "ver.osm")
        let converted = try TestSupport.runProgram(Self.osmium, ["cat", town.url("ver.osm").path, "-o", town.url("netwerk.osm.pbf").path])
        try #require(converted.exited(0), "\(converted)")
        try town.editConfig(#"path = "netwerk.osm""#, #"path = "netwerk.osm.pbf""#)
        let result = try town.run(["--quiet"])
        #expect(result.exited(2) && result.stderr.contains("outside the area where RD New coordinates can lie") && result.stderr.contains("way way/"), "\(result)")
    }

    @Test func unknownReaderIsAConfigurationError() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try TownCopy()
        try town.editConfig(#"format = "osm""#, "format = \"osm\"\nreader = \"osmosis\"")
        let result = try town.run(["--quiet"])
        #expect(result.exited(2) && result.stderr.contains("'network.reader'") && result.stderr.contains("\"osmosis\""), "\(result)")
    }
}
