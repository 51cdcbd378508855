import Testing
@testable import Nabijheid

/// `RequirementEvaluation`, `ProfileOutcome.classify`, `ReasonText` and the R3 class of a care
/// location on hand-built inputs (no files, no network): the boundaries the fixture street
/// cannot hit exactly.
@Suite("Requirement evaluation: boundaries and weights")
struct RequirementEvaluationTests {
    static let catalog = FacilityCatalog.standard
    static let shops = 0, zorg = 4, ovHalte = 5

    static func square() -> AreaShape {
        AreaShape(polygons: [PolygonShape(rings: [[.init(x: 0, y: 0), .init(x: 100, y: 0), .init(x: 100, y: 100), .init(x: 0, y: 100), .init(x: 0, y: 0)]])])
    }

    static func buurt(inhabitants: Double?, percentage65: Double?) -> Buurt {
        var buurt = Buurt(code: "BU00010000", name: "Proef", area: square())
        buurt.inhabitants = inhabitants
        buurt.percentage65Plus = percentage65
        return buurt
    }

    static func requirement(_ id: String = "R", weighting: RequirementWeighting = .woningen, threshold: Double = 1000, share: Double = 0.9,
                            population: RequirementPopulation = .dwellings, targets: [Int] = [shops], good: Double? = nil) -> Requirement {
        Requirement(id: id, label: id, population: population, targets: targets, threshold: threshold, good: good, share: share,
                    weighting: weighting, source: "")
    }

    /// One buurt; dwellings at the given distances to the nearest shop (all routable); facilities
    /// (category, distance to the nearest ov_halte).
    static func evaluate(_ requirement: Requirement, buurt: Buurt, shopDistances: [Float], facilities: [(Int, Float)] = []) -> RequirementOutcome {
        let n = shopDistances.count
        let none = NearestFacilitySearch.Result(distance: [Float](repeating: .infinity, count: n),
                                                facility: [Int32](repeating: NearestFacilitySearch.noFacility, count: n))
        var perCategory = [NearestFacilitySearch.Result](repeating: none, count: catalog.categories.count)
        perCategory[shops] = .init(distance: shopDistances, facility: shopDistances.map { $0.isFinite ? 0 : NearestFacilitySearch.noFacility })
        let m = facilities.count
        let noFacilities = NearestFacilitySearch.Result(distance: [Float](repeating: .infinity, count: m),
                                                        facility: [Int32](repeating: NearestFacilitySearch.noFacility, count: m))
        var toCategory = [NearestFacilitySearch.Result](repeating: noFacilities, count: catalog.categories.count)
        toCategory[ovHalte].distance = facilities.map(\.1)
        let distances = CategoryDistances(perCategory: perCategory, facilityIndices: catalog.categories.map { _ in [] },
                                          facilityToCategory: toCategory)
        let evaluation = RequirementEvaluation(result: RunResultInputs(
            catalog: catalog, buurten: [buurt],
            dwellings: (0..<n).map { Dwelling(id: "w\($0)", position: .init(x: 50, y: 50)) },
            dwellingBuurt: [Int32](repeating: 0, count: n), outcomes: [DwellingOutcome](repeating: .inBuurt, count: n),
            facilities: facilities.enumerated().map { Facility(id: "f\($0.offset)", name: nil, category: $0.element.0, position: .init(x: 50, y: 50), source: "layer") },
            facilityBuurt: [Int32](repeating: 0, count: m), distances: distances))
        let settings = AssessmentSettings(profiles: [RequirementProfile(name: "p", label: "p", requirements: [requirement])], minimumDwellings: 0)
        return evaluation.evaluate(settings, level: .buurten([buurt]), dwellingsPerArea: [n])[0][0].requirements[0]
    }

    // MARK: Thresholds and shares

