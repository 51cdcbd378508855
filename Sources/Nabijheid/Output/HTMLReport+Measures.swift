/// Which requirement columns an area table of rapport.html shows: a suitability (R6) or
/// inhabitants (R9) requirement that is `niet_van_toepassing` in every area of the level (R9
/// in the buurt table; R6 in a run without suitability) gets no column of n.v.t. cells, and
/// the table's introduction says so. Distance requirements always keep their column.
extension HTMLReport {
    /// Per profile, the indices of the requirements that get a column.
    static func shownRequirements(_ level: AreaReport, profiles: [RequirementProfile]) -> [[Int]] {
        profiles.enumerated().map { p, profile in
            profile.requirements.indices.filter { r in !appliesNowhere(level, profile: p, requirement: r, profile.requirements[r]) }
        }
    }

    static func appliesNowhere(_ level: AreaReport, profile p: Int, requirement r: Int, _ requirement: Requirement) -> Bool {
        guard !requirement.isDistanceRequirement else { return false }
        return level.outcomes.allSatisfy { $0[p].requirements[r].status == .nietVanToepassing }
    }

    /// " R9 (…) staat niet in de tabel: op dit niveau nergens van toepassing." or "".
    static func hiddenRequirementsNote(_ level: AreaReport, profiles: [RequirementProfile]) -> String {
        let shown = shownRequirements(level, profiles: profiles)
        var hidden: [String] = []
        for (p, profile) in profiles.enumerated() {
            for (r, requirement) in profile.requirements.enumerated() where !shown[p].contains(r) && !hidden.contains(requirement.id) {
                hidden.append(requirement.id)
            }
        }
        guard !hidden.isEmpty else { return "" }
        let verb = hidden.count == 1 ? "staat" : "staan"
        return " \(escape(ReasonText.list(hidden))) \(verb) niet in deze tabel: op dit niveau nergens van toepassing (zie de eisen en de meldingen)."
    }
}
