import Foundation
import Testing
@testable import Nabijheid

/// `ConfigurationLoader.parse` on configuration texts: defaults, path resolution, the
/// catalogue, and errors that name the file and the dotted key and say what was expected.
@Suite("Configuration loader")
struct ConfigurationLoaderTests {
    static let file = "proef.toml"
    static let base = "/data/gemeente"

    /// The smallest valid configuration: every section with only its path.
    static let minimal = """
        [buurten]
        path = "buurten.geojson"

        [dwellings]
        path = "bag.gpkg"

        [network]
        path = "netwerk.osm.pbf"

        [[facilities]]
        path = "netwerk.osm.pbf"
        """

    private func parse(_ text: String, outputOverride: String? = nil) throws -> RunConfiguration {
        try ConfigurationLoader.parse(text, file: Self.file, baseDirectory: Self.base, outputOverride: outputOverride)
    }

    /// The message of the `InputError` that parsing `text` throws; records an issue (and returns
    /// "") when it parses or throws something else. Every message starts with the file name.
    private func error(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> String {
        do {
            _ = try parse(text)
            Issue.record("expected an InputError, the configuration was accepted", sourceLocation: sourceLocation)
            return ""
        } catch let error as InputError {
            #expect(error.message.hasPrefix("\(Self.file): "), "message should start with the file: \(error.message)",
                    sourceLocation: sourceLocation)
            return error.message
        } catch {
            Issue.record("expected an InputError, got \(error)", sourceLocation: sourceLocation)
            return ""
        }
    }

    private func expectError(_ text: String, mentions fragments: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        let message = error(text, sourceLocation: sourceLocation)
        for fragment in fragments {
            #expect(message.contains(fragment), "'\(message)' should mention \(fragment)", sourceLocation: sourceLocation)
        }
    }

    // MARK: Valid configurations

