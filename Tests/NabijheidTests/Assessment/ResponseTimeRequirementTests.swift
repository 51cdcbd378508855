import Testing
@testable import Nabijheid

/// R8: a requirement with `measure = "aanrijtijd"` counts dwellings whose response time is
/// strictly below `max_min`, weighted like other dwelling requirements; without care bases it
/// is `onbekend`, never `voldoet niet`.
@Suite("Requirement evaluation: response time (R8)")
struct ResponseTimeRequirementTests {
    static let catalog = FacilityCatalog.standard
    static var care: Int { catalog.index(of: "zorg_24uur")! }

    static func requirement(maxMinutes: Double = 30, share: Double = 0.9, weighting: RequirementWeighting = .woningen) -> Requirement {
        Requirement(id: "R8", label: "Hulp binnen 30 minuten", population: .dwellings, targets: [care], threshold: maxMinutes, good: nil,
                    share: share, weighting: weighting, source: "", measure: .responseTime)
    }

    static func response(_ minutes: [Float], basesRead: Int = 1, basesLinked: Int = 1) -> CareResponse {
        CareResponse(settings: CareResponseSettings(), category: care, minutes: minutes, basesRead: basesRead, basesLinked: basesLinked,
                     dwellingsLinked: minutes.count, dwellingsReached: minutes.filter(\.isFinite).count,
                     network: .init(ways_gelezen: 0, ways_bruikbaar: 0, knopen: 0, segmenten: 0))
    }

    /// One buurt of `minutes.count` routable dwellings; the walking distances are all unknown,
    /// so only the response times can make R8 pass.
    static func evaluate(_ requirement: Requirement, minutes: [Float], care: CareResponse?, buurt: Buurt? = nil) -> RequirementOutcome {
        let n = minutes.count
        let none = NearestFacilitySearch.Result(distance: [Float](repeating: .infinity, count: n),
                                                facility: [Int32](repeating: NearestFacilitySearch.noFacility, count: n))
        let empty = NearestFacilitySearch.Result(distance: [], facility: [])
        let distances = CategoryDistances(perCategory: catalog.categories.map { _ in none }, facilityIndices: catalog.categories.map { _ in [] },
                                          facilityToCategory: catalog.categories.map { _ in empty })
        let buurt = buurt ?? RequirementEvaluationTests.buurt(inhabitants: nil, percentage65: nil)
        let evaluation = RequirementEvaluation(result: RunResultInputs(
            catalog: catalog, buurten: [buurt], dwellings: (0..<n).map { Dwelling(id: "w\($0)", position: .init(x: 50, y: 50)) },
            dwellingBuurt: [Int32](repeating: 0, count: n), outcomes: [DwellingOutcome](repeating: .inBuurt, count: n),
            facilities: [], facilityBuurt: [], distances: distances, careResponse: care))
        let settings = AssessmentSettings(profiles: [RequirementProfile(name: "p", label: "p", requirements: [requirement])], minimumDwellings: 0)
        return evaluation.evaluate(settings, level: .buurten([buurt]), dwellingsPerArea: [n])[0][0].requirements[0]
    }

    @Test func responseTimeIsStrictlyBelowTheLimit() {
        // 29.99998 (the Float below 30) is within, 30 itself and unreachable are not: 2 of 4.
        let minutes: [Float] = [12, Float(30).nextDown, 30, .infinity]
        let outcome = Self.evaluate(Self.requirement(share: 0.5), minutes: minutes, care: Self.response(minutes))
        #expect(outcome.population == 4)
        #expect(outcome.within == 2)
        #expect(outcome.share == 0.5)
        #expect(outcome.status == .voldoet)
    }

    @Test func shortShareFailsWithADutchReason() {
        let minutes: [Float] = [8, 9, 11, 40, .infinity]
        let outcome = Self.evaluate(Self.requirement(maxMinutes: 10), minutes: minutes, care: Self.response(minutes))
        #expect(outcome.status == .voldoetNiet)
        #expect(outcome.reasonCode == "R8_TE_WEINIG_BINNEN_BEREIK")
        #expect(outcome.reason == "40 % van de woningen is binnen 10 minuten te bereiken vanaf een 24-uurs zorgpost (fiets, 15 km/u, met 5 minuten uitruktijd); vereist is 90 %.")
    }

    @Test func weightedByResidentsAged65() {
        // 100 inhabitants, 30 % aged 65+, over 4 dwellings: 7.5 each; weighting changes nothing
        // within one buurt, but it needs the CBS figures.
        let minutes: [Float] = [5, 6, 7, 50]
        let known = Self.evaluate(Self.requirement(share: 0.75, weighting: .inwoners65plus), minutes: minutes, care: Self.response(minutes),
                                  buurt: RequirementEvaluationTests.buurt(inhabitants: 100, percentage65: 30))
        #expect(known.status == .voldoet)
        #expect(known.share == 0.75)
        #expect(known.residents65OutOfReach == 7.5)
        let unknown = Self.evaluate(Self.requirement(weighting: .inwoners65plus), minutes: minutes, care: Self.response(minutes))
        #expect(unknown.status == .onbekend)
        #expect(unknown.reasonCode == "R8_GEEN_INWONERSCIJFERS")
    }

    /// No care base in the input, or none on the care network: every dwelling would be out of
    /// reach, which says something about the input. `onbekend`, never `voldoet niet`.
    @Test func withoutCareBasesItIsUnknown() {
        let minutes = [Float](repeating: .infinity, count: 5)
        let none = Self.evaluate(Self.requirement(), minutes: minutes, care: Self.response(minutes, basesRead: 0, basesLinked: 0))
        #expect(none.status == .onbekend)
        #expect(none.reasonCode == "R8_GEEN_ZORGPOSTEN")
        #expect(none.reason?.contains("de invoer bevat geen enkele 24-uurs zorgpost (categorie zorg_24uur") == true)
        let far = Self.evaluate(Self.requirement(), minutes: minutes, care: Self.response(minutes, basesRead: 2, basesLinked: 0))
        #expect(far.status == .onbekend)
        #expect(far.reason?.contains("2 gelezen, niet routeerbaar") == true)
        let notComputed = Self.evaluate(Self.requirement(), minutes: minutes, care: nil)
        #expect(notComputed.status == .onbekend)
        #expect(notComputed.reasonCode == "R8_GEEN_AANRIJTIJDEN")
    }
}
