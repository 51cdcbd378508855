import Foundation

/// Whether a facility (a public-transport stop above all) can be used by someone in a
/// wheelchair or with a rollator, as far as the input says. Unknown is the common case in
/// Dutch data and is never counted as accessible.
public enum StopAccessibility: String, Sendable, Equatable, CaseIterable {
    /// Known to be usable: CHB `disabledaccessible`, GTFS `wheelchair_boarding=1`, OSM `wheelchair=yes`.
    case toegankelijk
    /// Partly usable: OSM `wheelchair=limited`.
    case beperkt
    /// Known not to be usable: CHB says not accessible, GTFS `wheelchair_boarding=2`, OSM `wheelchair=no`.
    case niet
    /// Nothing known.
    case onbekend

    /// From OSM's `wheelchair` tag on a stop or platform (other values: unknown).
    init(osmWheelchair value: String?) {
        switch value {
        case "yes", "designated": self = .toegankelijk
        case "limited": self = .beperkt
        case "no": self = .niet
        default: self = .onbekend
        }
    }

    /// From GTFS `wheelchair_boarding` (0 or empty: unknown, 1: possible, 2: not possible).
    init(gtfsWheelchairBoarding value: String?) {
        switch value?.trimmingCharacters(in: .whitespaces) {
        case "1": self = .toegankelijk
        case "2": self = .niet
        default: self = .onbekend
        }
    }
}
