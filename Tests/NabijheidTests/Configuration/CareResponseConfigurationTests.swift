import Testing
@testable import Nabijheid

/// `[care_response]` and `measure = "aanrijtijd"` through `ConfigurationLoader.parse`.
@Suite("Configuration: care response (R8)")
struct CareResponseConfigurationTests {
    static let file = "proef.toml"

    private func parse(_ text: String) throws -> RunConfiguration {
        try ConfigurationLoader.parse(ProfileConfigurationTests.minimal + text, file: Self.file, baseDirectory: "/data", outputOverride: nil)
    }

    private func expectError(_ text: String, mentions fragments: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            _ = try parse(text)
            Issue.record("expected an InputError", sourceLocation: sourceLocation)
        } catch let error as InputError {
            for fragment in fragments {
                #expect(error.message.contains(fragment), "\(error.message) should mention \(fragment)", sourceLocation: sourceLocation)
            }
        } catch {
            Issue.record("expected an InputError, got \(error)", sourceLocation: sourceLocation)
        }
    }

    @Test func configuredModeAndDefaults() throws {
        let car = try parse("[care_response]\nmode = \"auto\"\ndispatch_min = 3\n")
        #expect(car.careResponse == CareResponseSettings(mode: .auto, speedKmh: 80, dispatchMinutes: 3, category: "zorg_24uur"))
        let bike = try parse("[care_response]\n")
        #expect(bike.careResponse == CareResponseSettings(mode: .fiets, speedKmh: 15, dispatchMinutes: 5, category: "zorg_24uur"))
        #expect(bike.careResponse?.rules == CareModeRules(mode: .fiets, speedKmh: 15))
    }

    /// The shipped profiles measure R8, so without `[care_response]` a run still computes
    /// response times, by bike with the defaults, marked as not configured.
    @Test func shippedProfilesBringTheDefaultMode() throws {
        let configuration = try parse("")
        #expect(configuration.careResponse == CareResponseSettings(configured: false))
        let r8 = configuration.assessment.profiles[0].requirements.first { $0.id == "R8" }
        #expect(r8?.measure == .responseTime)
        #expect(r8?.threshold == 30)
        #expect(r8?.weighting == .woningen)
        let r8s = configuration.assessment.profiles[1].requirements.first { $0.id == "R8s" }
        #expect(r8s?.threshold == 10)
        #expect(r8s?.weighting == .inwoners65plus)
        // R8 does not move the walking search's cutoff (30 is minutes, not metres).
        #expect(configuration.distances.cutoff == 1500)
        // No profile with a response time and no [care_response]: no care network at all.
        #expect(try parse("[assessment]\nprofiles = []\n").careResponse == nil)
    }

    /// A catalogue without the care category still gets the shipped profiles, without R8.
    @Test func shippedProfilesWithoutTheCareCategoryLeaveR8Out() throws {
        var categories = ""
        for category in FacilityCatalog.standard.categories where category.name != "zorg_24uur" {
            categories += "[[categories]]\nname = \"\(category.name)\"\nosm = [\(category.osmTags.map { "\"\($0)\"" }.joined(separator: ", "))]\n\n"
        }
        let configuration = try parse(categories)
        #expect(configuration.careResponse == nil)
        #expect(!configuration.assessment.profiles.flatMap(\.requirements).contains { $0.measure == .responseTime })
    }

    @Test func badCareResponseKeys() {
        expectError("[care_response]\nmode = \"lopen\"\n", mentions: ["proef.toml", "'care_response.mode'", "\"fiets\", \"auto\"", "\"lopen\""])
        expectError("[care_response]\nspeed_kmh = -15\n", mentions: ["'care_response.speed_kmh'", "positive speed", "-15"])
        expectError("[care_response]\nspeed_kmh = 0\n", mentions: ["'care_response.speed_kmh'"])
        expectError("[care_response]\ndispatch_min = -1\n", mentions: ["'care_response.dispatch_min'"])
        expectError("[care_response]\ncategory = \"zorgpost\"\n", mentions: ["'care_response.category'", "unknown category \"zorgpost\""])
        expectError("[care_response]\nsnelheid = 15\n", mentions: ["unknown key 'care_response.snelheid'"])
    }

    @Test func badResponseTimeRequirements() {
        func profile(_ lines: String) -> String {
            "[[profiles]]\nname = \"proef\"\n\n[[profiles.requirements]]\nid = \"R8\"\nmeasure = \"aanrijtijd\"\n\(lines)\n"
        }
        expectError(profile(""), mentions: ["'profiles[0].requirements[0].max_min'", "is required"])
        expectError(profile("max_min = 30\nthreshold_m = 1000"), mentions: ["'profiles[0].requirements[0].threshold_m'", "does not apply"])
        expectError(profile("max_min = -5"), mentions: ["max_min", "positive number of minutes"])
        expectError(profile("max_min = 30\nfrom = \"voorzieningen\"\nfrom_categories = [\"zorg\"]"), mentions: ["applies only to requirements on dwellings"])
        expectError(profile("max_min = 30\nto = [\"huisarts\"]"), mentions: ["R8", "aanrijtijd to huisarts", "care_response.category"])
        expectError("[[profiles]]\nname = \"proef\"\n\n[[profiles.requirements]]\nid = \"R8\"\nmeasure = \"reistijd\"\nmax_min = 30\n",
                    mentions: ["'profiles[0].requirements[0].measure'", "\"afstand\"", "\"aanrijtijd\"", "reistijd"])
    }

    @Test func catalogueConditionsJoinedWithAmpersand() throws {
        let match = try #require(OSMTagMatch("social_facility=nursing_home&opening_hours=24/7"))
        #expect(match.matches(["social_facility": "nursing_home", "opening_hours": "24/7"]))
        #expect(!match.matches(["social_facility": "nursing_home"]))
        #expect(!match.matches(["social_facility": "nursing_home", "opening_hours": "Mo-Fr 08:00-17:00"]))
        #expect(!match.matches(["opening_hours": "24/7"]))
        #expect(match.description == "social_facility=nursing_home&opening_hours=24/7")
        #expect(OSMTagMatch("social_facility=nursing_home&") == nil)
        let standard = FacilityCatalog.standard
        let tags = ["amenity": "nursing_home", "social_facility": "nursing_home", "opening_hours": "24/7"]
        #expect(standard.categories(matching: tags).map { standard.categories[$0].name } == ["zorg", "zorg_24uur"])
    }
}
