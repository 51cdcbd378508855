import Foundation

/// One `CoordinateTransform` per worker thread, to transform large batches of points on all
/// threads at once (the OSM reader's network vertices and address nodes: PROJ costs about
/// 0.7 s per million points WGS84 → RD New, on one thread). Each point gets exactly the value
/// one transform gives it, whatever the number of threads.
final class CoordinateTransformPool {
    /// The first serves single points on the calling thread.
    let transforms: [CoordinateTransform]
    /// Batches smaller than this stay on the calling thread (handing over costs more).
    static let parallelMinimum = 4096

    /// - Throws: `InputError` naming `label` when PROJ does not know the source CRS.
    init(from source: CRSDefinition, to target: CRSDefinition = .rdNew, label: String, threads: Int) throws {
        transforms = try (0..<WorkerThreads.effective(threads)).map { _ in try CoordinateTransform(from: source, to: target, label: label) }
    }

    /// For single points, on the calling thread.
    var single: CoordinateTransform { transforms[0] }

    /// Transforms the coordinates in place: in contiguous parts, one per thread, when the batch
    /// is large enough.
    func transform(xs: inout [Double], ys: inout [Double]) {
        let count = xs.count
        let parts = count >= Self.parallelMinimum ? transforms.count : 1
        guard parts > 1 else { return single.transform(xs: &xs, ys: &ys) }
        xs.withUnsafeMutableBufferPointer { x in
            ys.withUnsafeMutableBufferPointer { y in
                let (x, y) = (x, y)
                DispatchQueue.concurrentPerform(iterations: parts) { part in
                    let range = (part * count / parts)..<((part + 1) * count / parts)
                    transforms[part].transform(xs: UnsafeMutableBufferPointer(rebasing: x[range]), ys: UnsafeMutableBufferPointer(rebasing: y[range]))
                }
            }
        }
    }
}
