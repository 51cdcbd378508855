import Foundation
import Testing

/// Issue 10, item 6 and the output half of item 3: output folders a run must not write to are
/// refused with exit 2 before anything is created or written.
/// Regressions: `output_dir = "."` beside the inputs overwrote buurten.geojson, woningen.geojson
/// and voorzieningen.geojson; `/vsis3/…` created a folder at the file-system root and
/// `http://…` wrote to `./http:/…`.
@Suite("Reliability: output folders that would overwrite inputs or are remote are refused")
struct OutputLocationTests {
    /// Runs `arguments` in the town copy and checks the refusal contract and that no file in the
    /// town folder (inputs included) changed and nothing was added.
    private func expectRefusedUntouched(_ town: TownCopy, _ arguments: [String], mentions fragments: [String],
                                        sourceLocation: SourceLocation = #_sourceLocation) throws {
        let before = try TownCopy.snapshot(town.directory)
        let entries = PlanCheckTown.entries(town.directory)
        let result = try TestSupport.run(arguments, in: town.directory)
        result.expectRefusal(status: 2, mentions: fragments, sourceLocation: sourceLocation)
        #expect(try TownCopy.snapshot(town.directory) == before, "an input file changed", sourceLocation: sourceLocation)
        #expect(PlanCheckTown.entries(town.directory) == entries, "something was created", sourceLocation: sourceLocation)
    }

    @Test("output_dir = \".\" beside the inputs is refused, and every input stays as it was")
    func outputDirBesideInputs() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try TownCopy()
        try town.editConfig(#"output_dir = "out""#, #"output_dir = ".""#)
        try expectRefusedUntouched(town, ["run", "--config", town.config.path], mentions: ["buurten.geojson", "overwrite"])
    }

    @Test("--output naming the input folder through a symbolic link or `..` is refused",
          arguments: ["link", "sub/..", "link/sub/../."])
    func outputThroughLinkOrDotDot(relative: String) throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try TownCopy()
        try FileManager.default.createDirectory(at: town.url("sub"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: town.url("link").path, withDestinationPath: town.directory.path)
        try expectRefusedUntouched(town, ["run", "--config", town.config.path, "--output", town.directory.path + "/" + relative],
                                   mentions: ["overwrite"])
    }

    @Test("an input that is a symbolic link inside the output folder is refused (the run would replace the link)")
    func inputLinkInOutputFolder() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try TownCopy()
        try FileManager.default.createDirectory(at: town.output, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: town.output.appendingPathComponent("woningen.geojson").path,
                                                   withDestinationPath: town.url("woningen.geojson").path)
        try town.editConfig(#"path = "woningen.geojson""#, #"path = "uitvoer/woningen.geojson""#)
        try expectRefusedUntouched(town, ["run", "--config", town.config.path, "--output", town.output.path],
                                   mentions: ["uitvoer/woningen.geojson", "overwrite"])
        let link = try FileManager.default.destinationOfSymbolicLink(atPath: town.output.appendingPathComponent("woningen.geojson").path)
        #expect(link == town.url("woningen.geojson").path)
    }

    @Test("check: an output folder holding the plan under a report's name is refused")
    func checkOutputHoldingThePlan() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try PlanCheckTown()
        try FileManager.default.copyItem(at: town.url("plan-geslaagd.geojson"), to: town.url("verschil.geojson"))
        try expectRefusedUntouched(town.town, ["check", "--config", town.config.path, "--plan", town.url("verschil.geojson").path,
                                               "--output", town.directory.path], mentions: ["verschil.geojson", "overwrite"])
    }

    @Test("check into the input folder is fine when no report would replace an input")
    func checkIntoInputFolder() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try PlanCheckTown()
        let result = try town.check(plan: "plan-geslaagd.geojson", output: town.directory)
        #expect(result.exited(0), "\(result)")
    }

    @Test("relative output folders, also of one letter and nested, are created in the working directory",
          arguments: ["u", "u/v", "./w/"])
    func relativeOutput(output: String) throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try TownCopy()
        let result = try TestSupport.run(["run", "--config", town.config.path, "--output", output, "--quiet"], in: town.directory)
        #expect(result.exited(0), "\(result)")
        #expect(TownCopy.outputEntries(in: town.url(output)) == TownCopy.outputFiles.sorted())
    }

    @Test("remote output folders are refused before anything is written",
          arguments: ["http://127.0.0.1:9/uitvoer", "s3://bucket/uitvoer", "/vsis3/nabijheid-test-bucket/uitvoer",
                      "/vsimem/uitvoer", "/vsicurl/http://127.0.0.1:9/uitvoer"])
    func remoteOutput(output: String) throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try TownCopy()
        let rootHadVsis3 = FileManager.default.fileExists(atPath: "/vsis3")
        try expectRefusedUntouched(town, ["run", "--config", town.config.path, "--output", output], mentions: [output, "local folder"])
        if !rootHadVsis3 { #expect(!FileManager.default.fileExists(atPath: "/vsis3"), "a folder was created at the file-system root") }
        // The same in the configuration file, also for check.
        try town.editConfig(#"output_dir = "out""#, "output_dir = \"\(output)\"")
        try expectRefusedUntouched(town, ["run", "--config", town.config.path], mentions: [output, "local folder"])
        try town.write(try String(contentsOf: TestSupport.packageRoot.appendingPathComponent("fixtures/plans/plan-geslaagd.geojson"), encoding: .utf8),
                       to: "plan.geojson")
        try expectRefusedUntouched(town, ["check", "--config", town.config.path, "--plan", town.url("plan.geojson").path],
                                   mentions: [output, "local folder"])
    }
}