    @Test func dwellingThresholdIsStrict() {
        let buurt = Self.buurt(inhabitants: 10, percentage65: 20)
        // 999.99994 (the Float below 1000) is within, 1000 itself is not: 1 of 2.
        let outcome = Self.evaluate(Self.requirement(share: 0.5), buurt: buurt, shopDistances: [Float(1000).nextDown, 1000])
        #expect(outcome.within == 1)
        #expect(outcome.population == 2)
        #expect(outcome.share == 0.5)
        #expect(outcome.status == .voldoet)
    }

    /// 9 of 10 meets "90 %" although 9/10 is not exactly 0.9 in binary; 8 of 10 does not.
    @Test func nineOfTenMeetsNinetyPercent() {
        let buurt = Self.buurt(inhabitants: nil, percentage65: nil)
        let met = Self.evaluate(Self.requirement(), buurt: buurt, shopDistances: [Float](repeating: 100, count: 9) + [.infinity])
        #expect(met.status == .voldoet)
        #expect(met.reasonCode == nil && met.reason == nil)
        let short = Self.evaluate(Self.requirement(), buurt: buurt, shopDistances: [Float](repeating: 100, count: 8) + [.infinity, 2000])
        #expect(short.status == .voldoetNiet)
        #expect(short.reasonCode == "R_TE_WEINIG_BINNEN_BEREIK")
        #expect(short.reason == "80 % van de woningen ligt binnen 1000 m lopen van dagelijkse boodschappen; vereist is 90 %.")
        // Without CBS figures nothing is estimated, but the woningen weighting still judges.
        #expect(short.residentsOutOfReach == nil)
    }

    /// "≤ 500 m": a care location exactly at the threshold is within, just beyond it is not.
    @Test func facilityThresholdIsInclusive() {
        let buurt = Self.buurt(inhabitants: 10, percentage65: 20)
        let r3 = Self.requirement("R3", threshold: 500, share: 1, population: .facilities([Self.zorg]), targets: [Self.ovHalte], good: 250)
        let outcome = Self.evaluate(r3, buurt: buurt, shopDistances: [100],
                                    facilities: [(Self.zorg, 250), (Self.zorg, 500), (Self.zorg, Float(500).nextUp), (Self.ovHalte, 0), (Self.zorg, .infinity)])
        #expect(outcome.population == 4, "ov_halte is not a location of R3")
        #expect(outcome.within == 2)
        #expect(outcome.good == 1)
        #expect(outcome.status == .voldoetNiet)
        #expect(outcome.reasonCode == "R3_LOCATIES_TE_VER")
        #expect(outcome.reason == "2 van de 4 locaties (zorgvoorziening) hebben geen OV-halte binnen 500 m lopen; vereist is 100 %.")
        #expect(outcome.residentsOutOfReach == nil)
    }

    @Test func careLocationClass() {
        let r3 = Self.requirement("R3", threshold: 500, share: 1, population: .facilities([Self.zorg]), targets: [Self.ovHalte], good: 250)
        let care = Facility(id: "z", name: nil, category: Self.zorg, position: .init(x: 0, y: 0), source: "layer")
        #expect(FacilityLayer.requirementClass(r3, facility: care, distance: 0) == "goed")
        #expect(FacilityLayer.requirementClass(r3, facility: care, distance: 250) == "goed")
        #expect(FacilityLayer.requirementClass(r3, facility: care, distance: 250.1) == "acceptabel")
        #expect(FacilityLayer.requirementClass(r3, facility: care, distance: 500) == "acceptabel")
        #expect(FacilityLayer.requirementClass(r3, facility: care, distance: 500.1) == "onvoldoende")
        #expect(FacilityLayer.requirementClass(r3, facility: care, distance: .infinity) == "onvoldoende", "no stop within the search bound")
        var stop = care
        stop.category = Self.ovHalte
        #expect(FacilityLayer.requirementClass(r3, facility: stop, distance: 0) == nil)
        var withoutGood = r3
        withoutGood.good = nil
        #expect(FacilityLayer.requirementClass(withoutGood, facility: care, distance: 10) == "acceptabel")
    }

