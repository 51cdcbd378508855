import Foundation

/// Reads a `RunConfiguration` from a TOML file; every mistake is an `InputError` naming the key.
/// The file format is documented in docs/configuratie.md.
public enum ConfigurationLoader {
    public static func load(file: String, outputOverride: String? = nil) throws -> RunConfiguration {
        guard FileManager.default.fileExists(atPath: file) else {
            throw InputError("\(file): configuration file not found")
        }
        guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
            throw InputError("\(file): configuration file is not readable UTF-8 text")
        }
        let base = URL(fileURLWithPath: file).deletingLastPathComponent().path
        return try parse(text, file: file, baseDirectory: base, outputOverride: outputOverride)
    }

    public static func parse(_ text: String, file: String, baseDirectory: String, outputOverride: String? = nil) throws -> RunConfiguration {
        let root = try ConfigTable.parse(text, file: file)
        func resolve(_ path: String) -> String {
            if path.hasPrefix("/") || InputPath.isRemote(path) { return path }
            return URL(fileURLWithPath: baseDirectory).appendingPathComponent(path).standardizedFileURL.path
        }
        func layerInput(_ table: ConfigTable) throws -> LayerInput {
            LayerInput(path: resolve(try table.requiredString("path")),
                       layer: try table.string("layer").flatMap { $0.isEmpty ? nil : $0 },
                       crs: try table.string("crs").flatMap { $0.isEmpty ? nil : $0 },
                       whereClause: try table.string("where").flatMap { $0.isEmpty ? nil : $0 },
                       section: table.path)
        }
        func required(_ key: String) throws -> ConfigTable {
            guard let table = try root.table(key) else { throw InputError("\(file): section [\(key)] is required") }
            return table
        }

        let configuredOutput = resolve(try root.string("output_dir", default: "out"))
        let output = outputOverride ?? configuredOutput

        let buurtenTable = try required("buurten")
        var buurten = BuurtenInput(input: try layerInput(buurtenTable),
                                   codeField: try buurtenTable.string("code_field", default: "buurtcode"),
                                   nameField: try buurtenTable.string("name_field", default: "buurtnaam"))
        /// An optional field: absent → the CBS default if present; "" → off; a name → required.
        func optionalField(_ key: String, _ standard: String) throws -> OptionalField {
            guard let name = try buurtenTable.string(key) else { return .standard(standard) }
            return name.isEmpty ? .none : .required(name)
        }
        buurten.wijkField = try optionalField("wijk_field", "wijkcode")
        buurten.gemeenteField = try optionalField("gemeente_field", "gemeentecode")
        buurten.inhabitantsField = try optionalField("inhabitants_field", "aantal_inwoners")
        buurten.share65Field = try optionalField("share65_field", "percentage_personen_65_jaar_en_ouder")
        buurten.waterField = try optionalField("water_field", "water")
        try buurtenTable.rejectUnknownKeys()

        let dwellingsTable = try required("dwellings")
        let dwellingSource: DwellingSource
        switch try dwellingsTable.string("source", default: "layer") {
        case "layer":
            dwellingSource = .layer(idField: try dwellingsTable.string("id_field"),
                                    filterField: try dwellingsTable.string("filter_field"),
                                    filterContains: try dwellingsTable.string("filter_contains"))
        case "osm_addresses":
            dwellingSource = .osmAddresses
        case "osm_buildings":
            dwellingSource = .osmBuildings(buildingValues: try dwellingsTable.strings("building_values")
                ?? ["house", "residential", "apartments", "detached", "semidetached_house", "terrace", "bungalow", "dormitory", "farm"])
        case let other:
            throw InputError("\(file): key 'dwellings.source' must be \"layer\", \"osm_addresses\" or \"osm_buildings\", found \"\(other)\"")
        }
        var dwellings = DwellingsInput(input: try layerInput(dwellingsTable), source: dwellingSource)
        dwellings.attributes.suitabilityField = try dwellingsTable.string("suitability_field").flatMap { $0.isEmpty ? nil : $0 }
        if let levels = try dwellingsTable.strings("suitability_levels") {
            guard !levels.isEmpty, Set(levels.map { $0.lowercased() }).count == levels.count, levels.count < 100 else {
                throw InputError("\(file): key 'dwellings.suitability_levels' must list distinct levels, least suitable first")
            }
            dwellings.attributes.suitabilityLevels = levels
        }
        dwellings.attributes.woonvormField = try dwellingsTable.string("woonvorm_field").flatMap { $0.isEmpty ? nil : $0 }
        if let values = try dwellingsTable.strings("clustered_values") { dwellings.attributes.clusteredValues = values }
        if case .layer = dwellingSource {} else if dwellings.attributes.suitabilityField != nil || dwellings.attributes.woonvormField != nil {
            throw InputError("\(file): keys 'dwellings.suitability_field' and 'dwellings.woonvorm_field' need source = \"layer\"")
        }
        try dwellingsTable.rejectUnknownKeys()

        let networkTable = try required("network")
        guard let format = NetworkFormat(rawValue: try networkTable.string("format", default: "osm")) else {
            throw InputError("\(file): key 'network.format' must be \"osm\" or \"layer\"")
        }
        let profileName = try networkTable.string("profile", default: WalkRules.Profile.standaard.rawValue)
        guard let profile = WalkRules.Profile(rawValue: profileName) else {
            throw InputError("\(file): key 'network.profile' must be one of \(WalkRules.Profile.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")), found \"\(profileName)\"")
        }
        let excluded = try networkTable.strings("excluded_highways").map(Set.init) ?? WalkRules.defaultExcludedHighways
        let maxSnap = try networkTable.number("max_snap_m") ?? 250
        guard maxSnap > 0, maxSnap <= 10_000 else {
            throw InputError("\(file): key 'network.max_snap_m' must be a positive distance in metres, at most 10000, found \(maxSnap)")
        }
        let islands = try networkTable.integer("min_island_nodes") ?? 20
        guard islands >= 1 else { throw InputError("\(file): key 'network.min_island_nodes' must be at least 1, found \(islands)") }
        let readerName = try networkTable.string("reader", default: OSMReader.automatic.rawValue)
        guard let reader = OSMReader(rawValue: readerName) else {
            throw InputError("\(file): key 'network.reader' must be one of \(OSMReader.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")), found \"\(readerName)\"")
        }
        let mobilitySelection = try networkTable.strings("mobility_profiles")
        var network = NetworkInput(input: try layerInput(networkTable), format: format,
                                   rules: WalkRules(profile: profile, excludedHighways: excluded),
                                   maxSnapMeters: maxSnap, minimumIslandNodes: islands, reader: reader)
        let nodesLayer = try networkTable.string("nodes_layer").flatMap { $0.isEmpty ? nil : $0 }
        let nodesPath = try networkTable.string("nodes_path").flatMap { $0.isEmpty ? nil : resolve($0) }
        if nodesLayer != nil || nodesPath != nil {
            guard format == .layer else {
                throw InputError("\(file): keys 'network.nodes_layer' and 'network.nodes_path' need format = \"layer\"; an OSM file brings its own barrier and kerb nodes")
            }
            guard let nodesLayer else {
                throw InputError("\(file): key 'network.nodes_path' needs 'network.nodes_layer', the name of the point layer of barriers and kerbs")
            }
            // The same dataset unless another is named; `network.crs` also serves a node layer without a CRS.
            network.nodes = LayerInput(path: nodesPath ?? network.input.path, layer: nodesLayer, crs: network.input.crs,
                                       section: networkTable.path)
        }
        try networkTable.rejectUnknownKeys()

        let catalog = try loadCatalog(root, file: file)

        var facilities: [FacilitySource] = []
        for table in try root.tables("facilities") ?? [] {
            let source = try table.string("source", default: "osm")
            switch source {
            case "osm":
                facilities.append(.osm(try layerInput(table)))
            case "layer":
                facilities.append(.layer(try layerInput(table), categoryField: try table.string("category_field", default: "categorie"),
                                         idField: try table.string("id_field"), nameField: try table.string("name_field")))
            case "gtfs":
                let category = try table.requiredString("category")
                guard catalog.index(of: category) != nil else {
                    throw InputError("\(file): key '\(table.keyPath("category"))' names unknown category \"\(category)\"; categories are \(catalog.categories.map(\.name).joined(separator: ", "))")
                }
                facilities.append(.gtfs(path: resolve(try table.requiredString("path")), category: category,
                                        quayField: try table.string("quay_field").flatMap { $0.isEmpty ? nil : $0 }))
            default:
                throw InputError("\(file): key '\(table.keyPath("source"))' must be \"osm\", \"layer\" or \"gtfs\", found \"\(source)\"")
            }
            try table.rejectUnknownKeys()
        }
        if facilities.isEmpty { throw InputError("\(file): at least one [[facilities]] source is required") }

        let distancesTable = try root.table("distances")
        let thresholds = try distancesTable?.numbers("thresholds_m") ?? [100, 500, 1000]
        guard !thresholds.isEmpty, thresholds.allSatisfy({ $0 > 0 && $0 <= 100_000 }) else {
            throw InputError("\(file): key 'distances.thresholds_m' must be a non-empty list of positive distances in metres, at most 100000")
        }
        guard Set(thresholds).count == thresholds.count else {
            throw InputError("\(file): key 'distances.thresholds_m' lists a distance twice")
        }
        let margin = try distancesTable?.number("search_margin_m") ?? 500
        guard margin >= 0, margin <= 100_000 else {
            throw InputError("\(file): key 'distances.search_margin_m' must be zero or a positive distance in metres, at most 100000")
        }
        try distancesTable?.rejectUnknownKeys()

        let mobilityProfiles = try MobilityProfileLoader.load(root, selected: mobilitySelection, file: file)
        let assessment = try ProfileLoader.load(root, catalog: catalog, file: file,
                                                networks: [MobilityProfile.standaardName] + mobilityProfiles.map(\.name),
                                                suitabilityLevels: dwellings.attributes.suitabilityLevels)
        let careResponse = try CareResponseSettings.load(root, catalog: catalog, assessment: assessment, file: file)
        let outputs = try loadOutputs(root, file: file)
        let accessibilityTable = try root.table("stop_accessibility")
        let chb = try accessibilityTable?.string("chb").flatMap { $0.isEmpty ? nil : resolve($0) }
        try accessibilityTable?.rejectUnknownKeys()

        try root.rejectUnknownKeys()
        var distances = DistanceSettings(thresholds: thresholds.sorted(), searchMargin: margin)
        distances.requirementDistances = assessment.profiles.flatMap { $0.requirements.filter(\.isDistanceRequirement).map(\.threshold) }
        var configuration = RunConfiguration(file: file, text: text, outputDirectory: output, buurten: buurten, dwellings: dwellings,
                                             network: network, facilities: facilities, catalog: catalog,
                                             distances: distances, assessment: assessment, outputs: outputs)
        configuration.chbQuayFile = chb
        configuration.mobilityProfiles = mobilityProfiles
        configuration.careResponse = careResponse
        return configuration
    }

    private static func loadOutputs(_ root: ConfigTable, file: String) throws -> OutputSettings {
        var outputs = OutputSettings()
        guard let table = try root.table("outputs") else { return outputs }
        let formats: [String: VectorFormat] = ["geojson": .geojson, "gpkg": .gpkg, "flatgeobuf": .flatgeobuf]
        let formatName = try table.string("format", default: "geojson")
        guard let format = formats[formatName] else {
            throw InputError("\(file): key 'outputs.format' must be \"geojson\", \"gpkg\" or \"flatgeobuf\", found \"\(formatName)\"")
        }
        outputs.format = format
        let dwellings = try table.string("dwellings_format", default: "geojson")
        guard ["geojson", "geojsonseq"].contains(dwellings) else {
            throw InputError("\(file): key 'outputs.dwellings_format' must be \"geojson\" or \"geojsonseq\", found \"\(dwellings)\"")
        }
        if dwellings == "geojsonseq" && format != .geojson {
            throw InputError("\(file): key 'outputs.dwellings_format' = \"geojsonseq\" needs outputs.format = \"geojson\"")
        }
        outputs.dwellingsAsSequence = dwellings == "geojsonseq"
        outputs.serviceAreas = try table.bool("service_areas")
        let buffer = try table.number("service_area_buffer_m") ?? 25
        guard buffer > 0, buffer <= 500 else {
            throw InputError("\(file): key 'outputs.service_area_buffer_m' must be a positive distance in metres, at most 500, found \(buffer)")
        }
        outputs.serviceAreaBuffer = buffer
        outputs.qgisStyles = try table.bool("qgis_styles") ?? true
        outputs.htmlReport = try table.bool("html_report") ?? true
        try table.rejectUnknownKeys()
        return outputs
    }

    /// The shipped profiles with the standard catalogue.
    public static func defaultAssessment() throws -> AssessmentSettings {
        try ProfileLoader.load(ConfigTable.parse("", file: "(standaard)"), catalog: .standard, file: "(standaard)",
                               networks: [MobilityProfile.standaardName] + defaultMobilityProfiles().map(\.name))
    }

    /// The shipped mobility profiles (`DefaultMobilityProfiles`).
    public static func defaultMobilityProfiles() throws -> [MobilityProfile] {
        try MobilityProfileLoader.load(ConfigTable.parse("", file: "(standaard)"), selected: nil, file: "(standaard)")
    }

    private static func loadCatalog(_ root: ConfigTable, file: String) throws -> FacilityCatalog {
        guard let tables = try root.tables("categories") else { return .standard }
        var categories: [FacilityCategory] = []
        for table in tables {
            let name = try table.requiredString("name")
            guard name.range(of: "^[a-z][a-z0-9_]*$", options: .regularExpression) != nil else {
                throw InputError("\(file): key '\(table.keyPath("name"))' must be snake_case (a-z, 0-9, _), found \"\(name)\"")
            }
            guard !categories.contains(where: { $0.name == name }) else {
                throw InputError("\(file): category \"\(name)\" is defined twice")
            }
            let tags = try (table.strings("osm") ?? []).enumerated().map { index, text in
                guard let match = OSMTagMatch(text) else {
                    throw InputError("\(file): key '\(table.keyPath("osm"))[\(index)]' must look like \"key=value\" or \"key=*\", found \"\(text)\"")
                }
                return match
            }
            // A standard category name keeps its CBS field unless the key says otherwise ("" switches it off).
            let cbsField = try table.string("cbs_afstand_field") ?? FacilityCatalog.standardCBSField(name)
            categories.append(FacilityCategory(name: name, label: try table.string("label", default: name), osmTags: tags,
                                               cbsDistanceField: cbsField?.isEmpty == true ? nil : cbsField))
            try table.rejectUnknownKeys()
        }
        guard !categories.isEmpty else { throw InputError("\(file): [[categories]] is empty; name at least one category") }
        return FacilityCatalog(categories: categories)
    }
}
