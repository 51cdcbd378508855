/// QGIS layer styles (`.qml`) written next to each layer with the same base name, which QGIS
/// loads as the layer's default style. Every style has Dutch field aliases (FieldAliases);
/// the colours and shapes come from MapPalette, shared with the report's map.
///
/// - Areas (buurten, wijken, gemeenten): filled by the class of the first profile, labelled with
///   the name (or the code when there is no name) from 1 : 40 000 (buurten, a city on one
///   screen or an A4 page), 1 : 150 000 (wijken) and 1 : 1 500 000 (gemeenten) with a white
///   halo; QGIS leaves out labels that would overlap.
/// - Dwellings: rule-based on the distance, a group per category (the first switched on), with
///   the tool's "strictly below" rule in every filter, and a symbol and legend row for each
///   kind of dwelling without a distance.
/// - Facilities: a shape and colour per category, dark outline; buurt names keep off them.
/// - Service areas: a group per category (switched on in the layer tree one at a time), a rule
///   per threshold.
/// - The plan check's difference layer: the class with the plan, the buurten that get worse
///   and those whose class changes.
enum QGISStyle {
    /// The style of an output layer by its base name; nil for a layer without one.
    static func style(forLayer base: String, _ configuration: RunConfiguration) -> String? {
        switch base {
        case "buurten": return areas(configuration, kind: .buurt)
        case "wijken": return areas(configuration, kind: .wijk)
        case "gemeenten": return areas(configuration, kind: .gemeente)
        case "woningen": return dwellings(configuration)
        case "voorzieningen": return facilities(configuration)
        case "bereikgebieden": return serviceAreas(configuration)
        default: return nil
        }
    }

    // MARK: - Areas

    /// The label: the name, or the code where the name is empty (a buurt whose code is its
    /// name is named once).
    static func areaLabel(_ kind: AreaLevel.Kind) -> String {
        let code = QGISDocument.field(kind.codeProperty)
        guard kind == .buurt else { return code }
        let name = QGISDocument.field("buurtnaam")
        return "CASE WHEN \(name) IS NULL OR \(name) = '' THEN \(code) ELSE \(name) END"
    }

    /// Code and name for the identify panel, the name left out when it equals the code.
    static func areaDisplay(_ kind: AreaLevel.Kind) -> String {
        let code = QGISDocument.field(kind.codeProperty)
        guard kind == .buurt else { return code }
        let name = QGISDocument.field("buurtnaam")
        return "CASE WHEN \(name) IS NULL OR \(name) = '' OR \(name) = \(code) THEN \(code) ELSE \(code) || ' ' || \(name) END"
    }

    static let labelScale: [AreaLevel.Kind: Double] = [.buurt: 40_000, .wijk: 150_000, .gemeente: 1_500_000]

    static func classSymbol(_ index: Int, _ klasse: ProfileOutcome.Class, outlineWidth: String) -> String {
        var layers = [QGISDocument.fill(MapPalette.rgb(klasse), outline: "90,90,90", outlineWidth: outlineWidth)]
        if klasse == .nietTeBeoordelen { layers.append(QGISDocument.hatch(MapPalette.hatch)) }
        return QGISDocument.symbol(index, .fill, layers)
    }

    static func areas(_ configuration: RunConfiguration, kind: AreaLevel.Kind) -> String {
        let outlineWidth = kind == .buurt ? "0.2" : "0.5"
        let renderer: String
        if let profile = configuration.assessment.profiles.first {
            var categories = MapPalette.classes.enumerated().map { index, entry in
                (value: entry.klasse.rawValue, label: entry.label, symbol: classSymbol(index, entry.klasse, outlineWidth: outlineWidth))
            }
            categories.append((value: "", label: "Onbekende klasse",
                               symbol: QGISDocument.symbol(categories.count, .fill, [QGISDocument.outline("90,90,90", width: outlineWidth)])))
            renderer = QGISDocument.categorized(attribute: "klasse_\(profile.name)", categories: categories)
        } else {
            renderer = QGISDocument.singleSymbol(QGISDocument.symbol(0, .fill, [QGISDocument.outline("60,60,60", width: outlineWidth)]))
        }
        let labels = QGISDocument.Labels(expression: areaLabel(kind), maximumScaleDenominator: labelScale[kind]!,
                                         fontSize: kind == .buurt ? 8 : 10, bold: kind != .buurt)
        return QGISDocument.document(renderer: renderer, labels: labels,
                                     aliases: FieldAliases(configuration).aliases(AreaLayer.fields(configuration, kind: kind)),
                                     displayExpression: areaDisplay(kind))
    }

