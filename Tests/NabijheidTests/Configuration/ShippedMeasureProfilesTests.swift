import Foundation
import Testing
@testable import Nabijheid

/// R6 and R9 in the shipped profiles: their values and sources, and that adding them leaves
/// the buurt verdicts of a run without a suitability field as they were.
@Suite("Shipped profiles: R6 and R9")
struct ShippedMeasureProfilesTests {
    static func woonservicegebied() throws -> RequirementProfile {
        try #require(try ConfigurationLoader.defaultAssessment().profiles.first { $0.name == "woonservicegebied" })
    }

    @Test func r6AndR9AsConfigured() throws {
        let profile = try Self.woonservicegebied()
        let r6 = try #require(profile.requirements.first { $0.id == "R6" })
        #expect(r6.measure == .suitability(SuitabilityMeasure(minimumLevel: 1, levelName: "nultreden", withoutField: .nietVanToepassing)))
        #expect(r6.share == 0.25)
        #expect(r6.weighting == .woningen)
        #expect(r6.population == .dwellings)
        #expect(r6.source.contains("RIGO 2014") && r6.source.contains("kennisdossier 2016") && r6.source.contains("aanname"))
        let r9 = try #require(profile.requirements.first { $0.id == "R9" })
        #expect(r9.measure == .inhabitants(InhabitantsMeasure(minimum: 5000, maximum: 10000, level: .wijk)))
        #expect(r9.source.lowercased().contains("kennisdossier 2016"))
        // The strict profile is about reach for residents without mantelzorg (distances and the
        // 10-minute care response); it has neither R6 nor R9.
        let strict = try #require(try ConfigurationLoader.defaultAssessment().profiles.first { $0.name == "zonder_mantelzorg" })
        #expect(strict.requirements.allSatisfy { $0.measure == .distance || $0.measure == .responseTime })
    }

    /// Without a suitability field and without wijken the run says why R6 and R9 decide nothing.
    @Test func notesWhenNothingCanBeMeasured() throws {
        let settings = try ConfigurationLoader.defaultAssessment()
        #expect(settings.measureNotes(readsSuitability: false, levels: [.buurt]) == [
            "R6 (geschikte woningen (ten minste nultreden)) in profiel woonservicegebied is niet van toepassing: de woningen hebben geen geschiktheid in de invoer (dwellings.suitability_field)",
            "R9 (schaal: 5.000 tot 10.000 inwoners per wijk) in profiel woonservicegebied is niet beoordeeld: de buurten hebben geen wijkcode, dus er zijn geen wijken",
        ])
        #expect(settings.measureNotes(readsSuitability: true, levels: [.buurt, .wijk, .gemeente]).isEmpty)
    }

    /// The shipped profiles without R6 and R9, as a user's own `[[profiles]]`.
    static var withoutR6AndR9: String {
        let blocks = DefaultProfiles.toml.components(separatedBy: "[[profiles.requirements]]")
        return blocks.enumerated().map { index, block -> String in
            guard index > 0, block.contains("id = \"R6\"") || block.contains("id = \"R9\"") else {
                return index == 0 ? block : "[[profiles.requirements]]" + block
            }
            // A dropped block may end with the next profile's header: keep that.
            return block.range(of: "[[profiles]]").map { String(block[$0.lowerBound...]) } ?? ""
        }.joined()
    }

    /// The fixture landscape without its suitability field, judged by the shipped profiles with
    /// and without R6/R9: every buurt keeps its class and reasons; R6 is niet_van_toepassing
    /// everywhere and run.json says why. Wijken: R9 fails on their tiny sizes (the fixture's
    /// wijken have 50 and 6 inhabitants), which is the point of R9.
    @Test func verdictsOfARunWithoutSuitabilityStay() throws {
        let base = AssessmentFixture.configuration
            .replacingOccurrences(of: AssessmentFixture.profiles, with: "")
            .replacingOccurrences(of: "suitability_field = \"geschiktheid\"\n", with: "")
        #expect(!base.contains("suitability_field") && !base.contains("[[profiles]]"))
        let shipped = try AssessmentRun(configuration: base)
        let reducedProfiles = Self.withoutR6AndR9
        #expect(!reducedProfiles.contains("\"R6\"") && !reducedProfiles.contains("\"R9\"") && reducedProfiles.contains("\"R5b\""))
        #expect(reducedProfiles.contains("name = \"zonder_mantelzorg\"") && reducedProfiles.contains("\"R1s\""))
        let reduced = try AssessmentRun(configuration: base + "\n" + reducedProfiles)
        #expect(reduced.run.buurten.count == shipped.run.buurten.count)
        for letter in ["V", "D", "N", "K", "W", "T"] {
            let a = shipped.buurt(letter), b = reduced.buurt(letter)
            for profile in ["woonservicegebied", "zonder_mantelzorg"] {
                #expect(a["klasse_\(profile)"] as? String == b["klasse_\(profile)"] as? String, "\(letter) \(profile)")
                #expect(a["redenen_\(profile)"] as? String == b["redenen_\(profile)"] as? String, "\(letter) \(profile)")
            }
            #expect(a["woonservicegebied_r6_status"] as? String == "niet_van_toepassing", "\(letter)")
            #expect(a["woonservicegebied_r9_status"] as? String == "niet_van_toepassing", "\(letter)")
            #expect(a["woonservicegebied_r6_woningen_geschiktheid_onbekend"] != nil, "\(letter): the column is written")
        }
        let notes = shipped.runJSON["meldingen"] as? [String] ?? []
        #expect(notes.contains { $0.hasPrefix("R6 (") && $0.contains("niet van toepassing") }, "\(notes)")
        #expect((shipped.wijk("WK000101")["redenen_woonservicegebied"] as? String)?.contains("R9_TE_WEINIG_INWONERS") == true)
    }
}
