import Foundation
import Testing
@testable import Nabijheid

/// What the libosmium reader takes from a PBF's order and its node ids: relations read from the
/// end of a file that declares `Sort.Type_then_ID` (`osm_pbf_tail.hpp`), refused when the file
/// breaks that promise; node locations stored densely until the ids turn out to be spread, then
/// sparsely, sorted when the file was not (`node_location_store.hpp`). Every case against the
/// same file read the other way, or against GDAL's OSM driver.
@Suite("OSM PBF order and node ids")
struct PBFOrderAndNodeIDTests {
    private func pbf(from xml: String, in directory: URL, name: String, sorted: Bool) throws -> String {
        let source = directory.appendingPathComponent("\(name).osm"), pbf = directory.appendingPathComponent("\(name).osm.pbf")
        try Data(xml.utf8).write(to: source)
        let converted = try TestSupport.runProgram(OSMFeatureReaderTests.osmium,
                                                   ["cat", source.path, "-o", pbf.path] + (sorted ? ["--output-header=sorting=Type_then_ID"] : []))
        try #require(converted.exited(0), "osmium-tool (scripts/install-deps) writes the PBF\n\(converted)")
        let info = try TestSupport.runProgram(OSMFeatureReaderTests.osmium, ["fileinfo", pbf.path])
        #expect(info.stdout.contains("sorting=Type_then_ID") == sorted, "\(info)")
        return pbf.path
    }

    @Test func relationsFromTheEndOfASortedFileGiveTheSameAreas() throws {
        let directory = try TestSupport.makeTemporaryDirectory("pbf-order")
        defer { try? FileManager.default.removeItem(at: directory) }
        let xml = OSMFeatureReaderTests.handMadeXML
        let sorted = try pbf(from: xml, in: directory, name: "gesorteerd", sorted: true)
        let plain = try pbf(from: xml, in: directory, name: "gewoon", sorted: false)
        let fromTail = try OSMFeatureReader.read(path: sorted, dwellings: .osmBuildings(buildingValues: ["house", "apartments"]), catalog: .standard)
        let fromPass = try OSMFeatureReader.read(path: plain, dwellings: .osmBuildings(buildingValues: ["house", "apartments"]), catalog: .standard)
        #expect(fromTail.dwellings.map(\.id) == fromPass.dwellings.map(\.id))
        #expect(fromTail.dwellings.map(\.position) == fromPass.dwellings.map(\.position))
        #expect(fromTail.facilities.map(\.id) == fromPass.facilities.map(\.id))
        #expect(fromTail.notes.map { $0.replacingOccurrences(of: "gesorteerd", with: "gewoon") } == fromPass.notes)
        #expect(fromTail.dwellings.contains { $0.id == "relation/100" }, "the multipolygon relation is an area")
    }

