import Foundation
import Testing
@testable import Nabijheid

/// The command line as a user and a CI pipeline see it: help, version, usage errors (exit 64),
/// and a good run on the fixture town: exit 0, a summary on stdout, every layer with its style, a quiet
/// stderr without a terminal, and the same bytes on every run and for every thread count.
@Suite("Command line: help, version, usage errors, good and deterministic runs")
struct CommandLineTests {
    // MARK: Help and version

    @Test func rootHelp() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        for arguments in [["--help"], ["-h"], ["help"]] {
            let result = try TestSupport.run(arguments)
            #expect(result.exited(0), "\(result)")
            for fragment in ["USAGE: nabijheid <subcommand>", "--version", "--help", "run", "generate-town",
                             "Exit codes", "64", "70"] {
                #expect(result.stdout.contains(fragment), "root help should mention \(fragment)\n\(result)")
            }
        }
    }

    @Test func runHelpMentionsEveryOption() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        for arguments in [["run", "--help"], ["help", "run"]] {
            let result = try TestSupport.run(arguments)
            #expect(result.exited(0), "\(result)")
            for option in ["--config", "--output", "--threads", "--timings", "--quiet", "--log-format", "-c,", "-o,", "-q,",
                           "buurten.geojson", "wijken.geojson", "gemeenten.geojson", "woningen.geojson", "voorzieningen.geojson",
                           "bereikgebieden.geojson", ".qml", "rapport.html", "run.json"] {
                #expect(result.stdout.contains(option), "run help should mention \(option)\n\(result)")
            }
        }
    }

    @Test func version() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let result = try TestSupport.run(["--version"])
        #expect(result.exited(0), "\(result)")
        #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == NabijheidVersion.current, "\(result)")
        #expect(result.stderr.isEmpty, "\(result)")
    }

    // MARK: Usage errors: exit 64

    @Test(arguments: [
        ["run", "--config", "nabijheid.toml", "--bogus"],
        ["run", "--config", "nabijheid.toml", "--threads", "0"],
        ["run", "--config", "nabijheid.toml", "--threads", "twee"],
        ["run"],
        ["--bogus"],
        ["bestaat-niet"],
    ])
    func usageErrorExits64(arguments: [String]) throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try TownCopy()
        let result = try TestSupport.run(arguments, in: town.directory)
        #expect(result.exited(64), "\(result)")
        #expect(result.stderr.contains("Usage") || result.stderr.contains("USAGE"), "usage on stderr\n\(result)")
        #expect(TownCopy.outputEntries(in: town.directory.appendingPathComponent("out")) == [], "no run happened")
    }

    // MARK: A good run

    @Test func goodRunWritesEveryFileAndASummary() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try TownCopy()
        let result = try town.run()
        try #require(result.exited(0), "\(result)")
        #expect(TownCopy.outputEntries(in: town.output) == TownCopy.outputFiles.sorted(), "every file and no staging folder")
        // Progress goes to stderr only on a terminal; the tests run without one.
        #expect(result.stderr.isEmpty, "\(result)")
        let summary = result.stdout
        for fragment in ["nabijheid \(NabijheidVersion.current): 6 buurten, 1008 woningen",
                         "woningen: 1000 in een buurt, 5 niet routeerbaar, 3 buiten alle buurten",
                         "ov_halte: 12 voorzieningen", "zorg_24uur: 1 voorzieningen",
                         // 6 buurten BU00010000 … BU00019100 → wijken WK000100, WK000101, WK000190, WK000191 and
                         // gemeente GM0001; service areas for 7 categories × 3 thresholds.
                         "uitvoer: buurten.geojson (6), wijken.geojson (4), gemeenten.geojson (1), woningen.geojson (1008), "
                             + "voorzieningen.geojson (18), bereikgebieden.geojson (21), rapport.html (6), run.json"] {
            #expect(summary.contains(fragment), "summary should contain \(fragment)\n\(result)")
        }
        // Every style is a QGIS style document.
        for name in TownCopy.outputFiles where name.hasSuffix(".qml") {
            let text = try String(contentsOf: town.output.appendingPathComponent(name), encoding: .utf8)
            #expect(text.contains("<!DOCTYPE qgis") && text.contains("<qgis ") && text.contains("</qgis>"), "\(name) is a QGIS style")
        }
        // The report is one self-contained HTML page: no scripts, styles or images from elsewhere.
        let html = try String(contentsOf: town.output.appendingPathComponent("rapport.html"), encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html") && html.contains("<svg") && html.contains("</html>"))
        // The SVG namespace is an identifier, not something fetched.
        let fetched = html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
        #expect(!fetched.contains("http://") && !fetched.contains("https://") && !fetched.contains("<script"), "rapport.html needs no network")
        // Every other output is well-formed JSON; the layers are FeatureCollections without a crs member.
        for name in TownCopy.outputFiles where !name.hasSuffix(".qml") && !name.hasSuffix(".html") && !name.hasSuffix(".vrt") {
            let data = try Data(contentsOf: town.output.appendingPathComponent(name))
            let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
            #expect(object != nil, "\(name) is a JSON object")
            if name.hasSuffix(".geojson") {
                #expect(object?["type"] as? String == "FeatureCollection", "\(name)")
                #expect(object?["crs"] == nil, "\(name): RFC 7946 has no crs member")
            }
        }
    }

    @Test func outputDefaultsToTheConfiguredFolder() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try TownCopy()
        // Run from another working directory: output_dir = "out" is relative to the configuration.
        let elsewhere = try TestSupport.makeTemporaryDirectory("cwd")
        defer { try? FileManager.default.removeItem(at: elsewhere) }
        let result = try TestSupport.run(["run", "--config", town.config.path, "--quiet"], in: elsewhere)
        try #require(result.exited(0), "\(result)")
        #expect(TownCopy.outputEntries(in: town.url("out")) == TownCopy.outputFiles.sorted())
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path).isEmpty)
    }

    @Test func quietPrintsNothing() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try TownCopy()
        let result = try town.run(["--quiet"])
        try #require(result.exited(0), "\(result)")
        #expect(result.stdout.isEmpty && result.stderr.isEmpty, "\(result)")
        #expect(TownCopy.outputEntries(in: town.output) == TownCopy.outputFiles.sorted())
    }

    @Test func timingsGoToStderr() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try TownCopy()
        let result = try town.run(["--timings", "--quiet"])
        try #require(result.exited(0), "\(result)")
        #expect(result.stdout.isEmpty, "\(result)")
        for stage in ["lezen", "netwerk", "koppelen", "zoeken", "schrijven", "totaal"] {
            #expect(result.stderr.contains(stage), "timings should list \(stage)\n\(result)")
        }
        // Every stage under its own name: the walk graph is `netwerk`, the mobility profiles'
        // networks `mobiliteitsnetwerken` (a second `netwerk` line hid the first in scripts/bench.py).
        let names = result.stderr.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) }
        #expect(names.filter { $0 == "netwerk" }.count == 1, "\(result)")
        #expect(names.filter { $0 == "mobiliteitsnetwerken" }.count == 1, "\(result)")
        #expect(result.stderr.contains("MB peak"), "\(result)")
    }

    // MARK: Determinism

    @Test func runningTwiceGivesTheSameBytes() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try TownCopy()
        let first = try town.run(["--quiet"])
        try #require(first.exited(0), "\(first)")
        let firstFiles = try TownCopy.snapshot(town.output)
        #expect(Set(firstFiles.keys) == Set(TownCopy.outputFiles))

        // Again into the same folder (replacing the files) and into a fresh one.
        let again = try town.run(["--quiet"])
        try #require(again.exited(0), "\(again)")
        #expect(try TownCopy.snapshot(town.output) == firstFiles, "a second run into the same folder writes the same bytes")

        let other = town.url("tweede")
        let fresh = try town.run(output: other, ["--quiet"])
        try #require(fresh.exited(0), "\(fresh)")
        let freshFiles = try TownCopy.snapshot(other)
        for name in TownCopy.outputFiles {
            #expect(freshFiles[name] == firstFiles[name], "\(name) differs between two runs")
        }
    }

    @Test func threadCountDoesNotChangeTheBytes() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try TownCopy()
        var reference: [String: Data]?
        for threads in [1, 2, 3] {
            let folder = town.url("threads-\(threads)")
            let result = try town.run(output: folder, ["--quiet", "--threads", String(threads)])
            try #require(result.exited(0), "\(result)")
            let files = try TownCopy.snapshot(folder)
            #expect(Set(files.keys) == Set(TownCopy.outputFiles))
            if let reference {
                for name in TownCopy.outputFiles {
                    #expect(files[name] == reference[name], "\(name) with --threads \(threads) differs from --threads 1")
                }
            } else {
                reference = files
            }
        }
    }
}