    // MARK: Weights

    /// 4 dwellings, 10 inhabitants (2.5 each), 20 % aged 65+ (0.5 each); 1 out of reach.
    @Test func residentsOutOfReachAreSpreadEvenly() {
        let buurt = Self.buurt(inhabitants: 10, percentage65: 20)
        for weighting in RequirementWeighting.allCases {
            let outcome = Self.evaluate(Self.requirement(weighting: weighting), buurt: buurt, shopDistances: [100, 200, 300, 5000])
            #expect(outcome.share == 0.75, "\(weighting)")
            #expect(outcome.residentsOutOfReach == 2.5, "\(weighting)")
            #expect(outcome.residents65OutOfReach == 0.5, "\(weighting)")
        }
    }

    @Test(arguments: [(nil, 20.0), (10.0, nil), (-99995.0, 20.0)] as [(Double?, Double?)])
    func missingFigureMakesTheWeightedShareUnknown(inhabitants: Double?, percentage65: Double?) {
        // The reader turns CBS sentinels into nil; here a negative value stands for one that slipped through.
        let buurt = Self.buurt(inhabitants: CBSCodes.known(inhabitants), percentage65: CBSCodes.known(percentage65))
        let outcome = Self.evaluate(Self.requirement("RO", weighting: .inwoners65plus), buurt: buurt, shopDistances: [100, 5000])
        #expect(outcome.status == .onbekend)
        #expect(outcome.share == nil)
        #expect(outcome.reasonCode == "RO_GEEN_INWONERSCIJFERS")
        let figure = inhabitants.map { $0 >= 0 } == true ? "percentage personen van 65 jaar en ouder" : "aantal inwoners"
        #expect(outcome.reason == "RO (RO) is onbekend: voor de weging naar inwoners van 65 jaar en ouder ontbreekt het CBS-cijfer \(figure) (of het is geheim).")
        #expect(outcome.population == 2 && outcome.within == 1, "the dwellings are still counted")
    }

    /// A buurt whose CBS figures are known to be zero (CBS rounds aantal_inwoners to 5, so a
    /// buurt with a few residents reads 0; a new-build buurt can have 0 % aged 65+) has no
    /// resident to weigh. The figure is not missing, so the reason must not say it is.
    @Test(arguments: [(0.0, 20.0, RequirementWeighting.inwoners), (0.0, 20.0, .inwoners65plus), (10.0, 0.0, .inwoners65plus)])
    func knownZeroFigureIsNotAMissingFigure(inhabitants: Double, percentage65: Double, weighting: RequirementWeighting) {
        let buurt = Self.buurt(inhabitants: inhabitants, percentage65: percentage65)
        let outcome = Self.evaluate(Self.requirement("RO", weighting: weighting), buurt: buurt, shopDistances: [100, 200, 5000])
        #expect(outcome.status != .onbekend)
        #expect(outcome.reasonCode != "RO_GEEN_INWONERSCIJFERS")
        #expect(outcome.reason?.contains("ontbreekt of is geheim") != true)
    }

