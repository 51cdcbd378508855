/// What each measure contributes to `RequirementEvaluation`: the "is within" test of a dwelling
/// requirement (distance, suitability), whether a measure can be taken at all, and the
/// area-level inhabitants requirement (R9).
extension RequirementEvaluation {
    /// Whether a dwelling requirement counts dwellings that are not linked to the network: a
    /// distance counts only routable ones; suitability does not depend on the network, so it
    /// counts every dwelling of an area (as `aantal_woningen_<niveau>_of_beter` does).
    func countsUnroutableDwellings(_ requirement: Requirement) -> Bool {
        !requirement.isDistanceRequirement
    }

    /// Whether dwelling `d` meets `requirement`, per its measure.
    func reachTest(_ requirement: Requirement) -> (Int) -> DwellingReach {
        switch requirement.measure {
        case .distance, .inhabitants:
            let threshold = Float(requirement.threshold)
            // The sources say "< 1000 m": strictly below.
            let perTarget = distances.dwellingDistances(requirement)
            return { d in
                var nearest = Float.infinity
                for distances in perTarget where distances[d] < nearest { nearest = distances[d] }
                return nearest < threshold ? .within : .outside
            }
        case .responseTime:
            let limit = Float(requirement.threshold)
            let minutes = run.careResponse?.minutes ?? []
            return { d in d < minutes.count && minutes[d] < limit ? .within : .outside }
        case .suitability(let measure):
            let minimum = measure.minimumLevel
            let dwellings = self.dwellings
            return { d in
                let level = Int(dwellings[d].suitability)
                return level < 0 ? .unknown : (level >= minimum ? .within : .outside)
            }
        }
    }

    /// The status of a requirement the run cannot measure anywhere: R6 without a suitability
    /// field (as its `without_suitability_field` says); nil when it can be measured.
    func unmeasurable(_ requirement: Requirement) -> RequirementOutcome.Status? {
        guard case .suitability(let measure) = requirement.measure, !run.readsSuitability else { return nil }
        return measure.withoutField
    }

    /// R9 at the measure's level: the area's CBS inhabitants (the sum over its buurten in the
    /// input; unknown when any of them lacks the figure) between minimum and maximum, both
    /// inclusive. At other levels `niet_van_toepassing`.
    func evaluateInhabitants(_ requirement: Requirement, _ measure: InhabitantsMeasure, level: AreaLevel) -> [RequirementOutcome] {
        (0..<level.count).map { area in
            var outcome = RequirementOutcome(status: .nietVanToepassing, share: nil, population: 0, within: 0, good: nil,
                                             residentsOutOfReach: nil, residents65OutOfReach: nil)
            let members = level.buurten[area]
            guard level.kind == measure.level, !members.isEmpty else { return outcome }
            guard let inhabitants = members.reduce(Double?.some(0), { sum, b in sum.flatMap { s in buurten[b].inhabitants.map { s + $0 } } }) else {
                outcome.status = .onbekend
                outcome.reasonCode = "\(requirement.id)_GEEN_INWONERSCIJFERS"
                outcome.reason = ReasonText.unknownInhabitants(requirement, level: level.kind)
                return outcome
            }
            if inhabitants < measure.minimum {
                outcome.status = .voldoetNiet
                outcome.reasonCode = "\(requirement.id)_TE_WEINIG_INWONERS"
            } else if inhabitants > measure.maximum {
                outcome.status = .voldoetNiet
                outcome.reasonCode = "\(requirement.id)_TE_VEEL_INWONERS"
            } else {
                outcome.status = .voldoet
                return outcome
            }
            outcome.reason = ReasonText.inhabitantsOutside(requirement, measure, inhabitants: inhabitants, level: level.kind)
            return outcome
        }
    }
}
