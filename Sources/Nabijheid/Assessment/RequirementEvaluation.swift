/// Evaluates the requirement profiles for every area of a level. Dwelling requirements look at
/// each routable dwelling's distance to the nearest facility of the target categories;
/// facility requirements (R3) at each location's distance to the nearest target facility.
/// Weights spread a buurt's CBS inhabitants evenly over its dwellings.
public struct RequirementEvaluation {
    let run: RunResultInputs
    /// Dwellings per buurt (routable or not), to spread CBS inhabitants over.
    let buurtDwellingCount: [Int]

    var catalog: FacilityCatalog { run.catalog }
    var buurten: [Buurt] { run.buurten }
    var dwellings: [Dwelling] { run.dwellings }
    var dwellingBuurt: [Int32] { run.dwellingBuurt }
    var outcomes: [DwellingOutcome] { run.outcomes }
    var facilities: [Facility] { run.facilities }
    var facilityBuurt: [Int32] { run.facilityBuurt }
    let distances: RequirementDistances
    let coverage: FacilityCoverage

    init(result: RunResultInputs) {
        run = result
        var counts = [Int](repeating: 0, count: result.buurten.count)
        for buurt in result.dwellingBuurt where buurt >= 0 { counts[Int(buurt)] += 1 }
        buurtDwellingCount = counts
        residentsPerDwelling = result.buurten.indices.map { buurt in
            guard let inhabitants = result.buurten[buurt].inhabitants, counts[buurt] > 0 else { return nil }
            return inhabitants / Double(counts[buurt])
        }
        residents65PerDwelling = zip(residentsPerDwelling, result.buurten).map { perDwelling, buurt in
            guard let perDwelling, let percentage = buurt.percentage65Plus else { return nil }
            return perDwelling * percentage / 100
        }
        distances = RequirementDistances(networks: result.networks, standaard: result.distances)
        // Without a coverage (tests that give distances directly) every category counts as covered.
        coverage = result.coverage ?? FacilityCoverage(read: result.catalog.categories.map { _ in 1 }, routable: result.catalog.categories.map { _ in 1 })
    }

    /// Estimated residents per dwelling of each buurt (nil when CBS gives no figure), and of
    /// them aged 65 or more; worked out once, read in every requirement's pass over the dwellings.
    let residentsPerDwelling: [Double?]
    let residents65PerDwelling: [Double?]

    /// Outcomes per area of `level`, per profile, per requirement.
    /// `threads`: the requirements are independent passes over the dwellings (tens per level
    /// with the default profiles) and run in parallel; the result does not depend on it.
    func evaluate(_ settings: AssessmentSettings, level: AreaLevel, dwellingsPerArea: [Int], threads: Int = 1) -> [[ProfileOutcome]] {
        let dwellingArea = level.areas(ofBuurten: dwellingBuurt)
        let facilityArea = level.areas(ofBuurten: facilityBuurt)
        let pairs = settings.profiles.indices.flatMap { p in settings.profiles[p].requirements.indices.map { (profile: p, requirement: $0) } }
        let outcomes = parallelMap(pairs.count, threads: threads) { index -> [RequirementOutcome] in
            let requirement = settings.profiles[pairs[index].profile].requirements[pairs[index].requirement]
            if case .inhabitants(let measure) = requirement.measure { return evaluateInhabitants(requirement, measure, level: level) }
            return requirement.isDwellingRequirement
                ? evaluateDwellings(requirement, areaCount: level.count, dwellingArea: dwellingArea)
                : evaluateFacilities(requirement, areaCount: level.count, facilityArea: facilityArea)
        }
        var perProfile: [[[RequirementOutcome]]] = settings.profiles.map { _ in [] }
        for (index, pair) in pairs.enumerated() { perProfile[pair.profile].append(outcomes[index]) }
        return (0..<level.count).map { area in
            let members = level.buurten[area]
            let isWater = !members.isEmpty && members.allSatisfy { buurten[$0].isWater }
            // CBS inhabitants of the area, nil when unknown for any member buurt.
            let inhabitants = members.isEmpty ? nil : members.reduce(Double?.some(0)) { sum, b in sum.flatMap { s in buurten[b].inhabitants.map { s + $0 } } }
            return settings.profiles.indices.map { p in
                let requirements = perProfile[p].map { $0[area] }
                var outcome = ProfileOutcome(classification: ProfileOutcome.classify(requirements, dwellings: dwellingsPerArea[area], isWater: isWater,
                                                                                     minimumDwellings: settings.minimumDwellings),
                                             requirements: requirements)
                // No dwelling read where CBS counts people: the dwelling input is incomplete here, the
                // area is not small.
                if outcome.classification == .teKlein, dwellingsPerArea[area] == 0, let inhabitants, inhabitants >= Double(settings.minimumDwellings) {
                    outcome.classification = .nietTeBeoordelen
                    outcome.classReasonCode = ProfileOutcome.noDwellingsCode
                    outcome.classReason = ReasonText.noDwellings(inhabitants: inhabitants)
                }
                // Open because a requirement is unknown: say which ones are met and which unknown.
                let profile = settings.profiles[p].requirements
                let unknown = requirements.indices.filter { requirements[$0].status == .onbekend }.map { profile[$0].id }
                if outcome.classification == .nietTeBeoordelen && !unknown.isEmpty {
                    outcome.classReasonCode = ProfileOutcome.unknownRequirementsCode
                    outcome.classReason = ReasonText.openVerdict(met: requirements.indices.filter { requirements[$0].status == .voldoet }.map { profile[$0].id },
                                                                 unknown: unknown)
                }
                return outcome
            }
        }
    }