    @Test func defaultsAreApplied() throws {
        let configuration = try parse(Self.minimal)
        #expect(configuration.file == Self.file)
        #expect(configuration.text == Self.minimal)
        #expect(configuration.outputDirectory == "/data/gemeente/out")
        #expect(configuration.buurten == BuurtenInput(input: LayerInput(path: "/data/gemeente/buurten.geojson", layer: nil, crs: nil),
                                                      codeField: "buurtcode", nameField: "buurtnaam"))
        #expect(configuration.dwellings == DwellingsInput(input: LayerInput(path: "/data/gemeente/bag.gpkg", layer: nil, crs: nil),
                                                          source: .layer(idField: nil, filterField: nil, filterContains: nil)))
        #expect(configuration.network.input.path == "/data/gemeente/netwerk.osm.pbf")
        #expect(configuration.network.format == .osm)
        #expect(configuration.network.rules.profile == .standaard)
        #expect(configuration.network.rules.excludedHighways == WalkRules.defaultExcludedHighways)
        #expect(configuration.network.maxSnapMeters == 250)
        #expect(configuration.network.minimumIslandNodes == 20)
        #expect(configuration.facilities == [.osm(LayerInput(path: "/data/gemeente/netwerk.osm.pbf", layer: nil, crs: nil))])
        #expect(configuration.distances.thresholds == [100, 500, 1000])
        #expect(configuration.distances.searchMargin == 500)
        #expect(configuration.distances.cutoff == 1500)
    }

    @Test func standardCatalogueWithoutCategories() throws {
        let configuration = try parse(Self.minimal)
        #expect(configuration.catalog == .standard)
        #expect(configuration.catalog.categories.map(\.name)
                == ["dagelijkse_boodschappen", "ontmoeting", "huisarts", "apotheek", "zorg", "ov_halte", "zorg_24uur"])
    }

    @Test func everyKeySet() throws {
        let configuration = try parse("""
            output_dir = "../uitvoer"

            [buurten]
            path = "/abs/buurten.gpkg"
            layer = "buurt_2023"
            crs = "EPSG:28992"
            code_field = "BU_CODE"
            name_field = "BU_NAAM"
            wijk_field = "WK_CODE"
            gemeente_field = "GM_CODE"
            inhabitants_field = "AANT_INW"
            share65_field = "P_65_EO_JR"
            water_field = ""

            [dwellings]
            source = "layer"
            path = "bag/verblijfsobject.gpkg"
            layer = "verblijfsobject"
            id_field = "identificatie"
            filter_field = "gebruiksdoel"
            filter_contains = "woonfunctie"
            suitability_field = "geschiktheid"
            suitability_levels = ["traplift", "nultreden"]
            woonvorm_field = "woonvorm"
            clustered_values = ["hofje", "woongroep"]

            [network]
            path = "wegen.gpkg"
            format = "layer"
            profile = "rollator"
            excluded_highways = ["motorway"]
            max_snap_m = 100.5
            min_island_nodes = 3

            [[categories]]
            name = "winkel"
            label = "Winkel"
            osm = ["shop=supermarket", "shop=*"]

            [[categories]]
            name = "bus"
            osm = []

            [[facilities]]
            source = "layer"
            path = "eigen.geojson"
            category_field = "soort"
            id_field = "id"
            name_field = "naam"

            [[facilities]]
            source = "gtfs"
            path = "/vsizip/gtfs.zip/stops.txt"
            category = "bus"

            [distances]
            thresholds_m = [1000, 250.5, 100]
            search_margin_m = 0

            [assessment]
            min_dwellings = 5

            # With its own catalogue a configuration needs its own profiles: the standard ones name
            # the standard categories.
            [[profiles]]
            name = "eigen"
            label = "Eigen profiel"

            [[profiles.requirements]]
            id = "W1"
            label = "Winkel dichtbij"
            from = "woningen"
            to = ["winkel"]
            threshold_m = 800
            share = 0.75
            weighting = "inwoners"
            source = "eigen afspraak"

            [[profiles.requirements]]
            id = "B1"
            from = "voorzieningen"
            from_categories = ["winkel"]
            to = ["bus", "winkel"]
            threshold_m = 400
            good_m = 200
            """)
        #expect(configuration.outputDirectory == "/data/uitvoer")
        var buurten = BuurtenInput(input: LayerInput(path: "/abs/buurten.gpkg", layer: "buurt_2023", crs: "EPSG:28992"),
                                   codeField: "BU_CODE", nameField: "BU_NAAM")
        buurten.wijkField = .required("WK_CODE")
        buurten.gemeenteField = .required("GM_CODE")
        buurten.inhabitantsField = .required("AANT_INW")
        buurten.share65Field = .required("P_65_EO_JR")
        buurten.waterField = .none
        #expect(configuration.buurten == buurten)
        var dwellings = DwellingsInput(
            input: LayerInput(path: "/data/gemeente/bag/verblijfsobject.gpkg", layer: "verblijfsobject", crs: nil),
            source: .layer(idField: "identificatie", filterField: "gebruiksdoel", filterContains: "woonfunctie"))
        dwellings.attributes.suitabilityField = "geschiktheid"
        dwellings.attributes.suitabilityLevels = ["traplift", "nultreden"]
        dwellings.attributes.woonvormField = "woonvorm"
        dwellings.attributes.clusteredValues = ["hofje", "woongroep"]
        #expect(configuration.dwellings == dwellings)
        #expect(configuration.assessment == AssessmentSettings(profiles: [
            RequirementProfile(name: "eigen", label: "Eigen profiel", requirements: [
                Requirement(id: "W1", label: "Winkel dichtbij", population: .dwellings, targets: [0], threshold: 800, good: nil,
                            share: 0.75, weighting: .inwoners, source: "eigen afspraak"),
                // Defaults: label = id, share 1, weighting woningen, no source.
                Requirement(id: "B1", label: "B1", population: .facilities([0]), targets: [1, 0], threshold: 400, good: 200,
                            share: 1, weighting: .woningen, source: ""),
            ]),
        ], minimumDwellings: 5))
        #expect(configuration.network.format == .layer)
        #expect(configuration.network.rules.profile == .rollator)
        #expect(configuration.network.rules.excludedHighways == ["motorway"])
        #expect(configuration.network.maxSnapMeters == 100.5)
        #expect(configuration.network.minimumIslandNodes == 3)
        #expect(configuration.catalog.categories.map(\.name) == ["winkel", "bus"])
        #expect(configuration.catalog.categories[0].label == "Winkel")
        #expect(configuration.catalog.categories[1].label == "bus", "the label defaults to the name")
        #expect(configuration.catalog.categories[0].osmTags == [OSMTagMatch("shop=supermarket")!, OSMTagMatch("shop=*")!])
        #expect(configuration.catalog.categories[0].osmTags[1].value == nil, "key=* matches any value")
        #expect(configuration.facilities == [
            .layer(LayerInput(path: "/data/gemeente/eigen.geojson", layer: nil, crs: nil), categoryField: "soort", idField: "id", nameField: "naam"),
            // A GDAL archive path is absolute and kept as written.
            .gtfs(path: "/vsizip/gtfs.zip/stops.txt", category: "bus"),
        ])
        #expect(configuration.distances.thresholds == [100, 250.5, 1000], "thresholds are sorted")
        #expect(configuration.distances.searchMargin == 0)
        #expect(configuration.distances.cutoff == 1000)
    }

    @Test func osmDwellingSources() throws {
        let addresses = try parse(Self.minimal.replacingOccurrences(of: "[dwellings]\n", with: "[dwellings]\nsource = \"osm_addresses\"\n"))
        #expect(addresses.dwellings.source == .osmAddresses)
        let buildings = try parse(Self.minimal.replacingOccurrences(of: "[dwellings]\n", with: "[dwellings]\nsource = \"osm_buildings\"\n"))
        guard case .osmBuildings(let values) = buildings.dwellings.source else {
            Issue.record("expected osm_buildings, got \(buildings.dwellings.source)")
            return
        }
        #expect(values.contains("house") && values.contains("apartments") && !values.contains("garage"))
        let chosen = try parse(Self.minimal.replacingOccurrences(
            of: "[dwellings]\n", with: "[dwellings]\nsource = \"osm_buildings\"\nbuilding_values = [\"house\"]\n"))
        #expect(chosen.dwellings.source == .osmBuildings(buildingValues: ["house"]))
    }

    @Test func emptyLayerAndCRSMeanNotSet() throws {
        let configuration = try parse(Self.minimal.replacingOccurrences(
            of: "path = \"buurten.geojson\"", with: "path = \"buurten.geojson\"\nlayer = \"\"\ncrs = \"\""))
        #expect(configuration.buurten.input.layer == nil)
        #expect(configuration.buurten.input.crs == nil)
    }

    @Test func outputOverrideWins() throws {
        let configuration = try parse("output_dir = \"uit\"\n" + Self.minimal, outputOverride: "/tmp/elders")
        #expect(configuration.outputDirectory == "/tmp/elders")
    }

    @Test func remotePathsAreKeptAsWritten() throws {
        // Not resolved against the base folder, so the reader can refuse them by name.
        let configuration = try parse(Self.minimal.replacingOccurrences(
            of: "path = \"buurten.geojson\"", with: "path = \"/vsicurl/https://example.com/b.geojson\""))
        #expect(configuration.buurten.input.path == "/vsicurl/https://example.com/b.geojson")
    }

    @Test func loadsTheFixtureConfiguration() throws {
        let file = TestSupport.townFixture.appendingPathComponent("nabijheid.toml").path
        let configuration = try ConfigurationLoader.load(file: file)
        let town = TestSupport.townFixture.path
        #expect(configuration.outputDirectory == "\(town)/out")
        #expect(configuration.buurten.input.path == "\(town)/buurten.geojson")
        #expect(configuration.dwellings.source == .layer(idField: "identificatie", filterField: "gebruiksdoel", filterContains: "woonfunctie"))
        #expect(configuration.facilities == [
            .layer(LayerInput(path: "\(town)/voorzieningen.geojson", layer: nil, crs: nil), categoryField: "categorie",
                   idField: "voorziening_id", nameField: "naam"),
            .gtfs(path: "\(town)/gtfs/stops.txt", category: "ov_halte"),
        ])
        #expect(configuration.catalog == .standard)
        #expect(configuration.distances.thresholds == [100, 500, 1000])
    }

    @Test func missingFileIsAnInputError() {
        #expect(throws: InputError("/bestaat/niet.toml: configuration file not found")) {
            try ConfigurationLoader.load(file: "/bestaat/niet.toml")
        }
    }

    // MARK: Errors

    @Test func negativeThreshold() {
        expectError(Self.minimal + "\n[distances]\nthresholds_m = [100, -500]\n",
                    mentions: ["'distances.thresholds_m'", "positive distances in metres"])
    }

    @Test(arguments: ["[0]", "[]"])
    func zeroOrNoThreshold(list: String) {
        expectError(Self.minimal + "\n[distances]\nthresholds_m = \(list)\n", mentions: ["'distances.thresholds_m'", "non-empty", "positive"])
    }

    @Test func duplicateThreshold() {
        expectError(Self.minimal + "\n[distances]\nthresholds_m = [100, 500, 100.0]\n",
                    mentions: ["'distances.thresholds_m'", "twice"])
    }

    @Test func thresholdsGivenAsText() {
        expectError(Self.minimal + "\n[distances]\nthresholds_m = \"100, 500, 1000\"\n",
                    mentions: ["'distances.thresholds_m'", "must be a list of numbers", #"the text "100, 500, 1000""#])
        expectError(Self.minimal + "\n[distances]\nthresholds_m = [100, \"500\"]\n",
                    mentions: ["'distances.thresholds_m[1]'", "must be a number", #"the text "500""#])
    }

    @Test func duplicateCategoryName() {
        expectError(Self.minimal + """

            [[categories]]
            name = "winkel"
            osm = ["shop=supermarket"]

            [[categories]]
            name = "winkel"
            osm = ["shop=bakery"]
            """, mentions: [#"category "winkel" is defined twice"#])
    }

    @Test(arguments: ["shop", "shop=", "=supermarket", "="])
    func malformedOSMTag(tag: String) {
        expectError(Self.minimal + "\n[[categories]]\nname = \"winkel\"\nosm = [\"shop=bakery\", \"\(tag)\"]\n",
                    mentions: ["'categories[0].osm[1]'", #""key=value""#, "found \"\(tag)\""])
    }

    @Test(arguments: ["Winkel", "dagelijkse boodschappen", "1e_lijn", ""])
    func categoryNameMustBeSnakeCase(name: String) {
        let message = error(Self.minimal + "\n[[categories]]\nname = \"\(name)\"\nosm = [\"shop=bakery\"]\n")
        #expect(message.contains("'categories[0].name'"), "\(message)")
    }

    @Test func emptyCategoryList() {
        expectError("categories = []\n" + Self.minimal, mentions: ["[[categories]] is empty"])
    }

    @Test func gtfsSourceNamingAnUnknownCategory() {
        expectError(Self.minimal + "\n[[facilities]]\nsource = \"gtfs\"\npath = \"stops.txt\"\ncategory = \"bus\"\n",
                    mentions: ["'facilities[1].category'", #"unknown category "bus""#, "ov_halte", "dagelijkse_boodschappen"])
    }

    @Test func gtfsCategoryChecksTheConfiguredCatalogue() {
        // ov_halte exists in the standard catalogue, but not in this configuration's own one.
        expectError(Self.minimal + """

            [[categories]]
            name = "winkel"
            osm = ["shop=supermarket"]

            [[facilities]]
            source = "gtfs"
            path = "stops.txt"
            category = "ov_halte"
            """, mentions: ["'facilities[1].category'", #""ov_halte""#, "categories are winkel"])
    }

    @Test func wrongTypes() {
        let cases: [(String, String, [String])] = [
            (#"max_snap_m = "250""#, "network", ["'network.max_snap_m'", "must be a number", #"the text "250""#]),
            ("min_island_nodes = 2.5", "network", ["'network.min_island_nodes'", "must be an integer", "the number 2.5"]),
            ("code_field = 7", "buurten", ["'buurten.code_field'", "must be text", "the integer 7"]),
            (#"excluded_highways = "motorway""#, "network", ["'network.excluded_highways'", "a list of texts"]),
        ]
        for (line, section, fragments) in cases {
            expectError(Self.minimal.replacingOccurrences(of: "[\(section)]\n", with: "[\(section)]\n\(line)\n"), mentions: fragments)
        }
        expectError(Self.minimal.replacingOccurrences(of: "path = \"buurten.geojson\"", with: "path = true"),
                    mentions: ["'buurten.path'", "must be text", "found a bool"])
    }

    @Test func sectionThatIsNotATable() {
        expectError("network = 3\n" + Self.minimal.replacingOccurrences(of: "[network]\npath = \"netwerk.osm.pbf\"\n", with: ""),
                    mentions: ["'network'", "must be a table", "[network]"])
    }

    @Test func unknownKeys() {
        expectError(Self.minimal.replacingOccurrences(of: "[network]\n", with: "[network]\nmax_snap = 250\n"),
                    mentions: ["unknown key 'network.max_snap'"])
        expectError("ouput_dir = \"uit\"\n" + Self.minimal, mentions: ["unknown key 'ouput_dir'"])
        expectError(Self.minimal + "\n[distance]\nthresholds_m = [100]\n", mentions: ["unknown key 'distance'"])
        // A key of source "layer" in an osm source.
        expectError(Self.minimal + "\ncategory_field = \"soort\"\n", mentions: ["unknown key 'facilities[0].category_field'"])
        expectError(Self.minimal + "\n[[categories]]\nname = \"winkel\"\ntags = [\"shop=bakery\"]\n",
                    mentions: ["unknown key 'categories[0].tags'"])
    }

    @Test func requiredSectionsAndKeys() {
        expectError(Self.minimal.replacingOccurrences(of: "[buurten]\npath = \"buurten.geojson\"\n", with: ""),
                    mentions: ["section [buurten] is required"])
        expectError(Self.minimal.replacingOccurrences(of: "path = \"bag.gpkg\"", with: ""),
                    mentions: ["'dwellings.path' is required"])
        expectError(Self.minimal.replacingOccurrences(of: "[[facilities]]\npath = \"netwerk.osm.pbf\"", with: ""),
                    mentions: ["at least one [[facilities]] source is required"])
    }

    @Test func unknownEnumerationValues() {
        expectError(Self.minimal.replacingOccurrences(of: "[dwellings]\n", with: "[dwellings]\nsource = \"bag\"\n"),
                    mentions: ["'dwellings.source'", #""osm_addresses""#, #"found "bag""#])
        expectError(Self.minimal.replacingOccurrences(of: "[network]\n", with: "[network]\nformat = \"pbf\"\n"),
                    mentions: ["'network.format'", #""osm" or "layer""#])
        expectError(Self.minimal.replacingOccurrences(of: "[network]\n", with: "[network]\nprofile = \"rolstoel\"\n"),
                    mentions: ["'network.profile'", #""rollator""#, #"found "rolstoel""#])
        expectError(Self.minimal + "\nsource = \"csv\"\n", mentions: ["'facilities[0].source'", #"found "csv""#])
    }

    @Test func outOfRangeNumbers() {
        for value in ["0", "-10"] {
            expectError(Self.minimal.replacingOccurrences(of: "[network]\n", with: "[network]\nmax_snap_m = \(value)\n"),
                        mentions: ["'network.max_snap_m'", "metres"])
        }
        expectError(Self.minimal.replacingOccurrences(of: "[network]\n", with: "[network]\nmin_island_nodes = 0\n"),
                    mentions: ["'network.min_island_nodes'", "at least 1"])
        expectError(Self.minimal + "\n[distances]\nsearch_margin_m = -1\n", mentions: ["'distances.search_margin_m'"])
    }

    /// TOML allows `inf` and `nan`; no distance setting can be infinite or not a number.
    @Test(arguments: [
        ("[distances]\nthresholds_m = [100, inf]", "'distances.thresholds_m'"),
        ("[distances]\nthresholds_m = [100, -inf]", "'distances.thresholds_m'"),
        ("[distances]\nthresholds_m = [nan]", "'distances.thresholds_m'"),
        ("[distances]\nsearch_margin_m = inf", "'distances.search_margin_m'"),
        ("[distances]\nsearch_margin_m = nan", "'distances.search_margin_m'"),
    ])
    func nonFiniteDistancesAreRejected(section: String, key: String) {
        expectError(Self.minimal + "\n" + section + "\n", mentions: [key])
    }

    @Test(arguments: ["inf", "nan", "-inf"])
    func nonFiniteSnapDistanceIsRejected(value: String) {
        expectError(Self.minimal.replacingOccurrences(of: "[network]\n", with: "[network]\nmax_snap_m = \(value)\n"),
                    mentions: ["'network.max_snap_m'"])
    }

    /// Thresholds become property names (`aandeel_<categorie>_binnen_<d>m`) through `Int(d)`.
    /// Regression: at 52a5819 a finite threshold beyond Int.max was accepted and the run trapped.
    @Test
    func thresholdTooLargeIsRejected() {
        expectError(Self.minimal + "\n[distances]\nthresholds_m = [100, 1e19]\n", mentions: ["'distances.thresholds_m'"])
    }

    @Test func invalidTOMLNamesTheLine() {
        expectError("output_dir = \"uit\"\n\n[buurten\npath = \"b.geojson\"\n", mentions: ["line 3", "not valid TOML"])
    }
}
