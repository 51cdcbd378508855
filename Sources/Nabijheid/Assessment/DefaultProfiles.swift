/// The profiles shipped with the tool, as configuration text: a configuration without
/// `[[profiles]]` gets these, read by the same code as a user's own profiles. Each threshold
/// and share names its source or says it is an assumption; docs/profielen.md shows them as a
/// table.
public enum DefaultProfiles {
    public static let toml = """
    [[profiles]]
    name = "woonservicegebied"
    label = "Woonservicegebied (basisniveau)"

    [[profiles.requirements]]
    id = "R1"
    label = "Dagelijkse boodschappen binnen loopafstand"
    to = ["dagelijkse_boodschappen"]
    threshold_m = 1000
    share = 0.9
    weighting = "woningen"
    source = "Afstand: RIGO 2014, tabel benodigde voorzieningen doelgroep ZZP3, niveau 1 (< 1000 m), in Platform31/VNG, Gebiedsgerichte aanpak wonen, welzijn en zorg (2016). Aandeel 90 %: aanname, de bron noemt geen aandeel."

    [[profiles.requirements]]
    id = "R2"
    label = "Ontmoeting en activiteiten binnen loopafstand"
    to = ["ontmoeting"]
    threshold_m = 1000
    share = 0.9
    weighting = "woningen"
    source = "Afstand: RIGO 2014, zelfde tabel, niveau 1 (< 1000 m). Aandeel 90 %: aanname."

    [[profiles.requirements]]
    id = "R3"
    label = "OV-halte bij elke woonzorgvoorziening"
    from = "voorzieningen"
    from_categories = ["zorg"]
    to = ["ov_halte"]
    threshold_m = 500
    good_m = 250
    share = 1.0
    network = "rollator"
    accessibility = "niet_ontoegankelijk"
    source = "Platform31/Taskforce Wonen en Zorg, Handreiking woonzorgopgave: ≤ 250 m goed, ≤ 500 m acceptabel, > 500 m onvoldoende, loopafstand (rollatorbereik): gemeten over het rollatornetwerk. Haltes die als ontoegankelijk bekendstaan tellen niet mee; onbekende wel (aanname: de meeste haltes zijn onbekend). Aandeel 100 %: 'bij elke' woonzorgvoorziening."

    [[profiles.requirements]]
    id = "R4"
    label = "Geclusterde woonvormen binnen 500 m van een zorgvoorziening"
    from = "geclusterde_woningen"
    to = ["zorg"]
    threshold_m = 500
    share = 1.0
    weighting = "woningen"
    source = "Handreiking woonzorgopgave, uitgewerkt voorbeeld en prestatieafspraken: 500 m. Aandeel 100 %: elke geclusterde woonvorm."

    [[profiles.requirements]]
    id = "R5"
    label = "Huisarts binnen bereik"
    to = ["huisarts"]
    threshold_m = 1000
    share = 0.9
    weighting = "woningen"
    source = "Aanname: kennisdossier 2016 noemt de huisarts in het arrangement maar geen afstand; 1000 m en 90 % zijn aannames."

    [[profiles.requirements]]
    id = "R5b"
    label = "Apotheek binnen bereik"
    to = ["apotheek"]
    threshold_m = 1000
    share = 0.9
    weighting = "woningen"
    source = "Aanname: kennisdossier 2016 noemt de apotheek maar geen afstand; 1000 m en 90 % zijn aannames."

    [[profiles.requirements]]
    id = "R6"
    label = "Geschikte woningen (ten minste nultreden)"
    measure = "geschiktheid"
    min_level = "nultreden"
    share = 0.25
    weighting = "woningen"
    without_suitability_field = "niet_van_toepassing"
    source = "Niveaus: RIGO 2014, tabel benodigde voorzieningen doelgroep ZZP3 (beugels < nultreden < rolstoelgeschikt), in Platform31/VNG, Gebiedsgerichte aanpak wonen, welzijn en zorg (2016); geschikte woningen horen bij het arrangement (kennisdossier 2016). Niveau nultreden en aandeel 25 %: aanname, de bronnen noemen geen aandeel. Woningen zonder geschiktheid tellen niet als geschikt; zonder dwellings.suitability_field niet van toepassing."

    [[profiles.requirements]]
    id = "R9"
    label = "Schaal: 5.000 tot 10.000 inwoners per wijk"
    measure = "inwoners"
    min_inwoners = 5000
    max_inwoners = 10000
    level = "wijk"
    source = "Kennisdossier 2016: een woonservicegebied is een wijk of dorp van ongeveer 5.000 tot 10.000 inwoners. Beoordeeld op CBS-inwoners per wijk (som van de buurten); grenzen inclusief: aanname."

    [[profiles.requirements]]
    id = "R8"
    label = "Hulp binnen 30 minuten na een alarm"
    measure = "aanrijtijd"
    max_min = 30
    share = 0.9
    weighting = "woningen"
    source = "Aanrijtijd: RIGO 2014, tabel benodigde voorzieningen doelgroep ZZP3, hulp binnen 20–30 minuten na een alarm vanaf een 24-uurs zorgpost; 30 min is de ruime grens. Aandeel 90 %: aanname. Weging naar woningen als de andere eisen van dit profiel (zonder_mantelzorg weegt naar 65-plussers). Vervoer, snelheid en uitruktijd: [care_response] (standaard fiets 15 km/u, 5 minuten uitruktijd: aannames)."

    [[profiles]]
    name = "zonder_mantelzorg"
    label = "Strikt: bewoners zonder mantelzorg"

    [[profiles.requirements]]
    id = "R1s"
    label = "Dagelijkse boodschappen zeer nabij"
    to = ["dagelijkse_boodschappen"]
    threshold_m = 100
    share = 0.9
    weighting = "inwoners_65plus"
    source = "Afstand: RIGO 2014, niveau 2 (strikt, < 100 m); welk niveau bij 'geen mantelzorg' hoort is in de gepubliceerde tekst niet meer te zien: aanname. Aandeel 90 %: aanname."

    [[profiles.requirements]]
    id = "R2s"
    label = "Ontmoeting zeer nabij"
    to = ["ontmoeting"]
    threshold_m = 100
    share = 0.9
    weighting = "inwoners_65plus"
    source = "Afstand: RIGO 2014, niveau 2 (strikt, < 100 m); aanname als bij R1s. Aandeel 90 %: aanname."

    [[profiles.requirements]]
    id = "R3s"
    label = "Toegankelijke ov-halte bij elke woonzorgvoorziening"
    from = "voorzieningen"
    from_categories = ["zorg"]
    to = ["ov_halte"]
    threshold_m = 500
    good_m = 250
    share = 1.0
    network = "rolstoel"
    accessibility = "toegankelijk"
    source = "Handreiking woonzorgopgave: ≤ 250 m goed, ≤ 500 m acceptabel. Strikt: over het rolstoelnetwerk en alleen haltes die als toegankelijk bekendstaan (CHB, GTFS wheelchair_boarding=1, OSM wheelchair=yes); dat deze variant bij 'geen mantelzorg' hoort is een aanname."

    [[profiles.requirements]]
    id = "R5"
    label = "Huisarts binnen bereik"
    to = ["huisarts"]
    threshold_m = 1000
    share = 0.9
    weighting = "inwoners_65plus"
    source = "Aanname, als in profiel woonservicegebied."

    [[profiles.requirements]]
    id = "R8s"
    label = "Hulp binnen 10 minuten na een alarm"
    measure = "aanrijtijd"
    max_min = 10
    share = 0.9
    weighting = "inwoners_65plus"
    source = "Aanrijtijd: RIGO 2014, hulp binnen 10 minuten na een alarm (strikt), vanaf een 24-uurs zorgpost. Aandeel 90 %: aanname."

    """
}
