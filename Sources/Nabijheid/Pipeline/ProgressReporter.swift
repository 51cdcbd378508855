import Foundation

/// Progress of long stages on stderr: stage, count, rate and estimated time left, redrawn on one
/// line when stderr is a terminal (`terminal`), one JSON object per event for log collectors
/// (`json`), or nothing (`silent`, the default, and what CI gets). Thread-safe: workers report
/// with `advance`, which is cheap and throttled.
public final class ProgressReporter: @unchecked Sendable {
    public enum Mode: String, Sendable { case silent, terminal, json }

    public static let shared = ProgressReporter()

    private let lock = NSLock()
    private var mode: Mode = .silent
    private var stage = ""
    private var total: Int?
    private var done = 0
    private var started = DispatchTime.now()
    private var lastDrawn = DispatchTime.now()

    public func configure(_ mode: Mode) {
        lock.lock(); defer { lock.unlock() }
        self.mode = mode
    }

    /// Whether progress goes anywhere (not `silent`): a total that costs work to know is only
    /// worth working out then.
    public var isShown: Bool {
        lock.lock(); defer { lock.unlock() }
        return mode != .silent
    }

    /// Starts a stage; `total` is the number of items when known.
    public func begin(_ stage: String, total: Int? = nil) {
        lock.lock(); defer { lock.unlock() }
        guard mode != .silent else { return }
        self.stage = stage
        self.total = total
        done = 0
        started = DispatchTime.now()
        if mode == .json { emit(["event": "begin", "stage": stage, "total": total.map { $0 as Any } ?? NSNull()]) }
    }

    /// Sets the total of the running stage once it is known.
    public func expect(_ total: Int) {
        lock.lock(); defer { lock.unlock() }
        self.total = (self.total ?? 0) + total
    }

    public func advance(_ count: Int = 1) {
        lock.lock(); defer { lock.unlock() }
        guard mode != .silent else { return }
        done += count
        let now = DispatchTime.now()
        // At most four redraws (or JSON lines) a second.
        guard now.uptimeNanoseconds - lastDrawn.uptimeNanoseconds > 250_000_000 else { return }
        lastDrawn = now
        let seconds = Double(now.uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        let rate = seconds > 0 ? Double(done) / seconds : 0
        let left = total.flatMap { total in rate > 0 ? Double(max(0, total - done)) / rate : nil }
        switch mode {
        case .terminal:
            var line = "\(stage): \(done)" + (total.map { " / \($0)" } ?? "") + String(format: "  %.0f/s", rate)
            if let left { line += String(format: "  nog %.0f s", left.rounded(.up)) }
            FileHandle.standardError.write(Data("\r\u{1B}[K\(line)".utf8))
        case .json:
            emit(["event": "progress", "stage": stage, "done": done, "total": total.map { $0 as Any } ?? NSNull(),
                  "rate_per_s": (rate * 10).rounded() / 10, "seconds_left": left.map { ($0 * 10).rounded() / 10 as Any } ?? NSNull()])
        case .silent:
            break
        }
    }

    /// Ends the running stage.
    public func end(seconds: Double, peakMemoryMB: Double) {
        lock.lock(); defer { lock.unlock() }
        switch mode {
        case .terminal:
            FileHandle.standardError.write(Data("\r\u{1B}[K".utf8) + Data(String(format: "%@ %8.2f s  %6.0f MB\n", stage.padding(toLength: 20, withPad: " ", startingAt: 0), seconds, peakMemoryMB).utf8))
        case .json:
            emit(["event": "end", "stage": stage, "seconds": (seconds * 1000).rounded() / 1000, "peak_memory_mb": peakMemoryMB.rounded()])
        case .silent:
            break
        }
    }

    /// A message (warning, note) in the log.
    public func note(_ message: String) {
        lock.lock(); defer { lock.unlock() }
        switch mode {
        case .terminal: FileHandle.standardError.write(Data("\(message)\n".utf8))
        case .json: emit(["event": "note", "message": message])
        case .silent: break
        }
    }

    private func emit(_ object: [String: Any]) {
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return }
        FileHandle.standardError.write(data + Data("\n".utf8))
    }
}
