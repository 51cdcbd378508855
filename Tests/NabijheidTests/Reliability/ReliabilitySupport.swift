import Foundation
import Testing
@testable import Nabijheid

// Helpers for the Reliability tests (issue 10): the exit-2 contract for `run` and `check`,
// damaged copies of the fixture town's layers written in the test, and a TCP listener that
// must see no connection (`LoopbackListener`, in Plan/PlanCheckSupport.swift).

enum Reliability {
    /// Checks the exit-2 contract of README "Exit codes" on a finished run: status 2, one
    /// `nabijheid: error:` line naming every fragment, nothing on stdout, no output files.
    static func expectRefused(_ result: CLIResult, output: URL, mentions fragments: [String],
                              sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.exited(2), "expected exit status 2\n\(result)", sourceLocation: sourceLocation)
        #expect(result.stderr.hasPrefix("nabijheid: error: "), "\(result)", sourceLocation: sourceLocation)
        #expect(result.stderr.split(separator: "\n").count == 1, "one line of error\n\(result)", sourceLocation: sourceLocation)
        for fragment in fragments {
            #expect(result.stderr.contains(fragment), "stderr should mention \(fragment)\n\(result)", sourceLocation: sourceLocation)
        }
        #expect(result.stdout.isEmpty, "no summary after a failure\n\(result)", sourceLocation: sourceLocation)
        #expect(TownCopy.outputEntries(in: output) == [], "no output files after a failure", sourceLocation: sourceLocation)
        #expect(!((try? FileManager.default.contentsOfDirectory(atPath: output.path)) ?? []).contains("check.json"),
                "no check report after a failure", sourceLocation: sourceLocation)
    }

    /// `run` on the town copy, then the exit-2 contract.
    @discardableResult
    static func expectRunRefused(_ town: TownCopy, mentions fragments: [String], timeout: Double = 60,
                                 sourceLocation: SourceLocation = #_sourceLocation) throws -> CLIResult {
        let result = try town.run(timeout: timeout)
        expectRefused(result, output: town.output, mentions: fragments, sourceLocation: sourceLocation)
        return result
    }

    /// The features of a GeoJSON file of the town: (properties, coordinates of the geometry).
    static func features(_ town: TownCopy, _ file: String) throws -> [[String: Any]] {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: town.url(file))) as? [String: Any]
        return (object?["features"] as? [[String: Any]]) ?? []
    }

    /// The town's dwellings written as a GeoPackage (RD New) with the fields the fixture
    /// configuration uses; returns its path. Every dwelling gets a long `opmerking` so that the
    /// table spans many database pages, and damage in the middle of the file hits feature data.
    static func writeDwellingsGeoPackage(_ town: TownCopy, name: String = "woningen.gpkg") throws -> URL {
        let path = town.url(name).path
        let writer = try VectorLayerWriter(path: path, layerName: "verblijfsobject", fields: [
            .init("identificatie", .string), .init("gebruiksdoel", .string), .init("opmerking", .string),
        ], format: .gpkg)
        for feature in try features(town, "woningen.geojson") {
            let properties = feature["properties"] as? [String: Any] ?? [:]
            let coordinates = (feature["geometry"] as? [String: Any])?["coordinates"] as? [Double] ?? []
            try writer.add(.point(PlanarPoint(x: coordinates[0], y: coordinates[1])), [
                .string(properties["identificatie"] as? String), .string(properties["gebruiksdoel"] as? String),
                .string(String(repeating: "verblijfsobject in de proefstad ", count: 8)),
            ])
        }
        try writer.close()
        return URL(fileURLWithPath: path)
    }

    /// The town's buurten written as a GeoPackage (RD New), each polygon densified to many
    /// vertices so that the table spans many pages; returns its path.
    static func writeBuurtenGeoPackage(_ town: TownCopy, name: String = "buurten.gpkg") throws -> URL {
        let path = town.url(name).path
        let writer = try VectorLayerWriter(path: path, layerName: "buurten", fields: [
            .init("buurtcode", .string), .init("buurtnaam", .string),
        ], format: .gpkg)
        for feature in try features(town, "buurten.geojson") {
            let properties = feature["properties"] as? [String: Any] ?? [:]
            let polygons = (feature["geometry"] as? [String: Any])?["coordinates"] as? [[[[Double]]]] ?? []
            let area = AreaShape(polygons: polygons.map { rings in
                PolygonShape(rings: rings.map { ring in densified(ring.map { PlanarPoint(x: $0[0], y: $0[1]) }, steps: 400) })
            })
            try writer.add(.area(area), [.string(properties["buurtcode"] as? String), .string(properties["buurtnaam"] as? String)])
        }
        try writer.close()
        return URL(fileURLWithPath: path)
    }

    /// Every edge of `ring` split into `steps` pieces (the same shape, more vertices).
    static func densified(_ ring: [PlanarPoint], steps: Int) -> [PlanarPoint] {
        var points: [PlanarPoint] = []
        for (a, b) in zip(ring, ring.dropFirst()) {
            for k in 0..<steps {
                let t = Double(k) / Double(steps)
                points.append(PlanarPoint(x: a.x + t * (b.x - a.x), y: a.y + t * (b.y - a.y)))
            }
        }
        if let last = ring.last { points.append(last) }
        return points
    }

    /// Overwrites `count` bytes from the middle of a file with a fixed non-zero pattern.
    static func damageMiddle(of file: URL, count: Int) throws {
        var data = try Data(contentsOf: file)
        let start = data.count / 2
        for i in start..<min(data.count, start + count) { data[i] = UInt8(truncatingIfNeeded: 0xA5 &+ i * 31) }
        try data.write(to: file)
    }

    /// The first `fraction` of a file, written as `name` in `folder`.
    static func truncatedCopy(of file: URL, fraction: Double, named name: String, in folder: URL) throws -> URL {
        let data = try Data(contentsOf: file)
        let target = folder.appendingPathComponent(name)
        try data.prefix(Int(Double(data.count) * fraction)).write(to: target)
        return target
    }

    /// The run.json of a successful run.
    static func runReport(_ town: TownCopy) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: town.output.appendingPathComponent("run.json"))) as? [String: Any] ?? [:]
    }
}
