import Foundation

/// The Dutch sentences of the response-time requirement (R8).
extension ReasonText {
    /// "40 % van de woningen is binnen 30 minuten te bereiken vanaf een 24-uurs zorgpost (fiets,
    /// 15 km/u, met 5 minuten uitruktijd); vereist is 90 %."
    static func responseShort(_ requirement: Requirement, share: Double, care: CareResponse?, catalog: FacilityCatalog) -> String {
        let subject: String
        switch (requirement.population, requirement.weighting) {
        case (.clusteredDwellings, _): subject = "van de geclusterde woningen is"
        case (_, .woningen): subject = "van de woningen is"
        case (_, .inwoners): subject = "van de inwoners (geschat per woning) is"
        case (_, .inwoners65plus): subject = "van de inwoners van 65 jaar en ouder (geschat per woning) is"
        }
        let how = care.map { " (\(mode($0.settings)))" } ?? ""
        return "\(percent(share)) \(subject) binnen \(minutes(requirement.threshold)) te bereiken vanaf een \(targets(requirement, catalog))\(how); vereist is \(percent(requirement.share))."
    }

    /// No care base of the category in the input, or none near the care network.
    static func noCareBases(_ requirement: Requirement, care: CareResponse, catalog: FacilityCatalog) -> String {
        let name = lowercasedLabel(catalog.categories[care.category].label)
        let what = care.basesRead == 0
            ? "de invoer bevat geen enkele \(name) (categorie \(catalog.categories[care.category].name): OSM social_facility=nursing_home of assisted_living met opening_hours=24/7, of een eigen laag)"
            : "geen enkele \(name) ligt bij het netwerk voor \(care.settings.mode.rawValue) (\(care.basesRead) gelezen, niet routeerbaar)"
        return "\(named(requirement)) is niet te beoordelen: \(what); vul de zorgposten aan."
    }

    static func noResponseTimes(_ requirement: Requirement) -> String {
        "\(named(requirement)) is niet te beoordelen: er zijn geen aanrijtijden berekend (geen netwerk voor [care_response])."
    }

    /// "fiets, 15 km/u, met 5 minuten uitruktijd".
    static func mode(_ settings: CareResponseSettings) -> String {
        let speed = settings.mode == .fiets ? "\(number(settings.speedKmh)) km/u" : "maximaal \(number(settings.speedKmh)) km/u"
        return "\(settings.mode.rawValue), \(speed), met \(minutes(settings.dispatchMinutes)) uitruktijd"
    }

    /// The limit of a dwelling requirement: "1000 m", or "30 min aanrijtijd" for R8.
    static func limit(_ requirement: Requirement) -> String {
        requirement.measure == .responseTime ? "\(number(requirement.threshold)) min aanrijtijd" : meters(requirement.threshold)
    }

    static func minutes(_ value: Double) -> String { "\(number(value)) \(value == 1 ? "minuut" : "minuten")" }

    /// "30", "7,5".
    static func number(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value))" : String(format: "%.1f", value).replacingOccurrences(of: ".", with: ",")
    }
}
