import Testing
@testable import Nabijheid

/// `[[profiles]]` and `[assessment]` through `ConfigurationLoader.parse`: what a valid profile
/// becomes, and that every mistake is an `InputError` naming the file and the dotted key (or the
/// profile) and saying what was expected.
@Suite("Configuration: requirement profiles")
struct ProfileConfigurationTests {
    static let file = "proef.toml"

    /// The smallest valid configuration with the standard catalogue.
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

    /// `minimal` with one profile `proef` holding one requirement (the lines of `requirement`).
    static func withRequirement(_ requirement: String, before: String = "") -> String {
        minimal + before + """

            [[profiles]]
            name = "proef"

            [[profiles.requirements]]
            id = "R1"
            \(requirement)

            """
    }

    private func parse(_ text: String) throws -> RunConfiguration {
        try ConfigurationLoader.parse(text, file: Self.file, baseDirectory: "/data", outputOverride: nil)
    }

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

    static let key = "'profiles[0].requirements[0]"

    // MARK: Valid profiles

    @Test func defaultsWithoutAssessmentSection() throws {
        let configuration = try parse(Self.minimal)
        #expect(configuration.assessment.minimumDwellings == 10)
        #expect(configuration.assessment.profiles.map(\.name) == ["woonservicegebied", "zonder_mantelzorg"])
    }

    @Test func ownProfileReplacesTheDefaults() throws {
        let configuration = try parse(Self.withRequirement("""
            to = ["huisarts", "apotheek"]
            threshold_m = 750
            share = 0.8
            weighting = "inwoners_65plus"
            """))
        let expected = Requirement(id: "R1", label: "R1", population: .dwellings, targets: [2, 3], threshold: 750, good: nil,
                                   share: 0.8, weighting: .inwoners65plus, source: "")
        #expect(configuration.assessment.profiles == [RequirementProfile(name: "proef", label: "proef", requirements: [expected])])
    }

    @Test func everyPopulation() throws {
        let configuration = try parse(Self.minimal + """

            [[profiles]]
            name = "proef"

            [[profiles.requirements]]
            id = "A"
            from = "woningen"
            to = ["ontmoeting"]
            threshold_m = 1000

            [[profiles.requirements]]
            id = "B"
            from = "geclusterde_woningen"
            to = ["zorg"]
            threshold_m = 500

            [[profiles.requirements]]
            id = "C"
            from = "voorzieningen"
            from_categories = ["zorg", "huisarts"]
            to = ["ov_halte"]
            threshold_m = 500
            good_m = 250
            """)
        let requirements = configuration.assessment.profiles[0].requirements
        #expect(requirements.map(\.population) == [.dwellings, .clusteredDwellings, .facilities([4, 2])])
        #expect(requirements.map(\.isDwellingRequirement) == [true, true, false])
        #expect(requirements[2].good == 250)
    }

    /// The search must reach every requirement's distance, not only `distances.thresholds_m`.
    @Test func requirementDistanceWidensTheSearch() throws {
        let configuration = try parse(Self.withRequirement("to = [\"huisarts\"]\nthreshold_m = 3000"))
        #expect(configuration.distances.thresholds == [100, 500, 1000])
        #expect(configuration.distances.cutoff == 3500)
    }

    @Test func selectingProfiles() throws {
        let configuration = try parse(Self.minimal + "\n[assessment]\nprofiles = [\"zonder_mantelzorg\"]\nmin_dwellings = 0\n")
        #expect(configuration.assessment.profiles.map(\.name) == ["zonder_mantelzorg"])
        #expect(configuration.assessment.minimumDwellings == 0)
        let none = try parse(Self.minimal + "\n[assessment]\nprofiles = []\n")
        #expect(none.assessment.profiles.isEmpty)
    }

    // MARK: Errors in a requirement