    /// The nearest distance for dwelling `d` as `requirement` counts it: on its network, to the
    /// target facilities that pass its accessibility filter (infinity when none).
    func nearest(_ requirement: Requirement, dwelling d: Int) -> Float {
        distances.dwelling(requirement, d)
    }

    private func evaluateDwellings(_ requirement: Requirement, areaCount: Int, dwellingArea: [Int32]) -> [RequirementOutcome] {
        var population = [Int](repeating: 0, count: areaCount), within = population, unknownWeight = population
        // Dwellings the input says nothing about (no suitability level), and their weight.
        var unknownReach = population
        var weightTotal = [Double](repeating: 0, count: areaCount), weightWithin = weightTotal, weightUnknownReach = weightTotal
        var residentsOut = weightTotal, residents65Out = weightTotal
        var residentsKnown = [Bool](repeating: true, count: areaCount), residents65Known = residentsKnown
        // Which CBS figure a weight lacked, for the sentence: inhabitants, or the share aged 65+.
        var lacksInhabitants = [Bool](repeating: false, count: areaCount)
        let reach = reachTest(requirement)
        let countsUnroutable = countsUnroutableDwellings(requirement)
        // The arrays read locally: a pass per requirement over every dwelling.
        let perDwellingOf = residentsPerDwelling, per65Of = residents65PerDwelling
        let outcomes = self.outcomes, dwellings = self.dwellings, dwellingBuurt = self.dwellingBuurt, buurten = self.buurten
        let clusteredOnly = requirement.population == .clusteredDwellings
        for d in dwellings.indices where outcomes[d] == .inBuurt || (countsUnroutable && outcomes[d] == .notRoutable) {
            let area = Int(dwellingArea[d])
            guard area >= 0 else { continue }
            if clusteredOnly && !dwellings[d].clustered { continue }
            let buurt = Int(dwellingBuurt[d])
            let reached = reach(d)
            let isWithin = reached == .within
            population[area] += 1
            if isWithin { within[area] += 1 }
            if reached == .unknown { unknownReach[area] += 1 }
            let perDwelling = perDwellingOf[buurt], per65 = per65Of[buurt]
            let weight: Double? = switch requirement.weighting {
            case .woningen: 1
            case .inwoners: perDwelling
            case .inwoners65plus: per65
            }
            if let weight {
                weightTotal[area] += weight
                if isWithin { weightWithin[area] += weight }
                if reached == .unknown { weightUnknownReach[area] += weight }
            } else {
                unknownWeight[area] += 1
                if buurten[buurt].inhabitants == nil { lacksInhabitants[area] = true }
            }
            if !isWithin {
                if let perDwelling { residentsOut[area] += perDwelling } else { residentsKnown[area] = false }
                if let per65 { residents65Out[area] += per65 } else { residents65Known[area] = false }
            }
        }
        return (0..<areaCount).map { area in
            var outcome = RequirementOutcome(status: .nietVanToepassing, share: nil, population: population[area], within: within[area],
                                             good: nil, residentsOutOfReach: residentsKnown[area] ? residentsOut[area] : nil,
                                             residents65OutOfReach: residents65Known[area] ? residents65Out[area] : nil)
            if case .suitability = requirement.measure { outcome.unknown = unknownReach[area] }
            guard population[area] > 0 else { return outcome }
            if let status = unmeasurable(requirement) {
                outcome.status = status
                if status == .onbekend { (outcome.reasonCode, outcome.reason) = ReasonText.nothingMeasured(requirement) }
                return outcome
            }
            // Nothing of the target categories in the whole input: every distance would be "out of
            // reach", which says something about the input, not about the area.
            if let (code, reason) = unjudgeable(requirement) {
                outcome.status = .onbekend
                outcome.reasonCode = code
                outcome.reason = reason
                return outcome
            }
            if let missing = distances.missingAccessible(requirement, coverage: coverage) {
                outcome.status = .onbekend
                outcome.reasonCode = "\(requirement.id)_TOEGANKELIJKHEID_ONBEKEND"
                outcome.reason = ReasonText.noAccessibleFacilities(requirement, missing: missing, catalog: catalog)
                return outcome
            }
            guard unknownWeight[area] == 0 else {
                outcome.status = .onbekend
                outcome.reasonCode = "\(requirement.id)_GEEN_INWONERSCIJFERS"
                outcome.reason = ReasonText.unknownWeights(requirement, lacksInhabitants: lacksInhabitants[area])
                return outcome
            }
            // Known figures that add up to nobody (0 inhabitants, 0 % aged 65+): nothing to weigh.
            guard weightTotal[area] > 0 else { return outcome }
            // Unknown dwellings count as not within; when counting them as within would meet the
            // share, the input cannot decide and the requirement is onbekend.
            let share = weightWithin[area] / weightTotal[area]
            let unknownShare = weightUnknownReach[area] / weightTotal[area]
            // A tiny tolerance so that 9 of 10 meets "90 %" despite floating point.
            if share + 1e-9 >= requirement.share {
                outcome.share = share
                outcome.status = .voldoet
            } else if unknownShare > 0 && share + unknownShare + 1e-9 >= requirement.share {
                outcome.status = .onbekend
                (outcome.reasonCode, outcome.reason) = ReasonText.undecided(requirement, share: share, unknownShare: unknownShare)
            } else {
                outcome.share = share
                outcome.status = .voldoetNiet
                (outcome.reasonCode, outcome.reason) = requirement.measure == .responseTime
                    ? ("\(requirement.id)_TE_WEINIG_BINNEN_BEREIK", ReasonText.responseShort(requirement, share: share, care: run.careResponse, catalog: catalog))
                    : requirement.isDistanceRequirement
                    ? ("\(requirement.id)_TE_WEINIG_BINNEN_BEREIK", ReasonText.dwellingsShort(requirement, share: share, catalog: catalog))
                    : ReasonText.tooFewSuitable(requirement, share: share, unknownShare: unknownShare)
            }
            return outcome
        }
    }