    // MARK: - Dwellings

    /// Distance bands from the thresholds: [0, t₁), [t₁, t₂), …, [tₙ, search bound].
    static func bands(_ thresholds: [Double]) -> [(lower: Double?, upper: Double?)] {
        let sorted = thresholds.sorted()
        guard !sorted.isEmpty else { return [(nil, nil)] }
        var bands: [(lower: Double?, upper: Double?)] = [(nil, sorted[0])]
        for (lower, upper) in zip(sorted, sorted.dropFirst()) { bands.append((lower, upper)) }
        bands.append((sorted.last!, nil))
        return bands
    }

    /// One group per category (only the first switched on, since the groups draw the same
    /// points): the distance bands and the dwellings with no facility of that category within
    /// the search bound; then the same per mobility profile (switched off), where the dwellings
    /// that reach the category on foot within the largest threshold but not with the profile
    /// have a symbol of their own; then one group for the dwellings that have no distance at all.
    static func dwellings(_ configuration: RunConfiguration) -> String {
        let aliases = FieldAliases(configuration).aliases(DwellingLayer.fields(configuration))
        let status = QGISDocument.field("status")
        let inBuurt = "\(status) = \(QGISDocument.literal(DwellingOutcome.inBuurt.code))"
        var symbols: [String] = []
        var rules: [QGISDocument.Rule] = []
        let largest = configuration.distances.thresholds.max()
        let networks: [(name: String?, label: String?)] = [(nil, nil)] + configuration.mobilityProfiles.map { ($0.name, $0.label) }
        for network in networks {
            for (c, category) in configuration.catalog.categories.enumerated() {
                let walking = QGISDocument.field(PropertyNames.distance(category.name))
                let distance = network.name.map { QGISDocument.field(PropertyNames.distance(category.name, profile: $0)) } ?? walking
                let key = network.name.map { "\(category.name)-\($0)" } ?? category.name
                var children: [QGISDocument.Rule] = []
                for (index, band) in bands(configuration.distances.thresholds).enumerated() {
                    var conditions = [inBuurt, "\(distance) IS NOT NULL"]
                    let label: String
                    switch (band.lower, band.upper) {
                    case (nil, let upper?):
                        conditions.append("\(distance) < \(QGISDocument.format(upper))")
                        label = "minder dan \(ReasonText.meters(upper))"
                    case (let lower?, let upper?):
                        conditions += ["\(distance) >= \(QGISDocument.format(lower))", "\(distance) < \(QGISDocument.format(upper))"]
                        label = "\(ReasonText.meters(lower)) tot \(ReasonText.meters(upper))"
                    case (let lower?, nil):
                        conditions.append("\(distance) >= \(QGISDocument.format(lower))")
                        label = "\(ReasonText.meters(lower)) of meer"
                    case (nil, nil):
                        label = "met een afstand"
                    }
                    // A dark outline keeps light bands visible on the light class fills beneath.
                    let colour = MapPalette.bandColours[min(index, MapPalette.bandColours.count - 1)]
                    symbols.append(QGISDocument.symbol(symbols.count, .marker, [QGISDocument.marker("circle", fill: colour, outline: "40,40,40", size: 1.8, outlineWidth: "0.15")]))
                    children.append(.init(key: "\(key)-band-\(index)", label: label, filter: conditions.joined(separator: " AND "),
                                          symbol: symbols.count - 1))
                }
                let label = ReasonText.lowercasedLabel(category.label)
                var beyond = "\(inBuurt) AND \(distance) IS NULL"
                if network.name != nil, let largest {
                    // Lost with the profile: the planner's question, so a shape and colour of its own.
                    let lost = "\(walking) IS NOT NULL AND \(walking) < \(QGISDocument.format(largest))"
                    symbols.append(QGISDocument.symbol(symbols.count, .marker, [QGISDocument.marker("triangle", fill: MapPalette.lostReach, outline: "40,40,40", size: 2.4, outlineWidth: "0.2")]))
                    children.append(.init(key: "\(key)-verloren", label: "lopend binnen \(ReasonText.meters(largest)), \(network.label!.lowercased()) niet",
                                          filter: "\(beyond) AND \(lost)", symbol: symbols.count - 1))
                    beyond += " AND NOT (\(lost))"
                }
                symbols.append(QGISDocument.symbol(symbols.count, .marker, [QGISDocument.marker("square", fill: "60,60,60", outline: "255,255,255", size: 1.8, outlineWidth: "0.1")]))
                children.append(.init(key: "\(key)-zoekgrens", label: "geen \(label) binnen de zoekgrens (\(ReasonText.meters(configuration.distances.cutoff)))",
                                      filter: beyond, symbol: symbols.count - 1))
                let title = network.label.map { "\($0): afstand tot \(label)" } ?? "Loopafstand tot \(label)"
                rules.append(.init(key: key, label: title, children: children, active: network.name == nil && c == 0))
            }
        }
        let withoutDistance: [(key: String, label: String, filter: String, symbol: QGISDocument.SymbolLayer)] = [
            ("niet-routeerbaar", "niet routeerbaar (verder dan \(ReasonText.meters(configuration.network.maxSnapMeters)) van een looppad)",
             "\(status) = \(QGISDocument.literal(DwellingOutcome.notRoutable.code))",
             QGISDocument.marker("cross2", fill: "0,0,0", outline: "0,0,0", size: 2.2, outlineWidth: "0.4")),
            ("buiten-buurten", "buiten alle buurten",
             "\(status) = \(QGISDocument.literal(DwellingOutcome.outsideBuurten.code))",
             QGISDocument.marker("circle", fill: "255,255,255", outline: "80,80,80", size: 1.8, outlineWidth: "0.3")),
        ]
        var other: [QGISDocument.Rule] = []
        for entry in withoutDistance {
            symbols.append(QGISDocument.symbol(symbols.count, .marker, [entry.symbol]))
            other.append(.init(key: entry.key, label: entry.label, filter: entry.filter, symbol: symbols.count - 1))
        }
        rules.append(.init(key: "zonder-afstand", label: "Woningen zonder afstand", children: other))
        return QGISDocument.document(renderer: QGISDocument.ruleBased(rules, symbols: symbols), aliases: aliases,
                                     displayExpression: QGISDocument.field("woning_id"))
    }

