/// The requirement profiles as a Markdown table: requirement, threshold, share, weighting,
/// source. `nabijheid profiles` prints it; docs/profielen.md is its output for the shipped
/// defaults.
public enum ProfileTable {
    public static func markdown(_ settings: AssessmentSettings, catalog: FacilityCatalog, mobility: [MobilityProfile] = []) -> String {
        var lines = [
            "Buurten with fewer than \(settings.minimumDwellings) dwellings are not judged (`te_klein`, an assumption after CBS's practice of suppressing figures for small areas); water buurten (`water = JA`) are skipped.",
            "",
            "A requirement that cannot be judged is `onbekend`: its weighting needs a CBS figure the buurt lacks (or a sentinel such as -99995), or the input has no facility of its categories at all. An area with an `onbekend` requirement is never `voldoet`: without a known failure it is `niet_te_beoordelen` (reason `EISEN_ONBEKEND`, naming the requirements met and those unknown); with one it is `voldoet_deels` or `voldoet_niet` on the known requirements.",
            "",
            "Not every requirement is a distance. `measure = \"geschiktheid\"` (R6) counts the share of dwellings whose suitability level (`dwellings.suitability_field`) is at least `min_level`; a dwelling of unknown suitability never counts as suitable, and when the unknown ones could tip the verdict the requirement is `onbekend`. Without a suitability field in the run it is `onbekend`, or `niet_van_toepassing` where the profile says `without_suitability_field = \"niet_van_toepassing\"` (as the shipped R6 does, so that runs without the field keep their verdicts). `measure = \"inwoners\"` (R9) judges an area's CBS inhabitants (summed over its buurten) at one level, by default wijken, both bounds included; at the other levels it is `niet_van_toepassing`.",
            "",
        ]
        for profile in settings.profiles {
            lines += [
                "## `\(profile.name)`: \(profile.label)", "",
                "| id | requirement | from | to | threshold | share | weighting | source |",
                "|---|---|---|---|---|---|---|---|",
            ]
            for requirement in profile.requirements {
                if let cells = requirement.measureCells {
                    lines.append("| \(requirement.id) | \(requirement.label) | \(cells.from) | \(cells.to) | \(cells.threshold) | \(cells.share) | \(cells.weighting) | \(requirement.source) |")
                    continue
                }
                let from: String
                switch requirement.population {
                case .dwellings: from = "woningen"
                case .clusteredDwellings: from = "geclusterde woningen"
                case .facilities(let categories): from = categories.map { "`\(catalog.categories[$0].name)`" }.joined(separator: ", ")
                }
                var to = requirement.targets.map { "`\(catalog.categories[$0].name)`" }.joined(separator: " or ")
                if requirement.accessibility != .alle { to += " (\(requirement.accessibility.adjective))" }
                if requirement.network != MobilityProfile.standaardName { to += ", over netwerk `\(requirement.network)`" }
                let threshold = requirement.isDwellingRequirement
                    ? "< \(ReasonText.limit(requirement))"
                    : (requirement.good.map { "≤ \(ReasonText.meters($0)) goed, " } ?? "") + "≤ \(ReasonText.meters(requirement.threshold))"
                let weighting = requirement.isDwellingRequirement ? requirement.weighting.rawValue : "locaties"
                lines.append("| \(requirement.id) | \(requirement.label) | \(from) | \(to) | \(threshold) | \(ReasonText.percent(requirement.share)) | \(weighting) | \(requirement.source) |")
            }
            lines.append("")
        }
        if !mobility.isEmpty { lines += mobilityMarkdown(mobility) }
        return lines.joined(separator: "\n")
    }

    /// The mobility profiles: one row per rule, one column per profile.
    static func mobilityMarkdown(_ profiles: [MobilityProfile]) -> [String] {
        func list<S: Sequence>(_ values: S) -> String where S.Element == String {
            let sorted = values.sorted()
            return sorted.isEmpty ? "–" : sorted.map { "`\($0)`" }.joined(separator: ", ")
        }
        func map(_ values: [String: Double], unit: String) -> String {
            values.isEmpty ? "–" : values.keys.sorted().map { "`\($0)` \(ReasonText.decimal(values[$0]!))\(unit)" }.joined(separator: ", ")
        }
        var lines = [
            "## Mobility profiles", "",
            "Every profile walks the same network as `standaard` (anyone on foot), with its own rules; each gets its own distances (`afstand_<categorie>_<profiel>_m`). Missing tags are the normal case in Dutch OSM: a way or node without the tag a rule reads is passable and counts as *onbekend* (`aandeel_route_onbekend_<profiel>`).", "",
            "| rule | " + profiles.map { "`\($0.name)`" }.joined(separator: " | ") + " |",
            "|---|" + profiles.map { _ in "---|" }.joined(),
        ]
        func row(_ name: String, _ value: (MobilityProfile) -> String) {
            lines.append("| \(name) | " + profiles.map(value).joined(separator: " | ") + " |")
        }
        row("label") { $0.label }
        row("`highway=steps` without `ramp=yes`") { $0.blocksSteps ? "blocked" : "passable" }
        row("`wheelchair=no`") { $0.respectsWheelchairNo ? "blocked" : "passable" }
        row("blocked `surface`") { list($0.blockedSurfaces) }
        row("slower `surface` (length ×)") { map($0.surfaceFactors, unit: "") }
        row("fine `surface`") { list($0.fineSurfaces) }
        row("blocked `smoothness`") { list($0.blockedSmoothness) }
        row("`incline` steeper than") { $0.maximumInclinePercent.map { "\(ReasonText.decimal($0)) %" } ?? "–" }
        row("`width` narrower than") { $0.minimumWidth.map { "\(ReasonText.decimal($0)) m" } ?? "–" }
        row("blocked `kerb`") { list($0.blockedKerbs) }
        row("`kerb` penalty") { map($0.kerbPenalties, unit: " m") }
        row("blocked `barrier`") { list($0.blockedBarriers) }
        row("no `surface` is unknown on") { list($0.surfaceUnknownOn) }
        row("source") { $0.source }
        lines.append("")
        return lines
    }
}
