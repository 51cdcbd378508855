import Foundation
import Testing
@testable import Nabijheid

/// `nabijheid check` on the example plans of fixtures/plans, through the built binary: exit
/// codes, the summary, and what check.json, check-junit.xml and verschil.geojson say.
@Suite("PlanCheck: example plans")
struct PlanCheckReportTests {
    /// The buurten of fixtures/town (buurten.geojson), in file order.
    static let townBuurten = ["BU00010000", "BU00010001", "BU00010100", "BU00010101", "BU00019000", "BU00019100"]

    @Test("a plan that passes: exit 0, GESLAAGD, JUnit without failures, one verschil feature per buurt")
    func passingPlan() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try PlanCheckTown()
        let result = try town.check(plan: "plan-geslaagd.geojson")
        #expect(result.exited(0), "\(result)")
        #expect(result.stdout.hasPrefix("nabijheid check: GESLAAGD"), "\(result)")

        let reports = try PlanCheckReports(town.output)
        #expect(reports.report.geslaagd)
        #expect(!reports.report.regels.isEmpty)
        #expect(reports.report.regels.allSatisfy { $0.geslaagd })
        #expect(reports.report.plan == "plan-geslaagd.geojson")
        #expect(reports.report.profielen == ["woonservicegebied"])
        #expect(reports.report.tolerantie == 0)
        #expect(reports.report.sluitingen.isEmpty)
        #expect(reports.report.buurten.allSatisfy { !$0.slechter })
        // Both new dwellings are checked; R4 only for the geclusterde one (plan-w2).
        let names = reports.report.regels.map(\.naam)
        #expect(names.contains { $0.hasPrefix("woning plan-w1:") })
        #expect(names.contains { $0.hasPrefix("woning plan-w2:") && $0.contains(" R4 ") })
        #expect(!names.contains { $0.hasPrefix("woning plan-w1:") && $0.contains(" R4 ") })
        // The plan's checksum is the file's.
        let planData = try Data(contentsOf: town.url("plan-geslaagd.geojson"))
        #expect(reports.report.plan_sha256 == (try FileChecksum(path: town.url("plan-geslaagd.geojson").path).sha256))
        #expect(!planData.isEmpty)

        let junit = try ParsedJUnit(reports.junitData)
        #expect(junit.testsuitesTests == reports.report.regels.count)
        #expect(junit.testsuitesFailures == 0)
        #expect(junit.testsuiteTests == reports.report.regels.count)
        #expect(junit.testsuiteFailures == 0)
        #expect(junit.testcases.count == reports.report.regels.count)
        #expect(junit.failures.isEmpty)
        #expect(junit.testcases.map(\.name) == reports.report.regels.map(\.naam))
        #expect(junit.testcases.map(\.classname) == reports.report.regels.map { "nabijheid.\($0.soort)" })

