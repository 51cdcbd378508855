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

/// What a dwelling requirement measures (`measure`).
public enum RequirementMeasure: String, Sendable, Equatable {
    /// Walking distance to the nearest target facility, in metres (`threshold_m`).
    case walkingDistance = "loopafstand"
    /// Response time from the nearest 24-hour care base, in minutes (`max_min`, R8); see
    /// `CareResponseSettings`.
    case responseTime = "aanrijtijd"
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
    public var measure: RequirementMeasure = .walkingDistance

    public var isDwellingRequirement: Bool {
        if case .facilities = population { return false }
        return true
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
