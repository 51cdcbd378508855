import Foundation
import Testing
@testable import Nabijheid

/// The libosmium reader of facilities and OSM dwellings against GDAL's OSM driver (the
/// reference) and against positions worked out by hand; and its bad-input contract.
@Suite("OSM PBF facilities and dwellings read by libosmium")
struct OSMFeatureReaderTests {
    static let osmium = URL(fileURLWithPath: "/usr/bin/osmium")

    // MARK: A small file, by hand

    /// Nodes and areas in WGS84; every case the reader distinguishes occurs once.
    static let handMadeXML = """
        <?xml version="1.0" encoding="UTF-8"?>
        <osm version="0.6" generator="test">
          <node id="1" version="1" lat="52.0100000" lon="5.0100000"><tag k="shop" v="supermarket"/><tag k="name" v="Super"/><tag k="addr:housenumber" v="1"/></node>
          <node id="2" version="1" lat="52.0110000" lon="5.0110000"><tag k="addr:housenumber" v="2"/></node>
          <node id="3" version="1" lat="52.0120000" lon="5.0120000"><tag k="addr:housenumber" v="3"/><tag k="note" v="x"/></node>
          <node id="4" version="1" lat="52.0130000" lon="5.0130000"><tag k="highway" v="bus_stop"/><tag k="name" v="Halte"/></node>
          <node id="5" version="1" lat="52.0140000" lon="5.0140000"><tag k="created_by" v="x"/></node>
          <node id="20" version="1" lat="52.0200000" lon="5.0200000"/>
          <node id="21" version="1" lat="52.0200000" lon="5.0210000"/>
          <node id="22" version="1" lat="52.0220000" lon="5.0210000"/>
          <node id="23" version="1" lat="52.0220000" lon="5.0200000"/>
          <node id="30" version="1" lat="52.0300000" lon="5.0300000"/>
          <node id="31" version="1" lat="52.0300000" lon="5.0310000"/>
          <node id="40" version="1" lat="52.0000000" lon="5.0000000"/>
          <node id="41" version="1" lat="52.0000000" lon="5.0020000"/>
          <node id="42" version="1" lat="52.0020000" lon="5.0020000"/>
          <node id="43" version="1" lat="52.0020000" lon="5.0000000"/>
          <node id="50" version="1" lat="52.0004000" lon="5.0004000"/>
          <node id="51" version="1" lat="52.0004000" lon="5.0014000"/>
          <node id="52" version="1" lat="52.0016000" lon="5.0014000"/>
          <node id="53" version="1" lat="52.0016000" lon="5.0004000"/>
          <node id="60" version="1" lat="52.0400000" lon="5.0400000"/>
          <node id="61" version="1" lat="52.0400000" lon="5.0410000"/>
          <node id="62" version="1" lat="52.0410000" lon="5.0410000"/>
          <node id="63" version="1" lat="52.0410000" lon="5.0400000"/>
          <way id="10" version="1"><nd ref="20"/><nd ref="21"/><nd ref="22"/><nd ref="23"/><nd ref="20"/><tag k="building" v="house"/></way>
          <way id="11" version="1"><nd ref="30"/><nd ref="31"/><nd ref="30"/><tag k="building" v="house"/></way>
          <way id="12" version="1"><nd ref="40"/><nd ref="41"/><nd ref="42"/><nd ref="43"/><nd ref="40"/><tag k="building" v="house"/></way>
          <way id="13" version="1"><nd ref="50"/><nd ref="51"/><nd ref="52"/><nd ref="53"/><nd ref="50"/></way>
          <way id="14" version="1"><nd ref="60"/><nd ref="61"/><nd ref="999"/><nd ref="62"/><nd ref="63"/><nd ref="60"/><tag k="amenity" v="pharmacy"/></way>
          <way id="15" version="1"><nd ref="20"/><nd ref="21"/><nd ref="22"/><nd ref="20"/><tag k="building" v="garage"/></way>
          <relation id="100" version="1"><member type="way" ref="12" role="outer"/><member type="way" ref="13" role="inner"/><tag k="type" v="multipolygon"/><tag k="building" v="apartments"/></relation>
          <relation id="101" version="1"><member type="way" ref="998" role="outer"/><tag k="type" v="multipolygon"/><tag k="amenity" v="doctors"/></relation>
        </osm>

        """

