import ArgumentParser
import Foundation
import Nabijheid

@main
struct NabijheidCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nabijheid",
        abstract: "Walking distances from every dwelling to daily facilities, per buurt, as GeoJSON layers.",
        discussion: """
        Exit codes: 0 success; 1 (check) the plan fails; 2 bad input or configuration (the \
        message names the file, layer, field or key), a refused output folder (a URL, one that \
        holds an input, one another run is writing to); 64 wrong command-line usage; 70 internal \
        or library failure; 74 the results could not be written (the message names the path \
        and the cause, e.g. "No space left on device"). After any failure the output folder \
        holds the earlier results unchanged.
        """,
        version: NabijheidVersion.current,
        subcommands: [RunCommand.self, CheckCommand.self, ProfilesCommand.self, GenerateTownCommand.self, SearchBenchCommand.self]
    )
}

/// Turns the library's errors into a message on stderr and the documented exit code.
func reportingErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as InputError {
        FileHandle.standardError.write(Data("nabijheid: error: \(error.message)\n".utf8))
        throw ExitCode(2)
    } catch let error as OutputError {
        FileHandle.standardError.write(Data("nabijheid: error: \(error.message)\n".utf8))
        throw ExitCode(74)
    } catch let error as LibraryError {
        FileHandle.standardError.write(Data("nabijheid: internal error: \(error)\n".utf8))
        throw ExitCode(70)
    } catch {
        // Never the parser's default exit 1, which means "the plan fails" to `check`.
        FileHandle.standardError.write(Data("nabijheid: internal error: \(String(describing: error).replacingOccurrences(of: "\n", with: " "))\n".utf8))
        throw ExitCode(70)
    }
}

/// Progress goes to stderr only when stderr is a terminal, so CI logs stay quiet.
let stderrIsTerminal = isatty(FileHandle.standardError.fileDescriptor) == 1

/// `--log-format`: how progress is reported on stderr.
enum LogFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json

    /// Text progress only on a terminal (and not when --timings prints its own lines); JSON always.
    func configureProgress(timingsRequested: Bool) {
        switch self {
        case .json: ProgressReporter.shared.configure(.json)
        case .text: ProgressReporter.shared.configure(stderrIsTerminal && !timingsRequested ? .terminal : .silent)
        }
    }
}
