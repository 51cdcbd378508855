import Foundation
import Testing
@testable import Nabijheid

/// docs/plan.md, Safety: check writes only its three reports into the output folder, and never
/// reaches the network for a path in the plan or configuration without --allow-remote.
@Suite("PlanCheck: safety")
struct PlanCheckSafetyTests {
    @Test("check writes only check.json, check-junit.xml and verschil.geojson, and leaves no staging folder",
          arguments: ["plan-geslaagd.geojson", "plan-woonvorm-te-ver.geojson", "plan-supermarkt-dicht.geojson"])
    func onlyThreeFiles(plan: String) throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try PlanCheckTown()
        let before = PlanCheckTown.entries(town.directory)
        let result = try town.check(plan: plan)
        #expect(result.exited(0) || result.exited(1), "\(result)")
        #expect(PlanCheckTown.entries(town.output) == PlanCheckTown.reportFiles)
        // Nothing else in the town folder either (no `out/` of the configuration, no staging).
        #expect(PlanCheckTown.entries(town.directory) == (before + ["uitvoer"]).sorted())
        #expect(result.stdout.contains("check.json, check-junit.xml, verschil.geojson"), "\(result)")
    }

    @Test("without --output, check writes its three reports into the configuration's output_dir and nothing else")
    func configuredOutputFolder() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try PlanCheckTown()
        let result = try TestSupport.run(["check", "--config", town.config.path, "--plan", town.url("plan-geslaagd.geojson").path],
                                         in: town.directory)
        #expect(result.exited(0), "\(result)")
        #expect(PlanCheckTown.entries(town.url("out")) == PlanCheckTown.reportFiles)
    }

    @Test("a stale staging folder from a crash is cleared, other files are left alone")
    func staleStaging() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try PlanCheckTown()
        try town.town.write("half", to: "uitvoer/.nabijheid-staging-99999/check.json")
        try town.town.write("van iemand anders", to: "uitvoer/notities.txt")
        let result = try town.check(plan: "plan-geslaagd.geojson")
        #expect(result.exited(0), "\(result)")
        #expect(PlanCheckTown.entries(town.output) == (PlanCheckTown.reportFiles + ["notities.txt"]).sorted())
        #expect(try town.town.read("uitvoer/notities.txt") == "van iemand anders")
    }

    @Test("a local VRT plan that points at a URL does not make check connect anywhere")
    func vrtPointingAtNetwork() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try PlanCheckTown()
        func vrt(_ source: String) -> String {
            """
            <OGRVRTDataSource>
              <OGRVRTLayer name="plan">
                <SrcDataSource>\(source)</SrcDataSource>
                <SrcLayer>bouwplan</SrcLayer>
              </OGRVRTLayer>
            </OGRVRTDataSource>
            """
        }
        // The same VRT on a local file works: the remote case below fails for the right reason.
        try town.town.write(vrt(town.url("plan-geslaagd.geojson").path), to: "lokaal.vrt")
        let local = try town.check(plan: "lokaal.vrt", output: town.url("lokaal"))
        #expect(local.exited(0), "\(local)")

        let listener = try LoopbackListener()
        try town.town.write(vrt("/vsicurl/http://127.0.0.1:\(listener.port)/plan.geojson"), to: "op-afstand.vrt")
        let remote = try town.check(plan: "op-afstand.vrt", timeout: 30)
        #expect(remote.exited(2), "\(remote)")
        #expect(remote.seconds < 10, "\(remote)")
        #expect(remote.stderr.contains("op-afstand.vrt"), "\(remote)")
        #expect(!listener.connectionAttempted, "check connected to 127.0.0.1:\(listener.port) for a VRT in the plan")
        #expect(PlanCheckTown.entries(town.output).isEmpty)
    }

    @Test("a remote path in the configuration is refused without --allow-remote, and nothing connects")
    func remoteConfigurationPath() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try PlanCheckTown()
        let listener = try LoopbackListener()
        let url = "/vsicurl/http://127.0.0.1:\(listener.port)/buurten.geojson"
        try town.town.editConfig("path = \"buurten.geojson\"", "path = \"\(url)\"")
        let result = try town.check(plan: "plan-geslaagd.geojson", timeout: 30)
        #expect(result.exited(2), "\(result)")
        #expect(result.seconds < 10, "\(result)")
        #expect(result.stderr.contains(url), "\(result)")
        #expect(!listener.connectionAttempted)
        #expect(PlanCheckTown.entries(town.output).isEmpty)
    }
}

@Suite("PlanCheck: help")
struct PlanCheckHelpTests {
    @Test("check --help names every option and the exit codes 0, 1 and 2")
    func help() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let result = try TestSupport.run(["check", "--help"])
        #expect(result.exited(0), "\(result)")
        let text = result.stdout
        for option in ["--config", "--plan", "--output", "--profile", "--tolerance", "--allow-remote", "--quiet"] {
            #expect(text.contains(option), "\(option) in: \(text)")
        }
        // The help text is wrapped to the terminal width; compare with the whitespace folded.
        let folded = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(folded.contains("Exit codes: 0"), "\(folded)")
        for code in ["0 the plan passes", "1 it fails a requirement", "2 bad input"] {
            #expect(folded.contains(code), "'\(code)' in: \(folded)")
        }
    }
}