        #expect(reports.verschil.count == Self.townBuurten.count)
        #expect(reports.verschilBuurtcodes.sorted() == Self.townBuurten.sorted())
        for code in Self.townBuurten {
            let properties = try #require(reports.verschilProperties(code))
            #expect(properties["slechter"] as? Int == 0, "\(code)")
        }
    }

    @Test("a geclusterde woonvorm too far from care: exit 1, R4 fails per dwelling, the buurt that gets worse comes first")
    func woonvormTooFar() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try PlanCheckTown()
        let result = try town.check(plan: "plan-woonvorm-te-ver.geojson")
        #expect(result.exited(1), "\(result)")
        #expect(result.stdout.hasPrefix("nabijheid check: NIET GESLAAGD"), "\(result)")

        let reports = try PlanCheckReports(town.output)
        let report = reports.report
        #expect(!report.geslaagd)
        for id in ["hofje-1", "hofje-2"] {
            let r4 = report.regels.filter { $0.soort == "nieuwe_woning" && $0.naam.contains(" R4 ") && $0.naam.contains(id) }
            #expect(r4.count == 1, "one R4 rule for \(id): \(report.regels.map(\.naam))")
            #expect(r4.first?.geslaagd == false, "\(id)")
            #expect(r4.first?.naam.hasPrefix("woning \(id):") == true, "\(r4)")
        }
        #expect(result.stdout.contains("woning hofje-1"), "\(result)")

        // The JUnit report has a <failure> per failed rule, with the rule's message.
        let junit = try ParsedJUnit(reports.junitData)
        #expect(junit.testsuitesTests == report.regels.count)
        #expect(junit.testsuitesFailures == report.failures.count)
        #expect(junit.failures.count == report.failures.count)
        #expect(junit.failures.map(\.name) == report.failures.map(\.naam))
        #expect(junit.failures.map { $0.failure ?? "" } == report.failures.map(\.melding))
        #expect(junit.failures.contains { $0.name.contains("hofje-1") && $0.name.contains(" R4 ") })

        // The buurt the hofje is in (BU00010101) gets worse and is listed first.
        let first = try #require(report.buurten.first)
        #expect(first.buurtcode == "BU00010101")
        #expect(first.slechter)
        #expect(report.regels.contains { $0.soort == "buurt" && $0.naam.hasPrefix("buurt BU00010101") && !$0.geslaagd })
        #expect(reports.verschilProperties("BU00010101")?["slechter"] as? Int == 1)
    }

    @Test("buurten that get worse come first in check.json, before buurten with a lower code that improve")
    func worseBuurtenFirst() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try PlanCheckTown()
        // The hofje of plan-woonvorm-te-ver (BU00010101 gets worse) plus a new meeting place in
        // BU00010000 (shares there rise: it changes, but not for the worse).
        try town.writePlan("gemengd.geojson", features: [
            PlanFeature.newDwelling("hofje-1", 121140, 441115, woonvorm: "geclusterd"),
            PlanFeature.newDwelling("hofje-2", 121165, 441115, woonvorm: "geclusterd"),
            PlanFeature.newFacility("plan-ontmoeting", categorie: "ontmoeting", 120100, 440100),
        ])
        let result = try town.check(plan: "gemengd.geojson")
        #expect(result.exited(1), "\(result)")
        let report = try PlanCheckReports(town.output).report
        let codes = report.buurten.map(\.buurtcode)
        #expect(codes.contains("BU00010000"), "\(codes)")
        #expect(codes.first == "BU00010101", "\(codes)")
        let worse = report.buurten.prefix { $0.slechter }
        #expect(worse.count == report.buurten.filter(\.slechter).count, "worse buurten first: \(report.buurten.map { ($0.buurtcode, $0.slechter) })")
        #expect(report.buurten.first { $0.buurtcode == "BU00010000" }?.slechter == false)
    }

    @Test("closing the only supermarket: exit 1, dwellings out of reach per buurt, every judged buurt gets worse")
    func supermarketCloses() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try PlanCheckTown()
        let result = try town.check(plan: "plan-supermarkt-dicht.geojson")
        #expect(result.exited(1), "\(result)")
        #expect(result.stdout.hasPrefix("nabijheid check: NIET GESLAAGD"), "\(result)")

        let reports = try PlanCheckReports(town.output)
        let report = reports.report
        let closure = try #require(report.sluitingen.first)
        #expect(report.sluitingen.count == 1)
        #expect(closure.voorziening_id == "dagelijkse_boodschappen-1-1")
        #expect(closure.categorie == "dagelijkse_boodschappen")
        #expect(closure.woningen_buiten_bereik > 0)
        #expect(closure.per_buurt.values.reduce(0, +) == closure.woningen_buiten_bereik)
        #expect(closure.per_buurt.values.allSatisfy { $0 > 0 })
        #expect(report.regels.contains { $0.soort == "sluiting" && $0.naam.contains("dagelijkse_boodschappen-1-1") && !$0.geslaagd })

        // Every buurt that has dwellings and a class to lose (not te_klein, not water) gets worse.
        var judged: [String] = []
        for code in PlanCheckReportTests.townBuurten {
            let properties = try #require(reports.verschilProperties(code))
            let dwellings = properties["aantal_woningen_huidig"] as? Int ?? 0
            let klasse = properties["klasse_woonservicegebied_huidig"] as? String ?? ""
            guard dwellings > 0, ["voldoet", "voldoet_deels"].contains(klasse) else { continue }
            judged.append(code)
            #expect(properties["slechter"] as? Int == 1, "\(code): \(properties)")
            #expect(properties["woonservicegebied_r1_aandeel_plan"] as? Double == 0, "\(code): \(properties)")
            #expect((properties["woonservicegebied_r1_aandeel_huidig"] as? Double ?? 0) > 0.9, "\(code)")
            #expect(report.buurten.first { $0.buurtcode == code }?.slechter == true, "\(code)")
            #expect(closure.per_buurt[code] ?? 0 > 0, "\(code) loses reach: \(closure.per_buurt)")
        }
        #expect(judged.count == 4, "\(judged)")
        #expect(Set(closure.per_buurt.keys).isSubset(of: Set(judged)))

        let junit = try ParsedJUnit(reports.junitData)
        #expect(junit.failures.count == report.failures.count)
        #expect(junit.testsuitesFailures == report.failures.count)
    }

    @Test("--profile selects the profile: the strict profile has no R4, two profiles check both")
    func profileSelection() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try PlanCheckTown()
        let strict = try town.check(plan: "plan-woonvorm-te-ver.geojson", ["--profile", "zonder_mantelzorg"])
        #expect(strict.exited(1), "\(strict)")
        let strictReport = try PlanCheckReports(town.output).report
        #expect(strictReport.profielen == ["zonder_mantelzorg"])
        #expect(!strictReport.regels.contains { $0.naam.contains(" R4 ") })
        #expect(strictReport.regels.contains { $0.naam.hasPrefix("woning hofje-1: zonder_mantelzorg R1s") })

        let both = try town.check(plan: "plan-woonvorm-te-ver.geojson", output: town.url("beide"),
                                  ["--profile", "woonservicegebied", "--profile", "zonder_mantelzorg"])
        #expect(both.exited(1), "\(both)")
        let bothReport = try PlanCheckReports(town.url("beide")).report
        #expect(bothReport.profielen == ["woonservicegebied", "zonder_mantelzorg"])
        #expect(bothReport.regels.contains { $0.naam.hasPrefix("woning hofje-1: woonservicegebied R4") })
        #expect(bothReport.regels.contains { $0.naam.hasPrefix("woning hofje-1: zonder_mantelzorg R1s") })
    }
}

