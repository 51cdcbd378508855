import Foundation
import Testing

// Shared helpers for tests that run the `nabijheid` executable or need the fixture town or the
// real extracts: where the package and the binary are, how to run the binary, a scratch copy
// of fixtures/town that a test may break, and the shared-data folder.
//
// The binary is not built here. Both ways of running the suite build it first:
// `swift build --build-tests` (what scripts/test runs before `swift test --skip-build`) builds
// every target including the executable, and plain `swift test` builds the subset
// "all including tests", which also contains the executable. Building from inside a test would
// contend for the build lock that `swift test` may still hold, so a missing binary is reported
// as a test failure with the command to run instead.

enum TestSupport {
    /// The package root, found from this file's own path: <root>/Tests/NabijheidTests/Support/TestSupport.swift.
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Support
        .deletingLastPathComponent()  // NabijheidTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()

    /// fixtures/town: the committed synthetic town and its configuration.
    static var townFixture: URL { packageRoot.appendingPathComponent("fixtures/town") }

    /// The real Dutch extracts (Delft OSM and buurten, Baarn buurten): `NABIJHEID_SHARED_DATA`
    /// when set, otherwise `<package root>/../shared/data`.
    static var sharedDataDirectory: URL {
        if let configured = ProcessInfo.processInfo.environment["NABIJHEID_SHARED_DATA"], !configured.isEmpty {
            return URL(fileURLWithPath: configured)
        }
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data").standardizedFileURL
    }

