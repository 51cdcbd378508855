import Foundation
import Testing
@testable import Nabijheid

/// Issue: `--threads N` crashed for N that do not divide the work evenly (5, 7, 8, 10, …) with
/// "Range requires lowerBound <= upperBound", and `--threads 100000` built 100 000 buurt
/// indexes (5 GB). Any N ≥ 1 must work and give the same bytes as one thread.
@Suite("Reliability: any thread count works and changes nothing")
struct ThreadCountTests {
    @Test func parallelMapCoversEveryIndexOnceForEveryCountAndThreadNumber() {
        for count in 0...40 {
            for threads in 1...24 {
                let mapped = parallelMap(count, threads: threads) { $0 * 3 }
                #expect(mapped == (0..<count).map { $0 * 3 }, "count \(count), threads \(threads)")
            }
        }
    }

    @Test func requestedThreadsAreCapped() {
        #expect(WorkerThreads.effective(0) == 1)
        #expect(WorkerThreads.effective(7) == 7)
        #expect(WorkerThreads.effective(100_000) == WorkerThreads.maximum)
    }

    @Test func unevenAndHugeThreadCountsGiveTheSameBytesAsOneThread() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try TownCopy()
        let one = town.url("threads-1")
        let first = try town.run(output: one, ["--quiet", "--threads", "1"])
        try #require(first.exited(0), "\(first)")
        let reference = try TownCopy.snapshot(one)
        for threads in [5, 7, 8, 10, 12, 16, 100, 1000, 100_000] {
            let folder = town.url("threads-\(threads)")
            let result = try town.run(output: folder, ["--quiet", "--threads", String(threads)], timeout: 60)
            #expect(result.exited(0), "\(result)")
            guard result.exited(0) else { continue }
            let files = try TownCopy.snapshot(folder)
            for name in TownCopy.outputFiles {
                #expect(files[name] == reference[name], "\(name) with --threads \(threads) differs from --threads 1")
            }
        }
    }
}
