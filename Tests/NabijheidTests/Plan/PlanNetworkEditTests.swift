import Foundation
import Testing
@testable import Nabijheid

/// `nabijheid check` with network edits and a closed 24-hour base, on the hand-drawn town of
/// fixtures/plans/netwerk (its nabijheid.toml draws it). Expected values worked out by hand:
///
/// - R1r (rollator, < 400 m): the two east dwellings walk 5 + 50 + 200 + 50 + 5 = 310 m over the
///   ramp; without it the rollator takes the 400 m detour, 510 m: both lose reach, 2 of the
///   buurt's 3 dwellings (66 %). The west dwelling (20 m) keeps it.
/// - R8s (< 10 min by bike at 15 km/h, 5 min dispatch): from Zorgpost West every dwelling is
///   within 7.04 min (east: 510 m = 2.04 min); from Zorgpost Oost the nearest is 2 760 m =
///   11.04 min + 5 = 16.04 min: closing Zorgpost West costs all 3 dwellings (100 %).
@Suite("PlanCheck: network edits and care closures")
struct PlanNetworkEditTests {
    /// A scratch copy of fixtures/plans/netwerk.
    final class Town {
        let directory: URL
        init() throws {
            directory = try TestSupport.makeTemporaryDirectory("plan-netwerk")
            let source = TestSupport.packageRoot.appendingPathComponent("fixtures/plans/netwerk")
            for entry in try FileManager.default.contentsOfDirectory(atPath: source.path) {
                try FileManager.default.copyItem(at: source.appendingPathComponent(entry), to: directory.appendingPathComponent(entry))
            }
        }
        deinit { try? FileManager.default.removeItem(at: directory) }

        func check(_ plan: String) throws -> (CLIResult, CheckReport?) {
            let output = directory.appendingPathComponent("out")
            let result = try TestSupport.run(["check", "--config", directory.appendingPathComponent("nabijheid.toml").path,
                                              "--plan", directory.appendingPathComponent(plan).path, "--output", output.path], in: directory)
            let data = try? Data(contentsOf: output.appendingPathComponent("check.json"))
            return (result, try data.map { try JSONDecoder().decode(CheckReport.self, from: $0) })
        }

        func write(_ name: String, _ features: [String]) throws {
            let text = "{ \"type\": \"FeatureCollection\", \"crs\": { \"type\": \"name\", \"properties\": { \"name\": \"urn:ogc:def:crs:EPSG::28992\" } },\n"
                + "\"features\": [\n" + features.joined(separator: ",\n") + "\n] }\n"
            try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
    }

    static func line(_ points: [(Double, Double)]) -> String {
        "{ \"type\": \"LineString\", \"coordinates\": [ " + points.map { "[ \(150000 + $0.0), \(450000 + $0.1) ]" }.joined(separator: ", ") + " ] }"
    }

    @Test("removing the ramp: exit 1, the netwerk rule lists the 2 dwellings that lose R1r on the rollator network")
    func rampRemoved() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try Town()
        let (result, report) = try town.check("plan-helling-weg.geojson")
        #expect(result.exited(1), "\(result)")
        let rules = try #require(report).regels
        let network = try #require(rules.first { $0.soort == "netwerk" })
        #expect(!network.geslaagd)
        #expect(network.naam == "netwerk: helling")
        #expect(network.melding == "Na de netwerkwijzigingen (helling) verliezen 2 woningen bereik. R1r (boodschappen met de rollator): 2 woningen liggen niet meer binnen 400 m lopen (mobiliteitsprofiel rollator) van dagelijkse boodschappen, in Helling (BU09990000) 2 (66 %).")
        // R8s by bike does not use the steps: no response-time loss.
        #expect(!network.melding.contains("R8s"))
        #expect(rules.contains { $0.soort == "buurt" && !$0.geslaagd })
        #expect(try #require(report).sluitingen.isEmpty)
    }

