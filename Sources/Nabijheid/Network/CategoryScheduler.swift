import Dispatch
import Foundation

/// Spreads the per-category searches over the threads. Categories differ a lot in cost (the
/// public-transport stops cover nearly every node, a rare category a few town centres), so a
/// fixed split leaves one thread idle; here each worker takes the next category from a shared
/// list, heaviest first by the caller's estimate. Each category is computed whole by one
/// worker, so results do not depend on the number of threads or on who ran what.
enum CategoryScheduler {
    /// - Parameters:
    ///   - weight: the expected cost of a category (e.g. its number of facilities); only the order matters.
    ///   - makeWorker: the per-thread state (a search with its buffers), made once per worker.
    ///   - body: runs category `c` with that state; called from several threads at once.
    static func run<Worker>(categories count: Int, threads: Int, weight: (Int) -> Int,
                            makeWorker: () -> Worker, body: (inout Worker, Int) -> Void) {
        let order = (0..<count).sorted { (weight($0), $1) > (weight($1), $0) }
        var next = 0
        let lock = NSLock()
        DispatchQueue.concurrentPerform(iterations: max(1, min(threads, count))) { _ in
            var worker = makeWorker()
            while true {
                let category: Int? = lock.withLock {
                    defer { next += 1 }
                    return next < order.count ? order[next] : nil
                }
                guard let category else { return }
                body(&worker, category)
            }
        }
    }
}
