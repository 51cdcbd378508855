/// The plan's rule for a new dwelling under a suitability requirement (R6): is the dwelling at
/// least the required level? A dwelling without `geschiktheid` in the plan fails: it would
/// count as not suitable in its buurt's share.
extension PlanComparison {
    func suitabilityRule(_ requirement: Requirement, _ measure: SuitabilityMeasure, dwelling: Dwelling, name: String) -> CheckReport.Rule? {
        let attributes = configuration.dwellings.attributes
        // Without a suitability field R6 is not measured for anyone, so not for new dwellings either.
        guard attributes.suitabilityField != nil else { return nil }
        let level = Int(dwelling.suitability)
        let has = level >= 0 && level < attributes.suitabilityLevels.count
            ? "geschiktheid \(attributes.suitabilityLevels[level])" : "geen geschiktheid opgegeven (telt als niet geschikt)"
        return .init(soort: "nieuwe_woning", naam: name, geslaagd: level >= measure.minimumLevel,
                     melding: "woning \(dwelling.id): \(has); \(requirement.id) (\(ReasonText.lowercasedLabel(requirement.label))) vereist ten minste \(measure.levelName)")
    }
}
