@testable import Nabijheid

/// Hand-made inputs for requirements that are not distances (R6 suitability, R9 inhabitants):
/// buurten with CBS inhabitants, dwellings with a suitability level, no network. Every
/// distance is infinite, so only the measure under test decides.
struct MeasureEvaluation {
    struct Home {
        var buurt: Int
        /// Index into the suitability levels, -1 unknown.
        var level: Int8
        var clustered = false
        var outcome: DwellingOutcome = .inBuurt
    }

    var buurten: [Buurt]
    var homes: [Home]
    var readsSuitability = true

    static func buurt(_ code: String, wijk: String? = nil, inhabitants: Double?, percentage65: Double? = nil) -> Buurt {
        var buurt = Buurt(code: code, name: code, area: RequirementEvaluationTests.square())
        buurt.wijkcode = wijk
        buurt.inhabitants = inhabitants
        buurt.percentage65Plus = percentage65
        return buurt
    }

    /// Homes in `buurt` with these levels (-1 unknown).
    static func homes(_ levels: [Int8], buurt: Int = 0) -> [Home] {
        levels.map { Home(buurt: buurt, level: $0) }
    }

    var inputs: RunResultInputs {
        let catalog = FacilityCatalog.standard
        let n = homes.count
        let none = NearestFacilitySearch.Result(distance: [Float](repeating: .infinity, count: n),
                                                facility: [Int32](repeating: NearestFacilitySearch.noFacility, count: n))
        let distances = CategoryDistances(perCategory: [NearestFacilitySearch.Result](repeating: none, count: catalog.categories.count),
                                          facilityIndices: catalog.categories.map { _ in [] },
                                          facilityToCategory: [NearestFacilitySearch.Result](repeating: .init(distance: [], facility: []), count: catalog.categories.count))
        return RunResultInputs(
            catalog: catalog, buurten: buurten,
            dwellings: homes.enumerated().map { Dwelling(id: "w\($0.offset)", position: .init(x: 50, y: 50), suitability: $0.element.level, clustered: $0.element.clustered) },
            dwellingBuurt: homes.map { Int32($0.buurt) }, outcomes: homes.map(\.outcome), facilities: [], facilityBuurt: [],
            distances: distances, coverage: FacilityCoverage(read: catalog.categories.map { _ in 1 }, routable: catalog.categories.map { _ in 1 }),
            readsSuitability: readsSuitability)
    }

    /// Buurten as one level, or grouped by wijkcode (sorted) without geometry.
    func level(_ kind: AreaLevel.Kind) -> AreaLevel {
        guard kind != .buurt else { return .buurten(buurten) }
        let codes = Set(buurten.compactMap(\.wijkcode)).sorted()
        let areaOfBuurt = buurten.map { b in Int32(b.wijkcode.flatMap { codes.firstIndex(of: $0) } ?? -1) }
        let members = codes.indices.map { a in buurten.indices.filter { areaOfBuurt[$0] == Int32(a) } }
        return AreaLevel(kind: kind, codes: codes, names: codes.map { _ in nil }, geometry: codes.map { _ in AreaShape(polygons: []) },
                         areaOfBuurt: areaOfBuurt, buurten: members)
    }

    /// Outcomes per area of the requirements of one profile, at `kind`.
    func evaluate(_ requirements: [Requirement], at kind: AreaLevel.Kind = .buurt, minimumDwellings: Int = 0) -> [ProfileOutcome] {
        let level = level(kind)
        let perArea = (0..<level.count).map { a in homes.filter { h in level.buurten[a].contains(h.buurt) && h.outcome != .outsideBuurten }.count }
        let settings = AssessmentSettings(profiles: [RequirementProfile(name: "p", label: "p", requirements: requirements)], minimumDwellings: minimumDwellings)
        return RequirementEvaluation(result: inputs).evaluate(settings, level: level, dwellingsPerArea: perArea).map { $0[0] }
    }

    /// R6-style: at least `level` (1 = nultreden of the standard levels).
    static func suitability(_ id: String = "R6", level: Int = 1, share: Double = 0.5, weighting: RequirementWeighting = .woningen,
                            population: RequirementPopulation = .dwellings, withoutField: RequirementOutcome.Status = .onbekend) -> Requirement {
        var requirement = Requirement(id: id, label: id, population: population, targets: [], threshold: 0, good: nil, share: share,
                                      weighting: weighting, source: "")
        requirement.measure = .suitability(SuitabilityMeasure(minimumLevel: level, levelName: DwellingAttributes().suitabilityLevels[level],
                                                              withoutField: withoutField))
        return requirement
    }

    /// R9-style: inhabitants between `minimum` and `maximum` at `level`.
    static func inhabitants(_ id: String = "R9", minimum: Double = 5000, maximum: Double = 10000, level: AreaLevel.Kind = .wijk) -> Requirement {
        var requirement = Requirement(id: id, label: id, population: .dwellings, targets: [], threshold: 0, good: nil, share: 1,
                                      weighting: .woningen, source: "")
        requirement.measure = .inhabitants(InhabitantsMeasure(minimum: minimum, maximum: maximum, level: level))
        return requirement
    }
}
