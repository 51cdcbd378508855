/// What a requirement measures from.
public enum RequirementPopulation: Sendable, Equatable {
    /// Every routable dwelling of the area.
    case dwellings
    /// Routable dwellings of a geclusterde woonvorm (R4).
    case clusteredDwellings
    /// Facility locations of these categories, e.g. woonzorgvoorzieningen (R3).
    case facilities([Int])
}

/// How dwellings count when an area's share is computed. Within one buurt every dwelling has
/// the same weight, so the weighting matters when buurten are rolled up to wijk and gemeente.
public enum RequirementWeighting: String, Sendable, Equatable, CaseIterable {
    case woningen
    /// Estimated residents: the buurt's `aantal_inwoners` spread over its dwellings.
    case inwoners
    /// Estimated residents aged 65 and over: inwoners × `percentage_personen_65_jaar_en_ouder`.
    case inwoners65plus = "inwoners_65plus"
}

/// One performance requirement of a woonservicegebied: from what, to which facilities, how
/// far, and which share must be within reach.
public struct Requirement: Sendable, Equatable {
    /// Short code, e.g. `R1`; used in property names and reason codes.
    public var id: String
    public var label: String
    public var population: RequirementPopulation
    /// Category indices; the nearest facility of any of them counts.
    public var targets: [Int]
    /// Distance in metres. Dwelling requirements count distances strictly below it (the sources
    /// say "< 1000 m"); facility requirements count distances up to and including it ("≤ 500 m").
    /// For `measure == .responseTime`: minutes, counted strictly below.
    public var threshold: Double
    /// For facility requirements: distances up to this are "goed", up to `threshold`
    /// "acceptabel", beyond "onvoldoende".
    public var good: Double?
    /// Share (0…1) of the population that must be within reach.
    public var share: Double
    public var weighting: RequirementWeighting
    /// Where the threshold and share come from, or that they are assumptions.
    public var source: String
    /// The network whose distances count: `standaard` or a mobility profile (`rollator`).
    public var network: String = MobilityProfile.standaardName
    /// Which target facilities count, by their accessibility (R3: stops a rollator can use).
    public var accessibility: AccessibilityFilter = .alle
    /// What is measured: distance (the default; `targets` and `threshold` apply), dwelling
    /// suitability (R6) or area inhabitants (R9; `population`, `targets`, `threshold`, `share`
    /// and `weighting` do not apply).
    public var measure: RequirementMeasure = .distance

    /// Judged on each dwelling (R1, R2, R4–R6), as opposed to facility locations (R3) or whole
    /// areas (R9).
    public var isDwellingRequirement: Bool {
        if case .facilities = population { return false }
        return !isAreaRequirement
    }
}

/// A named set of requirements, e.g. `woonservicegebied` or the strict profile for residents
/// without mantelzorg.
public struct RequirementProfile: Sendable, Equatable {
    public var name: String
    public var label: String
    public var requirements: [Requirement]
}

/// How buurten are judged: the profiles and the smallest buurt that is judged at all.
public struct AssessmentSettings: Sendable, Equatable {
    public var profiles: [RequirementProfile]
    /// Buurten with fewer dwellings are "te klein" and not classified (as CBS suppresses
    /// figures for small areas). Default 10: an assumption.
    public var minimumDwellings: Int
}
