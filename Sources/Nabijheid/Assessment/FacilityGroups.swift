/// The filtered facility groups the requirements ask for, per network: R3 on the rollator
/// network counting only stops not known to be inaccessible needs one search from exactly
/// those stops over the rollator network.
struct FacilityGroups {
    private var byNetwork: [String: [FacilityGroup]] = [:]

    init(_ assessment: AssessmentSettings) {
        for profile in assessment.profiles {
            for requirement in profile.requirements where requirement.accessibility != .alle {
                for category in requirement.targets {
                    let group = FacilityGroup(category: category, filter: requirement.accessibility)
                    if !(byNetwork[requirement.network] ?? []).contains(group) { byNetwork[requirement.network, default: []].append(group) }
                }
            }
        }
    }

    /// The groups to search from on `network`, in the order requirements first ask for them.
    func filtered(on network: String) -> [FacilityGroup] { byNetwork[network] ?? [] }
}
