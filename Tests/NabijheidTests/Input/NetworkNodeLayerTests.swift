import Foundation
import Testing
@testable import Nabijheid

/// Barriers and kerbs from a point layer beside a line-layer network (`network.nodes_layer`).
///
/// The network is the one of `MobilityProfileTests`, placed at RD (85 000, 445 000): a direct
/// footway A (0,0) – M (100,0) – C (200,0) and a detour A – (0,100) – (200,100) – C, all
/// asphalt. The facility lies 10 m up the detour from A, the dwelling 10 m up from C. Worked
/// out by hand: straight through M is 10 + 200 + 10 = 220 m, round the detour 90 + 200 + 90 =
/// 380 m. A raised kerb at M costs the rollator 30 m (250 m) and blocks the wheelchair, which
/// takes the detour: 160 m longer than on foot. The same network as OSM XML, read by GDAL's
/// OSM driver with its kerb node, is the independent reference.
@Suite struct NetworkNodeLayerTests {
    static let origin = (x: 85_000.0, y: 445_000.0)
    static let direct: [(Double, Double)] = [(0, 0), (100, 0), (200, 0)]
    static let detour: [(Double, Double)] = [(0, 0), (0, 100), (200, 100), (200, 0)]
    static let profiles = ["rollator", "rolstoel"]

    static func rd(_ p: (Double, Double)) -> (Double, Double) { (origin.x + p.0, origin.y + p.1) }

    /// A GeoJSON feature collection in RD New (`crs` member) or, with `wgs84`, in WGS84.
    static func geoJSON(_ features: [(id: Int, geometry: String, properties: [String: String])], wgs84: Bool = false) -> String {
        let crs = wgs84 ? "" : #""crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}}, "#
        let items = features.map { feature in
            let properties = feature.properties.sorted { $0.key < $1.key }.map { "\"\($0.key)\": \"\($0.value)\"" }.joined(separator: ", ")
            return #"{"type": "Feature", "id": \#(feature.id), "geometry": \#(feature.geometry), "properties": {\#(properties)}}"#
        }
        return "{\"type\": \"FeatureCollection\", \(crs)\"features\": [\n\(items.joined(separator: ",\n"))\n]}\n"
    }

    static func coordinates(_ points: [(Double, Double)]) -> String {
        "[" + points.map { "[\(rd($0).0), \(rd($0).1)]" }.joined(separator: ", ") + "]"
    }

