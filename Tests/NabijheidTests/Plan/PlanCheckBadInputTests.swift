import Foundation
import Testing
@testable import Nabijheid

/// Bad plans and bad options: exit 2, a message naming the feature (or path, key), and nothing
/// written to the output folder.
@Suite("PlanCheck: bad plans and options")
struct PlanCheckBadInputTests {
    struct BadPlan: CustomTestStringConvertible, Sendable {
        var label: String
        var features: [String]
        var crs: String? = "urn:ogc:def:crs:EPSG::28992"
        /// Substrings the error message must contain (besides the plan's file name).
        var expected: [String]
        var testDescription: String { label }
    }

    static let valid = PlanFeature.newDwelling("ok-1", 120640, 440615)

    static let badPlans: [BadPlan] = [
        BadPlan(label: "unknown change type",
                features: [PlanFeature.feature([("wijziging", "sloop_alles")], geometry: nil)],
                expected: ["feature 0", "sloop_alles", "wijziging"]),
        BadPlan(label: "nieuwe_woning without geometry",
                features: [valid, PlanFeature.feature([("wijziging", "nieuwe_woning"), ("id", "zonder-punt")], geometry: nil)],
                expected: ["feature 1", "geometry"]),
        BadPlan(label: "declares RD New but has lon/lat coordinates",
                features: [PlanFeature.newDwelling("w1", 4.97, 52.04)],
                expected: ["feature 0", "outside the area where RD New coordinates can lie", "CRS"]),
        BadPlan(label: "no crs member (so WGS84) but RD coordinates",
                features: [PlanFeature.newDwelling("w1", 120640, 440615)], crs: nil,
                expected: ["feature 0", "cannot be transformed"]),
        BadPlan(label: "vervallen_woning of a dwelling that does not exist",
                features: [PlanFeature.removedDwelling("0001019999999999")],
                expected: ["feature 0", "0001019999999999", "woning_id"]),
        BadPlan(label: "vervallen_woning of a non-residential object (filtered out)",
                features: [PlanFeature.removedDwelling("0001010000000000")],
                expected: ["feature 0", "0001010000000000"]),
        BadPlan(label: "vervallen_voorziening of a facility that does not exist",
                features: [PlanFeature.feature([("wijziging", "vervallen_voorziening"), ("voorziening_id", "supermarkt-99")], geometry: nil)],
                expected: ["feature 0", "supermarkt-99", "voorziening_id"]),
        BadPlan(label: "nieuwe_voorziening with an unknown categorie",
                features: [PlanFeature.newFacility("v1", categorie: "casino", 120640, 440615)],
                expected: ["feature 0", "casino", "categorie"]),
        BadPlan(label: "nieuwe_voorziening without categorie",
                features: [PlanFeature.feature([("wijziging", "nieuwe_voorziening"), ("id", "v1")], geometry: PlanFeature.point(120640, 440615))],
                expected: ["feature 0", "categorie"]),
        BadPlan(label: "duplicate id in the plan",
                features: [PlanFeature.newDwelling("dubbel", 120640, 440615), PlanFeature.newFacility("dubbel", categorie: "ontmoeting", 120660, 440615)],
                expected: ["feature 1", "dubbel"]),
        BadPlan(label: "new dwelling with the id of an existing dwelling",
                features: [PlanFeature.newDwelling("0001010000000011", 120640, 440615)],
                expected: ["feature 0", "0001010000000011"]),
        BadPlan(label: "unknown geschiktheid",
                features: [PlanFeature.feature([("wijziging", "nieuwe_woning"), ("id", "w1"), ("geschiktheid", "traploos-ish")],
                                               geometry: PlanFeature.point(120640, 440615))],
                expected: ["feature 0", "traploos-ish", "geschiktheid"]),
        BadPlan(label: "no field wijziging",
                features: [PlanFeature.feature([("id", "w1")], geometry: PlanFeature.point(120640, 440615))],
                expected: ["wijziging"]),
    ]

