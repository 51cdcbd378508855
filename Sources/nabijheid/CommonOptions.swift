import ArgumentParser
import Foundation
import Nabijheid

/// Options every command that runs the pipeline shares (`run`, `check`).
struct CommonOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: ArgumentHelp("The TOML configuration file (see docs/configuratie.md).", valueName: "file"))
    var config: String

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the results here instead of the configuration's output_dir.", valueName: "dir"))
    var output: String?

    @Option(help: "Worker threads (results do not depend on it; more than 64 are used as 64).")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    /// The threads a run really uses: `--threads` capped, so no request can exhaust memory.
    var workerThreads: Int { WorkerThreads.effective(threads) }

    @Flag(name: .shortAndLong, help: "Print nothing on stdout.")
    var quiet = false

    @Option(help: "Progress on stderr: text (redrawn, only when stderr is a terminal) or json (one object per line, always).")
    var logFormat: LogFormat = .text

    func validate() throws {
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
    }

    func loadConfiguration() throws -> RunConfiguration {
        try ConfigurationLoader.load(file: config, outputOverride: output)
    }
}
