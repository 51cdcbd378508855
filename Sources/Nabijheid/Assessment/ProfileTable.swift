/// The requirement profiles as a Markdown table: requirement, threshold, share, weighting,
/// source. `nabijheid profiles` prints it; docs/profielen.md is its output for the shipped
/// defaults.
public enum ProfileTable {
    public static func markdown(_ settings: AssessmentSettings, catalog: FacilityCatalog) -> String {
        var lines = [
            "Buurten with fewer than \(settings.minimumDwellings) dwellings are not judged (`te_klein`, an assumption after CBS's practice of suppressing figures for small areas); water buurten (`water = JA`) are skipped.",
            "",
            "A requirement that cannot be judged is `onbekend`: its weighting needs a CBS figure the buurt lacks (or a sentinel such as -99995), or the input has no facility of its categories at all. An area with an `onbekend` requirement is never `voldoet`: without a known failure it is `niet_te_beoordelen` (reason `EISEN_ONBEKEND`, naming the requirements met and those unknown); with one it is `voldoet_deels` or `voldoet_niet` on the known requirements.",
            "",
        ]
        for profile in settings.profiles {
            lines += [
                "## `\(profile.name)`: \(profile.label)", "",
                "| id | requirement | from | to | threshold | share | weighting | source |",
                "|---|---|---|---|---|---|---|---|",
            ]
            for requirement in profile.requirements {
                let from: String
                switch requirement.population {
                case .dwellings: from = "woningen"
                case .clusteredDwellings: from = "geclusterde woningen"
                case .facilities(let categories): from = categories.map { "`\(catalog.categories[$0].name)`" }.joined(separator: ", ")
                }
                let to = requirement.targets.map { "`\(catalog.categories[$0].name)`" }.joined(separator: " or ")
                let threshold = requirement.isDwellingRequirement
                    ? "< \(ReasonText.limit(requirement))"
                    : (requirement.good.map { "≤ \(ReasonText.meters($0)) goed, " } ?? "") + "≤ \(ReasonText.meters(requirement.threshold))"
                let weighting = requirement.isDwellingRequirement ? requirement.weighting.rawValue : "locaties"
                lines.append("| \(requirement.id) | \(requirement.label) | \(from) | \(to) | \(threshold) | \(ReasonText.percent(requirement.share)) | \(weighting) | \(requirement.source) |")
            }
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }
}
