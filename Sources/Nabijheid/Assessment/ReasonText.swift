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
        return "\(percent(share)) \(subject) binnen \(meters(requirement.threshold)) \(walking(requirement)) van \(targets(requirement, catalog)); vereist is \(percent(requirement.share))."
    }

    static func locationsShort(_ requirement: Requirement, failing: Int, total: Int, catalog: FacilityCatalog) -> String {
        guard case .facilities(let sources) = requirement.population else { return "" }
        let locations = sources.map { lowercasedLabel(catalog.categories[$0].label) }.joined(separator: " of ")
        return "\(failing) van de \(total) locaties (\(locations)) \(failing == 1 ? "heeft" : "hebben") geen \(targets(requirement, catalog)) binnen \(meters(requirement.threshold)) \(walking(requirement)); vereist is \(percent(requirement.share))."
    }

    /// Names the requirement and the CBS figure that is missing, e.g. "R1s (dagelijkse
    /// boodschappen zeer nabij) is onbekend: voor de weging naar inwoners van 65 jaar en ouder
    /// ontbreekt het CBS-cijfer aantal inwoners (of het is geheim)."
    static func unknownWeights(_ requirement: Requirement, lacksInhabitants: Bool = true) -> String {
        let group = requirement.weighting == .inwoners ? "inwoners" : "inwoners van 65 jaar en ouder"
        let figure = lacksInhabitants ? "aantal inwoners" : "percentage personen van 65 jaar en ouder"
        return "\(named(requirement)) is onbekend: voor de weging naar \(group) ontbreekt het CBS-cijfer \(figure) (of het is geheim)."
    }

    /// "R5b (apotheek binnen bereik) is niet te beoordelen: de invoer bevat geen enkele apotheek."
    static func noFacilities(_ requirement: Requirement, missing: [Int], coverage: FacilityCoverage, catalog: FacilityCatalog) -> String {
        let names = missing.map { lowercasedLabel(catalog.categories[$0].label) }.joined(separator: " of ")
        let read = missing.reduce(0) { $0 + ($1 < coverage.read.count ? coverage.read[$1] : 0) }
        let what = read == 0
            ? "de invoer bevat geen enkele \(names)"
            : "geen enkele \(names) in de invoer is via het loopnetwerk bereikbaar (\(read) gelezen, niet routeerbaar)"
        return "\(named(requirement)) is niet te beoordelen: \(what); vul de voorzieningen aan."
    }

    /// "lopen", "lopen met een rollator", and which facilities count when a filter applies:
    /// "lopen met een rollator (alleen niet ontoegankelijke …)" reads wrong, so the filter says
    /// what it leaves out.
    static func walking(_ requirement: Requirement) -> String {
        var text = requirement.network == MobilityProfile.standaardName ? "lopen" : "lopen (mobiliteitsprofiel \(requirement.network))"
        switch requirement.accessibility {
        case .alle: break
        case .nietOntoegankelijk: text += ", waarbij voorzieningen die als ontoegankelijk bekendstaan niet meetellen"
        case .toegankelijk: text += ", waarbij alleen voorzieningen tellen die als toegankelijk bekendstaan"
        }
        return text
    }

    /// "R3s (…) is niet te beoordelen: van geen enkele OV-halte in de invoer is bekend dat die toegankelijk is; …"
    static func noAccessibleFacilities(_ requirement: Requirement, missing: [Int], catalog: FacilityCatalog) -> String {
        let names = missing.map { lowercasedLabel(catalog.categories[$0].label) }.joined(separator: " of ")
        let what = "van geen enkele \(names) in de invoer is bekend dat die toegankelijk is"
        return "\(named(requirement)) is niet te beoordelen: \(what); voeg toegankelijkheidsgegevens toe (CHB-haltebestand, GTFS wheelchair_boarding of OSM wheelchair=*)."
    }

    /// A buurt without dwellings in the input while CBS counts inhabitants there.
    static func noDwellings(inhabitants: Double) -> String {
        "Geen woningen in de invoer, terwijl het CBS hier \(Int(inhabitants.rounded())) inwoners telt: de woningenlaag is hier onvolledig, dus niet te beoordelen."
    }

    /// "Voldoet aan R3; R1s, R2s en R5 zijn onbekend, dus of het gebied voldoet is niet te zeggen."
    static func openVerdict(met: [String], unknown: [String]) -> String {
        let verb = unknown.count == 1 ? "is" : "zijn"
        let open = "\(list(unknown)) \(verb) onbekend, dus of het gebied voldoet is niet te zeggen."
        return met.isEmpty ? "Geen eis is te beoordelen: \(open)" : "Voldoet aan \(list(met)); \(open)"
    }

    /// "R1", "R1 en R2", "R1, R2 en R5".
    static func list(_ items: [String]) -> String {
        items.count <= 1 ? items.joined() : items.dropLast().joined(separator: ", ") + " en " + items.last!
    }

    /// "R1s (dagelijkse boodschappen zeer nabij)".
    static func named(_ requirement: Requirement) -> String {
        "\(requirement.id) (\(lowercasedLabel(requirement.label)))"
    }

    /// Whole percent, rounded down, so a share just below the requirement never reads as equal.
    static func percent(_ share: Double) -> String {
        "\(Int((share * 100 + 1e-9).rounded(.down))) %"
    }

    /// "8", "1,25": a number the Dutch way, at most two decimals.
    static func decimal(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value))" : String(format: "%.2f", value).replacingOccurrences(of: "0+$", with: "", options: .regularExpression)
            .replacingOccurrences(of: ".", with: ",")
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
