/// What a requirement measures: the walking distance from each dwelling (R1–R5, the default),
/// the suitability of each dwelling (R6), or the CBS inhabitants of a whole area (R9). The
/// configuration key is `measure`; docs/profielen.md describes the keys of each.
public enum RequirementMeasure: Sendable, Equatable {
    /// `"afstand"`: the network distance to the nearest facility of the target categories,
    /// below (dwellings) or up to (facilities) `threshold`.
    case distance
    /// `"geschiktheid"`: the dwelling's suitability level is at least a configured level.
    case suitability(SuitabilityMeasure)
    /// `"inwoners"`: the area's CBS inhabitants lie within a range, at one area level.
    case inhabitants(InhabitantsMeasure)
    /// `"aanrijtijd"`: response time from the nearest 24-hour care base, in minutes (`max_min`,
    /// R8; `threshold` holds the minutes); see `CareResponseSettings`.
    case responseTime

    /// The value of the `measure` key.
    public var name: String {
        switch self {
        case .distance: return "afstand"
        case .suitability: return "geschiktheid"
        case .inhabitants: return "inwoners"
        case .responseTime: return "aanrijtijd"
        }
    }
}

/// R6: the share of dwellings at or above a suitability level (dwellings.suitability_levels,
/// least suitable first). A dwelling of unknown suitability never counts as suitable; it can
/// leave the requirement `onbekend` (see `RequirementEvaluation`).
public struct SuitabilityMeasure: Sendable, Equatable {
    /// Index into the configured suitability levels; a dwelling counts when its level is this
    /// or higher.
    public var minimumLevel: Int
    /// That level's name, as configured, for sentences.
    public var levelName: String
    /// The status when the run reads no suitability at all (no `dwellings.suitability_field`):
    /// `onbekend` (default; reason `<id>_GEEN_GESCHIKTHEID`) or `niet_van_toepassing` (the
    /// shipped profiles, so that runs without the field keep meaningful verdicts).
    public var withoutField: RequirementOutcome.Status

    public init(minimumLevel: Int, levelName: String, withoutField: RequirementOutcome.Status = .onbekend) {
        self.minimumLevel = minimumLevel
        self.levelName = levelName
        self.withoutField = withoutField
    }
}

/// R9: the CBS inhabitants of an area of one level lie between `minimum` and `maximum`, both
/// inclusive ("5 000 tot 10 000 inwoners": 5 000 and 10 000 both meet it). At other levels the
/// requirement is `niet_van_toepassing`.
public struct InhabitantsMeasure: Sendable, Equatable {
    public var minimum: Double
    public var maximum: Double
    public var level: AreaLevel.Kind

    public init(minimum: Double, maximum: Double, level: AreaLevel.Kind) {
        self.minimum = minimum
        self.maximum = maximum
        self.level = level
    }
}

/// Whether one dwelling meets a dwelling requirement: `unknown` when the input does not say
/// (a dwelling without a suitability level); it never counts as within.
enum DwellingReach {
    case within, outside, unknown
}

extension Requirement {
    /// Judged on a whole area (R9), not on its dwellings or facility locations.
    public var isAreaRequirement: Bool {
        if case .inhabitants = measure { return true }
        return false
    }

    /// Measured as a walking distance to target facilities (and so part of the search cutoff,
    /// the plan's distance rules and the facility coverage).
    public var isDistanceRequirement: Bool { measure == .distance }
}

extension AssessmentSettings {
    /// Notes for `run.json` (`meldingen`) about requirements the run cannot measure at all and
    /// that are therefore not applicable anywhere: R6 without a suitability field (where it
    /// says `without_suitability_field = "niet_van_toepassing"`), R9 at a level the run does
    /// not have (buurten without wijkcode). Unknown ones say so in their reasons instead.
    func measureNotes(readsSuitability: Bool, levels: [AreaLevel.Kind]) -> [String] {
        var notes: [String] = []
        for profile in profiles {
            for requirement in profile.requirements {
                let name = "\(ReasonText.named(requirement)) in profiel \(profile.name)"
                switch requirement.measure {
                case .suitability(let measure) where !readsSuitability && measure.withoutField == .nietVanToepassing:
                    notes.append("\(name) is niet van toepassing: de woningen hebben geen geschiktheid in de invoer (dwellings.suitability_field)")
                case .inhabitants(let measure) where !levels.contains(measure.level):
                    notes.append("\(name) is niet beoordeeld: de buurten hebben geen \(measure.level.codeProperty), dus er zijn geen \(measure.level.layerName)")
                default:
                    break
                }
            }
        }
        return notes
    }
}