    @Test("closing a 24-hour base: exit 1, the closure lists the 3 dwellings no longer reached within 10 minutes")
    func careBaseClosed() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try Town()
        let (result, report) = try town.check("plan-zorgpost-dicht.geojson")
        #expect(result.exited(1), "\(result)")
        let report_ = try #require(report)
        let closure = try #require(report_.regels.first { $0.soort == "sluiting" })
        #expect(!closure.geslaagd)
        #expect(closure.melding == "Na sluiting van Zorgpost West (zorgpost-west) verliezen 3 woningen bereik. R8s (zorg binnen 10 minuten): 3 woningen worden niet meer binnen 10 minuten bereikt vanaf een 24-uurs zorgpost, in Helling (BU09990000) 3 (100 %).")
        #expect(report_.sluitingen == [CheckReport.Closure(voorziening_id: "zorgpost-west", categorie: "zorg_24uur", woningen_buiten_bereik: 3, per_buurt: ["BU09990000": 3])])
        #expect(!report_.regels.contains { $0.soort == "netwerk" })
    }

    @Test("a harmless edit (asphalt on the detour) and closing the far base: exit 0")
    func harmlessEdit() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try Town()
        let (result, report) = try town.check("plan-pad-verhard.geojson")
        #expect(result.exited(0), "\(result)")
        let network = try #require(report?.regels.first { $0.soort == "netwerk" })
        #expect(network.geslaagd)
        #expect(network.melding == "Na de netwerkwijzigingen (feature 0) verliest geen woning het bereik van een eis.")
        try town.write("oost.geojson", [PlanFeature.feature([("wijziging", "vervallen_voorziening"), ("voorziening_id", "zorgpost-oost")], geometry: nil)])
        let (closed, closedReport) = try town.check("oost.geojson")
        #expect(closed.exited(0), "\(closed)")
        #expect(closedReport?.sluitingen.first?.woningen_buiten_bereik == 0)
    }

    @Test("a new path across the detour, a closed path and a raised kerb: what each costs")
    func otherEdits() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try Town()
        // Closing the ramp for everyone: the rollator loses it as above (R8s by bike never used it).
        try town.write("dicht.geojson", [PlanFeature.feature([("wijziging", "afgesloten_pad"), ("id", "trap")], geometry: Self.line([(0, 0), (200, 0)]))])
        let (closed, closedReport) = try town.check("dicht.geojson")
        #expect(closed.exited(1), "\(closed)")
        #expect(closedReport?.regels.first { $0.soort == "netwerk" }?.melding.contains("2 woningen liggen niet meer binnen 400 m") == true)
        // Ramp gone, but a new footway from (100, 100) straight down to the middle of the steps…
        // no help: the rollator can still not use the steps. A new residential street from
        // (0, 50) to (200, 50) joins both detour legs: 5 + 50 + 50 + 200 + 50 + 50 + 5 = 410 m, still ≥ 400.
        try town.write("kort.geojson", [
            PlanFeature.feature([("wijziging", "gewijzigd_pad"), ("id", "helling"), ("tags", "ramp=no")], geometry: Self.line([(0, 0), (200, 0)])),
            PlanFeature.feature([("wijziging", "nieuw_pad"), ("id", "straat"), ("tags", "highway=residential")], geometry: Self.line([(-10, 50), (210, 50)])),
        ])
        let (short, shortReport) = try town.check("kort.geojson")
        #expect(short.exited(1), "\(short)")
        #expect(shortReport?.regels.first { $0.soort == "netwerk" }?.naam == "netwerk: helling, straat")
        // A raised kerb at A (0, 0) blocks the rolstoel only; the rollator pays 30 m: 340 m < 400.
        try town.write("stoep.geojson", [PlanFeature.feature([("wijziging", "gewijzigd_punt"), ("tags", "barrier=kerb;kerb=raised")],
                                                             geometry: PlanFeature.point(150000.3, 450000.2))])
        let (kerb, kerbReport) = try town.check("stoep.geojson")
        #expect(kerb.exited(0), "\(kerb)")
        #expect(kerbReport?.regels.first { $0.soort == "netwerk" }?.geslaagd == true)
    }

    @Test("bad network edits: exit 2 naming the feature and the field")
    func badInput() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try Town()
        let cases: [(String, [String])] = [
            ("lies along no segment", [PlanFeature.feature([("wijziging", "gewijzigd_pad"), ("tags", "ramp=no")], geometry: Self.line([(0, 40), (200, 40)]))]),
            ("'tags'", [PlanFeature.feature([("wijziging", "gewijzigd_pad"), ("tags", "ramp")], geometry: Self.line([(0, 0), (200, 0)]))]),
            ("'tags'", [PlanFeature.feature([("wijziging", "gewijzigd_pad")], geometry: Self.line([(0, 0), (200, 0)]))]),
            ("expected a LineString", [PlanFeature.feature([("wijziging", "afgesloten_pad")], geometry: PlanFeature.point(150000, 450000))]),
            ("expected a Point", [PlanFeature.feature([("wijziging", "gewijzigd_punt"), ("tags", "kerb=raised")], geometry: Self.line([(0, 0), (200, 0)]))]),
            ("no vertex", [PlanFeature.feature([("wijziging", "gewijzigd_punt"), ("tags", "kerb=raised")], geometry: PlanFeature.point(150050, 450000))]),
        ]
        for (k, (expected, features)) in cases.enumerated() {
            try town.write("slecht-\(k).geojson", features)
            let (result, _) = try town.check("slecht-\(k).geojson")
            #expect(result.exited(2), "\(result)")
            #expect(result.stderr.contains("feature 0"), "\(result)")
            #expect(result.stderr.contains(expected), "\(expected): \(result)")
        }
    }
}
