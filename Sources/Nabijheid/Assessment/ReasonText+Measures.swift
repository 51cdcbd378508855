/// The reasons of the suitability (R6) and inhabitants (R9) requirements, e.g. "De wijk telt
/// 4.999 inwoners (CBS, som van de buurten); vereist is 5.000 tot en met 10.000." Each returns
/// the reason code with the sentence where both depend on the measure.
extension ReasonText {
    /// R6 in a run without `dwellings.suitability_field`: code `<id>_GEEN_GESCHIKTHEID`.
    static func nothingMeasured(_ requirement: Requirement) -> (code: String, text: String) {
        ("\(requirement.id)_GEEN_GESCHIKTHEID",
         "\(named(requirement)) is onbekend: de woningen hebben geen geschiktheid in de invoer (stel dwellings.suitability_field in).")
    }

    /// Dwellings of unknown suitability could decide the verdict either way: code
    /// `<id>_GESCHIKTHEID_ONBEKEND`.
    static func undecided(_ requirement: Requirement, share: Double, unknownShare: Double) -> (code: String, text: String) {
        ("\(requirement.id)_GESCHIKTHEID_ONBEKEND",
         "\(named(requirement)) is onbekend: \(suitableShare(requirement, share)), van nog \(percent(unknownShare)) is de geschiktheid onbekend; vereist is \(percent(requirement.share)).")
    }

    /// Too few suitable dwellings even if every unknown one were suitable: code
    /// `<id>_TE_WEINIG_GESCHIKT`.
    static func tooFewSuitable(_ requirement: Requirement, share: Double, unknownShare: Double) -> (code: String, text: String) {
        let unknown = unknownShare > 0 ? " (van \(percent(unknownShare)) is de geschiktheid onbekend)" : ""
        return ("\(requirement.id)_TE_WEINIG_GESCHIKT",
                "\(suitableShare(requirement, share).capitalizedFirst)\(unknown); vereist is \(percent(requirement.share)).")
    }

    /// "40 % van de woningen is ten minste nultreden".
    static func suitableShare(_ requirement: Requirement, _ share: Double) -> String {
        guard case .suitability(let measure) = requirement.measure else { return percent(share) }
        let level = "ten minste \(measure.levelName)"
        switch (requirement.population, requirement.weighting) {
        case (.clusteredDwellings, _): return "\(percent(share)) van de geclusterde woningen is \(level)"
        case (_, .woningen): return "\(percent(share)) van de woningen is \(level)"
        case (_, .inwoners): return "\(percent(share)) van de inwoners (geschat per woning) woont in een woning die \(level) is"
        case (_, .inwoners65plus): return "\(percent(share)) van de inwoners van 65 jaar en ouder (geschat per woning) woont in een woning die \(level) is"
        }
    }

    /// R9 where a buurt of the area lacks CBS inhabitants.
    static func unknownInhabitants(_ requirement: Requirement, level: AreaLevel.Kind) -> String {
        "\(named(requirement)) is onbekend: het CBS-cijfer aantal inwoners ontbreekt voor een of meer buurten van deze \(level.rawValue) (of het is geheim)."
    }

    /// "De wijk telt 4.999 inwoners (CBS, som van de buurten); vereist is 5.000 tot en met 10.000."
    static func inhabitantsOutside(_ requirement: Requirement, _ measure: InhabitantsMeasure, inhabitants: Double, level: AreaLevel.Kind) -> String {
        let range: String
        if measure.maximum == .infinity {
            range = "ten minste \(count(measure.minimum))"
        } else if measure.minimum == 0 {
            range = "ten hoogste \(count(measure.maximum))"
        } else {
            range = "\(count(measure.minimum)) tot en met \(count(measure.maximum))"
        }
        let whose = level == .buurt ? "CBS" : "CBS, som van de buurten"
        return "De \(level.rawValue) telt \(count(inhabitants)) inwoners (\(whose)); \(requirement.id) vereist \(range) inwoners."
    }

    /// A whole number with a dot per thousand, as Dutch text writes it: 10.000.
    static func count(_ value: Double) -> String {
        let rounded = Int(value.rounded())
        let digits = String(rounded.magnitude)
        var out = ""
        for (i, digit) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "." }
            out.append(digit)
        }
        return (rounded < 0 ? "-" : "") + out
    }
}

private extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}

/// How the profile tables (`nabijheid profiles`, docs/profielen.md, rapport.html) describe a
/// requirement that is not a distance.
extension Requirement {
    /// The cells from, to, threshold, share and weighting; nil for distance requirements.
    var measureCells: (from: String, to: String, threshold: String, share: String, weighting: String)? {
        switch measure {
        case .distance, .responseTime:
            return nil
        case .suitability(let suitability):
            return (population == .clusteredDwellings ? "geclusterde woningen" : "woningen", "geschiktheid",
                    "≥ \(suitability.levelName)", ReasonText.percent(share), weighting.rawValue)
        case .inhabitants(let inhabitants):
            return (inhabitants.level.rawValue, "CBS-inwoners", ReasonText.inhabitantRange(inhabitants), "–", "–")
        }
    }

    /// The short criterion above a report column: "geschiktheid ≥ nultreden", "wijk 5.000 t/m
    /// 10.000 inwoners"; nil for distance requirements.
    var measureCriterion: String? {
        switch measure {
        case .distance, .responseTime: return nil
        case .suitability(let suitability):
            return (population == .clusteredDwellings ? "geclusterd: " : "") + "geschiktheid ≥ \(suitability.levelName)"
        case .inhabitants(let inhabitants): return "\(inhabitants.level.rawValue) \(ReasonText.inhabitantRange(inhabitants))"
        }
    }
}

extension ReasonText {
    /// "5.000 t/m 10.000 inwoners", "≥ 5.000 inwoners", "≤ 10.000 inwoners".
    static func inhabitantRange(_ measure: InhabitantsMeasure) -> String {
        if measure.maximum == .infinity { return "≥ \(count(measure.minimum)) inwoners" }
        if measure.minimum == 0 { return "≤ \(count(measure.maximum)) inwoners" }
        return "\(count(measure.minimum)) t/m \(count(measure.maximum)) inwoners"
    }
}