/// The JUnit reader the tests above rely on must reject what CI would reject.
@Suite("PlanCheck: JUnit reader")
struct PlanCheckJUnitReaderTests {
    static let good = """
        <?xml version="1.0" encoding="UTF-8"?>
        <testsuites name="x" tests="2" failures="1">
          <testsuite name="s" tests="2" failures="1"><testcase classname="a" name="een"/>
            <testcase classname="a" name="twee"><failure message="m" type="a">m</failure></testcase></testsuite>
        </testsuites>
        """

    @Test("reads a well-formed report")
    func readsGood() throws {
        let junit = try ParsedJUnit(Data(Self.good.utf8))
        #expect(junit.testsuitesTests == 2 && junit.testsuitesFailures == 1)
        #expect(junit.testcases.map(\.name) == ["een", "twee"])
        #expect(junit.failures.map(\.name) == ["twee"])
    }

    @Test("rejects ill-formed XML", arguments: [
        good.replacingOccurrences(of: "name=\"een\"", with: "name=\"e\u{FFFE}n\""),
        good.replacingOccurrences(of: "name=\"een\"", with: "name=\"e<n\""),
        good.replacingOccurrences(of: "name=\"een\"", with: "name=\"e&n\""),
        good.replacingOccurrences(of: "</testsuites>", with: ""),
    ])
    func rejectsBad(_ text: String) {
        #expect(throws: (any Error).self) { try ParsedJUnit(Data(text.utf8)) }
    }
}
