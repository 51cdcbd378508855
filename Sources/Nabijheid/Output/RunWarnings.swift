import Foundation

/// Warnings about what the input can support, for the console summary, `run.json`
/// (`waarschuwingen`) and the top of rapport.html: a category without any facility, buurten
/// without dwellings while CBS counts inhabitants there, most buurten empty, barrier and kerb
/// points on no network vertex, and GDAL's warnings in Dutch with the original beside it.
extension RunReport {
    public struct Warning: Codable, Sendable, Equatable {
        /// `CATEGORIE_ZONDER_VOORZIENINGEN`, `BUURTEN_ZONDER_WONINGEN`, `MEESTE_BUURTEN_LEEG`,
        /// `CBS_VERSCHIL`, `KNOPEN_NAAST_NETWERK` or `GDAL`.
        public var code: String
        /// A Dutch sentence for the planner.
        public var melding: String
        /// The category concerned.
        public var categorie: String? = nil
        /// Requirements that cannot be judged because of it, as `profiel/eis`.
        public var eisen: [String]? = nil
        /// The buurten concerned, by code.
        public var buurtcodes: [String]? = nil
        /// GDAL's own message, untranslated.
        public var origineel: String? = nil
    }

    /// Every warning of a run, the weightiest first.
    static func warnings(for result: RunResult) -> [Warning] {
        coverageWarnings(result) + cbsWarnings(result) + nodeLayerWarnings(result.network) + result.notes.compactMap(gdalWarning)
    }

    /// Points of the network's node layer with a barrier or kerb that lie on no vertex: their
    /// rules do not count, which the planner should know (and can repair in the layer).
    static func nodeLayerWarnings(_ network: NetworkSummary) -> [Warning] {
        guard let nodes = network.knopenlaag, nodes.naast_netwerk > 0 else { return [] }
        let shown = nodes.naast_netwerk_fids.map(String.init).joined(separator: ", ") + (nodes.naast_netwerk > nodes.naast_netwerk_fids.count ? ", …" : "")
        let tolerance = String(format: "%.2f m", WalkGraphBuilder.nodeLayerTolerance).replacingOccurrences(of: ".", with: ",")
        let text = nodes.naast_netwerk == 1
            ? "1 punt met een barrière- of stoeprandregel in \(nodes.laag) ligt op geen knoop van het netwerk (binnen \(tolerance)) en telt niet mee: fid \(shown)"
            : "\(nodes.naast_netwerk) punten met een barrière- of stoeprandregel in \(nodes.laag) liggen op geen knoop van het netwerk (binnen \(tolerance)) en tellen niet mee: fid \(shown)"
        return [Warning(code: "KNOPEN_NAAST_NETWERK", melding: text)]
    }

