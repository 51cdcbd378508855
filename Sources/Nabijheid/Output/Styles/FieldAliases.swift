/// Dutch names for the properties of every layer, written as field aliases in the `.qml`
/// styles so that QGIS's attribute table reads "Afstand tot huisarts (m)" instead of
/// `afstand_huisarts_m`. The names follow docs/schema.md; the property names themselves stay
/// as they are (they are the interface for scripts and joins).
struct FieldAliases {
    private var table: [String: String] = [:]

    init(_ configuration: RunConfiguration) {
        table = [
            "buurtcode": "Buurtcode", "buurtnaam": "Buurtnaam", "wijkcode": "Wijkcode", "gemeentecode": "Gemeentecode",
            "water": "Waterbuurt", "aantal_buurten": "Aantal buurten", "aantal_inwoners": "Aantal inwoners (CBS)",
            "aantal_inwoners_65plus": "Inwoners van 65 jaar en ouder (CBS)", "aantal_woningen": "Aantal woningen",
            "aantal_woningen_routeerbaar": "Woningen bereikbaar via het looppadennetwerk",
            "aantal_woningen_niet_routeerbaar": "Woningen niet routeerbaar (te ver van een looppad)",
            "aantal_woningen_geclusterd": "Woningen in een geclusterde woonvorm",
            "woning_id": "Woning-id", "status": "Status van de woning",
            "aansluiting_m": "Afstand tot het looppadennetwerk (m)",
            "toegankelijkheid": "Toegankelijk met rolstoel of rollator",
            "toegankelijkheid_bron": "Bron van de toegankelijkheid",
            "voorziening_id": "Voorziening-id", "naam": "Naam", "categorie": "Categorie", "bron": "Bron",
            "drempel_m": "Loopafstand (m)", "oppervlakte_ha": "Oppervlakte (ha)",
            "slechter": "Slechter door het plan (1 = ja)", "aantal_woningen_huidig": "Woningen nu",
            "aantal_woningen_plan": "Woningen met het plan",
        ]
        for level in configuration.dwellings.attributes.suitabilityLevels {
            table["aantal_woningen_\(PropertyNames.snake(level))_of_beter"] = "Woningen \(level) of beter"
        }
        for category in configuration.catalog.categories {
            let label = ReasonText.lowercasedLabel(category.label)
            table[PropertyNames.distance(category.name)] = "Afstand tot \(label) (m)"
            table[PropertyNames.nearest(category.name)] = "Dichtstbijzijnde \(label)"
            table[PropertyNames.straightLine(category.name)] = "Hemelsbreed tot \(label) (m)"
            table[PropertyNames.median(category.name)] = "Mediane loopafstand tot \(label) (m)"
            for threshold in configuration.distances.thresholds {
                table[PropertyNames.share(category.name, within: threshold)] =
                    "Aandeel woningen binnen \(ReasonText.meters(threshold)) van \(label)"
            }
        }
        for profile in configuration.mobilityProfiles {
            let who = ReasonText.lowercasedLabel(profile.label)
            for category in configuration.catalog.categories {
                table[PropertyNames.distance(category.name, profile: profile.name)] =
                    "Afstand tot \(ReasonText.lowercasedLabel(category.label)) \(who) (m)"
            }
            table[PropertyNames.detour(profile.name)] = "Omrijfactor \(who) (mediaan)"
            table[PropertyNames.detourP90(profile.name)] = "Omrijfactor \(who) (90e percentiel)"
            table[PropertyNames.lostReach(profile.name)] = "Woningen die \(who) een voorziening verliezen"
            table[PropertyNames.unknownShare(profile.name)] = "Aandeel routes \(who) over onbekende toegankelijkheid"
        }
        if let care = configuration.careResponse, let category = configuration.catalog.categories.first(where: { $0.name == care.category }) {
            let label = ReasonText.lowercasedLabel(category.label)
            table[PropertyNames.responseTime(care.category)] = "Aanrijtijd vanaf \(label) (min)"
            table[PropertyNames.responseMedian(care.category)] = "Mediane aanrijtijd vanaf \(label) (min)"
            for limit in CareResponseFigures.limits {
                table[PropertyNames.responseShare(care.category, within: limit)] = "Aandeel woningen binnen \(ReasonText.minutes(limit)) vanaf \(label)"
            }
        }
        for profile in configuration.assessment.profiles {
            let suffix = "(\(profile.label))"
            table["klasse_\(profile.name)"] = "Klasse \(suffix)"
            table["redenen_\(profile.name)"] = "Redencodes \(suffix)"
            table["toelichting_\(profile.name)"] = "Toelichting \(suffix)"
            table["klasse_\(profile.name)_huidig"] = "Klasse nu \(suffix)"
            table["klasse_\(profile.name)_plan"] = "Klasse met het plan \(suffix)"
            for requirement in profile.requirements {
                let prefix = PropertyNames.requirement(profile, requirement)
                let id = requirement.id
                table["\(prefix)_status"] = "\(id) status"
                table["\(prefix)_aandeel"] = "\(id) aandeel binnen bereik"
                table["\(prefix)_inwoners_buiten_bereik"] = "\(id) inwoners buiten bereik (schatting)"
                table["\(prefix)_inwoners_65plus_buiten_bereik"] = "\(id) inwoners 65+ buiten bereik (schatting)"
                if case .suitability(let measure) = requirement.measure {
                    // R6 is not about reach: say what is counted.
                    table["\(prefix)_aandeel"] = "\(id) aandeel woningen ten minste \(measure.levelName)"
                    table["\(prefix)_inwoners_buiten_bereik"] = "\(id) inwoners in een minder of onbekend geschikte woning (schatting)"
                    table["\(prefix)_inwoners_65plus_buiten_bereik"] = "\(id) inwoners 65+ in een minder of onbekend geschikte woning (schatting)"
                    table["\(prefix)_woningen_geschiktheid_onbekend"] = "\(id) woningen met onbekende geschiktheid"
                }
                table["\(prefix)_locaties"] = "\(id) locaties"
                table["\(prefix)_locaties_onvoldoende"] = "\(id) locaties zonder doel binnen bereik"
                table["\(prefix)_locaties_goed"] = "\(id) locaties goed"
                table["\(prefix)_klasse"] = "\(id) klasse van deze locatie"
                table["\(prefix)_aandeel_huidig"] = "\(id) aandeel nu"
                table["\(prefix)_aandeel_plan"] = "\(id) aandeel met het plan"
                table["\(prefix)_aandeel_verschil"] = "\(id) verschil in aandeel"
            }
        }
    }

    func alias(_ field: String) -> String? { table[field] }

    /// The aliases of a layer's fields, in field order; fields without an alias are left out.
    func aliases(_ fields: [FieldDefinition]) -> [(field: String, alias: String)] {
        fields.compactMap { field in alias(field.name).map { (field.name, $0) } }
    }
}
