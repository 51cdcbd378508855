/// Why a dwelling requirement cannot be judged anywhere, by what it measures: walking distance
/// to the nearest target facility, or response time from the nearest 24-hour care base (R8).
extension RequirementEvaluation {
    /// Reason code and Dutch sentence, or nil. Walking distance: no routable facility of the
    /// targets. Response time: no response times computed, or no care base read or linked to
    /// the care network. Never "voldoet niet": every dwelling would be out of reach, which
    /// describes the input, not the area.
    func unjudgeable(_ requirement: Requirement) -> (code: String, reason: String)? {
        switch requirement.measure {
        case .distance, .suitability, .inhabitants:
            guard let missing = coverage.missingTargets(requirement) else { return nil }
            return ("\(requirement.id)_GEEN_VOORZIENINGEN", ReasonText.noFacilities(requirement, missing: missing, coverage: coverage, catalog: catalog))
        case .responseTime:
            guard let care = run.careResponse else {
                return ("\(requirement.id)_GEEN_AANRIJTIJDEN", ReasonText.noResponseTimes(requirement))
            }
            guard care.basesLinked == 0 else { return nil }
            return ("\(requirement.id)_GEEN_ZORGPOSTEN", ReasonText.noCareBases(requirement, care: care, catalog: catalog))
        }
    }
}
