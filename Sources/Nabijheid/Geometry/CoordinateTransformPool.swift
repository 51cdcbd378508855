import Foundation

/// One `CoordinateTransform` per worker thread, to transform large batches of points on all
/// threads at once (the OSM reader's network vertices and address nodes: on `TransformGrid` a
/// small cost, but PROJ's own 0.7 s per million points, on one thread, where no grid applies),
/// and one more for single points on the calling thread. Batches run one after another on a queue of their own while the caller
/// goes on reading (`later(_:)`). Each point gets exactly the value one transform gives it,
/// whatever the number of threads.
final class CoordinateTransformPool: @unchecked Sendable {
    /// One per part of a batch; used only on `queue`.
    private let parts: [CoordinateTransform]
    /// For single points, on the calling thread; never used by a batch.
    let single: CoordinateTransform
    /// Batches smaller than this stay on one thread (handing over costs more).
    static let parallelMinimum = 4096
    /// Runs the batches one at a time: two batches never share a part's transform.
    private let queue = DispatchQueue(label: "nabijheid.coordinate-batches")

    /// - Throws: `InputError` naming `label` when PROJ does not know the source CRS.
    init(from source: CRSDefinition, to target: CRSDefinition = .rdNew, label: String, threads: Int) throws {
        parts = try (0..<WorkerThreads.effective(threads)).map { _ in try CoordinateTransform(from: source, to: target, label: label) }
        single = try CoordinateTransform(from: source, to: target, label: label)
    }

    /// Parts a batch of `count` points is cut into (and its results made in).
    func partCount(_ count: Int) -> Int { count >= Self.parallelMinimum ? parts.count : 1 }

    /// Runs `work` on the batch queue after the batches handed over before it, and returns at
    /// once; `work` may call `transformOnQueue(xs:ys:)`. The caller takes the result with
    /// `PendingBatch.wait()`.
    func later<Result>(_ work: @escaping () -> Result) -> PendingBatch<Result> {
        let pending = PendingBatch<Result>()
        queue.async {
            pending.result = work()
            pending.done.signal()
        }
        return pending
    }

    /// Transforms the coordinates in place: in contiguous parts, one per thread, when the batch
    /// is large enough. Only on the batch queue (from `later`'s work).
    func transformOnQueue(xs: inout [Double], ys: inout [Double]) {
        dispatchPrecondition(condition: .onQueue(queue))
        let count = xs.count
        let partCount = partCount(count)
        guard partCount > 1 else { return parts[0].transform(xs: &xs, ys: &ys) }
        xs.withUnsafeMutableBufferPointer { x in
            ys.withUnsafeMutableBufferPointer { y in
                let (x, y) = (x, y)
                DispatchQueue.concurrentPerform(iterations: partCount) { part in
                    let range = (part * count / partCount)..<((part + 1) * count / partCount)
                    parts[part].transform(xs: UnsafeMutableBufferPointer(rebasing: x[range]), ys: UnsafeMutableBufferPointer(rebasing: y[range]))
                }
            }
        }
    }
}

/// The result of work handed to `CoordinateTransformPool.later`, once it is done.
final class PendingBatch<Result>: @unchecked Sendable {
    // Written once on the batch queue before `done` is signalled, read after waiting for it.
    fileprivate var result: Result?
    fileprivate let done = DispatchSemaphore(value: 0)

    /// Waits for the work and returns its result; once only.
    func wait() -> Result {
        done.wait()
        defer { result = nil }
        return result!
    }
}
