/// Which facilities of the target categories a requirement counts, by what the input says of
/// their accessibility (`Facility.accessibility`). Unknown is never counted as accessible.
public enum AccessibilityFilter: String, Sendable, Equatable, Hashable, CaseIterable {
    /// Every facility.
    case alle
    /// Every facility not known to be inaccessible (`toegankelijk`, `beperkt`, `onbekend`).
    case nietOntoegankelijk = "niet_ontoegankelijk"
    /// Only facilities known to be accessible (`toegankelijk`).
    case toegankelijk

    public func admits(_ accessibility: StopAccessibility) -> Bool {
        switch self {
        case .alle: return true
        case .nietOntoegankelijk: return accessibility != .niet
        case .toegankelijk: return accessibility == .toegankelijk
        }
    }

    /// For reason texts: "toegankelijke", "niet ontoegankelijke".
    var adjective: String {
        switch self {
        case .alle: return ""
        case .nietOntoegankelijk: return "niet ontoegankelijke"
        case .toegankelijk: return "toegankelijke"
        }
    }
}

/// The facilities of one category that pass a filter: what one search starts from.
public struct FacilityGroup: Sendable, Equatable, Hashable {
    public var category: Int
    public var filter: AccessibilityFilter
}
