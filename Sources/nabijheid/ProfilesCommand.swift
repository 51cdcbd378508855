import ArgumentParser
import Nabijheid

struct ProfilesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profiles",
        abstract: "Print the requirement profiles as a Markdown table: requirement, threshold, share, weighting and source.",
        discussion: "Without --config: the profiles shipped with nabijheid (docs/profielen.md is this output)."
    )

    @Option(name: .shortAndLong, help: ArgumentHelp("Show the profiles of this configuration instead of the shipped ones.", valueName: "file"))
    var config: String?

    func run() throws {
        try reportingErrors {
            let settings: AssessmentSettings
            let catalog: FacilityCatalog
            if let config {
                let configuration = try ConfigurationLoader.load(file: config)
                (settings, catalog) = (configuration.assessment, configuration.catalog)
            } else {
                (settings, catalog) = (try ConfigurationLoader.defaultAssessment(), FacilityCatalog.standard)
            }
            print(ProfileTable.markdown(settings, catalog: catalog), terminator: "")
        }
    }
}
