import Foundation
import Testing
@testable import Nabijheid

/// Issue 10 item 12: a CBS sentinel (`aantal_inwoners = -99995`) makes the strict profile's
/// inhabitant-weighted requirements `onbekend`. Such a buurt must never be classed `voldoet`:
/// it is `niet_te_beoordelen` when none of the known requirements fails, with a reason code and
/// a Dutch sentence that names the unknown requirements.
@Suite("A requirement that is unknown is never met")
struct UnknownRequirementTests {
    /// The buurten layer of a run on the fixture town, by buurtcode.
    static func buurten(_ town: TownCopy) throws -> [String: [String: Any]] {
        let data = try Data(contentsOf: town.output.appendingPathComponent("buurten.geojson"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let features = try #require(json["features"] as? [[String: Any]])
        var byCode: [String: [String: Any]] = [:]
        for feature in features {
            let properties = try #require(feature["properties"] as? [String: Any])
            byCode[try #require(properties["buurtcode"] as? String)] = properties
        }
        return byCode
    }

    @Test func cbsSentinelGivesNietTeBeoordelenNotVoldoet() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        // With the real figures the strict profile fails in BU00010000 (< 100 m for 90 % of the 65+).
        let real = try TownCopy()
        try #require(try real.run().exited(0))
        let before = try #require(try Self.buurten(real)["BU00010000"])
        let realClass = try #require(before["klasse_zonder_mantelzorg"] as? String)
        #expect(["voldoet_niet", "voldoet_deels"].contains(realClass), "with real figures: \(realClass)")

        let town = try TownCopy()
        try town.replace("\"aantal_inwoners\": 776", with: "\"aantal_inwoners\": -99995", in: "buurten.geojson")
        let result = try town.run()
        try #require(result.exited(0), "\(result)")
        let buurt = try #require(try Self.buurten(town)["BU00010000"])
        for id in ["r1s", "r2s", "r5", "r8s"] {
            #expect(buurt["zonder_mantelzorg_\(id)_status"] as? String == "onbekend", "\(id)")
        }
        #expect(buurt["klasse_zonder_mantelzorg"] as? String == "niet_te_beoordelen")
        let codes = (buurt["redenen_zonder_mantelzorg"] as? String ?? "").split(separator: ";").map(String.init)
        #expect(codes.first == "EISEN_ONBEKEND", "\(codes)")
        #expect(codes.contains("R1s_GEEN_INWONERSCIJFERS") && codes.contains("R2s_GEEN_INWONERSCIJFERS") && codes.contains("R5_GEEN_INWONERSCIJFERS")
                && codes.contains("R8s_GEEN_INWONERSCIJFERS"))
        let text = buurt["toelichting_zonder_mantelzorg"] as? String ?? ""
        // R3s is known: the town's stops near the zorgcentrum carry wheelchair_boarding = 1.
        #expect(text.contains("Voldoet aan R3s; R1s, R2s, R5 en R8s zijn onbekend, dus of het gebied voldoet is niet te zeggen"), "\(text)")
        #expect(text.contains("R1s (dagelijkse boodschappen zeer nabij) is onbekend: voor de weging naar inwoners van 65 jaar en ouder "
                              + "ontbreekt het CBS-cijfer aantal inwoners (of het is geheim)."), "\(text)")
        // The dwelling-weighted profile is not affected by the missing figure.
        #expect(buurt["klasse_woonservicegebied"] as? String == before["klasse_woonservicegebied"] as? String)
        // run.json counts the buurt where it belongs, and no profile counts it as voldoet.
        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: town.output.appendingPathComponent("run.json"))) as? [String: Any]
        let totals = (report?["beoordeling"] as? [[String: Any]] ?? []).first { $0["profiel"] as? String == "zonder_mantelzorg" && $0["niveau"] as? String == "buurt" }
        let classes = totals?["klassen"] as? [String: Int] ?? [:]
        #expect(classes["voldoet"] == 0, "\(classes)")
        // The report gives the open verdict and one line for the four requirements that lack the figure.
        let html = try String(contentsOf: town.output.appendingPathComponent("rapport.html"), encoding: .utf8)
        #expect(html.contains("R1s, R2s, R5 en R8s zijn onbekend, dus of het gebied voldoet is niet te zeggen."))
        #expect(html.contains("<b>R1s, R2s, R5, R8s</b> zijn onbekend: voor de weging naar inwoners van 65 jaar en ouder ontbreekt het CBS-cijfer aantal inwoners"))
    }

    /// The class rules: a known failure decides; without one an unknown requirement leaves the
    /// verdict open.
    @Test func classRules() {
        func outcome(_ status: RequirementOutcome.Status) -> RequirementOutcome {
            RequirementOutcome(status: status, share: nil, population: 1, within: 0, good: nil, residentsOutOfReach: nil, residents65OutOfReach: nil)
        }
        let met = outcome(.voldoet), failed = outcome(.voldoetNiet), unknown = outcome(.onbekend), none = outcome(.nietVanToepassing)
        func classify(_ outcomes: [RequirementOutcome]) -> ProfileOutcome.Class {
            ProfileOutcome.classify(outcomes, dwellings: 20, isWater: false, minimumDwellings: 10)
        }
        #expect(classify([met, unknown]) == .nietTeBeoordelen)
        #expect(classify([met, met, none, unknown]) == .nietTeBeoordelen)
        #expect(classify([unknown, unknown]) == .nietTeBeoordelen)
        #expect(classify([failed, unknown]) == .voldoetNiet)
        #expect(classify([met, failed, unknown]) == .voldoetDeels)
        #expect(classify([met, none]) == .voldoet)
    }

    @Test func sentencesNameTheRequirement() {
        #expect(ReasonText.openVerdict(met: ["R3"], unknown: ["R1s", "R2s", "R5"])
                == "Voldoet aan R3; R1s, R2s en R5 zijn onbekend, dus of het gebied voldoet is niet te zeggen.")
        #expect(ReasonText.openVerdict(met: [], unknown: ["R5"]) == "Geen eis is te beoordelen: R5 is onbekend, dus of het gebied voldoet is niet te zeggen.")
    }
}
