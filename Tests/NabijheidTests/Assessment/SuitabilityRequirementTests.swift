import Testing
@testable import Nabijheid

/// R6 (`measure = "geschiktheid"`) on hand-made dwellings: every share and verdict worked out
/// by hand. Levels are the standard ones: 0 beugels, 1 nultreden, 2 rolstoelgeschikt, -1
/// unknown; the requirement asks for at least nultreden.
@Suite("Requirement evaluation: suitability (R6)")
struct SuitabilityRequirementTests {
    static func one(_ levels: [Int8], share: Double = 0.5, inhabitants: Double? = 100) -> RequirementOutcome {
        let input = MeasureEvaluation(buurten: [MeasureEvaluation.buurt("BU00010000", inhabitants: inhabitants)], homes: MeasureEvaluation.homes(levels))
        return input.evaluate([MeasureEvaluation.suitability(share: share)])[0].requirements[0]
    }

    /// 3 of 10 at least nultreden (one rolstoelgeschikt, two nultreden): 30 % < 50 %.
    @Test func tooFewSuitable() {
        let outcome = Self.one([2, 1, 1, 0, 0, 0, 0, 0, 0, 0])
        #expect(outcome.population == 10)
        #expect(outcome.within == 3)
        #expect(outcome.share == 0.3)
        #expect(outcome.unknown == 0)
        #expect(outcome.status == .voldoetNiet)
        #expect(outcome.reasonCode == "R6_TE_WEINIG_GESCHIKT")
        #expect(outcome.reason == "30 % van de woningen is ten minste nultreden; vereist is 50 %.")
        // 7 of 10 dwellings not suitable, 10 inhabitants each.
        #expect(outcome.residentsOutOfReach == 70)
    }

    /// 5 of 10 meets "50 %": the share is inclusive, as for distances.
    @Test func exactlyTheShareMeetsIt() {
        let outcome = Self.one([1, 1, 2, 2, 1, 0, 0, 0, 0, 0])
        #expect(outcome.within == 5)
        #expect(outcome.share == 0.5)
        #expect(outcome.status == .voldoet)
        #expect(outcome.reasonCode == nil)
    }

    /// 3 suitable, 3 unknown, 4 beugels: 30 % known; with the unknown ones it could be 60 % ≥
    /// 50 %, so the input cannot decide: onbekend, no share.
    @Test func unknownThatCouldTipTheVerdictIsOnbekend() {
        let outcome = Self.one([1, 1, 1, -1, -1, -1, 0, 0, 0, 0])
        #expect(outcome.within == 3)
        #expect(outcome.unknown == 3)
        #expect(outcome.status == .onbekend)
        #expect(outcome.share == nil)
        #expect(outcome.reasonCode == "R6_GESCHIKTHEID_ONBEKEND")
        #expect(outcome.reason == "R6 (R6) is onbekend: 30 % van de woningen is ten minste nultreden, van nog 30 % is de geschiktheid onbekend; vereist is 50 %.")
    }

    /// 1 suitable, 1 unknown, 8 beugels: even with the unknown one suitable it is 20 % < 50 %:
    /// a known failure, and the sentence says how many are unknown.
    @Test func unknownThatCannotTipTheVerdictStillFails() {
        let outcome = Self.one([1, -1, 0, 0, 0, 0, 0, 0, 0, 0])
        #expect(outcome.status == .voldoetNiet)
        #expect(outcome.share == 0.1)
        #expect(outcome.unknown == 1)
        #expect(outcome.reason == "10 % van de woningen is ten minste nultreden (van 10 % is de geschiktheid onbekend); vereist is 50 %.")
    }

    /// Unknown never counts as suitable: 5 suitable and 5 unknown meet 50 % (on the known ones)
    /// but not 60 % (onbekend); 10 unknown with share 0 % meet it trivially.
    @Test func unknownNeverCountsAsSuitable() {
        let levels: [Int8] = [1, 1, 1, 1, 1, -1, -1, -1, -1, -1]
        #expect(Self.one(levels, share: 0.5).status == .voldoet)
        #expect(Self.one(levels, share: 0.5).share == 0.5)
        #expect(Self.one(levels, share: 0.6).status == .onbekend)
        let unknown = Self.one([Int8](repeating: -1, count: 10), share: 0.5)
        #expect(unknown.status == .onbekend)
        #expect(unknown.within == 0 && unknown.unknown == 10)
        #expect(Self.one([Int8](repeating: -1, count: 10), share: 0).status == .voldoet)
    }

    /// A run without a suitability field: onbekend with R6_GEEN_GESCHIKTHEID by default, or
    /// niet_van_toepassing (no reason) where the requirement says so; a buurt that meets
    /// everything else is then niet_te_beoordelen, or voldoet.
    @Test func withoutSuitabilityField() {
        var input = MeasureEvaluation(buurten: [MeasureEvaluation.buurt("BU00010000", inhabitants: 100)],
                                      homes: MeasureEvaluation.homes([Int8](repeating: -1, count: 10)))
        input.readsSuitability = false
        let met = MeasureEvaluation.inhabitants("RB", minimum: 50, maximum: 150, level: .buurt)
        let strict = input.evaluate([met, MeasureEvaluation.suitability()])[0]
        #expect(strict.requirements[0].status == .voldoet)
        #expect(strict.requirements[1].status == .onbekend)
        #expect(strict.requirements[1].reasonCode == "R6_GEEN_GESCHIKTHEID")
        #expect(strict.requirements[1].reason == "R6 (R6) is onbekend: de woningen hebben geen geschiktheid in de invoer (stel dwellings.suitability_field in).")
        #expect(strict.classification == .nietTeBeoordelen)
        #expect(strict.classReasonCode == ProfileOutcome.unknownRequirementsCode)
        let lenient = input.evaluate([met, MeasureEvaluation.suitability(withoutField: .nietVanToepassing)])[0]
        #expect(lenient.requirements[1].status == .nietVanToepassing)
        #expect(lenient.requirements[1].reasonCode == nil && lenient.requirements[1].reason == nil)
        #expect(lenient.classification == .voldoet)
        #expect(lenient.reasonCodes.isEmpty)
    }