    @Test func unknownCategoryInTo() {
        expectError(Self.withRequirement("to = [\"huisarts\", \"bioscoop\"]\nthreshold_m = 1000"),
                    mentions: ["\(Self.key).to'", #"unknown category "bioscoop""#, "categories are dagelijkse_boodschappen", "ov_halte"])
        expectError(Self.withRequirement("to = []\nthreshold_m = 1000"), mentions: ["\(Self.key).to'", "at least one category"])
        expectError(Self.withRequirement("threshold_m = 1000"), mentions: ["\(Self.key).to'", "at least one category"])
    }

    @Test func unknownCategoryInFromCategories() {
        expectError(Self.withRequirement("from = \"voorzieningen\"\nfrom_categories = [\"verpleeghuis\"]\nto = [\"ov_halte\"]\nthreshold_m = 500"),
                    mentions: ["\(Self.key).from_categories'", #"unknown category "verpleeghuis""#])
        expectError(Self.withRequirement("from = \"voorzieningen\"\nto = [\"ov_halte\"]\nthreshold_m = 500"),
                    mentions: ["\(Self.key).from_categories'", "at least one category"])
    }

    @Test(arguments: ["-500", "0", "100001", "inf", "nan"])
    func thresholdOutOfRange(value: String) {
        expectError(Self.withRequirement("to = [\"huisarts\"]\nthreshold_m = \(value)"),
                    mentions: ["\(Self.key).threshold_m'", "positive distance in metres"])
    }

    @Test func thresholdMissingOrText() {
        expectError(Self.withRequirement("to = [\"huisarts\"]"), mentions: ["\(Self.key).threshold_m'", "required"])
        expectError(Self.withRequirement("to = [\"huisarts\"]\nthreshold_m = \"1000\""),
                    mentions: ["\(Self.key).threshold_m'", "must be a number"])
    }

    @Test(arguments: ["1.5", "90", "-0.1", "nan"])
    func shareOutsideZeroToOne(value: String) {
        expectError(Self.withRequirement("to = [\"huisarts\"]\nthreshold_m = 1000\nshare = \(value)"),
                    mentions: ["\(Self.key).share'", "between 0 and 1", "0.9 for 90 %"])
    }

    @Test func unknownWeighting() {
        expectError(Self.withRequirement("to = [\"huisarts\"]\nthreshold_m = 1000\nweighting = \"bewoners\""),
                    mentions: ["\(Self.key).weighting'", #""woningen""#, #""inwoners""#, #""inwoners_65plus""#, #"found "bewoners""#])
    }

    @Test func weightingOnAFacilityRequirement() {
        expectError(Self.withRequirement("""
            from = "voorzieningen"
            from_categories = ["zorg"]
            to = ["ov_halte"]
            threshold_m = 500
            weighting = "inwoners"
            """), mentions: ["\(Self.key).weighting'", "only to requirements on dwellings"])
    }

    @Test func goodAboveThreshold() {
        expectError(Self.withRequirement("""
            from = "voorzieningen"
            from_categories = ["zorg"]
            to = ["ov_halte"]
            threshold_m = 500
            good_m = 600
            """), mentions: ["\(Self.key).good_m'", "at most threshold_m", "600"])
        expectError(Self.withRequirement("""
            from = "voorzieningen"
            from_categories = ["zorg"]
            to = ["ov_halte"]
            threshold_m = 500
            good_m = 0
            """), mentions: ["\(Self.key).good_m'", "positive"])
    }

    @Test(arguments: ["", "from = \"woningen\"\n", "from = \"geclusterde_woningen\"\n"])
    func goodOnADwellingRequirement(from: String) {
        expectError(Self.withRequirement(from + "to = [\"huisarts\"]\nthreshold_m = 1000\ngood_m = 500"),
                    mentions: ["\(Self.key).good_m'", #"only to from = "voorzieningen""#])
    }

    @Test(arguments: ["", "from = \"woningen\"\n", "from = \"geclusterde_woningen\"\n"])
    func fromCategoriesWithoutVoorzieningen(from: String) {
        expectError(Self.withRequirement(from + "from_categories = [\"zorg\"]\nto = [\"ov_halte\"]\nthreshold_m = 500"),
                    mentions: ["\(Self.key).from_categories'", #"needs from = "voorzieningen""#])
    }

    @Test func unknownFrom() {
        expectError(Self.withRequirement("from = \"bewoners\"\nto = [\"huisarts\"]\nthreshold_m = 1000"),
                    mentions: ["\(Self.key).from'", #""geclusterde_woningen""#, #"found "bewoners""#])
    }

    @Test func badIdentifiers() {
        expectError(Self.minimal + "\n[[profiles]]\nname = \"Woon Service\"\n\n[[profiles.requirements]]\nid = \"R1\"\nto = [\"huisarts\"]\nthreshold_m = 1000\n",
                    mentions: ["'profiles[0].name'", "snake_case", #""Woon Service""#])
        expectError(Self.minimal + "\n[[profiles]]\nname = \"proef\"\n\n[[profiles.requirements]]\nid = \"R 1\"\nto = [\"huisarts\"]\nthreshold_m = 1000\n",
                    mentions: ["\(Self.key).id'", #""R 1""#])
        expectError(Self.minimal + "\n[[profiles]]\nname = \"proef\"\n\n[[profiles.requirements]]\nto = [\"huisarts\"]\nthreshold_m = 1000\n",
                    mentions: ["\(Self.key).id'", "required"])
    }

    /// The key path counts profiles and requirements: the second requirement of the second profile.
    @Test func errorNamesTheRightRequirement() {
        expectError(Self.minimal + """

            [[profiles]]
            name = "een"

            [[profiles.requirements]]
            id = "R1"
            to = ["huisarts"]
            threshold_m = 1000

            [[profiles]]
            name = "twee"

            [[profiles.requirements]]
            id = "R1"
            to = ["huisarts"]
            threshold_m = 1000

            [[profiles.requirements]]
            id = "R2"
            to = ["huisarts"]
            threshold_m = 1000
            share = 2
            """, mentions: ["'profiles[1].requirements[1].share'"])
    }

    @Test func unknownKeys() {
        expectError(Self.withRequirement("to = [\"huisarts\"]\nthreshold_m = 1000\ndrempel = 3"),
                    mentions: ["unknown key \(Self.key).drempel'"])
        expectError(Self.minimal + "\n[[profiles]]\nname = \"proef\"\nomschrijving = \"x\"\n\n[[profiles.requirements]]\nid = \"R1\"\nto = [\"huisarts\"]\nthreshold_m = 1000\n",
                    mentions: ["unknown key 'profiles[0].omschrijving'"])
        expectError(Self.minimal + "\n[assessment]\nmin_woningen = 5\n", mentions: ["unknown key 'assessment.min_woningen'"])
    }

    // MARK: Errors in the profile list and [assessment]

    @Test func duplicateProfileName() {
        let profile = "\n[[profiles]]\nname = \"basis\"\n\n[[profiles.requirements]]\nid = \"R1\"\nto = [\"huisarts\"]\nthreshold_m = 1000\n"
        expectError(Self.minimal + profile + profile, mentions: [#"profile "basis" is defined twice"#])
    }

    @Test func duplicateRequirementId() {
        expectError(Self.withRequirement("to = [\"huisarts\"]\nthreshold_m = 1000\n\n[[profiles.requirements]]\nid = \"R1\"\nto = [\"apotheek\"]\nthreshold_m = 500"),
                    mentions: [#"profile "proef" has requirement "R1" twice"#])
    }

    @Test func profileWithoutRequirements() {
        expectError(Self.minimal + "\n[[profiles]]\nname = \"leeg\"\n", mentions: [#"profile "leeg""#, "[[profiles.requirements]]"])
    }

    @Test func selectingAnUnknownProfile() {
        expectError(Self.minimal + "\n[assessment]\nprofiles = [\"woonservicegebied\", \"bestaat_niet\"]\n",
                    mentions: ["'assessment.profiles'", #"unknown profile "bestaat_niet""#, "woonservicegebied, zonder_mantelzorg"])
    }

    @Test(arguments: ["-1", "2.5", "\"10\""])
    func badMinimumDwellings(value: String) {
        expectError(Self.minimal + "\n[assessment]\nmin_dwellings = \(value)\n", mentions: ["'assessment.min_dwellings'"])
    }

    /// The standard profiles name the standard categories; with an own catalogue they cannot be
    /// used, and the message says what to do.
    @Test func ownCatalogueWithoutProfiles() {
        expectError(Self.minimal + "\n[[categories]]\nname = \"winkel\"\nosm = [\"shop=supermarket\"]\n",
                    mentions: ["standard profiles", "define [[profiles]]", #""dagelijkse_boodschappen""#, "categories are winkel"])
    }

    /// The message above offers `assessment.profiles = []` as the other way out; it must work.
    @Test
    func ownCatalogueWithNoProfilesSelected() throws {
        let configuration = try parse(Self.minimal + """

            [[categories]]
            name = "winkel"
            osm = ["shop=supermarket"]

            [assessment]
            profiles = []
            """)
        #expect(configuration.assessment.profiles.isEmpty)
    }

    @Test func ownCatalogueWithOwnProfiles() throws {
        let configuration = try parse(Self.minimal + """

            [[categories]]
            name = "winkel"
            osm = ["shop=supermarket"]

            [[profiles]]
            name = "eigen"

            [[profiles.requirements]]
            id = "W"
            to = ["winkel"]
            threshold_m = 400
            """)
        #expect(configuration.assessment.profiles.map(\.name) == ["eigen"])
        #expect(configuration.assessment.profiles[0].requirements[0].targets == [0])
    }
}