    // MARK: - Facilities

    static func facilitySymbol(_ index: Int, _ symbol: MapPalette.FacilitySymbol) -> String {
        QGISDocument.symbol(index, .marker, [QGISDocument.marker(symbol.shape.rawValue, fill: symbol.fill, outline: symbol.outline,
                                                                 size: symbol.size, outlineWidth: "0.35")])
    }

    static func facilities(_ configuration: RunConfiguration) -> String {
        let catalog = configuration.catalog
        let symbols = MapPalette.facilitySymbols(catalog)
        var categories = catalog.categories.enumerated().map { index, category in
            (value: category.name, label: category.label, symbol: facilitySymbol(index, symbols[index]))
        }
        categories.append((value: "", label: "Andere categorie",
                           symbol: QGISDocument.symbol(categories.count, .marker, [QGISDocument.marker("circle", fill: "200,200,200", outline: "35,35,35", size: 2.0)])))
        let name = QGISDocument.field("naam"), id = QGISDocument.field("voorziening_id")
        return QGISDocument.document(renderer: QGISDocument.categorized(attribute: "categorie", categories: categories),
                                     blocksLabels: true, aliases: FieldAliases(configuration).aliases(FacilityLayer.fields(configuration)),
                                     displayExpression: "coalesce(\(name), \(id))")
    }

    // MARK: - Service areas

    /// Fill colours of service areas per category: the facility colour, with grey and mustard
    /// for the white and black markers.
    static func serviceAreaColour(_ symbol: MapPalette.FacilitySymbol) -> String {
        switch symbol.fill {
        case "255,255,255": return "230,171,2"
        case "35,35,35": return "90,90,90"
        default: return symbol.fill
        }
    }