    /// Whether the shared data folder exists (tests that need it can be `.enabled(if:)` on this).
    static var sharedDataAvailable: Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: sharedDataDirectory.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// The `nabijheid` executable: `NABIJHEID_BINARY` when set; else the one next to the running
    /// test bundle (same build folder and configuration as the tests); else `<root>/.build/debug/nabijheid`.
    static let binary: URL = {
        let manager = FileManager.default
        if let configured = ProcessInfo.processInfo.environment["NABIJHEID_BINARY"], !configured.isEmpty {
            return URL(fileURLWithPath: configured)
        }
        // On Linux the test runner is `<build>/debug/nabijheidPackageTests.xctest`; on macOS it
        // is inside `<build>/debug/nabijheidPackageTests.xctest/Contents/MacOS/`.
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("nabijheid")
            var isDirectory: ObjCBool = false
            if manager.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue,
               manager.isExecutableFile(atPath: candidate.path) {
                return candidate
            }
            folder.deleteLastPathComponent()
        }
        return packageRoot.appendingPathComponent(".build/debug/nabijheid")
    }()

    /// Records a failure (once per test) when the binary is missing; returns whether it exists.
    static func binaryIsAvailable(sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            Issue.record("""
                The nabijheid executable is missing at \(binary.path). Run `swift build --build-tests` \
                (or plain `swift test`, which builds it) before `swift test --skip-build`.
                """, sourceLocation: sourceLocation)
            return false
        }
        return true
    }

    /// A fresh, empty scratch folder. The caller removes it (see `ScratchFolder`).
    static func makeTemporaryDirectory(_ label: String = "test") throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("nabijheid-\(label)-\(UUID().uuidString.prefix(8))", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

// MARK: - Running the binary

/// The outcome of one run of the executable.
struct CLIResult: CustomStringConvertible {
    var arguments: [String]
    /// The exit status, or the signal number when `signaled`.
    var status: Int32
    /// True when the process died of a signal (a crash shows up here, e.g. SIGILL = 4 from a Swift trap).
    var signaled: Bool
    /// True when the process was killed because it ran past its time limit.
    var timedOut: Bool
    var stdout: String
    var stderr: String
    var seconds: Double

    /// For `#expect` messages: what ran and what it said.
    var description: String {
        "nabijheid \(arguments.joined(separator: " ")) → \(signaled ? "signal" : "exit") \(status)\(timedOut ? " (timed out)" : "") after \(String(format: "%.2f", seconds)) s\n"
            + "stdout: \(stdout.isEmpty ? "(empty)" : stdout)\nstderr: \(stderr.isEmpty ? "(empty)" : stderr)"
    }

    /// Exited normally with this status.
    func exited(_ code: Int32) -> Bool { !signaled && !timedOut && status == code }
}

extension TestSupport {
    /// Runs `nabijheid` with `arguments` in `directory`, stdin from /dev/null, stdout and stderr
    /// to files (so a chatty process cannot block on a full pipe) and without a terminal, as in
    /// CI. The Swift crash backtracer is disabled in the child: it can keep a crashed process
    /// around for many seconds. A run longer than `timeout` seconds is killed and marked `timedOut`.
    static func run(_ arguments: [String], in directory: URL? = nil, timeout: Double = 60,
                    environment extra: [String: String] = [:]) throws -> CLIResult {
        try runProgram(binary, arguments, in: directory, timeout: timeout, environment: extra)
    }

    /// Runs any program the same way as `run`.
    static func runProgram(_ program: URL, _ arguments: [String], in directory: URL? = nil, timeout: Double = 60,
                           environment extra: [String: String] = [:]) throws -> CLIResult {
        let scratch = try makeTemporaryDirectory("capture")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout"), errURL = scratch.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let outHandle = try FileHandle(forWritingTo: outURL), errHandle = try FileHandle(forWritingTo: errURL)
        defer { try? outHandle.close(); try? errHandle.close() }

        let process = Process()
        process.executableURL = program
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "enable=no"
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = outHandle
        process.standardError = errHandle

        let start = Date()
        try process.run()
        var timedOut = false
        while process.isRunning {
            if Date().timeIntervalSince(start) > timeout {
                timedOut = true
                process.terminate()
                let killDeadline = Date().addingTimeInterval(5)
                while process.isRunning && Date() < killDeadline { usleep(20_000) }
                if process.isRunning { kill(process.processIdentifier, SIGKILL) }
                break
            }
            usleep(10_000)
        }
        process.waitUntilExit()
        let seconds = Date().timeIntervalSince(start)
        let stdout = (try? String(contentsOf: outURL, encoding: .utf8)) ?? ""
        let stderr = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
        return CLIResult(arguments: arguments, status: process.terminationStatus,
                         signaled: process.terminationReason == .uncaughtSignal, timedOut: timedOut,
                         stdout: stdout, stderr: stderr, seconds: seconds)
    }
}

// MARK: - A scratch copy of the fixture town

/// A private copy of fixtures/town in a temporary folder, removed when the value is released.
/// Tests break one input at a time (`write`, `editConfig`) and run the tool on it.
final class TownCopy {
    let directory: URL

    /// The fixture's configuration in the copy.
    var config: URL { directory.appendingPathComponent("nabijheid.toml") }

    /// The output folder the tests use (`--output`); not created until the tool creates it.
    var output: URL { directory.appendingPathComponent("uitvoer") }

    /// The layers a successful run on the fixture town writes: its buurten have CBS buurtcodes
    /// (BU00010000 …), so wijken and gemeenten are derived from them and written as well, and
    /// service areas (`bereikgebieden`) are on by default.
    static let layers = ["buurten", "wijken", "gemeenten", "woningen", "voorzieningen", "bereikgebieden"]

    /// Every file of such a run: each layer as GeoJSON with its QGIS style and its typed schema
    /// (an OGR VRT) beside it, and run.json.
    static let outputFiles = layers.map { "\($0).geojson" } + layers.map { "\($0).qml" } + layers.map { "\($0).vrt" }
        + ["rapport.html", "run.json"]

    init() throws {
        directory = try TestSupport.makeTemporaryDirectory("town")
        let manager = FileManager.default
        // Copy the committed inputs only: not a local `out/` from a demo run, nor dotfiles.
        for entry in try manager.contentsOfDirectory(atPath: TestSupport.townFixture.path).sorted()
        where !entry.hasPrefix(".") && entry != "out" {
            try manager.copyItem(at: TestSupport.townFixture.appendingPathComponent(entry),
                                 to: directory.appendingPathComponent(entry))
        }
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    func url(_ relativePath: String) -> URL { directory.appendingPathComponent(relativePath) }

    func read(_ relativePath: String) throws -> String {
        try String(contentsOf: url(relativePath), encoding: .utf8)
    }

    /// Removes the GTFS `wheelchair_boarding` column (the town's last) from the stops, so every
    /// stop's accessibility is unknown, for tests that set it themselves or need it unknown.
    func dropWheelchairBoarding() throws {
        let lines = try read("gtfs/stops.txt").split(separator: "\n").map(String.init)
        #expect(lines.first?.hasSuffix(",wheelchair_boarding") == true, "the town's stops end with wheelchair_boarding")
        let kept = lines.map { line in String(line[..<(line.lastIndex(of: ",") ?? line.endIndex)]) }
        try write(kept.joined(separator: "\n") + "\n", to: "gtfs/stops.txt")
    }

    func write(_ text: String, to relativePath: String) throws {
        let target = url(relativePath)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: target)
    }

    /// Replaces `old` by `new` in a file of the copy; records a failure when `old` does not occur
    /// (so a changed fixture cannot silently turn a test into a no-op).
    func replace(_ old: String, with new: String, in relativePath: String,
                 sourceLocation: SourceLocation = #_sourceLocation) throws {
        let text = try read(relativePath)
        guard text.contains(old) else {
            Issue.record("'\(old)' does not occur in \(relativePath) of the fixture", sourceLocation: sourceLocation)
            return
        }
        try write(text.replacingOccurrences(of: old, with: new), to: relativePath)
    }

    func editConfig(_ old: String, _ new: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try replace(old, with: new, in: "nabijheid.toml", sourceLocation: sourceLocation)
    }

    /// `nabijheid run --config <copy>/nabijheid.toml --output <output>` plus `extra` arguments.
    func run(output: URL? = nil, _ extra: [String] = [], timeout: Double = 60) throws -> CLIResult {
        try TestSupport.run(["run", "--config", config.path, "--output", (output ?? self.output).path] + extra,
                            in: directory, timeout: timeout)
    }

    /// Entries of an output folder that a run leaves behind: final files and staging folders.
    /// Empty when the folder does not exist.
    static func outputEntries(in folder: URL) -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return entries.filter { outputFiles.contains($0) || $0.hasPrefix(".nabijheid-staging-") }.sorted()
    }

    /// The bytes of every file directly inside `folder`, by name (subfolders are skipped).
    static func snapshot(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for entry in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            var isDirectory: ObjCBool = false
            let path = folder.appendingPathComponent(entry).path
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[entry] = try Data(contentsOf: URL(fileURLWithPath: path))
            }
        }
        return files
    }
}
