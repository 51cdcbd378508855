import Foundation
import Testing
@testable import Nabijheid

/// The profiles shipped in `DefaultProfiles.toml`: they parse with the standard catalogue, hold
/// the woonservicegebied requirements R1–R5 as the sources give them, and every number the
/// sources do not give says that it is an assumption ("aanname").
@Suite("Shipped requirement profiles")
struct DefaultProfilesTests {
    static func profiles() throws -> [RequirementProfile] {
        let configuration = try ConfigurationLoader.parse(ProfileConfigurationTests.minimal, file: "proef.toml", baseDirectory: "/data",
                                                          outputOverride: nil)
        return configuration.assessment.profiles
    }

    static func category(_ name: String) -> Int { FacilityCatalog.standard.index(of: name)! }

    @Test func parseWithTheStandardCatalogue() throws {
        let profiles = try Self.profiles()
        #expect(profiles.map(\.name) == ["woonservicegebied", "zonder_mantelzorg"])
        for profile in profiles {
            #expect(!profile.label.isEmpty && profile.label != profile.name, "\(profile.name) has a readable label")
            #expect(Set(profile.requirements.map(\.id)).count == profile.requirements.count)
        }
        // The text itself parses on its own, as a user would copy it into a configuration.
        let own = try ConfigurationLoader.parse(ProfileConfigurationTests.minimal + "\n" + DefaultProfiles.toml, file: "proef.toml",
                                                baseDirectory: "/data", outputOverride: nil)
        #expect(own.assessment.profiles == profiles)
    }

    /// R1–R5 of the woonservicegebied as in the sources (RIGO 2014 < 1000 m; Handreiking
    /// woonzorgopgave ≤ 250 m goed, ≤ 500 m; 500 m for geclusterde woonvormen).
    @Test func woonservicegebiedHoldsR1ToR5() throws {
        let profile = try #require(try Self.profiles().first { $0.name == "woonservicegebied" })
        let byId = Dictionary(uniqueKeysWithValues: profile.requirements.map { ($0.id, $0) })
        for id in ["R1", "R2", "R3", "R4", "R5"] {
            #expect(byId[id] != nil, "\(id) is in the profile")
        }
        #expect(byId["R1"]?.targets == [Self.category("dagelijkse_boodschappen")])
        #expect(byId["R1"]?.threshold == 1000)
        #expect(byId["R1"]?.population == .dwellings)
        #expect(byId["R2"]?.targets == [Self.category("ontmoeting")])
        #expect(byId["R2"]?.threshold == 1000)
        #expect(byId["R3"]?.population == .facilities([Self.category("zorg")]))
        #expect(byId["R3"]?.targets == [Self.category("ov_halte")])
        #expect(byId["R3"]?.threshold == 500)
        #expect(byId["R3"]?.good == 250)
        #expect(byId["R3"]?.share == 1)
        #expect(byId["R4"]?.population == .clusteredDwellings)
        #expect(byId["R4"]?.targets == [Self.category("zorg")])
        #expect(byId["R4"]?.threshold == 500)
        #expect(byId["R4"]?.share == 1)
        #expect(byId["R5"]?.targets == [Self.category("huisarts")])
    }

    @Test func everyRequirementNamesItsSource() throws {
        for profile in try Self.profiles() {
            for requirement in profile.requirements {
                #expect(requirement.source.trimmingCharacters(in: .whitespaces).count > 10, "\(profile.name).\(requirement.id)")
                #expect(requirement.label != requirement.id, "\(profile.name).\(requirement.id) has a label")
            }
        }
    }

    /// The sources give distances but no shares below 100 %: every such share is an assumption
    /// and must say so. R5 (huisarts), R5b (apotheek) and the strict 100 m of zonder_mantelzorg
    /// are assumed distances as well.
    @Test func assumptionsSayAanname() throws {
        let profiles = try Self.profiles()
        for profile in profiles {
            for requirement in profile.requirements where requirement.share < 1 {
                #expect(requirement.source.lowercased().contains("aanname"), "\(profile.name).\(requirement.id): share \(requirement.share)")
            }
        }
        let assumedDistances = [("woonservicegebied", "R5"), ("woonservicegebied", "R5b"), ("zonder_mantelzorg", "R1s"),
                                ("zonder_mantelzorg", "R2s"), ("zonder_mantelzorg", "R5")]
        for (name, id) in assumedDistances {
            let requirement = profiles.first { $0.name == name }?.requirements.first { $0.id == id }
            #expect(requirement?.source.lowercased().contains("aanname") == true, "\(name).\(id)")
        }
    }

    /// Without `[[profiles]]` the search bound also covers the default requirements (all ≤ 1000 m).
    @Test func defaultsKeepTheSearchBound() throws {
        let configuration = try ConfigurationLoader.parse(ProfileConfigurationTests.minimal, file: "proef.toml", baseDirectory: "/data",
                                                          outputOverride: nil)
        let largest = configuration.assessment.profiles.flatMap(\.requirements).map(\.threshold).max()
        #expect(largest == 1000)
        #expect(configuration.distances.cutoff == 1500)
    }

    /// docs/profielen.md is `nabijheid profiles` (the shipped profiles as a table) under a short
    /// introduction; a change to the defaults must be regenerated into the documentation.
    @Test func documentationShowsTheShippedProfiles() throws {
        let path = TestSupport.packageRoot.appendingPathComponent("docs/profielen.md")
        let documentation = try String(contentsOf: path, encoding: .utf8)
        let table = ProfileTable.markdown(try ConfigurationLoader.defaultAssessment(), catalog: .standard,
                                          mobility: try ConfigurationLoader.defaultMobilityProfiles())
        #expect(!table.isEmpty)
        #expect(documentation.hasSuffix(table), "regenerate docs/profielen.md with `nabijheid profiles`")
        #expect(try ConfigurationLoader.defaultAssessment() == AssessmentSettings(profiles: try Self.profiles(), minimumDwellings: 10))
    }
}
