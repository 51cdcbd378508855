import Foundation

/// The Dutch sentences that explain a failed requirement, e.g. "62 % van de woningen ligt
/// binnen 1000 m lopen van dagelijkse boodschappen; vereist is 90 %."
enum ReasonText {
    static func dwellingsShort(_ requirement: Requirement, share: Double, catalog: FacilityCatalog) -> String {
        let subject: String
        switch (requirement.population, requirement.weighting) {
        case (.clusteredDwellings, _): subject = "van de geclusterde woningen ligt"
        case (_, .woningen): subject = "van de woningen ligt"
        case (_, .inwoners): subject = "van de inwoners (geschat per woning) woont"
        case (_, .inwoners65plus): subject = "van de inwoners van 65 jaar en ouder (geschat per woning) woont"
        }
        return "\(percent(share)) \(subject) binnen \(meters(requirement.threshold)) lopen van \(targets(requirement, catalog)); vereist is \(percent(requirement.share))."
    }

    static func locationsShort(_ requirement: Requirement, failing: Int, total: Int, catalog: FacilityCatalog) -> String {
        guard case .facilities(let sources) = requirement.population else { return "" }
        let locations = sources.map { lowercasedLabel(catalog.categories[$0].label) }.joined(separator: " of ")
        return "\(failing) van de \(total) locaties (\(locations)) \(failing == 1 ? "heeft" : "hebben") geen \(targets(requirement, catalog)) binnen \(meters(requirement.threshold)) lopen; vereist is \(percent(requirement.share))."
    }

    static func unknownWeights(_ requirement: Requirement) -> String {
        "Weging naar \(requirement.weighting == .inwoners ? "inwoners" : "inwoners van 65 jaar en ouder") kan niet: het CBS-cijfer ontbreekt of is geheim."
    }

    /// Whole percent, rounded down, so a share just below the requirement never reads as equal.
    static func percent(_ share: Double) -> String {
        "\(Int((share * 100 + 1e-9).rounded(.down))) %"
    }

    static func meters(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) m" : String(format: "%.1f m", value).replacingOccurrences(of: ".", with: ",")
    }

    static func targets(_ requirement: Requirement, _ catalog: FacilityCatalog) -> String {
        requirement.targets.map { lowercasedLabel(catalog.categories[$0].label) }.joined(separator: " of ")
    }

    /// "Dagelijkse boodschappen" → "dagelijkse boodschappen"; "OV-halte" stays.
    static func lowercasedLabel(_ label: String) -> String {
        guard let first = label.first, let second = label.dropFirst().first, second.isLowercase else { return label }
        return first.lowercased() + label.dropFirst()
    }
}
