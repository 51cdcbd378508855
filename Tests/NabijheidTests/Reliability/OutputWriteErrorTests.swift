import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Issue 10, item 9: when the results cannot be written (full disk, a file-size limit, a folder
/// that cannot be created) the run ends with exit 74 (README "Exit codes") and one line naming
/// the path and the system's reason; for `check` that is never 1, which CI reads as "the plan
/// fails". The earlier results stay as they were. Regression: exit 1 and a raw
/// `NSCocoaErrorDomain Code=640` text. The tests run as root, which ignores permissions, so
/// they use a file-size limit, a full tmpfs (when mounting is permitted) and a path under a file.
@Suite("Reliability: write errors are exit 74 naming the path and cause, never exit 1")
struct OutputWriteErrorTests {
    /// Runs nabijheid with a file-size limit of `bytes` (util-linux `prlimit`) and SIGXFSZ
    /// ignored, so that a write past the limit fails with EFBIG ("File too large") as it would on
    /// a full disk.
    private func runLimited(_ arguments: [String], bytes: Int, in directory: URL) throws -> CLIResult {
        try TestSupport.runProgram(URL(fileURLWithPath: "/bin/sh"),
                                   ["-c", "trap '' XFSZ && exec prlimit --fsize=\(bytes) \"$0\" \"$@\"", TestSupport.binary.path] + arguments,
                                   in: directory)
    }

    @Test("run: a file-size limit while writing gives exit 74 naming the file, earlier results untouched")
    func runPastFileSizeLimit() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try TownCopy()
        try #require(try town.run().exited(0))
        let before = try OutputSnapshot.checksums(town.output)
        try town.editConfig("thresholds_m = [100, 500, 1000]", "thresholds_m = [200, 400]")
        let result = try runLimited(["run", "--config", town.config.path, "--output", town.output.path], bytes: 8192, in: town.directory)
        result.expectRefusal(status: 74, mentions: [town.output.path, "File too large"])
        #expect(!result.stderr.contains("NSCocoaErrorDomain"), "\(result)")
        #expect(try OutputSnapshot.checksums(town.output) == before, "the earlier results changed")
        #expect(OutputSnapshot.hiddenEntries(town.output).isEmpty, "staging folder left behind")
    }

    @Test("check: a file-size limit while writing the reports gives exit 74, not 1")
    func checkPastFileSizeLimit() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try PlanCheckTown()
        // plan-woonvorm-te-ver fails the check: exit 1 if the failure to write went unnoticed.
        let result = try runLimited(["check", "--config", town.config.path, "--plan", town.url("plan-woonvorm-te-ver.geojson").path,
                                     "--output", town.output.path], bytes: 1024, in: town.directory)
        result.expectRefusal(status: 74, mentions: [town.output.path, "File too large"])
        #expect(PlanCheckTown.entries(town.output).isEmpty, "\(PlanCheckTown.entries(town.output))")
    }

    /// GDAL's GeoJSON driver ignores failed writes (a truncated file and no error); the layers it
    /// writes are checked too. The limit lets check.json and check-junit.xml through and stops
    /// verschil.geojson, the one report GDAL writes.
    @Test("check: a GeoJSON layer written through GDAL that hits the limit is exit 74, not a truncated file")
    func checkLayerThroughGDALPastLimit() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try PlanCheckTown()
        let plan = town.url("plan-woonvorm-te-ver.geojson").path
        let reference = town.url("volledig")
        _ = try town.check(plan: "plan-woonvorm-te-ver.geojson", output: reference)
        func size(_ name: String) throws -> Int {
            try FileManager.default.attributesOfItem(atPath: reference.appendingPathComponent(name).path)[.size] as? Int ?? 0
        }
        let others = max(try size("check.json"), try size("check-junit.xml")), layer = try size("verschil.geojson")
        try #require(others + 64 < layer, "verschil.geojson must be the largest report for this test (\(others) vs \(layer) bytes)")
        let result = try runLimited(["check", "--config", town.config.path, "--plan", plan, "--output", town.output.path],
                                    bytes: (others + layer) / 2, in: town.directory)
        result.expectRefusal(status: 74, mentions: ["verschil.geojson", "File too large"])
        #expect(PlanCheckTown.entries(town.output).isEmpty, "\(PlanCheckTown.entries(town.output))")
    }

    @Test("run and check: an output folder under a regular file gives exit 2 naming the path and the cause")
    func outputUnderAFile() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try PlanCheckTown()
        try town.town.write("een notitie\n", to: "notitie.txt")
        let output = town.url("notitie.txt/uitvoer")
        let run = try town.town.run(output: output)
        run.expectRefusal(status: 2, mentions: [output.path, "Not a directory"])
        let check = try town.check(plan: "plan-woonvorm-te-ver.geojson", output: output)
        check.expectRefusal(status: 2, mentions: [output.path, "Not a directory"])
        #expect(try town.town.read("notitie.txt") == "een notitie\n")
    }

    @Test("run and check into an immutable output folder (chattr +i): exit 74, \"Operation not permitted\", earlier results kept")
    func immutableFolder() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try PlanCheckTown()
        try #require(try town.town.run().exited(0))
        let before = try OutputSnapshot.checksums(town.output)
        let chattr = URL(fileURLWithPath: "/usr/bin/chattr")
        guard FileManager.default.isExecutableFile(atPath: chattr.path),
              try TestSupport.runProgram(chattr, ["+i", town.output.path]).exited(0) else { return }  // no chattr or no support: nothing to test
        defer { _ = try? TestSupport.runProgram(chattr, ["-i", town.output.path]) }

        try town.town.editConfig("thresholds_m = [100, 500, 1000]", "thresholds_m = [200, 400]")
        let run = try town.town.run()
        run.expectRefusal(status: 74, mentions: [town.output.path, "Operation not permitted"])
        let check = try town.check(plan: "plan-woonvorm-te-ver.geojson")
        check.expectRefusal(status: 74, mentions: [town.output.path, "Operation not permitted"])
        #expect(try OutputSnapshot.checksums(town.output) == before)
    }

    @Test("run and check into a full file system (a 64 KiB tmpfs): exit 74, \"No space left on device\"")
    func fullDisk() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try PlanCheckTown()
        let mountPoint = town.url("vol")
        try FileManager.default.createDirectory(at: mountPoint, withIntermediateDirectories: true)
        let mount = try TestSupport.runProgram(URL(fileURLWithPath: "/bin/mount"), ["-t", "tmpfs", "-o", "size=64k", "tmpfs", mountPoint.path])
        guard mount.exited(0) else { return }  // Mounting needs privileges a CI container may not have: nothing to test then.
        defer { _ = try? TestSupport.runProgram(URL(fileURLWithPath: "/bin/umount"), [mountPoint.path]) }
        // Leave about 8 KiB free: less than either command writes.
        try Data(repeating: 0x2E, count: 56 << 10).write(to: mountPoint.appendingPathComponent("notities.txt"))

        let output = mountPoint.appendingPathComponent("uitvoer")
        let run = try town.town.run(output: output)
        run.expectRefusal(status: 74, mentions: [output.path, "No space left on device"])
        let check = try town.check(plan: "plan-woonvorm-te-ver.geojson", output: output)
        check.expectRefusal(status: 74, mentions: [output.path, "No space left on device"])
        #expect(PlanCheckTown.entries(mountPoint) == ["notities.txt"], "a refused run leaves nothing behind")
    }
}
