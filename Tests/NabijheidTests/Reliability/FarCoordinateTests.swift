import Foundation
import Testing
@testable import Nabijheid

/// Issue 10, item 5: coordinates far outside RD New's area of use (x −100 000…400 000,
/// y 200 000…750 000) are an exit-2 error naming the file, the feature and where it lies,
/// never a crash (Double → Int overflow) or a grid of many gigabytes; and the segment index
/// sizes its grid by the number of segments, whatever the extent.
@Suite("Reliability: huge or far coordinates")
struct FarCoordinateTests {
    // MARK: Network

    /// A 22 × 15 grid of streets 100 m apart over the town, as a GeoJSON line layer in RD New,
    /// plus `extra` lines.
    static func gridNetwork(extra: [[(Double, Double)]]) -> String {
        var lines: [[(Double, Double)]] = []
        for j in 0...14 { lines.append([(120_000, 440_000 + Double(j) * 100), (122_100, 440_000 + Double(j) * 100)]) }
        for i in 0...21 { lines.append([(120_000 + Double(i) * 100, 440_000), (120_000 + Double(i) * 100, 441_400)]) }
        lines += extra
        let features = lines.map { line in
            let coordinates = line.map { "[ \($0.0), \($0.1) ]" }.joined(separator: ", ")
            return #"{ "type": "Feature", "properties": { "highway": "residential" }, "geometry": { "type": "LineString", "coordinates": [ \#(coordinates) ] } }"#
        }
        return """
            { "type": "FeatureCollection", "name": "wegen",
              "crs": { "type": "name", "properties": { "name": "urn:ogc:def:crs:EPSG::28992" } },
              "features": [
            \(features.joined(separator: ",\n"))
            ] }
            """
    }

    static func useLayerNetwork(_ town: TownCopy) throws {
        try town.editConfig(#"path = "netwerk.osm""#, #"path = "netwerk.geojson""#)
        try town.editConfig(#"format = "osm""#, #"format = "layer""#)
    }

    @Test func gridNetworkAloneRuns() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try TownCopy()
        try town.write(Self.gridNetwork(extra: []), to: "netwerk.geojson")
        try Self.useLayerNetwork(town)
        let result = try town.run()
        #expect(result.exited(0), "\(result)")
    }

    @Test(arguments: [1e15, 1e300])
    func networkVertexAtHugeRDCoordinate(x: Double) throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try TownCopy()
        try town.write(Self.gridNetwork(extra: [[(122_100, 441_400), (x, 441_400)]]), to: "netwerk.geojson")
        try Self.useLayerNetwork(town)
        try Reliability.expectRunRefused(town, mentions: ["netwerk.geojson", "line 37", "outside the area"])
    }

    @Test(arguments: ["1e15", "1e300"])
    func osmNodeAtHugeCoordinate(value: String) throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try TownCopy()
        try town.replace(#"lat="51.9473452" lon="4.8781285""#, with: #"lat="51.9473452" lon="\#(value)""#, in: "netwerk.osm")
        // GDAL's OSM driver rejects the node with an error (dropping it from its way before the
        // fix); the message is kept to one readable line even for 1e300 printed in full.
        let result = try Reliability.expectRunRefused(town, mentions: ["netwerk.osm", "Invalid lon"])
        #expect(result.stderr.count < 1_000, "\(result)")
    }

    /// One 25-node footway in New Zealand in the town's network.
    @Test func footwayInNewZealand() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try TownCopy()
        let ids = (900_001...900_025)
        let nodes = ids.map { #"  <node id="\#($0)" version="1" lat="\#(-41.29 + Double($0 - 900_000) * 0.0001)" lon="174.77"/>"# }
        let way = "  <way id=\"900001\" version=\"1\">\n" + ids.map { "    <nd ref=\"\($0)\"/>" }.joined(separator: "\n")
            + "\n    <tag k=\"highway\" v=\"footway\"/>\n  </way>\n</osm>"
        try town.replace(#"  <way id="1" version="1">"#, with: nodes.joined(separator: "\n") + "\n  <way id=\"1\" version=\"1\">", in: "netwerk.osm")
        try town.replace("</osm>", with: way, in: "netwerk.osm")
        try Reliability.expectRunRefused(town, mentions: ["netwerk.osm", "way/900001", "outside the area"])
    }

    // MARK: Points

    @Test func dwellingAt1e20() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try TownCopy()
        try town.replace("[ 120037.5, 440015.0 ]", with: "[ 1e20, 440015.0 ]", in: "woningen.geojson")
        try Reliability.expectRunRefused(town, mentions: ["woningen.geojson", "feature 1", "1e+20", "outside the area"])
    }

    @Test func planPointAt1e20() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try PlanCheckTown()
        try town.writePlan("ver.geojson", features: [PlanFeature.newDwelling("w1", 1e20, 440_615)])
        let result = try town.check(plan: "ver.geojson")
        Reliability.expectRefused(result, output: town.output, mentions: ["ver.geojson", "feature 0", "1e+20"])
    }

    // MARK: The segment index

    /// Far vertices (1e15, 1e300, the other side of the earth) make the cells coarse, never
    /// the grid large, and never trap; points near the streets still find their segment.
    @Test(arguments: [2e7, 1e15, 1e300, Double.greatestFiniteMagnitude])
    func segmentIndexGridDoesNotGrowWithTheExtent(far: Double) {
        var builder = WalkGraphBuilder()
        Grid.addStreets(to: &builder)
        Grid.addLine(&builder, [(far, far), (far + 10, far)])
        let graph = builder.build(minimumIslandNodes: 1).graph
        let index = SegmentIndex(graph: graph)
        #expect(index.cellCount <= 4 * graph.segmentCount + 1024)
        let link = index.link(PlanarPoint(x: 30, y: -20), in: graph, maxDistance: 250)
        #expect(link == NetworkLink(segment: Grid.rowSegment(0, 0), fraction: 0.3, connector: 20))
        #expect(index.link(PlanarPoint(x: 1e20, y: -1e20), in: graph, maxDistance: 250) == .unroutable)
    }
}
