import Foundation
import Testing
@testable import Nabijheid

/// Stop accessibility from the CHB quay export, GTFS `wheelchair_boarding` and OSM `wheelchair`,
/// joined by quay code; unknown stays unknown.
@Suite("Accessible stops: CHB, GTFS and OSM")
struct StopAccessibilityTests {
    static var amsterdamCHB: URL { TestSupport.sharedDataDirectory.appendingPathComponent("amsterdam/chb_quays_amsterdam.json") }

    @Test(.enabled(if: TestSupport.sharedDataAvailable)) func amsterdamQuayFileParses() throws {
        let quays = try CHBQuayReader.read(path: Self.amsterdamCHB.path)
        // Independent count of the file: 1 764 quays, 131 expired.
        let list = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: Self.amsterdamCHB)) as? [[String: Any]])
        let live = list.filter { ($0["quaystatus"] as? String) != "expired" }
        #expect(list.count == 1_764)
        #expect(quays.expired == list.count - live.count)
        #expect(quays.accessibility.count == Set(live.compactMap { $0["quaycode"] as? String }).count)
        #expect(quays.accessibility["NL:Q:30008086"] == .niet, "Muntplein, CHB: not disabled-accessible")
        let accessible = live.filter { ($0["disabledaccessible"] as? Bool) == true }.compactMap { $0["quaycode"] as? String }
        #expect(quays.accessibility.values.filter { $0 == .toegankelijk }.count == Set(accessible).count)
    }

    @Test func sourceValues() {
        #expect(StopAccessibility(osmWheelchair: "yes") == .toegankelijk)
        #expect(StopAccessibility(osmWheelchair: "limited") == .beperkt)
        #expect(StopAccessibility(osmWheelchair: "no") == .niet)
        #expect(StopAccessibility(osmWheelchair: "unknown") == .onbekend)
        #expect(StopAccessibility(osmWheelchair: nil) == .onbekend)
        #expect(StopAccessibility(gtfsWheelchairBoarding: "1") == .toegankelijk)
        #expect(StopAccessibility(gtfsWheelchairBoarding: "2") == .niet)
        #expect(StopAccessibility(gtfsWheelchairBoarding: "0") == .onbekend)
        #expect(StopAccessibility(gtfsWheelchairBoarding: "") == .onbekend)
    }

    /// The town's GTFS stops with quay codes in stop_code (some without the NL:Q: prefix, one
    /// unknown to CHB) and wheelchair_boarding, joined to a small CHB file.
    @Test func gtfsStopsJoinedToCHB() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try TownCopy()
        try town.dropWheelchairBoarding()
        let lines = try town.read("gtfs/stops.txt").split(separator: "\n").map(String.init)
        var out = [lines[0] + ",stop_code,wheelchair_boarding"]
        for (index, line) in lines.dropFirst().enumerated() {
            let code = ["NL:Q:1000", "1001", "NL:Q:1002", "NL:Q:9999", ""][index % 5]
            out.append(line + ",\(code),\(index % 5 == 4 ? "1" : "")")
        }
        try town.write(out.joined(separator: "\n") + "\n", to: "gtfs/stops.txt")
        try town.write("""
            [{"quaycode":"NL:Q:1000","quaystatus":"available","disabledaccessible":true},
             {"quaycode":"NL:Q:1001","quaystatus":"available","disabledaccessible":false},
             {"quaycode":"NL:Q:1002","quaystatus":"expired","disabledaccessible":true}]
            """, to: "chb.json")
        try town.editConfig(#"category = "ov_halte""#, "category = \"ov_halte\"\nquay_field = \"stop_code\"")
        try town.write(try town.read("nabijheid.toml") + "\n[stop_accessibility]\nchb = \"chb.json\"\n", to: "nabijheid.toml")
        let result = try town.run(["--quiet"])
        try #require(result.exited(0), "\(result)")
        let layer = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: town.output.appendingPathComponent("voorzieningen.geojson"))) as? [String: Any])
        let stops = ((layer["features"] as? [[String: Any]]) ?? []).compactMap { $0["properties"] as? [String: Any] }.filter { $0["bron"] as? String == "gtfs" }
        #expect(stops.count == 12)
        func value(_ index: Int) -> (String?, String?) {
            (stops[index]["toegankelijkheid"] as? String, stops[index]["toegankelijkheid_bron"] as? String)
        }
        #expect(value(0) == ("toegankelijk", "chb"))
        #expect(value(1) == ("niet", "chb"), "a code without NL:Q: is found")
        #expect(value(2) == ("onbekend", nil), "an expired quay says nothing")
        #expect(value(3) == ("onbekend", nil), "a code CHB does not list")
        #expect(value(4) == ("toegankelijk", "gtfs"), "wheelchair_boarding = 1 without a code")
        let report = try town.read("uitvoer/run.json")
        #expect(report.contains("gekoppeld"), "run.json counts matched stops")
    }

    // MARK: Bad input

    private func expectCHBRefused(_ text: String?, mentions fragments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try TownCopy()
        if let text { try town.write(text, to: "chb.json") }
        try town.write(try town.read("nabijheid.toml") + "\n[stop_accessibility]\nchb = \"chb.json\"\n", to: "nabijheid.toml")
        try Reliability.expectRunRefused(town, mentions: ["chb.json"] + fragments, sourceLocation: sourceLocation)
    }

    @Test func missingCHBFile() throws { try expectCHBRefused(nil, mentions: ["not found"]) }

    @Test func chbThatIsNoJSONList() throws { try expectCHBRefused("{\"quaycode\": 1}", mentions: ["expected a JSON list"]) }

    @Test func quayWithoutCode() throws {
        try expectCHBRefused(#"[{"quaycode":"NL:Q:1"},{"disabledaccessible":true}]"#, mentions: ["quay 2", "'quaycode'"])
    }

    @Test func quayWithAWrongCode() throws {
        try expectCHBRefused(#"[{"quaycode":"30008086","disabledaccessible":true}]"#, mentions: ["quay 1", "\"30008086\"", "NL:Q:"])
    }

    @Test func accessibleThatIsNoBoolean() throws {
        try expectCHBRefused(#"[{"quaycode":"NL:Q:1","disabledaccessible":"ja"}]"#, mentions: ["'disabledaccessible'", "ja"])
    }

    @Test func gtfsQuayFieldThatDoesNotExist() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try TownCopy()
        try town.editConfig(#"category = "ov_halte""#, "category = \"ov_halte\"\nquay_field = \"zone_id\"")
        try Reliability.expectRunRefused(town, mentions: ["stops.txt", "'zone_id'", "quay_field", "'stop_id'"])
    }
}
