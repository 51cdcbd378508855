import Foundation
import Testing
@testable import Nabijheid

/// Issue 13 item 8: `check` messages are Dutch sentences that name the real cause, with the
/// requirement's id, label and percentages, the plan's own ids and the buurt names; no internal
/// field names or fractions.
@Suite("Plan check messages name the cause")
struct PlanCheckMessageTests {
    @Test("the hofje makes R4 fail in BU00010101: the JUnit message names R4 first")
    func woonvormNamesR4First() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try PlanCheckTown()
        let result = try town.check(plan: "plan-woonvorm-te-ver.geojson")
        #expect(result.exited(1), "\(result)")
        let junit = try ParsedJUnit(PlanCheckReports(town.output).junitData)
        let buurt = try #require(junit.failures.first { $0.name.hasPrefix("buurt BU00010101") })
        let message = buurt.failure ?? ""
        #expect(message.hasPrefix("Wordt slechter. R4 (geclusterde woonvormen binnen 500 m van een zorgvoorziening) voldoet niet meer (was n.v.t.): "
                                  + "0 % van de geclusterde woningen ligt binnen 500 m lopen van zorgvoorziening; vereist is 100 %."), "\(message)")
        #expect(message.contains("Klasse woonservicegebied: voldoet → voldoet deels."), "\(message)")
        // Drops that still pass come after the cause, in percentages.
        if let r1 = message.range(of: "R1 ("), let r4 = message.range(of: "R4 (") { #expect(r4.lowerBound < r1.lowerBound) }
        // No internal names or fractions, no feature numbers: the plan's own ids.
        for failure in junit.failures.compactMap(\.failure) {
            #expect(!failure.contains("_aandeel") && !failure.contains("0.") && !failure.contains("feature "), "\(failure)")
        }
        let dwelling = try #require(junit.failures.first { $0.name.hasPrefix("woning hofje-1: woonservicegebied R4") }?.failure)
        #expect(dwelling.hasPrefix("woning hofje-1: zorgvoorziening op "), "\(dwelling)")
        #expect(dwelling.contains("R4 (geclusterde woonvormen binnen 500 m van een zorgvoorziening) vereist < 500 m"), "\(dwelling)")
    }

    @Test("a closure names the requirement, the distance and the buurten by name")
    func closureNamesRequirementDistanceAndBuurten() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try PlanCheckTown()
        let result = try town.check(plan: "plan-supermarkt-dicht.geojson")
        #expect(result.exited(1), "\(result)")
        let report = try PlanCheckReports(town.output).report
        let rule = try #require(report.regels.first { $0.soort == "sluiting" })
        #expect(rule.melding.hasPrefix("Na sluiting van Supermarkt 1.1 (dagelijkse_boodschappen-1-1) verliezen "), "\(rule.melding)")
        #expect(rule.melding.contains("R1 (dagelijkse boodschappen binnen loopafstand): "), "\(rule.melding)")
        #expect(rule.melding.contains("niet meer binnen 1000 m lopen van dagelijkse boodschappen, in Buurt 1-1-1 (BU00010000) "), "\(rule.melding)")
        // The plan is judged against the categories the current situation has: closing the only
        // supermarket makes R1 fail, not "unknown for lack of facilities".
        #expect(!report.buurten.contains { $0.klassen["woonservicegebied"]?[1] == "niet_te_beoordelen" }, "\(report.buurten)")
        #expect(report.buurten.contains { $0.slechter })
    }

    @Test func percentagesShowADecimalWhenTheWholeOnesAreEqual() {
        #expect(BuurtChangeText.percentages(0.9613, 0.9609) == "96,1 % naar 96,0 %")
        #expect(BuurtChangeText.percentages(0.9613, 0.5) == "96 % naar 50 %")
    }
}
