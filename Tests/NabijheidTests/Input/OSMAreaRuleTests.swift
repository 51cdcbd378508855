import Foundation
import Testing
@testable import Nabijheid

/// Which closed highway ways are areas (left out of the network) and which are lines: the
/// libosmium reader's rule against GDAL's OSM driver on the same file, and against the
/// expected answer: the first area=yes|no decides, otherwise a listed key or key=value pair,
/// matched whole (a longer key that starts like a listed one is no match).
@Suite("OSM area rule")
struct OSMAreaRuleTests {
    /// Closed ways around one square of four nodes: tags, and whether the way is a line.
    static let ways: [(tags: [(String, String)], line: Bool)] = [
        ([("highway", "footway")], true),
        ([("highway", "pedestrian"), ("area", "yes")], false),
        ([("highway", "platform")], false),
        ([("highway", "footway"), ("building", "yes")], false),
        ([("highway", "footway"), ("building", "yes"), ("area", "no")], true),
        ([("area", "no"), ("highway", "footway"), ("amenity", "parking")], true),
        ([("highway", "footway"), ("amenity", "parking")], false),
        ([("highway", "footway"), ("public_transport", "platform")], false),
        ([("highway", "footway"), ("public_transportation", "platform")], true),
        ([("highway", "footway"), ("shopping", "yes")], true),
        ([("highway", "footway"), ("shop", "bakery")], false),
        ([("highway", "footway"), ("public_transport", "stop_position")], true),
    ]

    private func osmXML() -> String {
        var text = "<?xml version='1.0' encoding='UTF-8'?>\n<osm version='0.6' generator='test'>\n"
        let corners = [(4.3570, 52.0110), (4.3580, 52.0110), (4.3580, 52.0117), (4.3570, 52.0117)]
        for (i, corner) in corners.enumerated() {
            text += "  <node id='\(i + 1)' version='1' lat='\(corner.1)' lon='\(corner.0)'/>\n"
        }
        for (w, way) in Self.ways.enumerated() {
            text += "  <way id='\(w + 1)' version='1'>\n"
            for node in [1, 2, 3, 4, 1] { text += "    <nd ref='\(node)'/>\n" }
            for (key, value) in way.tags { text += "    <tag k='\(key)' v='\(value)'/>\n" }
            text += "  </way>\n"
        }
        return text + "</osm>\n"
    }

    @Test func sameLinesAsGDALAndAsExpected() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("area-rule-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let xml = directory.appendingPathComponent("wegen.osm").path, pbf = directory.appendingPathComponent("wegen.osm.pbf").path
        try osmXML().write(toFile: xml, atomically: true, encoding: .utf8)
        let converted = try TestSupport.runProgram(OSMFeatureReaderTests.osmium, ["cat", xml, "-o", pbf])
        try #require(converted.exited(0), "osmium-tool (scripts/install-deps) writes the PBF\n\(converted)")
        let expected = Self.ways.filter(\.line).count
        let libosmium = try OSMHighwayReader.read(path: pbf, rules: WalkRules())
        let gdal = try OSMFileReader.read(path: xml, request: .init(rules: WalkRules()))
        #expect(libosmium.waysRead == expected)
        #expect(gdal.waysRead == expected)
        #expect(libosmium.waysWalkable == gdal.waysWalkable)
    }
}