    private func evaluateFacilities(_ requirement: Requirement, areaCount: Int, facilityArea: [Int32]) -> [RequirementOutcome] {
        guard case .facilities(let sources) = requirement.population else { return [] }
        var population = [Int](repeating: 0, count: areaCount), within = population, good = population
        for f in facilities.indices where sources.contains(facilities[f].category) {
            let area = Int(facilityArea[f])
            guard area >= 0 else { continue }
            let distance = Double(distances.facility(requirement, f))
            population[area] += 1
            // The source says "≤ 500 m": up to and including the threshold.
            if distance <= requirement.threshold { within[area] += 1 }
            if let limit = requirement.good, distance <= limit { good[area] += 1 }
        }
        return (0..<areaCount).map { area in
            var outcome = RequirementOutcome(status: .nietVanToepassing, share: nil, population: population[area], within: within[area],
                                             good: requirement.good == nil ? nil : good[area], residentsOutOfReach: nil, residents65OutOfReach: nil)
            // No location of the source categories anywhere in the input: not "nothing to judge"
            // but "the input does not say".
            if let missing = coverage.missingSources(requirement) {
                outcome.status = .onbekend
                outcome.reasonCode = "\(requirement.id)_GEEN_VOORZIENINGEN"
                outcome.reason = ReasonText.noFacilities(requirement, missing: missing, coverage: coverage, catalog: catalog)
                return outcome
            }
            guard population[area] > 0 else { return outcome }
            if let missing = coverage.missingTargets(requirement) {
                outcome.status = .onbekend
                outcome.reasonCode = "\(requirement.id)_GEEN_VOORZIENINGEN"
                outcome.reason = ReasonText.noFacilities(requirement, missing: missing, coverage: coverage, catalog: catalog)
                return outcome
            }
            if let missing = distances.missingAccessible(requirement, coverage: coverage) {
                outcome.status = .onbekend
                outcome.reasonCode = "\(requirement.id)_TOEGANKELIJKHEID_ONBEKEND"
                outcome.reason = ReasonText.noAccessibleFacilities(requirement, missing: missing, catalog: catalog)
                return outcome
            }
            let share = Double(within[area]) / Double(population[area])
            outcome.share = share
            if share + 1e-9 >= requirement.share {
                outcome.status = .voldoet
            } else {
                outcome.status = .voldoetNiet
                outcome.reasonCode = "\(requirement.id)_LOCATIES_TE_VER"
                outcome.reason = ReasonText.locationsShort(requirement, failing: population[area] - within[area],
                                                           total: population[area], catalog: catalog)
            }
            return outcome
        }
    }
}

/// What `RequirementEvaluation` needs of a run.
struct RunResultInputs {
    var catalog: FacilityCatalog
    var buurten: [Buurt]
    var dwellings: [Dwelling]
    var dwellingBuurt: [Int32]
    var outcomes: [DwellingOutcome]
    var facilities: [Facility]
    var facilityBuurt: [Int32]
    var distances: CategoryDistances
    /// Which categories the input has facilities of; for a plan check, those of the current
    /// situation, so that closing the last facility of a category is a failure, not "unknown".
    var coverage: FacilityCoverage? = nil
    /// The distances per network (standaard first); empty: only `distances`, on standaard.
    var networks: [NetworkDistances] = []
    /// Whether the dwellings carry a suitability level (`dwellings.suitability_field`); without
    /// it R6 cannot be measured.
    var readsSuitability = false
    /// Response times from 24-hour care bases, for `aanrijtijd` requirements (R8).
    var careResponse: CareResponse? = nil
}