    static func coverageWarnings(_ result: RunResult) -> [Warning] {
        let catalog = result.configuration.catalog
        let profiles = result.configuration.assessment.profiles
        var warnings: [Warning] = []
        for category in result.coverage.emptyCategories {
            let label = ReasonText.lowercasedLabel(catalog.categories[category].label)
            let affected = profiles.flatMap { profile in
                profile.requirements.filter { result.coverage.cannotJudge($0) && ($0.targets.contains(category) || $0.sources.contains(category)) }
                    .map { "\(profile.name)/\($0.id)" }
            }
            let read = result.coverage.read[category]
            var text = read == 0
                ? "De invoer bevat geen enkele \(label) (categorie \(catalog.categories[category].name))"
                : "Geen van de \(read) voorzieningen \(label) is via het loopnetwerk bereikbaar"
            text += affected.isEmpty
                ? "; geen eis gebruikt deze categorie."
                : ": \(affected.count == 1 ? "eis" : "eisen") \(ReasonText.list(affected.map { $0.replacingOccurrences(of: "/", with: " ") })) \(affected.count == 1 ? "is" : "zijn") nergens te beoordelen. Vul de voorzieningen aan."
            warnings.append(Warning(code: "CATEGORIE_ZONDER_VOORZIENINGEN", melding: text, categorie: catalog.categories[category].name,
                                    eisen: affected.isEmpty ? nil : affected))
        }
        guard let level = result.areas.first(where: { $0.level.kind == .buurt }) else { return warnings }
        let land = result.buurten.indices.filter { !result.buurten[$0].isWater }
        let empty = land.filter { level.figures[$0].dwellings == 0 }
        let inhabited = empty.filter { (result.buurten[$0].inhabitants ?? 0) >= Double(result.configuration.assessment.minimumDwellings) }
        if !inhabited.isEmpty {
            let people = inhabited.reduce(0.0) { $0 + (result.buurten[$1].inhabitants ?? 0) }
            let names = inhabited.prefix(5).map { result.buurten[$0].name }
            warnings.append(Warning(
                code: "BUURTEN_ZONDER_WONINGEN",
                melding: "\(inhabited.count) \(inhabited.count == 1 ? "buurt heeft" : "buurten hebben") geen enkele woning in de invoer, terwijl het CBS er "
                    + "samen \(HTMLReport.number(Int(people.rounded()))) inwoners telt (\(names.joined(separator: ", "))\(inhabited.count > 5 ? ", …" : "")). "
                    + "De woningenlaag is daar onvolledig; deze buurten zijn niet te beoordelen.",
                buurtcodes: inhabited.map { result.buurten[$0].code }))
        }
        if !land.isEmpty && empty.count * 2 > land.count {
            warnings.append(Warning(
                code: "MEESTE_BUURTEN_LEEG",
                melding: "\(empty.count) van de \(land.count) buurten (\(ReasonText.percent(Double(empty.count) / Double(land.count)))) hebben geen enkele woning in de invoer. "
                    + "Dekt de woningenlaag hetzelfde gebied als de buurten? Lege buurten zijn niet beoordeeld.",
                buurtcodes: empty.map { result.buurten[$0].code }))
        }
        return warnings
    }

    /// Per compared category and flag: the buurten where CBS's figures disagree with the input.
    static func cbsWarnings(_ result: RunResult) -> [Warning] {
        guard let cbs = result.cbs else { return [] }
        var warnings: [Warning] = []
        for (k, category) in cbs.categories.enumerated() {
            let name = result.configuration.catalog.categories[category].name
            let label = ReasonText.lowercasedLabel(result.configuration.catalog.categories[category].label)
            for flag in [CBSComparison.Flag.cbsWelInvoerNiet, .loopafstandVeelKorter] {
                let flagged = result.buurten.indices.filter { cbs.entries[$0][k].flag == flag }
                guard !flagged.isEmpty else { continue }
                let names = flagged.prefix(5).map { result.buurten[$0].name }.joined(separator: ", ") + (flagged.count > 5 ? ", …" : "")
                let count = flagged.count == 1 ? "1 buurt" : "\(flagged.count) buurten"
                let text = flag == .cbsWelInvoerNiet
                    ? "In \(count) (\(names)) vindt het CBS voor \(label) gemiddeld een voorziening binnen \(Int(CBSComparison.nearbyKm)) km, maar de invoer heeft er geen binnen de zoekgrens: de voorzieningen zijn waarschijnlijk onvolledig."
                    : "In \(count) (\(names)) is de gemiddelde loopafstand voor \(label) veel korter dan de CBS-afstand over de weg (\(cbs.fields[k])): controleer of de invoer en het CBS dezelfde voorzieningen tellen."
                warnings.append(Warning(code: "CBS_VERSCHIL", melding: text, categorie: name, buurtcodes: flagged.map { result.buurten[$0].code }))
            }
        }
        return warnings
    }

    /// A note of the form "GDAL: <message> (3×)" as a warning with a Dutch sentence.
    static func gdalWarning(_ note: String) -> Warning? {
        guard note.hasPrefix("GDAL: ") else { return nil }
        return Warning(code: "GDAL", melding: GDALMessageText.dutch(note), origineel: note)
    }
}

extension Requirement {
    /// The source categories of a facility requirement (R3); none for dwelling requirements.
    var sources: [Int] {
        if case .facilities(let categories) = population { return categories }
        return []
    }
}
