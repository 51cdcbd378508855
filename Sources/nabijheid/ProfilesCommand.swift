import ArgumentParser
import Nabijheid

struct ProfilesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profiles",
        abstract: "Print the requirement profiles and the mobility profiles as Markdown tables: requirement, threshold, share, weighting, network and source.",
        discussion: "Without --config: the profiles shipped with nabijheid (docs/profielen.md is this output)."
    )

    @Option(name: .shortAndLong, help: ArgumentHelp("Show the profiles of this configuration instead of the shipped ones.", valueName: "file"))
    var config: String?

    func run() throws {
        try reportingErrors {
            let settings: AssessmentSettings
            let catalog: FacilityCatalog
            let mobility: [MobilityProfile]
            if let config {
                let configuration = try ConfigurationLoader.load(file: config)
                (settings, catalog, mobility) = (configuration.assessment, configuration.catalog, configuration.mobilityProfiles)
            } else {
                (settings, catalog, mobility) = (try ConfigurationLoader.defaultAssessment(), FacilityCatalog.standard,
                                                 try ConfigurationLoader.defaultMobilityProfiles())
            }
            print(ProfileTable.markdown(settings, catalog: catalog, mobility: mobility), terminator: "")
        }
    }
}
