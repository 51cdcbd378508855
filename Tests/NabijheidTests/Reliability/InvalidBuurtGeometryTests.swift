import Foundation
import Testing

/// Issue 10, item 11: a self-intersecting buurt polygon (a bowtie) is repaired with GEOS
/// MakeValid, so the dwellings in both lobes are in the buurt, and the repair is reported in
/// run.json `meldingen`; a ring the input left open comes out closed (RFC 7946 §3.1.6).
@Suite("Reliability: invalid buurt polygons")
struct InvalidBuurtGeometryTests {
    static let square = "[ [ [ [ 120000.0, 440000.0 ], [ 120700.0, 440000.0 ], [ 120700.0, 440700.0 ], [ 120000.0, 440700.0 ], [ 120000.0, 440000.0 ] ] ] ]"

    /// The dwellings of the town's output woningen.geojson by id: (buurtcode, status).
    static func dwellingBuurten(_ town: TownCopy) throws -> [String: String?] {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: town.output.appendingPathComponent("woningen.geojson"))) as? [String: Any]
        var result: [String: String?] = [:]
        for feature in (object?["features"] as? [[String: Any]]) ?? [] {
            let properties = feature["properties"] as? [String: Any] ?? [:]
            result[properties["woning_id"] as? String ?? ""] = properties["buurtcode"] as? String
        }
        return result
    }

    @Test func bowtieBuurtIsRepairedAndReported() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try TownCopy()
        // Corners in bowtie order: the edges cross at (120350, 440350). The lobes are the left
        // and right triangles of the square.
        let bowtie = "[ [ [ [ 120000.0, 440000.0 ], [ 120700.0, 440700.0 ], [ 120700.0, 440000.0 ], [ 120000.0, 440700.0 ], [ 120000.0, 440000.0 ] ] ] ]"
        try town.replace(Self.square, with: bowtie, in: "buurten.geojson")
        let result = try town.run()
        #expect(result.exited(0), "\(result)")

        // Every input dwelling strictly inside one of the lobes must be in the buurt.
        var inLobes: [String] = []
        for feature in try Reliability.features(town, "woningen.geojson") {
            let properties = feature["properties"] as? [String: Any] ?? [:]
            guard (properties["gebruiksdoel"] as? String ?? "").contains("woonfunctie"),
                  let point = (feature["geometry"] as? [String: Any])?["coordinates"] as? [Double] else { continue }
            let dx = point[0] - 120_350, dy = point[1] - 440_350
            if abs(dx) <= 350, abs(dy) < abs(dx) - 1 { inLobes.append(properties["identificatie"] as? String ?? "") }
        }
        #expect(inLobes.count > 20, "the fixture has dwellings in both lobes")
        let buurten = try Self.dwellingBuurten(town)
        let outside = inLobes.filter { (buurten[$0] ?? nil) != "BU00010000" }
        #expect(outside.isEmpty, "\(outside.count) of \(inLobes.count) dwellings in the lobes are not in BU00010000")

        let report = try Reliability.runReport(town)
        let notes = report["meldingen"] as? [String] ?? []
        #expect(notes.contains { $0.contains("buurtgeometrie hersteld") && $0.contains("1 buurt") && $0.contains("BU00010000") }, "\(notes)")
    }

    @Test func validBuurtenAreNotReported() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try TownCopy()
        let result = try town.run()
        #expect(result.exited(0), "\(result)")
        let notes = try Reliability.runReport(town)["meldingen"] as? [String] ?? []
        #expect(!notes.contains { $0.contains("buurtgeometrie") }, "\(notes)")
    }

    @Test func unclosedRingComesOutClosed() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try TownCopy()
        let open = "[ [ [ [ 120000.0, 440000.0 ], [ 120700.0, 440000.0 ], [ 120700.0, 440700.0 ], [ 120000.0, 440700.0 ] ] ] ]"
        try town.replace(Self.square, with: open, in: "buurten.geojson")
        let result = try town.run()
        #expect(result.exited(0), "\(result)")
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: town.output.appendingPathComponent("buurten.geojson"))) as? [String: Any]
        var checked = 0
        for feature in (object?["features"] as? [[String: Any]]) ?? [] {
            guard let geometry = feature["geometry"] as? [String: Any] else { continue }
            let polygons: [[[[Double]]]]
            if geometry["type"] as? String == "Polygon" {
                polygons = [(geometry["coordinates"] as? [[[Double]]]) ?? []]
            } else {
                polygons = (geometry["coordinates"] as? [[[[Double]]]]) ?? []
            }
            for ring in polygons.flatMap({ $0 }) {
                #expect(ring.count >= 4 && ring.first == ring.last, "ring not closed: \(ring)")
                checked += 1
            }
        }
        #expect(checked >= 6)
    }
}
