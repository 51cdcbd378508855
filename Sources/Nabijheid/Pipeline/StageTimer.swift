import Foundation

/// Wall-clock time per pipeline stage, the CPU time of all threads in it (so a stage that leaves
/// a core idle shows), and the process's peak memory, for `--timings` and the benchmark. Not
/// part of `run.json`, which must not change between identical runs.
public final class StageTimer {
    public struct Stage: Sendable {
        public var name: String
        public var seconds: Double
        public var peakMemoryMB: Double
        /// User and system time of the whole process during the stage.
        public var cpuSeconds: Double
    }

    public private(set) var stages: [Stage] = []
    private var start = DispatchTime.now()
    private let onStage: ((Stage) -> Void)?

    public init(onStage: ((Stage) -> Void)? = nil) { self.onStage = onStage }

    /// Runs `body` as the stage `name` and records how long it took.
    public func measure<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        let begin = DispatchTime.now()
        let cpuBegin = Self.cpuSeconds()
        ProgressReporter.shared.begin(name)
        let value = try body()
        let stage = Stage(name: name, seconds: Double(DispatchTime.now().uptimeNanoseconds - begin.uptimeNanoseconds) / 1e9,
                          peakMemoryMB: Self.peakMemoryMB(), cpuSeconds: Self.cpuSeconds() - cpuBegin)
        ProgressReporter.shared.end(seconds: stage.seconds, peakMemoryMB: stage.peakMemoryMB)
        stages.append(stage)
        onStage?(stage)
        return value
    }

    public var totalSeconds: Double { Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9 }

    /// User plus system time of this process so far (all threads), in seconds.
    public static func cpuSeconds() -> Double {
        let usage = Self.usage()
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// Peak resident set size of this process so far, in MB.
    public static func peakMemoryMB() -> Double {
        Double(usage().ru_maxrss) / 1024 // Linux reports KiB.
    }

    private static func usage() -> rusage {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage
    }
}