    /// Suitability does not depend on the network: a dwelling that is not routable counts;
    /// one outside every buurt does not.
    @Test func unroutableDwellingsCount() {
        var homes = MeasureEvaluation.homes([1, 1, 0, 0])
        homes[0].outcome = .notRoutable
        homes[2].outcome = .outsideBuurten
        let input = MeasureEvaluation(buurten: [MeasureEvaluation.buurt("BU00010000", inhabitants: nil)], homes: homes)
        let outcome = input.evaluate([MeasureEvaluation.suitability()])[0].requirements[0]
        #expect(outcome.population == 3)
        #expect(outcome.within == 2)
        #expect(outcome.status == .voldoet)
    }

    /// At least rolstoelgeschikt: nultreden no longer counts. 2 of 5.
    @Test func higherLevel() {
        let input = MeasureEvaluation(buurten: [MeasureEvaluation.buurt("BU00010000", inhabitants: nil)], homes: MeasureEvaluation.homes([2, 2, 1, 1, 0]))
        let outcome = input.evaluate([MeasureEvaluation.suitability(level: 2, share: 0.4)])[0].requirements[0]
        #expect(outcome.within == 2)
        #expect(outcome.share == 0.4)
        #expect(outcome.status == .voldoet)
    }

    /// Geclusterde woningen only: 2 clustered (one suitable, one beugels) among 4 suitable
    /// others: 1 of 2.
    @Test func clusteredDwellingsOnly() {
        var homes = MeasureEvaluation.homes([1, 0, 1, 1, 1, 1])
        homes[0].clustered = true
        homes[1].clustered = true
        let input = MeasureEvaluation(buurten: [MeasureEvaluation.buurt("BU00010000", inhabitants: nil)], homes: homes)
        let outcome = input.evaluate([MeasureEvaluation.suitability(share: 0.75, population: .clusteredDwellings)])[0].requirements[0]
        #expect(outcome.population == 2)
        #expect(outcome.within == 1)
        #expect(outcome.status == .voldoetNiet)
        #expect(outcome.reason == "50 % van de geclusterde woningen is ten minste nultreden; vereist is 75 %.")
    }

    /// Weighted by inhabitants over a wijk of two buurten: A has 10 dwellings and 100
    /// inhabitants (10 per dwelling), 8 suitable; B has 10 dwellings and 20 inhabitants (2 per
    /// dwelling), none suitable. By dwellings 8/20 = 40 %; by inhabitants 80/120 = 66.7 %.
    @Test func weightedByInhabitantsAtWijkLevel() throws {
        let buurten = [MeasureEvaluation.buurt("BU00010100", wijk: "WK000101", inhabitants: 100, percentage65: 50),
                       MeasureEvaluation.buurt("BU00010101", wijk: "WK000101", inhabitants: 20, percentage65: 10)]
        let homes = MeasureEvaluation.homes([1, 1, 1, 1, 2, 2, 2, 2, 0, 0], buurt: 0) + MeasureEvaluation.homes([Int8](repeating: 0, count: 10), buurt: 1)
        let input = MeasureEvaluation(buurten: buurten, homes: homes)
        let outcomes = input.evaluate([MeasureEvaluation.suitability("RW", share: 0.5),
                                       MeasureEvaluation.suitability("RI", share: 0.5, weighting: .inwoners),
                                       MeasureEvaluation.suitability("RO", share: 0.9, weighting: .inwoners65plus)], at: .wijk)
        #expect(outcomes.count == 1)
        let byDwellings = outcomes[0].requirements[0], byInhabitants = outcomes[0].requirements[1], by65 = outcomes[0].requirements[2]
        #expect(byDwellings.share == 0.4)
        #expect(byDwellings.status == .voldoetNiet)
        #expect(abs(try #require(byInhabitants.share) - 80.0 / 120.0) < 1e-12)
        #expect(byInhabitants.status == .voldoet)
        // Out of reach: 2 dwellings × 10 in A + 10 × 2 in B = 40 residents; aged 65+: 2 × 5 + 10 × 0.2 = 12.
        #expect(byInhabitants.residentsOutOfReach == 40)
        #expect(abs(try #require(byInhabitants.residents65OutOfReach) - 12) < 1e-9)
        // 65+: A 5 per dwelling (8 suitable → 40), B 0.2 per dwelling: 40 / 52 = 76.9 % < 90 %.
        #expect(abs(try #require(by65.share) - 40.0 / 52.0) < 1e-12)
        #expect(by65.status == .voldoetNiet)
        #expect(by65.reason == "76 % van de inwoners van 65 jaar en ouder (geschat per woning) woont in een woning die ten minste nultreden is; vereist is 90 %.")
    }

    /// Weighting by inhabitants where CBS keeps the figure secret: onbekend for lack of CBS
    /// figures, as for distances (the CBS reason comes before the suitability one).
    @Test func missingCBSFigure() {
        let input = MeasureEvaluation(buurten: [MeasureEvaluation.buurt("BU00010000", inhabitants: nil)], homes: MeasureEvaluation.homes([1, 1, 1]))
        let outcome = input.evaluate([MeasureEvaluation.suitability(weighting: .inwoners)])[0].requirements[0]
        #expect(outcome.status == .onbekend)
        #expect(outcome.reasonCode == "R6_GEEN_INWONERSCIJFERS")
    }
}
