/// Property names of the output layers: Dutch snake_case after CBS conventions, so that the
/// layers join cleanly to CBS Kerncijfers. docs/schema.md documents each of them.
enum PropertyNames {
    /// "1000" for 1000.0, "62_5" for 62.5.
    static func meters(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value).replacingOccurrences(of: ".", with: "_")
    }

    static func share(_ category: String, within threshold: Double) -> String {
        "aandeel_\(category)_binnen_\(meters(threshold))m"
    }

    static func median(_ category: String) -> String { "mediaan_afstand_\(category)_m" }
    static func distance(_ category: String) -> String { "afstand_\(category)_m" }
    /// `afstand_huisarts_rollator_m`: the distance with a mobility profile.
    static func distance(_ category: String, profile: String) -> String { "afstand_\(category)_\(profile)_m" }
    static func detour(_ profile: String) -> String { "omrijfactor_\(profile)" }
    static func detourP90(_ profile: String) -> String { "omrijfactor_p90_\(profile)" }
    static func lostReach(_ profile: String) -> String { "woningen_onbereikbaar_\(profile)" }
    static func unknownShare(_ profile: String) -> String { "aandeel_route_onbekend_\(profile)" }
    static func nearest(_ category: String) -> String { "voorziening_\(category)" }
    static func straightLine(_ category: String) -> String { "hemelsbreed_\(category)_m" }
    /// Response time from the nearest care base (R8), per dwelling and per area.
    static func responseTime(_ category: String) -> String { "aanrijtijd_\(category)_min" }
    static func responseMedian(_ category: String) -> String { "mediaan_aanrijtijd_\(category)_min" }
    static func responseShare(_ category: String, within minutes: Double) -> String {
        "aandeel_aanrijtijd_\(category)_binnen_\(meters(minutes))min"
    }

    /// `woonservicegebied_r1` for requirement R1 of profile woonservicegebied.
    static func requirement(_ profile: RequirementProfile, _ requirement: Requirement) -> String {
        "\(profile.name)_\(requirement.id.lowercased())"
    }

    /// A configured value as a property-name part: lower case, non-alphanumerics as `_`.
    static func snake(_ text: String) -> String {
        String(text.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "_" })
    }
}

/// Rounding for written values: distances to 0.1 m, shares to 4 decimals. Fixed here so that
/// output bytes never change with a formatting library.
enum Rounding {
    static func meters(_ value: Double?) -> Double? {
        guard let value, value.isFinite else { return nil }
        return nearestInteger(value * 10) / 10
    }

    /// `value.rounded()` (half away from zero, the sign of zero kept) without the call into
    /// libm's `round` that `rounded()` makes on x86-64 (3 % of a national run's CPU, most of it
    /// writing the dwellings): below 2^52 the truncated integer and the remainder are exact.
    @inline(__always)
    static func nearestInteger(_ value: Double) -> Double {
        guard abs(value) < 0x1p52 else { return value.rounded() }
        let truncated = Double(Int64(value))
        let remainder = value - truncated
        let magnitude = abs(truncated) + (abs(remainder) >= 0.5 ? 1 : 0)
        return Double(signOf: value, magnitudeOf: magnitude)
    }

    /// Minutes: one decimal.
    static func minutes(_ value: Double?) -> Double? { meters(value) }

    /// Estimated people: one decimal.
    static func count(_ value: Double?) -> Double? { meters(value) }

    static func share(_ value: Double?) -> Double? {
        guard let value, value.isFinite else { return nil }
        return nearestInteger(value * 10_000) / 10_000
    }
}