    @Test("a malformed plan exits 2 naming the feature; no report and no staging folder", arguments: badPlans)
    func malformedPlan(_ bad: BadPlan) throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try PlanCheckTown()
        try town.writePlan("fout.geojson", features: bad.features, crs: bad.crs)
        let result = try town.check(plan: "fout.geojson")
        #expect(result.exited(2), "\(result)")
        #expect(result.stderr.contains("fout.geojson"), "\(result)")
        for text in bad.expected {
            #expect(result.stderr.contains(text), "message should contain '\(text)': \(result)")
        }
        #expect(!result.stdout.contains("GESLAAGD"), "\(result)")
        #expect(PlanCheckTown.entries(town.output).isEmpty, "\(PlanCheckTown.entries(town.output))")
    }

    @Test("a bad plan leaves earlier reports in the output folder untouched")
    func earlierReportsKept() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try PlanCheckTown()
        let first = try town.check(plan: "plan-geslaagd.geojson")
        #expect(first.exited(0), "\(first)")
        let before = try TownCopy.snapshot(town.output)
        #expect(before.keys.sorted() == PlanCheckTown.reportFiles)

        try town.writePlan("fout.geojson", features: [PlanFeature.feature([("wijziging", "sloop_alles")], geometry: nil)])
        let second = try town.check(plan: "fout.geojson")
        #expect(second.exited(2), "\(second)")
        #expect(try TownCopy.snapshot(town.output) == before)
        #expect(PlanCheckTown.entries(town.output) == PlanCheckTown.reportFiles)
    }

    @Test("a remote plan path is refused at once, naming the path", arguments: [
        "/vsicurl/http://127.0.0.1:9/plan.geojson", "https://example.com/plan.geojson",
        "/vsicurl_streaming/http://127.0.0.1:9/plan.geojson", "/vsizip//vsicurl/http://127.0.0.1:9/plan.zip/plan.geojson",
    ])
    func remotePlan(_ path: String) throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try PlanCheckTown()
        let result = try town.check(plan: path, timeout: 30)
        #expect(result.exited(2), "\(result)")
        #expect(result.seconds < 10, "\(result)")
        #expect(result.stderr.contains(path), "\(result)")
        #expect(result.stderr.contains("--allow-remote") || result.stderr.contains("remote"), "\(result)")
        #expect(PlanCheckTown.entries(town.output).isEmpty)
    }

    @Test("a plan file that does not exist exits 2 naming it")
    func missingPlan() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try PlanCheckTown()
        let result = try town.check(plan: "bestaat-niet.geojson")
        #expect(result.exited(2), "\(result)")
        #expect(result.stderr.contains("bestaat-niet.geojson"), "\(result)")
        #expect(PlanCheckTown.entries(town.output).isEmpty)
    }

    @Test("bad options exit 2 naming the option", arguments: [
        (["--profile", "bestaat_niet"], "bestaat_niet"),
        (["--tolerance", "2"], "--tolerance"),
        (["--tolerance=-0.1"], "--tolerance"),
        (["--tolerance", "nan"], "--tolerance"),
    ])
    func badOption(_ extra: [String], _ named: String) throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try PlanCheckTown()
        let result = try town.check(plan: "plan-geslaagd.geojson", extra)
        #expect(result.exited(2), "\(result)")
        #expect(result.stderr.contains(named), "\(result)")
        #expect(PlanCheckTown.entries(town.output).isEmpty)
    }

    /// A CSV plan (removals only) has no CRS; docs/plan.md requires the plan layer to declare one.
    func csvPlan() throws -> (TownCopy, CLIResult) {
        let town = try PlanCheckTown()
        try town.town.write("wijziging,woning_id\nvervallen_woning,0001010000000011\n", to: "plan.csv")
        return (town.town, try town.check(plan: "plan.csv"))
    }

    @Test("a plan layer without a CRS exits 2 naming the file")
    func planWithoutCRS() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let (town, result) = try csvPlan()
        #expect(result.exited(2), "\(result)")
        #expect(result.stderr.contains("plan.csv"), "\(result)")
        #expect(PlanCheckTown.entries(town.output).isEmpty)
    }

    @Test("the message for a plan without a CRS does not point at a configuration key that does not exist")
    func planWithoutCRSMessage() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let (_, result) = try csvPlan()
        #expect(result.exited(2), "\(result)")
        #expect(!result.stderr.contains("plan.crs"), "\(result)")
        #expect(result.stderr.contains("declares no coordinate reference system"), "\(result)")
    }

    @Test("a plan id with characters XML does not allow still gives well-formed JUnit")
    func hostileIDs() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try PlanCheckTown()
        let hostile = "a<b&\"c' \u{1} \u{FFFE} \u{FFFF} ]]> x"
        try town.writePlan("vreemd.geojson", features: [PlanFeature.newDwelling(hostile, 121140, 441115)])
        let result = try town.check(plan: "vreemd.geojson")
        #expect(result.exited(1), "\(result)")
        let reports = try PlanCheckReports(town.output)
        #expect(reports.report.regels.contains { $0.naam.contains("a<b&\"c'") })
        let junit = try ParsedJUnit(reports.junitData)
        #expect(junit.testcases.count == reports.report.regels.count)
        #expect(junit.testcases.contains { $0.name.contains("a<b&\"c'") })
    }

    @Test("a plan id with markup characters is escaped in the JUnit report")
    func markupIDs() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try PlanCheckTown()
        let hostile = "a<b&\"c' \u{1} ]]></testcase><x>"
        try town.writePlan("vreemd.geojson", features: [PlanFeature.newDwelling(hostile, 121140, 441115)])
        let result = try town.check(plan: "vreemd.geojson")
        #expect(result.exited(1), "\(result)")
        let reports = try PlanCheckReports(town.output)
        let junit = try ParsedJUnit(reports.junitData)
        #expect(junit.testcases.count == reports.report.regels.count)
        #expect(junit.failures.count == reports.report.failures.count)
        #expect(junit.testcases.contains { $0.name.hasPrefix("woning a<b&\"c' ") && $0.name.contains("]]></testcase><x>") })
    }
}