    static func serviceAreas(_ configuration: RunConfiguration) -> String {
        let thresholds = configuration.distances.thresholds.sorted()
        let categorySymbols = MapPalette.facilitySymbols(configuration.catalog)
        var symbols: [String] = []
        var rules: [QGISDocument.Rule] = []
        for (c, category) in configuration.catalog.categories.enumerated() {
            let colour = serviceAreaColour(categorySymbols[c])
            var children: [QGISDocument.Rule] = []
            for (t, threshold) in thresholds.enumerated() {
                // The nearest ring most opaque, the farthest lightest; outlines from solid to dotted.
                let step = thresholds.count > 1 ? Double(t) / Double(thresholds.count - 1) : 0
                let alpha = Int((140 - 100 * step).rounded())
                let outline = t == 0 ? "solid" : (t == thresholds.count - 1 ? "dot" : "dash")
                symbols.append(QGISDocument.symbol(symbols.count, .fill, [
                    QGISDocument.fill(colour, alpha: alpha, outline: colour, outlineWidth: "0.4", outlineStyle: outline),
                ]))
                children.append(.init(key: "\(category.name)-\(QGISDocument.format(threshold))", label: "binnen \(ReasonText.meters(threshold)) lopen",
                                      filter: "\(QGISDocument.field("drempel_m")) = \(QGISDocument.format(threshold))", symbol: symbols.count - 1))
            }
            rules.append(.init(key: category.name, label: category.label,
                               filter: "\(QGISDocument.field("categorie")) = \(QGISDocument.literal(category.name))",
                               children: children, active: c == 0))
        }
        let display = "\(QGISDocument.field("categorie")) || ' ' || \(QGISDocument.field("drempel_m")) || ' m'"
        return QGISDocument.document(renderer: QGISDocument.ruleBased(rules, symbols: symbols),
                                     aliases: FieldAliases(configuration).aliases(ServiceAreaLayer.fields), displayExpression: display)
    }

    // MARK: - Plan check

    /// `verschil.qml`: buurten filled by their class with the plan (first checked profile),
    /// a thick dark outline and hatching where the plan makes a buurt worse, a dashed outline
    /// where the class changes.
    static func difference(_ configuration: RunConfiguration, profiles: [Int]) -> String {
        let fields = DifferenceLayer.fields(configuration, profiles: profiles)
        var symbols: [String] = []
        var rules: [QGISDocument.Rule] = []
        if let p = profiles.first {
            let profile = configuration.assessment.profiles[p]
            let now = QGISDocument.field("klasse_\(profile.name)_huidig"), planned = QGISDocument.field("klasse_\(profile.name)_plan")
            var classes: [QGISDocument.Rule] = []
            for entry in MapPalette.classes {
                symbols.append(classSymbol(symbols.count, entry.klasse, outlineWidth: "0.2"))
                classes.append(.init(key: "plan-\(entry.klasse.rawValue)", label: entry.label,
                                     filter: "\(planned) = \(QGISDocument.literal(entry.klasse.rawValue))", symbol: symbols.count - 1))
            }
            rules.append(.init(key: "klasse-plan", label: "Klasse met het plan (\(profile.label))", children: classes))
            symbols.append(QGISDocument.symbol(symbols.count, .fill, [QGISDocument.outline("0,114,178", width: "0.6", dash: true)]))
            rules.append(.init(key: "veranderd", label: "Klasse verandert door het plan", filter: "\(now) <> \(planned)", symbol: symbols.count - 1))
        }
        symbols.append(QGISDocument.symbol(symbols.count, .fill, [QGISDocument.hatch("0,0,0", style: "f_diagonal"),
                                                                   QGISDocument.outline("0,0,0", width: "1.0")]))
        rules.append(.init(key: "slechter", label: "Slechter door het plan", filter: "\(QGISDocument.field("slechter")) = 1", symbol: symbols.count - 1))
        return QGISDocument.document(renderer: QGISDocument.ruleBased(rules, symbols: symbols),
                                     labels: .init(expression: areaLabel(.buurt), maximumScaleDenominator: labelScale[.buurt]!),
                                     aliases: FieldAliases(configuration).aliases(fields), displayExpression: areaDisplay(.buurt))
    }
}