    private func handMadePBF() throws -> (directory: URL, pbf: String) {
        let directory = try TestSupport.makeTemporaryDirectory("osm-features")
        var handedOver = false
        defer { if !handedOver { try? FileManager.default.removeItem(at: directory) } }
        let xml = directory.appendingPathComponent("klein.osm"), pbf = directory.appendingPathComponent("klein.osm.pbf")
        try Data(Self.handMadeXML.utf8).write(to: xml)
        let converted = try TestSupport.runProgram(Self.osmium, ["cat", xml.path, "-o", pbf.path])
        try #require(converted.exited(0), "osmium-tool (scripts/install-deps) writes the PBF\n\(converted)")
        handedOver = true
        return (directory, pbf.path)
    }

    private func rd(_ lon: Double, _ lat: Double) throws -> PlanarPoint {
        try CoordinateTransform(from: CRSDefinition(userInput: "EPSG:4326"), label: "test").transform(lon, lat)
    }

    @Test func handMadeFileGivesTheExpectedFeatures() throws {
        let (directory, pbf) = try handMadePBF()
        defer { try? FileManager.default.removeItem(at: directory) }
        let buildings = try OSMFeatureReader.read(path: pbf, dwellings: .osmBuildings(buildingValues: ["house", "apartments"]), catalog: .standard)
        // The relation takes the place of its outer way 12; way 11 has a two-point ring; way 15
        // is a garage. Relations come before ways.
        #expect(buildings.dwellings.map(\.id) == ["relation/100", "way/10"])
        // GEOS's point on surface, worked out by hand: the scan line halfway between the
        // vertex latitudes nearest the middle (52.0004 and 52.0016) crosses the outer and inner
        // rings at 5.0, 5.0004, 5.0014, 5.002; the wider piece is 5.0014–5.002.
        let relation = try rd(5.0017, 52.001), square = try rd(5.0205, 52.021)
        #expect(buildings.dwellings.count == 2 && buildings.dwellings[0].position.distance(to: relation) < 0.01
                && buildings.dwellings[1].position.distance(to: square) < 0.01, "\(buildings.dwellings)")
        let catalog = FacilityCatalog.standard
        #expect(buildings.facilities.map { "\($0.id) \(catalog.categories[$0.category].name)" }
                == ["node/1 dagelijkse_boodschappen", "node/4 ov_halte", "way/14 apotheek"])
        #expect(buildings.facilities.first?.name == "Super")
        let note = buildings.notes.joined()
        #expect(note.contains("van 1 gesloten ways ontbreken knopen") && note.contains("1 gesloten ways hebben minder dan vier punten")
                && note.contains("1 multipolygoonrelaties missen ways"), "\(buildings.notes)")

        let addresses = try OSMFeatureReader.read(path: pbf, dwellings: .osmAddresses, catalog: nil)
        // Node 1 is a shop with an address: no dwelling.
        #expect(addresses.dwellings.map(\.id) == ["node/2", "node/3"] && addresses.facilities.isEmpty)
        #expect(addresses.dwellings.last.map { $0.position.distance(to: try! rd(5.012, 52.012)) < 0.001 } == true)
    }

    @Test func handMadeFileGivesWhatGDALGives() throws {
        let (directory, pbf) = try handMadePBF()
        defer { try? FileManager.default.removeItem(at: directory) }
        for source in [DwellingSource.osmAddresses, .osmBuildings(buildingValues: ["house", "apartments"])] {
            let osmium = try OSMFeatureReader.read(path: pbf, dwellings: source, catalog: .standard)
            let gdal = try OSMFileReader.read(path: pbf, request: .init(rules: nil, dwellings: source, catalog: .standard))
            #expect(osmium.dwellings.map(\.id) == gdal.dwellings.map(\.id))
            #expect(osmium.dwellings.map(\.position) == gdal.dwellings.map(\.position))
            #expect(osmium.facilities.map { "\($0.id) \($0.category) \($0.name ?? "")" } == gdal.facilities.map { "\($0.id) \($0.category) \($0.name ?? "")" })
            #expect(osmium.facilities.map(\.position) == gdal.facilities.map(\.position))
        }
    }

    // MARK: Whole runs, against GDAL

    /// Runs `config` (with READER for the reader) with GDAL and libosmium; expects the same
    /// bytes in every layer and returns the libosmium run's woningen and voorzieningen.
    @discardableResult
    private func expectSameRuns(in directory: URL, config: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Data] {
        var outputs: [[String: Data]] = []
        for reader in ["gdal", "libosmium"] {
            let file = directory.appendingPathComponent("\(reader).toml")
            try Data(config.replacingOccurrences(of: "READER", with: reader).utf8).write(to: file)
            let folder = directory.appendingPathComponent("uit-\(reader)")
            let result = try TestSupport.run(["run", "--config", file.path, "--output", folder.path, "--quiet"], in: directory, timeout: 120)
            try #require(result.exited(0), "\(result)", sourceLocation: sourceLocation)
            outputs.append(try TownCopy.snapshot(folder))
        }
        #expect(outputs[0].keys.sorted() == outputs[1].keys.sorted(), sourceLocation: sourceLocation)
        for name in outputs[0].keys.sorted() where name != "run.json" && name != "rapport.html" {
            #expect(outputs[0][name] == outputs[1][name], "\(name) differs between the readers", sourceLocation: sourceLocation)
        }
        return outputs[1]
    }

    private func featureCount(_ data: Data?) throws -> Int {
        guard let data, let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else { return -1 }
        return (object["features"] as? [Any])?.count ?? -1
    }

    @Test(.enabled(if: TestSupport.sharedDataAvailable), arguments: ["osm_addresses", "osm_buildings"])
    func delftGivesTheSameFacilitiesDwellingsAndDistancesAsGDAL(dwellings: String) throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let directory = try TestSupport.makeTemporaryDirectory("delft-features")
        defer { try? FileManager.default.removeItem(at: directory) }
        let delft = TestSupport.sharedDataDirectory.appendingPathComponent("delft")
        let pbf = delft.appendingPathComponent("tudelft.osm.pbf").path
        let outputs = try expectSameRuns(in: directory, config: """
            [buurten]
            path = "\(delft.appendingPathComponent("delft_buurten_2023_rd.geojson").path)"
            code_field = "BU_NAAM"
            name_field = "BU_NAAM"
            [network]
            path = "\(pbf)"
            reader = "READER"
            [dwellings]
            source = "\(dwellings)"
            path = "\(pbf)"
            [[facilities]]
            source = "osm"
            path = "\(pbf)"
            [outputs]
            service_areas = false

            """)
        // Not a comparison of two empty sets.
        #expect(try featureCount(outputs["woningen.geojson"]) > 1000)
        #expect(try featureCount(outputs["voorzieningen.geojson"]) > 20)
    }

    /// The synthetic town written as one PBF (`generate-town --pbf`).
    private func syntheticTown() throws -> URL {
        let directory = try TestSupport.makeTemporaryDirectory("town-pbf")
        var handedOver = false
        defer { if !handedOver { try? FileManager.default.removeItem(at: directory) } }
        let result = try TestSupport.run(["generate-town", "--dwellings", "1500", "--pbf", "--output", directory.path], timeout: 120)
        try #require(result.exited(0), "\(result)")
        handedOver = true
        return directory
    }

    @Test(arguments: ["osm_addresses", "osm_buildings"]) func syntheticTownAsPBFGivesTheSameResultsAsGDAL(dwellings: String) throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let directory = try syntheticTown()
        defer { try? FileManager.default.removeItem(at: directory) }
        var config = try String(contentsOf: directory.appendingPathComponent("nabijheid-pbf.toml"), encoding: .utf8)
            .replacingOccurrences(of: #"format = "osm""#, with: "format = \"osm\"\nreader = \"READER\"")
        config = config.replacingOccurrences(of: #"source = "osm_addresses""#, with: "source = \"\(dwellings)\"")
        let outputs = try expectSameRuns(in: directory, config: config)
        // Independently: as many dwellings as the town has addresses with woonfunctie, and as
        // many facilities as facility and stop points.
        let layer = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("woningen.geojson"))) as? [String: Any])
        let residential = (layer["features"] as! [[String: Any]]).filter { (($0["properties"] as! [String: Any])["gebruiksdoel"] as! String).contains("woonfunctie") }
        #expect(try featureCount(outputs["woningen.geojson"]) == residential.count)
        let stops = try String(contentsOf: directory.appendingPathComponent("gtfs/stops.txt"), encoding: .utf8).split(separator: "\n").count - 1
        let places = try featureCount(try Data(contentsOf: directory.appendingPathComponent("voorzieningen.geojson")))
        #expect(try featureCount(outputs["voorzieningen.geojson"]) == stops + places)
    }

    /// The PBF of a generated town holds the facilities of its layers: per catalogue category as
    /// many as the town's facility layer (and stops file) has, at the same places to the
    /// centimetre; the 24-hour care bases too (`zorg_24uur`, once written without
    /// `opening_hours=24/7` and so missing from every PBF run).
    @Test func syntheticTownAsPBFHasTheFacilitiesOfItsLayers() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let directory = try syntheticTown()
        defer { try? FileManager.default.removeItem(at: directory) }
        let catalog = FacilityCatalog.standard
        let read = try OSMFeatureReader.read(path: directory.appendingPathComponent("stad.osm.pbf").path, dwellings: nil, catalog: catalog)
        var fromPBF: [String: [PlanarPoint]] = [:]
        for facility in read.facilities { fromPBF[catalog.categories[facility.category].name, default: []].append(facility.position) }

        let layer = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("voorzieningen.geojson"))) as? [String: Any])
        var fromLayer: [String: [PlanarPoint]] = [:]
        for feature in layer["features"] as! [[String: Any]] {
            let category = (feature["properties"] as! [String: Any])["categorie"] as! String
            let xy = (feature["geometry"] as! [String: Any])["coordinates"] as! [Double]
            fromLayer[category, default: []].append(PlanarPoint(x: xy[0], y: xy[1]))
        }
        let stops = try String(contentsOf: directory.appendingPathComponent("gtfs/stops.txt"), encoding: .utf8).split(separator: "\n").count - 1
        #expect(fromLayer["zorg_24uur"]?.isEmpty == false, "the town has 24-hour care bases")
        #expect(Set(fromPBF.keys) == Set(fromLayer.keys).union(["ov_halte"]))
        #expect(fromPBF["ov_halte"]?.count == stops)
        for (category, expected) in fromLayer {
            let found = fromPBF[category] ?? []
            #expect(found.count == expected.count, "\(category): \(found.count) in the PBF, \(expected.count) in the layer")
            let order: (PlanarPoint, PlanarPoint) -> Bool = { ($0.x, $0.y) < ($1.x, $1.y) }
            for (a, b) in zip(found.sorted(by: order), expected.sorted(by: order)) {
                #expect(abs(a.x - b.x) < 0.02 && abs(a.y - b.y) < 0.02, "\(category): \(a) against \(b)")
            }
        }
    }

    /// A 24-hour care base at a zorgcentrum is one node that the catalogue counts twice; one
    /// elsewhere a node of its own with every tag of its first catalogue match.
    @Test func careBasesAsPBFNodes() {
        let here = PlanarPoint(x: 100_000, y: 450_000), there = PlanarPoint(x: 101_000, y: 450_000)
        let nodes = SyntheticPBFWriter.placeNodes([
            .init(id: "z", name: "Zorgcentrum", category: "zorg", position: here),
            .init(id: "z24", name: "Zorgpost", category: "zorg_24uur", position: here),
            .init(id: "z24b", name: "Zorgpost B", category: "zorg_24uur", position: there),
        ])
        #expect(nodes.count == 2)
        #expect(nodes.map { $0.tags.map { "\($0.0)=\($0.1)" } } == [
            ["amenity=nursing_home", "opening_hours=24/7", "name=Zorgcentrum"],
            ["social_facility=nursing_home", "opening_hours=24/7", "name=Zorgpost B"],
        ])
        let catalog = FacilityCatalog.standard
        for node in nodes {
            let names = catalog.categories(matching: Dictionary(uniqueKeysWithValues: node.tags)).map { catalog.categories[$0].name }
            #expect(names == ["zorg", "zorg_24uur"])
        }
    }

    // MARK: Bad input

    /// A town whose network is OSM XML (read by GDAL) and whose dwellings and facilities come
    /// from the PBF, damaged by `damage`: the refusal is the feature reader's.
    private func expectRefused(_ damage: (Data) -> Data, mentions fragments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let directory = try syntheticTown()
        defer { try? FileManager.default.removeItem(at: directory) }
        let pbf = directory.appendingPathComponent("stad.osm.pbf")
        try damage(try Data(contentsOf: pbf)).write(to: pbf)
        let config = directory.appendingPathComponent("nabijheid-pbf.toml")
        let text = try String(contentsOf: config, encoding: .utf8)
            .replacingOccurrences(of: "path = \"stad.osm.pbf\"\nformat = \"osm\"", with: "path = \"netwerk.osm\"\nformat = \"osm\"")
        try Data(text.utf8).write(to: config)
        let output = directory.appendingPathComponent("uit")
        let result = try TestSupport.run(["run", "--config", config.path, "--output", output.path, "--quiet"], in: directory)
        #expect(result.exited(2), "\(result)", sourceLocation: sourceLocation)
        #expect(result.stderr.hasPrefix("nabijheid: error: ") && result.stderr.contains("stad.osm.pbf"), "\(result)", sourceLocation: sourceLocation)
        for fragment in fragments {
            #expect(result.stderr.contains(fragment), "stderr should mention \(fragment)\n\(result)", sourceLocation: sourceLocation)
        }
        #expect(TownCopy.outputEntries(in: output) == [], "no output after a refusal", sourceLocation: sourceLocation)
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
        }, mentions: ["cannot read the OSM file", "after byte"])
    }

    @Test func clippedExtractIsCountedInTheReport() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let directory = try syntheticTown()
        defer { try? FileManager.default.removeItem(at: directory) }
        // Through OSM XML: drop a corner node of the first building, add a multipolygon whose
        // way is not in the file, as a clipped extract has them.
        let xml = directory.appendingPathComponent("stad.osm"), pbf = directory.appendingPathComponent("stad.osm.pbf")
        let toXML = try TestSupport.runProgram(Self.osmium, ["cat", pbf.path, "-o", xml.path])
        try #require(toXML.exited(0), "\(toXML)")
        var text = try String(contentsOf: xml, encoding: .utf8)
        let building = try #require(text.range(of: #"<nd ref="[0-9]+"/>\s*<nd ref="[0-9]+"/>\s*<nd ref="[0-9]+"/>\s*<nd ref="[0-9]+"/>\s*<nd ref="[0-9]+"/>\s*<tag k="building""#, options: .regularExpression))
        let digits = try #require(text[building].range(of: "[0-9]+", options: .regularExpression))
        let ref = String(text[building][digits])
        let node = try #require(text.range(of: #"<node id="\#(ref)"[^>]*/>"#, options: .regularExpression))
        text.replaceSubrange(node, with: "")
        text = text.replacingOccurrences(of: "</osm>", with: """
              <relation id="1" version="1"><member type="way" ref="999999999" role="outer"/><tag k="type" v="multipolygon"/><tag k="building" v="house"/></relation>
            </osm>
            """)
        try Data(text.utf8).write(to: xml)
        let toPBF = try TestSupport.runProgram(Self.osmium, ["cat", xml.path, "-o", pbf.path, "--overwrite"])
        try #require(toPBF.exited(0), "\(toPBF)")
        let config = directory.appendingPathComponent("nabijheid-pbf.toml")
        let edited = try String(contentsOf: config, encoding: .utf8).replacingOccurrences(of: #"source = "osm_addresses""#, with: #"source = "osm_buildings""#)
        try Data(edited.utf8).write(to: config)
        let result = try TestSupport.run(["run", "--config", config.path, "--output", directory.appendingPathComponent("uit").path, "--quiet"], in: directory)
        try #require(result.exited(0), "\(result)")
        let report = try String(contentsOf: directory.appendingPathComponent("uit/run.json"), encoding: .utf8)
        #expect(report.contains("van 1 gesloten ways ontbreken knopen in het bestand") && report.contains("1 multipolygoonrelaties missen ways in het bestand"), "\(report)")
    }
}
