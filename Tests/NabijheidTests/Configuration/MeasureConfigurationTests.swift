import Testing
@testable import Nabijheid

/// `measure = "geschiktheid"` (R6) and `measure = "inwoners"` (R9) through
/// `ConfigurationLoader.parse`: what a valid requirement becomes, and that keys belonging to
/// another measure, unknown levels and bad ranges are `InputError`s naming the key.
@Suite("Configuration: suitability and inhabitants measures")
struct MeasureConfigurationTests {
    static let key = "'profiles[0].requirements[0]"

    private func parse(_ text: String) throws -> RunConfiguration {
        try ConfigurationLoader.parse(text, file: ProfileConfigurationTests.file, baseDirectory: "/data", outputOverride: nil)
    }

    private func requirement(_ lines: String) throws -> Requirement {
        try parse(ProfileConfigurationTests.withRequirement(lines)).assessment.profiles[0].requirements[0]
    }

    private func expectError(_ lines: String, mentions fragments: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            _ = try parse(ProfileConfigurationTests.withRequirement(lines))
            Issue.record("expected an InputError, the configuration was accepted", sourceLocation: sourceLocation)
        } catch let error as InputError {
            #expect(error.message.hasPrefix("\(ProfileConfigurationTests.file): "), "\(error.message)", sourceLocation: sourceLocation)
            for fragment in fragments {
                #expect(error.message.contains(fragment), "'\(error.message)' should mention \(fragment)", sourceLocation: sourceLocation)
            }
        } catch {
            Issue.record("expected an InputError, got \(error)", sourceLocation: sourceLocation)
        }
    }

    // MARK: Valid requirements

    @Test func distanceIsTheDefaultAndCanBeNamed() throws {
        let implicit = try requirement("to = [\"huisarts\"]\nthreshold_m = 800")
        let explicit = try requirement("measure = \"afstand\"\nto = [\"huisarts\"]\nthreshold_m = 800")
        #expect(implicit.measure == .distance)
        #expect(explicit == implicit)
    }

    @Test func suitability() throws {
        let r = try requirement("""
            measure = "geschiktheid"
            min_level = "Nultreden"
            share = 0.3
            weighting = "inwoners"
            """)
        // Levels compare without case, as the dwelling reader does; the configured spelling is kept.
        #expect(r.measure == .suitability(SuitabilityMeasure(minimumLevel: 1, levelName: "nultreden", withoutField: .onbekend)))
        #expect(r.share == 0.3)
        #expect(r.weighting == .inwoners)
        #expect(r.population == .dwellings)
        #expect(r.isDwellingRequirement && !r.isDistanceRequirement && !r.isAreaRequirement)
        #expect(r.targets.isEmpty)
    }

    @Test func ownSuitabilityLevels() throws {
        let text = ProfileConfigurationTests.withRequirement("""
            measure = "geschiktheid"
            from = "geclusterde_woningen"
            min_level = "hoog"
            without_suitability_field = "niet_van_toepassing"
            """).replacingOccurrences(of: "path = \"bag.gpkg\"\n", with: "path = \"bag.gpkg\"\nsuitability_levels = [\"laag\", \"midden\", \"hoog\"]\n")
        let r = try parse(text).assessment.profiles[0].requirements[0]
        #expect(r.measure == .suitability(SuitabilityMeasure(minimumLevel: 2, levelName: "hoog", withoutField: .nietVanToepassing)))
        #expect(r.population == .clusteredDwellings)
    }

    @Test func inhabitants() throws {
        let r = try requirement("measure = \"inwoners\"\nmin_inwoners = 5000\nmax_inwoners = 10000")
        #expect(r.measure == .inhabitants(InhabitantsMeasure(minimum: 5000, maximum: 10000, level: .wijk)))
        #expect(r.isAreaRequirement && !r.isDwellingRequirement && !r.isDistanceRequirement)
        let open = try requirement("measure = \"inwoners\"\nmax_inwoners = 20000\nlevel = \"gemeente\"")
        #expect(open.measure == .inhabitants(InhabitantsMeasure(minimum: 0, maximum: 20000, level: .gemeente)))
        let atLeast = try requirement("measure = \"inwoners\"\nmin_inwoners = 100\nlevel = \"buurt\"")
        #expect(atLeast.measure == .inhabitants(InhabitantsMeasure(minimum: 100, maximum: .infinity, level: .buurt)))
    }

    /// R6 and R9 have no distance: they must not widen the search.
    @Test func noDistanceInTheSearchCutoff() throws {
        let configuration = try parse(ProfileConfigurationTests.withRequirement("measure = \"inwoners\"\nmin_inwoners = 5000"))
        #expect(configuration.distances.requirementDistances.isEmpty)
        #expect(configuration.distances.cutoff == 1000 + 500)
    }

    // MARK: Mistakes

    @Test func unknownMeasure() {
        expectError("measure = \"aanrijtijd_xyz\"", mentions: ["\(Self.key).measure'", "\"afstand\"", "\"geschiktheid\"", "\"inwoners\"", "aanrijtijd_xyz"])
    }

    @Test(arguments: ["to = [\"huisarts\"]", "threshold_m = 500", "good_m = 250", "from_categories = [\"zorg\"]"])
    func distanceKeysWithSuitability(line: String) {
        let key = String(line.prefix { $0 != " " })
        expectError("measure = \"geschiktheid\"\nmin_level = \"nultreden\"\n\(line)",
                    mentions: ["\(Self.key).\(key)'", "measure = \"geschiktheid\"", "measure = \"afstand\""])
    }

    @Test(arguments: ["to = [\"huisarts\"]", "threshold_m = 500", "min_level = \"nultreden\"", "share = 0.5",
                      "weighting = \"inwoners\"", "from = \"woningen\""])
    func foreignKeysWithInhabitants(line: String) {
        let key = String(line.prefix { $0 != " " })
        expectError("measure = \"inwoners\"\nmin_inwoners = 5000\n\(line)", mentions: ["\(Self.key).\(key)'", "measure = \"inwoners\""])
    }

    @Test(arguments: ["min_level = \"nultreden\"", "without_suitability_field = \"onbekend\"", "min_inwoners = 5000", "level = \"wijk\""])
    func measureKeysWithDistance(line: String) {
        let key = String(line.prefix { $0 != " " })
        expectError("to = [\"huisarts\"]\nthreshold_m = 800\n\(line)", mentions: ["\(Self.key).\(key)'", "measure = \"afstand\""])
    }

    @Test func suitabilityNeedsAKnownLevel() {
        expectError("measure = \"geschiktheid\"", mentions: ["\(Self.key).min_level'", "required", "\"nultreden\""])
        expectError("measure = \"geschiktheid\"\nmin_level = \"traplift\"",
                    mentions: ["\(Self.key).min_level'", "\"traplift\"", "beugels, nultreden, rolstoelgeschikt"])
    }

    @Test func suitabilityBadValues() {
        expectError("measure = \"geschiktheid\"\nmin_level = \"nultreden\"\nwithout_suitability_field = \"voldoet\"",
                    mentions: ["\(Self.key).without_suitability_field'", "\"onbekend\"", "\"niet_van_toepassing\"", "\"voldoet\""])
        expectError("measure = \"geschiktheid\"\nmin_level = \"nultreden\"\nfrom = \"voorzieningen\"",
                    mentions: ["\(Self.key).from'", "\"geclusterde_woningen\"", "\"voorzieningen\""])
        expectError("measure = \"geschiktheid\"\nmin_level = \"nultreden\"\nshare = 1.5", mentions: ["\(Self.key).share'", "1.5"])
        expectError("measure = \"geschiktheid\"\nmin_level = \"nultreden\"\nweighting = \"huishoudens\"", mentions: ["\(Self.key).weighting'", "huishoudens"])
        expectError("measure = \"geschiktheid\"\nmin_level = \"nultreden\"\nmin_share = 0.5", mentions: ["unknown key '", "min_share'"])
    }

    @Test func inhabitantsBadRanges() {
        expectError("measure = \"inwoners\"", mentions: ["min_inwoners'", "max_inwoners'"])
        expectError("measure = \"inwoners\"\nmin_inwoners = 10000\nmax_inwoners = 5000", mentions: ["\(Self.key).min_inwoners'", "\(Self.key).max_inwoners'"])
        expectError("measure = \"inwoners\"\nmin_inwoners = -1", mentions: ["\(Self.key).min_inwoners'", "-1"])
        expectError("measure = \"inwoners\"\nmin_inwoners = \"5000\"", mentions: ["\(Self.key).min_inwoners'", "a number"])
        expectError("measure = \"inwoners\"\nmin_inwoners = 5000\nlevel = \"provincie\"", mentions: ["\(Self.key).level'", "\"wijk\"", "provincie"])
    }

    /// The shipped R6 names "nultreden": with other suitability levels the defaults do not fit,
    /// and the message says so and what to do.
    @Test func shippedProfilesNeedTheirLevel() {
        let text = ProfileConfigurationTests.minimal.replacingOccurrences(
            of: "path = \"bag.gpkg\"\n", with: "path = \"bag.gpkg\"\nsuitability_levels = [\"laag\", \"hoog\"]\n")
        do {
            _ = try parse(text)
            Issue.record("expected an InputError")
        } catch let error as InputError {
            #expect(error.message.contains("standard profiles"), "\(error.message)")
            #expect(error.message.contains("min_level") && error.message.contains("\"nultreden\""), "\(error.message)")
            #expect(error.message.contains("define [[profiles]]"), "\(error.message)")
        } catch {
            Issue.record("expected an InputError, got \(error)")
        }
    }
}