    @Test func clusteredDwellingsOnly() {
        var dwellings = (0..<3).map { Dwelling(id: "w\($0)", position: .init(x: 50, y: 50)) }
        dwellings[0].clustered = true
        dwellings[2].clustered = true
        let buurt = Self.buurt(inhabitants: 9, percentage65: 50)
        let none = NearestFacilitySearch.Result(distance: [.infinity, .infinity, .infinity], facility: [-1, -1, -1])
        var perCategory = [NearestFacilitySearch.Result](repeating: none, count: Self.catalog.categories.count)
        perCategory[Self.zorg] = .init(distance: [100, 100, 900], facility: [0, 0, 0])
        let distances = CategoryDistances(perCategory: perCategory, facilityIndices: Self.catalog.categories.map { _ in [] },
                                          facilityToCategory: Self.catalog.categories.map { _ in .init(distance: [], facility: []) })
        let evaluation = RequirementEvaluation(result: RunResultInputs(
            catalog: Self.catalog, buurten: [buurt], dwellings: dwellings, dwellingBuurt: [0, 0, 0], outcomes: [.inBuurt, .inBuurt, .inBuurt],
            facilities: [], facilityBuurt: [], distances: distances))
        let r4 = Self.requirement("R4", threshold: 500, share: 1, population: .clusteredDwellings, targets: [Self.zorg])
        let settings = AssessmentSettings(profiles: [RequirementProfile(name: "p", label: "p", requirements: [r4])], minimumDwellings: 0)
        let outcome = evaluation.evaluate(settings, level: .buurten([buurt]), dwellingsPerArea: [3])[0][0].requirements[0]
        // Dwelling 1 is not geclusterd and does not count; of 0 and 2, only 0 is within 500 m.
        #expect(outcome.population == 2)
        #expect(outcome.within == 1)
        #expect(outcome.share == 0.5)
        #expect(outcome.residentsOutOfReach == 3, "9 inhabitants over 3 dwellings, one out of reach")
        #expect(outcome.reason == "50 % van de geclusterde woningen ligt binnen 500 m lopen van zorgvoorziening; vereist is 100 %.")
    }

    // MARK: Classes

    static func outcome(_ status: RequirementOutcome.Status) -> RequirementOutcome {
        RequirementOutcome(status: status, share: nil, population: 1, within: 0, good: nil, residentsOutOfReach: nil, residents65OutOfReach: nil)
    }

    @Test func classificationOrder() {
        let met = Self.outcome(.voldoet), failed = Self.outcome(.voldoetNiet)
        let none = Self.outcome(.nietVanToepassing), unknown = Self.outcome(.onbekend)
        func classify(_ outcomes: [RequirementOutcome], dwellings: Int = 20, water: Bool = false) -> ProfileOutcome.Class {
            ProfileOutcome.classify(outcomes, dwellings: dwellings, isWater: water, minimumDwellings: 10)
        }
        #expect(classify([met, met, none]) == .voldoet)
        #expect(classify([met, failed]) == .voldoetDeels)
        #expect(classify([failed, failed, none]) == .voldoetNiet)
        #expect(classify([none, unknown]) == .nietTeBeoordelen)
        #expect(classify([]) == .nietTeBeoordelen)
        // Water before size, size before the requirements.
        #expect(classify([met], dwellings: 0, water: true) == .water)
        #expect(classify([met], dwellings: 500, water: true) == .water)
        #expect(classify([met], dwellings: 9) == .teKlein)
        #expect(classify([met], dwellings: 10) == .voldoet, "min_dwellings itself is large enough")
    }

    // MARK: Sentences

    @Test func percentagesAreRoundedDown() {
        #expect(ReasonText.percent(0.9) == "90 %")
        #expect(ReasonText.percent(0.8999) == "89 %", "just below the requirement never reads as equal to it")
        #expect(ReasonText.percent(2.0 / 3.0) == "66 %")
        #expect(ReasonText.percent(0.29) == "29 %", "0.29 × 100 = 28.999999999999996 in binary still reads 29 %")
        #expect(ReasonText.percent(0) == "0 %")
        #expect(ReasonText.percent(1) == "100 %")
    }

    @Test func metresAndLabels() {
        #expect(ReasonText.meters(1000) == "1000 m")
        #expect(ReasonText.meters(62.5) == "62,5 m")
        #expect(ReasonText.lowercasedLabel("Dagelijkse boodschappen") == "dagelijkse boodschappen")
        #expect(ReasonText.lowercasedLabel("OV-halte") == "OV-halte")
        let both = Self.requirement(targets: [Self.shops, 2])
        #expect(ReasonText.targets(both, Self.catalog) == "dagelijkse boodschappen of huisarts")
    }
}