    /// Untagged nodes on a grid of 1 000 columns (node `i` of `ids` at column i % 1000, row
    /// i / 1000, unless `places` gives its place), `before` after the first 100 of them, then
    /// the ways, then `tail` (XML lines).
    private func manyNodes(_ ids: [Int64], places: [Int]? = nil, ways: [(id: Int, refs: [Int64], tags: String)], before: String = "",
                           tail: String = "") -> String {
        var lines = [#"<?xml version="1.0" encoding="UTF-8"?>"#, #"<osm version="0.6" generator="test">"#]
        for (n, id) in ids.enumerated() {
            if n == 100 { lines.append(before) }
            let i = places?[n] ?? n
            let lon = 4.35 + Double(i % 1000) * 0.00002, lat = 52.0 + Double(i / 1000) * 0.00002
            lines.append(#"<node id="\#(id)" version="1" lat="\#(String(format: "%.7f", lat))" lon="\#(String(format: "%.7f", lon))"/>"#)
        }
        for way in ways {
            lines.append(#"<way id="\#(way.id)" version="1">"# + way.refs.map { #"<nd ref="\#($0)"/>"# }.joined() + way.tags + "</way>")
        }
        lines += [tail, "</osm>", ""]
        return lines.joined(separator: "\n")
    }

    @Test func aRelationBeforeTheWaysOfAFileDeclaredSortedIsRefused() throws {
        let directory = try TestSupport.makeTemporaryDirectory("pbf-order")
        defer { try? FileManager.default.removeItem(at: directory) }
        // More nodes than one PBF block holds (8 000), the first relation among the first of them.
        let ids = (1...9_000).map(Int64.init)
        let building = #"<tag k="building" v="house"/>"#
        let relation = { (id: Int, way: Int) in
            #"<relation id="\#(id)" version="1"><member type="way" ref="\#(way)" role="outer"/><tag k="type" v="multipolygon"/><tag k="building" v="house"/></relation>"#
        }
        let xml = manyNodes(ids, ways: [(1, [1, 2, 1002, 1001, 1], building), (2, [7001, 7002, 8002, 8001, 7001], building)],
                            before: relation(1, 1), tail: relation(2, 2))
        let sorted = try pbf(from: xml, in: directory, name: "gelogen", sorted: true)
        #expect {
            try OSMFeatureReader.read(path: sorted, dwellings: .osmBuildings(buildingValues: ["house", "apartments"]), catalog: .standard)
        } throws: { error in
            "\(error)".contains("Sort.Type_then_ID") && "\(error)".contains("osmium sort") && "\(error)".contains("gelogen.osm.pbf")
        }
        // Without the promise the same objects are read in a pass of their own.
        let plain = try pbf(from: xml, in: directory, name: "eerlijk", sorted: false)
        let read = try OSMFeatureReader.read(path: plain, dwellings: .osmBuildings(buildingValues: ["house", "apartments"]), catalog: .standard)
        #expect(read.dwellings.map(\.id) == ["relation/1", "relation/2"], "each relation stands for its closed outer way")
    }

    /// Dense ids then spread ones; ids in falling order; ids of a real extract's size: the
    /// network libosmium reads from the PBF is the one GDAL reads from the XML.
    @Test(arguments: ["dense-then-spread", "falling", "spread"]) func nodeLocationsWhateverTheIDs(_ kind: String) throws {
        let directory = try TestSupport.makeTemporaryDirectory("pbf-ids")
        defer { try? FileManager.default.removeItem(at: directory) }
        let ids: [Int64]
        switch kind {
        case "dense-then-spread": ids = (1...70_000).map(Int64.init) + (0..<3_000).map { 10_000_000_000 + 7_919 * Int64($0) }
        case "falling": ids = (1...70_000).map(Int64.init) // written in falling order below
        default: ids = (0..<20_000).map { 300_000_000 + 104_729 * Int64($0) }
        }
        // Ways along the rows of the node grid, through ids of every part of the list.
        let footway = #"<tag k="highway" v="footway"/>"#
        var ways: [(id: Int, refs: [Int64], tags: String)] = []
        for (n, start) in stride(from: 0, to: ids.count - 40, by: max(1, ids.count / 25)).enumerated() {
            ways.append((n + 1, (0..<30).map { ids[start + $0] }, footway))
        }
        ways.append((900, [ids[0], ids[ids.count / 2], ids[ids.count - 1], 123_456_789_012], footway))
        // GDAL's OSM driver wants rising ids: it reads the same nodes in that order.
        let rising = manyNodes(ids, ways: ways)
        let xml = kind == "falling" ? manyNodes(ids.reversed(), places: Array(ids.indices.reversed()), ways: ways) : rising
        let pbf = try pbf(from: xml, in: directory, name: kind, sorted: false)
        let reference = directory.appendingPathComponent("rising.osm")
        try Data(rising.utf8).write(to: reference)
        let libosmium = try OSMHighwayReader.read(path: pbf, rules: WalkRules())
        let gdal = try OSMFileReader.read(path: reference.path, request: .init(rules: WalkRules()))
        #expect(libosmium.waysRead == ways.count && gdal.waysRead == ways.count)
        #expect(libosmium.waysMissingNodes == 1, "the last way names a node that is not in the file")
        let a = libosmium.network.buildNetwork(minimumIslandNodes: 0), b = gdal.network.buildNetwork(minimumIslandNodes: 0)
        // 30 per row way; the last way adds two (its first node is the first way's).
        #expect(a.graph.nodes.count == 30 * (ways.count - 1) + 2)
        #expect(a.graph.nodes == b.graph.nodes)
        #expect(a.graph.segmentFrom == b.graph.segmentFrom && a.graph.segmentTo == b.graph.segmentTo)
        #expect(a.graph.segmentLength == b.graph.segmentLength)
    }
}
