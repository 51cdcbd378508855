/// How one area does on one requirement.
public struct RequirementOutcome: Sendable, Equatable {
    public enum Status: String, Sendable {
        case voldoet
        case voldoetNiet = "voldoet_niet"
        /// Nothing to judge: no routable dwellings, no geclusterde woningen, no locations.
        case nietVanToepassing = "niet_van_toepassing"
        /// Cannot be judged: the weighting needs CBS figures the buurt layer does not have (or CBS
        /// kept secret), or the input has no facility of the categories involved.
        case onbekend
    }

    public var status: Status
    /// The achieved share (0…1), weighted as the requirement says; nil when not judged.
    public var share: Double?
    /// Dwellings or locations counted, and how many of them are within reach.
    public var population: Int
    public var within: Int
    /// Facility requirements: locations within `good` metres.
    public var good: Int?
    /// Estimated residents, and residents aged 65+, of the counted dwellings that are out of
    /// reach; nil without CBS figures or for facility requirements.
    public var residentsOutOfReach: Double?
    public var residents65OutOfReach: Double?
    /// Suitability requirements (R6): counted dwellings of unknown suitability (they are not
    /// within); nil for other measures.
    public var unknown: Int? = nil
    /// Machine-readable code and Dutch sentence, only for `voldoetNiet` and `onbekend`.
    public var reasonCode: String?
    public var reason: String?
}

/// How one area does on one profile.
public struct ProfileOutcome: Sendable, Equatable {
    public enum Class: String, Sendable, CaseIterable {
        case voldoet
        case voldoetDeels = "voldoet_deels"
        case voldoetNiet = "voldoet_niet"
        /// Fewer dwellings than `assessment.min_dwellings`.
        case teKlein = "te_klein"
        /// A water buurt (`water = JA`).
        case water
        /// No requirement applies (no dwellings or locations to judge), or a requirement that
        /// applies is `onbekend` and none of the known ones fails: such an area may or may not
        /// meet the profile, so it is never `voldoet`. Also an area without dwellings in the
        /// input while CBS counts inhabitants there (reason `GEEN_WONINGEN_IN_INVOER`).
        case nietTeBeoordelen = "niet_te_beoordelen"
    }

    /// The class reason code of an area that has CBS inhabitants but no dwelling in the input.
    public static let noDwellingsCode = "GEEN_WONINGEN_IN_INVOER"
    /// The class reason code of an area that is `niet_te_beoordelen` because an applicable
    /// requirement is `onbekend` (and none of the known ones fails).
    public static let unknownRequirementsCode = "EISEN_ONBEKEND"

    public var classification: Class
    public var requirements: [RequirementOutcome]
    /// Why the area as a whole got its class, when that is not a requirement's reason.
    public var classReasonCode: String? = nil
    public var classReason: String? = nil

    /// Whether the area was judged at all (not too small, not water, something to judge).
    public var isJudged: Bool { [.voldoet, .voldoetDeels, .voldoetNiet].contains(classification) }

    /// The reason codes of the failed (or unknown) requirements, in profile order; none for a
    /// buurt that is too small or water (an area that cannot be judged for lack of CBS figures
    /// keeps them: they say why).
    public var reasonCodes: [String] { hasReasons ? [classReasonCode].compactMap { $0 } + requirements.compactMap(\.reasonCode) : [] }
    public var reasons: [String] { hasReasons ? [classReason].compactMap { $0 } + requirements.compactMap(\.reason) : [] }
    private var hasReasons: Bool { classification != .teKlein && classification != .water }

    static func classify(_ outcomes: [RequirementOutcome], dwellings: Int, isWater: Bool, minimumDwellings: Int) -> Class {
        if isWater { return .water }
        if dwellings < minimumDwellings { return .teKlein }
        let judged = outcomes.filter { $0.status == .voldoet || $0.status == .voldoetNiet }
        if judged.isEmpty { return .nietTeBeoordelen }
        let met = judged.filter { $0.status == .voldoet }.count
        // A known failure is decisive; without one, an unknown requirement leaves it open.
        if met == judged.count { return outcomes.contains { $0.status == .onbekend } ? .nietTeBeoordelen : .voldoet }
        return met == 0 ? .voldoetNiet : .voldoetDeels
    }
}
