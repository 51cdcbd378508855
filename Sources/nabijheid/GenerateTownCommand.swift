import ArgumentParser
struct GenerateTownCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "generate-town", abstract: "Generate a synthetic town (placeholder).")
}
