import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Issue 10, item 8: one run at a time writes into an output folder. The run holds `flock` on
/// the folder from before it reads anything until its commit; a second run is refused at once
/// with exit 2 and "another nabijheid run is writing to <folder>", and changes nothing.
/// Regression: the second run failed late with a misleading "cannot create output file".
@Suite("Reliability: a second run into a folder in use is refused")
struct OutputLockTests {
    /// Holds the lock a running nabijheid would hold on `folder`, as another process would.
    private final class FolderLock {
        let descriptor: Int32
        init(_ folder: URL) throws {
            descriptor = open(folder.path, O_RDONLY)
            guard descriptor >= 0, flock(descriptor, LOCK_EX | LOCK_NB) == 0 else { throw POSIXError(.EBUSY) }
        }
        deinit { close(descriptor) }
    }

    @Test("run: refused while another process holds the folder; works again once it is released")
    func runWhileLocked() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try TownCopy()
        try #require(try town.run().exited(0))
        let before = try OutputSnapshot.checksums(town.output)
        try town.editConfig("thresholds_m = [100, 500, 1000]", "thresholds_m = [200, 400]")

        var lock: FolderLock? = try FolderLock(town.output)
        let refused = try town.run()
        refused.expectRefusal(status: 2, mentions: ["another nabijheid run is writing to", town.output.path])
        #expect(try OutputSnapshot.checksums(town.output) == before, "the refused run changed the folder")
        #expect(OutputSnapshot.hiddenEntries(town.output).isEmpty)
        withExtendedLifetime(lock) {}

        lock = nil
        let after = try town.run()
        #expect(after.exited(0), "\(after)")
        #expect(try OutputSnapshot.checksums(town.output) != before)
    }

    @Test("check: refused while another process holds the folder, with exit 2, never 1")
    func checkWhileLocked() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try PlanCheckTown()
        try FileManager.default.createDirectory(at: town.output, withIntermediateDirectories: true)
        let lock = try FolderLock(town.output)
        let refused = try town.check(plan: "plan-geslaagd.geojson")
        refused.expectRefusal(status: 2, mentions: ["another nabijheid run is writing to", town.output.path])
        #expect(PlanCheckTown.entries(town.output).isEmpty)
        withExtendedLifetime(lock) {}
    }

    @Test("two runs started together into one folder: each writes a complete set or is refused with exit 2")
    func twoRunsAtOnce() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try TownCopy()
        let results = LockedResults()
        DispatchQueue.concurrentPerform(iterations: 2) { _ in results.append(Result { try town.run() }) }
        let outcomes = try results.all.map { try $0.get() }
        for result in outcomes {
            #expect(result.exited(0) || (result.exited(2) && result.stderr.contains("another nabijheid run is writing to")), "\(result)")
        }
        #expect(outcomes.contains { $0.exited(0) })
        #expect(TownCopy.outputEntries(in: town.output) == TownCopy.outputFiles.sorted(), "a complete set and no staging folder")
    }
}

private final class LockedResults: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<CLIResult, Error>] = []
    func append(_ result: Result<CLIResult, Error>) { lock.withLock { results.append(result) } }
    var all: [Result<CLIResult, Error>] { lock.withLock { results } }
}