    static func lines(extra: [(id: Int, geometry: String, properties: [String: String])] = []) -> String {
        let paved = ["highway": "footway", "surface": "asphalt"]
        return geoJSON([(1, #"{"type": "LineString", "coordinates": \#(coordinates(direct))}"#, paved),
                        (2, #"{"type": "LineString", "coordinates": \#(coordinates(detour))}"#, paved)] + extra)
    }

    static func point(_ id: Int, _ p: (Double, Double), _ tags: [String: String]) -> (id: Int, geometry: String, properties: [String: String]) {
        (id, #"{"type": "Point", "coordinates": [\#(rd(p).0), \#(rd(p).1)]}"#, tags)
    }

    static let raisedKerb = ["barrier": "kerb", "kerb": "raised"]

    /// Writes `files` into a fresh folder and returns it.
    static func folder(_ files: [String: String]) throws -> URL {
        let directory = try TestSupport.makeTemporaryDirectory("knopen")
        for (name, text) in files { try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return directory
    }

    static func input(_ directory: URL, nodes: String?, layer: String? = nil, crs: String? = nil) -> NetworkInput {
        var input = NetworkInput(input: LayerInput(path: directory.appendingPathComponent("wegen.geojson").path, layer: nil, crs: crs, section: "network"),
                                 format: .layer, rules: WalkRules(), maxSnapMeters: 250, minimumIslandNodes: 1)
        if let nodes {
            input.nodes = LayerInput(path: directory.appendingPathComponent(nodes).path, layer: layer, crs: crs, section: "network")
        }
        return input
    }

    static func shipped(_ name: String) throws -> MobilityProfile {
        try #require(MobilityProfileLoader.load(try ConfigTable.parse("", file: "test"), selected: [name], file: "test").first)
    }

    /// The distance from the facility to the dwelling per network, and each profile's summary.
    static func distances(_ builder: WalkGraphBuilder) throws -> (distance: [String: Float], summary: [String: MobilityNetwork.Summary]) {
        let built = builder.buildNetwork(minimumIslandNodes: 1)
        let index = SegmentIndex(graph: built.graph)
        let facility = index.link(PlanarPoint(x: origin.x, y: origin.y + 10), in: built.graph, maxDistance: 5)
        let dwelling = index.link(PlanarPoint(x: origin.x + 200, y: origin.y + 10), in: built.graph, maxDistance: 5)
        var distance = ["standaard": NearestFacilitySearch(graph: built.graph).run(facilities: [facility], dwellings: [dwelling], cutoff: 5000).distance[0]]
        var summary: [String: MobilityNetwork.Summary] = [:]
        for name in profiles {
            let network = MobilityNetwork(base: built.graph, attributes: built.attributes, profile: try shipped(name))
            distance[name] = NearestFacilitySearch(mobility: network).run(facilities: [facility], dwellings: [dwelling], cutoff: 5000).distance[0]
            summary[name] = network.summary
        }
        return (distance, summary)
    }

    /// The same network as OSM XML (coordinates to 1e-7 degree, as OSM stores them), with
    /// `tags` on node M, read by GDAL's OSM driver.
    static func osmReference(middle tags: [String: String]) throws -> (distance: [String: Float], summary: [String: MobilityNetwork.Summary]) {
        let toWGS84 = try CoordinateTransform(from: .rdNew, to: CRSDefinition(userInput: "EPSG:4326"), label: "test")
        let points: [(Double, Double)] = [(0, 0), (100, 0), (200, 0), (0, 100), (200, 100)]
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<osm version=\"0.6\" generator=\"test\">\n"
        for (index, p) in points.enumerated() {
            let lonLat = toWGS84.transform(rd(p).0, rd(p).1)
            let nodeTags = index == 1 ? tags.sorted { $0.key < $1.key }.map { "<tag k=\"\($0.key)\" v=\"\($0.value)\"/>" }.joined() : ""
            xml += "<node id=\"\(index + 1)\" version=\"1\" lat=\"\(String(format: "%.7f", lonLat.y))\" lon=\"\(String(format: "%.7f", lonLat.x))\">\(nodeTags)</node>\n"
        }
        let wayTags = "<tag k=\"highway\" v=\"footway\"/><tag k=\"surface\" v=\"asphalt\"/>"
        xml += "<way id=\"1\" version=\"1\"><nd ref=\"1\"/><nd ref=\"2\"/><nd ref=\"3\"/>\(wayTags)</way>\n"
        xml += "<way id=\"2\" version=\"1\"><nd ref=\"1\"/><nd ref=\"4\"/><nd ref=\"5\"/><nd ref=\"3\"/>\(wayTags)</way>\n</osm>\n"
        let directory = try folder(["netwerk.osm": xml])
        defer { try? FileManager.default.removeItem(at: directory) }
        let read = try OSMFileReader.read(path: directory.appendingPathComponent("netwerk.osm").path,
                                          request: .init(rules: WalkRules(), mobilityNodes: true))
        return try distances(read.network)
    }

    static func read(_ input: NetworkInput) throws -> (distance: [String: Float], summary: [String: MobilityNetwork.Summary], nodes: NodeLayerSummary?) {
        let read = try NetworkLayerReader.read(input)
        let result = try distances(read.builder)
        return (result.distance, result.summary, read.nodes)
    }

    static func expectClose(_ a: [String: Float], _ b: [String: Float], within tolerance: Float, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(Set(a.keys) == Set(b.keys), sourceLocation: sourceLocation)
        for (key, value) in a { #expect(abs(value - (b[key] ?? .nan)) <= tolerance, "\(key): \(value) vs \(b[key] ?? .nan)", sourceLocation: sourceLocation) }
    }

    @Test func raisedKerbAtTheCrossingVertexSendsTheWheelchairRound() throws {
        let directory = try Self.folder(["wegen.geojson": Self.lines(), "knopen.geojson": Self.geoJSON([Self.point(7, (100, 0), Self.raisedKerb)])])
        defer { try? FileManager.default.removeItem(at: directory) }
        let none = try Self.read(Self.input(directory, nodes: nil))
        Self.expectClose(none.distance, ["standaard": 220, "rollator": 220, "rolstoel": 220], within: 0.001)
        #expect(none.nodes == nil)
        let kerb = try Self.read(Self.input(directory, nodes: "knopen.geojson"))
        Self.expectClose(kerb.distance, ["standaard": 220, "rollator": 250, "rolstoel": 380], within: 0.001)
        #expect(kerb.distance["rolstoel"]! - kerb.distance["standaard"]! == 160)
        #expect(kerb.nodes?.punten == 1 && kerb.nodes?.met_knoopregel == 1 && kerb.nodes?.gekoppeld == 1 && kerb.nodes?.naast_netwerk == 0)
        #expect(kerb.summary["rolstoel"]?.knopen_geblokkeerd == 1 && kerb.summary["rollator"]?.knopen_met_toeslag == 1)
        // The OSM path, as the independent reference: the same distances per profile (to the
        // centimetre the 1e-7 degree grid allows) and the same summaries.
        let osm = try Self.osmReference(middle: Self.raisedKerb)
        Self.expectClose(osm.distance, kerb.distance, within: 0.05)
        #expect(osm.summary == kerb.summary)
    }

    @Test func loweredKerbCostsNothing() throws {
        let lowered = ["barrier": "kerb", "kerb": "lowered"]
        let directory = try Self.folder(["wegen.geojson": Self.lines(), "knopen.geojson": Self.geoJSON([Self.point(1, (100, 0), lowered)])])
        defer { try? FileManager.default.removeItem(at: directory) }
        let read = try Self.read(Self.input(directory, nodes: "knopen.geojson"))
        Self.expectClose(read.distance, ["standaard": 220, "rollator": 220, "rolstoel": 220], within: 0.001)
        Self.expectClose(try Self.osmReference(middle: lowered).distance, read.distance, within: 0.05)
    }

    /// A node layer in WGS84 beside lines in RD New: transformed by PROJ, the kerb lands on M.
    @Test func nodeLayerInAnotherCRSIsTransformed() throws {
        let toWGS84 = try CoordinateTransform(from: .rdNew, to: CRSDefinition(userInput: "EPSG:4326"), label: "test")
        let m = toWGS84.transform(Self.rd((100, 0)).0, Self.rd((100, 0)).1)
        let point = (id: 3, geometry: #"{"type": "Point", "coordinates": [\#(String(format: "%.10f", m.x)), \#(String(format: "%.10f", m.y))]}"#,
                     properties: Self.raisedKerb)
        let directory = try Self.folder(["wegen.geojson": Self.lines(), "knopen.geojson": Self.geoJSON([point], wgs84: true)])
        defer { try? FileManager.default.removeItem(at: directory) }
        let read = try Self.read(Self.input(directory, nodes: "knopen.geojson"))
        #expect(read.nodes?.gekoppeld == 1)
        Self.expectClose(read.distance, ["standaard": 220, "rollator": 250, "rolstoel": 380], within: 0.001)
    }

    /// Points on no vertex are counted with their ids, not dropped and not moved onto a
    /// segment; a point within the tolerance (3 cm) joins its vertex; a point without node
    /// rules (a lamp post) is read but not matched.
    @Test func pointsOffTheNetworkAreCountedWithTheirIDs() throws {
        let directory = try Self.folder(["wegen.geojson": Self.lines(), "knopen.geojson": Self.geoJSON([
            Self.point(11, (50, 0), Self.raisedKerb),          // on a segment, not a vertex
            Self.point(12, (100, 0.2), Self.raisedKerb),       // 20 cm from M
            Self.point(13, (100.03, 0), Self.raisedKerb),      // 3 cm from M: M's kerb
            Self.point(14, (0, 100), ["highway": "street_lamp"]),
        ])])
        defer { try? FileManager.default.removeItem(at: directory) }
        let read = try Self.read(Self.input(directory, nodes: "knopen.geojson"))
        #expect(read.nodes == NodeLayerSummary(punten: 4, met_knoopregel: 3, gekoppeld: 1, naast_netwerk: 2, naast_netwerk_fids: [11, 12],
                                               laag: "knopen.geojson, layer 'knopen'"))
        Self.expectClose(read.distance, ["standaard": 220, "rollator": 250, "rolstoel": 380], within: 0.001)
        let warnings = RunReport.nodeLayerWarnings(NetworkSummary(ways_gelezen: 2, ways_beloopbaar: 2, knopen: 5, segmenten: 5, lengte_km: 0.6,
                                                                  verwijderde_eilanden: 0, verwijderde_eilandknopen: 0, knopenlaag: read.nodes))
        #expect(warnings.count == 1)
        #expect(warnings.first?.code == "KNOPEN_NAAST_NETWERK")
        #expect(warnings.first?.melding.contains("2 punten") == true)
        #expect(warnings.first?.melding.contains("knopen.geojson, layer 'knopen'") == true)
        #expect(warnings.first?.melding.contains("fid 11, 12") == true)
    }

    /// An unknown kerb value is counted as on the OSM path: unknown node, `kerb=half_height`.
    @Test func unknownKerbValuesAreCountedAsOnTheOSMPath() throws {
        let odd = ["barrier": "kerb", "kerb": "half_height"]
        let directory = try Self.folder(["wegen.geojson": Self.lines(), "knopen.geojson": Self.geoJSON([Self.point(1, (100, 0), odd)])])
        defer { try? FileManager.default.removeItem(at: directory) }
        let read = try Self.read(Self.input(directory, nodes: "knopen.geojson"))
        #expect(read.summary["rolstoel"]?.onbekende_waarden == ["kerb=half_height": 1])
        #expect(read.summary["rolstoel"]?.knopen_onbekend == 1)
        #expect(try Self.osmReference(middle: odd).summary == read.summary)
    }

    /// The cell lookup against brute force: on random networks with kerb points at, near and
    /// just beyond the tolerance from vertices (also across cell edges), every point goes to the
    /// nearest vertex within 0.05 m (the first of equals), or is off the network.
    @Test func joiningAgreesWithBruteForceNearestVertex() {
        for seed in UInt64(1)...20 {
            var random = SplitMix64(seed: seed)
            var builder = WalkGraphBuilder()
            var points: [PlanarPoint] = []
            for _ in 0..<30 {
                let line = (0..<4).map { _ in (85_000 + random.double(0, 3), 445_000 + random.double(0, 3)) }
                points += line.map { PlanarPoint(x: $0.0, y: $0.1) }
                builder.addLine(source: line, planar: line.map { PlanarPoint(x: $0.0, y: $0.1) }, tags: ["highway": "footway"])
            }
            var nodes: [WalkGraphBuilder.LayerNode] = []
            for fid in 0..<200 {
                let base = points[random.int(0...(points.count - 1))]
                let radius = [0, 0.02, 0.049, 0.051, 0.2][random.int(0...4)], angle = random.double(0, 2 * .pi)
                nodes.append(.init(fid: Int64(fid), position: PlanarPoint(x: base.x + radius * cos(angle), y: base.y + radius * sin(angle)),
                                   tags: ["barrier": "kerb", "kerb": "k\(fid)"]))
            }
            var expected: [Int32: String] = [:], expectedOff: [Int64] = []
            let vertices = builder.vertices.positions
            for node in nodes {
                let distances = vertices.map { $0.distance(to: node.position) }
                guard let nearest = distances.indices.filter({ distances[$0] <= WalkGraphBuilder.nodeLayerTolerance })
                    .min(by: { (distances[$0], $0) < (distances[$1], $1) }) else { expectedOff.append(node.fid); continue }
                expected[Int32(nearest)] = node.tags["kerb"]
            }
            let off = builder.attachLayerNodes(nodes).offNetwork
            #expect(off.map(\.fid) == expectedOff, "seed \(seed)")
            #expect(builder.nodeTagsOfVertex.mapValues { builder.nodeTags.sets[Int($0)]["kerb"]! } == expected, "seed \(seed)")
            #expect(!expectedOff.isEmpty && !expected.isEmpty)
        }
    }

    static func error(_ body: () throws -> Void) -> String? {
        do { try body() } catch let error as InputError { return error.message } catch { return "\(error)" }
        return nil
    }

    @Test func badNodeLayersAreRefusedWithFileLayerAndFeature() throws {
        let directory = try Self.folder([
            "wegen.geojson": Self.lines(),
            "leeg.geojson": Self.geoJSON([]),
            "zonder.geojson": Self.geoJSON([Self.point(1, (100, 0), ["naam": "paal"])]),
            "ver.geojson": Self.geoJSON([(5, #"{"type": "Point", "coordinates": [1e12, 1e12]}"#, Self.raisedKerb)]),
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        // Missing: no such file, and no such layer in the file.
        let missingFile = Self.error { _ = try Self.read(Self.input(directory, nodes: "knopen.gpkg")) }
        #expect(missingFile?.contains("knopen.gpkg") == true)
        let missingLayer = Self.error { _ = try Self.read(Self.input(directory, nodes: "wegen.geojson", layer: "knopen")) }
        #expect(missingLayer?.contains("no layer 'knopen'") == true)
        let empty = Self.error { _ = try Self.read(Self.input(directory, nodes: "leeg.geojson")) }
        #expect(empty?.contains("leeg.geojson, layer 'leeg': the layer is empty; expected points of barriers and kerbs") == true)
        // The line layer given as node layer.
        let lines = Self.error { _ = try Self.read(Self.input(directory, nodes: "wegen.geojson")) }
        #expect(lines?.contains("wegen.geojson, layer 'wegen': feature 1 is LineString; expected a Point") == true)
        let fields = Self.error { _ = try Self.read(Self.input(directory, nodes: "zonder.geojson")) }
        #expect(fields?.contains("has none of the fields 'barrier', 'kerb'") == true)
        #expect(fields?.contains("fields are 'naam'") == true)
        let far = Self.error { _ = try Self.read(Self.input(directory, nodes: "ver.geojson")) }
        #expect(far?.contains("ver.geojson, layer 'ver': feature 5 lies at") == true)
        #expect(far?.contains("outside the area where RD New coordinates can lie") == true)
    }

    /// Through the command line on a generated town whose GeoPackage network has its kerbs in
    /// `knopen`: the run reports the layer in run.json; naming the line layer or a missing layer
    /// as node layer is exit 2 with file and layer, and no output.
    @Test func commandLineRunsAndRefusesNodeLayers() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let directory = try TestSupport.makeTemporaryDirectory("knopen-cli")
        defer { try? FileManager.default.removeItem(at: directory) }
        let generated = try TestSupport.run(["generate-town", "--dwellings", "1000", "--seed", "7", "--network", "gpkg", "--output", directory.path], timeout: 120)
        try #require(generated.exited(0), "\(generated)")
        let config = directory.appendingPathComponent("nabijheid.toml")
        let text = try String(contentsOf: config, encoding: .utf8)
        #expect(text.contains("nodes_layer = \"knopen\""))
        let run = try TestSupport.run(["run", "--config", config.path, "--output", directory.appendingPathComponent("out").path, "--quiet"], timeout: 120)
        try #require(run.exited(0), "\(run)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("out/run.json"))) as? [String: Any])
        let nodes = try #require((report["netwerk"] as? [String: Any])?["knopenlaag"] as? [String: Any])
        // The fixture town's vertical centre main street: a kerb 40 m along each of its 12 blocks.
        #expect(nodes["laag"] as? String == "netwerk.gpkg, layer 'knopen'")
        #expect(nodes["punten"] as? Int == 12 && nodes["gekoppeld"] as? Int == 12 && nodes["naast_netwerk"] as? Int == 0)
        let roles = ((report["invoer"] as? [[String: Any]]) ?? []).compactMap { $0["rol"] as? String }
        #expect(!roles.contains("netwerk_knopen"), "a node layer in the network's own file is not listed twice")
        // The node layer in a file of its own is listed among the inputs with its checksum.
        try FileManager.default.copyItem(at: directory.appendingPathComponent("netwerk.gpkg"), to: directory.appendingPathComponent("kerbs.gpkg"))
        let separate = directory.appendingPathComponent("separate.toml")
        try text.replacingOccurrences(of: "nodes_layer = \"knopen\"", with: "nodes_layer = \"knopen\"\nnodes_path = \"kerbs.gpkg\"")
            .write(to: separate, atomically: true, encoding: .utf8)
        let separateRun = try TestSupport.run(["run", "--config", separate.path, "--output", directory.appendingPathComponent("out-separate").path, "--quiet"],
                                              timeout: 120)
        try #require(separateRun.exited(0), "\(separateRun)")
        let separateReport = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("out-separate/run.json")))
            as? [String: Any])
        let listed = ((separateReport["invoer"] as? [[String: Any]]) ?? []).first { $0["rol"] as? String == "netwerk_knopen" }
        #expect(listed?["pad"] as? String == "kerbs.gpkg" && (listed?["sha256"] as? String)?.count == 64, "\(String(describing: listed))")
        for (layer, fragments) in [("wegen", ["netwerk.gpkg, layer 'wegen': feature 1 is LineString; expected a Point"]),
                                   ("kerbs", ["netwerk.gpkg: no layer 'kerbs'", "'knopen'"])] {
            let bad = directory.appendingPathComponent("bad-\(layer).toml")
            try text.replacingOccurrences(of: "nodes_layer = \"knopen\"", with: "nodes_layer = \"\(layer)\"").write(to: bad, atomically: true, encoding: .utf8)
            let output = directory.appendingPathComponent("out-\(layer)")
            let result = try TestSupport.run(["run", "--config", bad.path, "--output", output.path], timeout: 120)
            Reliability.expectRefused(result, output: output, mentions: fragments)
        }
    }

    @Test func configurationNamesTheNodeLayer() throws {
        let base = """
        [buurten]
        path = "b.gpkg"
        [dwellings]
        source = "layer"
        path = "w.gpkg"
        [[facilities]]
        source = "layer"
        path = "v.gpkg"
        [network]
        """
        func load(_ network: String) throws -> RunConfiguration {
            try ConfigurationLoader.parse(base + "\n" + network + "\n", file: "/data/nabijheid.toml", baseDirectory: "/data")
        }
        let same = try load("path = \"netwerk.gpkg\"\nformat = \"layer\"\nlayer = \"wegen\"\nnodes_layer = \"knopen\"")
        #expect(same.network.nodes == LayerInput(path: "/data/netwerk.gpkg", layer: "knopen", crs: nil))
        let other = try load("path = \"netwerk.gpkg\"\nformat = \"layer\"\nnodes_path = \"kerbs.gpkg\"\nnodes_layer = \"kerbs\"\ncrs = \"EPSG:28992\"")
        #expect(other.network.nodes == LayerInput(path: "/data/kerbs.gpkg", layer: "kerbs", crs: "EPSG:28992"))
        #expect(try load("path = \"netwerk.gpkg\"\nformat = \"layer\"").network.nodes == nil)
        let osm = Self.error { _ = try load("path = \"netwerk.osm.pbf\"\nnodes_layer = \"knopen\"") }
        #expect(osm?.contains("'network.nodes_layer' and 'network.nodes_path' need format = \"layer\"") == true)
        let pathOnly = Self.error { _ = try load("path = \"netwerk.gpkg\"\nformat = \"layer\"\nnodes_path = \"kerbs.gpkg\"") }
        #expect(pathOnly?.contains("'network.nodes_path' needs 'network.nodes_layer'") == true)
    }
}
