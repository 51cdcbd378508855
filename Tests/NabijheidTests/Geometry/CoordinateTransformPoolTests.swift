import Foundation
import Testing
@testable import Nabijheid

/// The transform pool gives every point exactly what one PROJ transform gives it, one point at
/// a time: batches handed over back to back (`later`) on any number of threads, and single
/// points on the calling thread while they run; results come back for the batch they were
/// handed over with.
@Suite("Coordinate transform pool")
struct CoordinateTransformPoolTests {
    /// Seeded points over the Netherlands (and one far away), in WGS84 degrees.
    private func points(seed: UInt64, count: Int) -> (xs: [Double], ys: [Double]) {
        var random = SeededRandom(seed: seed)
        var xs: [Double] = [], ys: [Double] = []
        for _ in 0..<count {
            xs.append(3.3 + 4 * Double.random(in: 0..<1, using: &random))
            ys.append(50.7 + 2.9 * Double.random(in: 0..<1, using: &random))
        }
        xs.append(174.8)
        ys.append(-41.3)
        return (xs, ys)
    }

    @Test(arguments: [1, 2, 3])
    func batchesMatchSinglePoints(threads: Int) throws {
        let wgs84 = try CRSDefinition(userInput: "EPSG:4326")
        let pool = try CoordinateTransformPool(from: wgs84, label: "test", threads: threads)
        let reference = try CoordinateTransform(from: wgs84, label: "reference")
        // Sizes below and above the parallel minimum, handed over back to back.
        let sizes = [10, CoordinateTransformPool.parallelMinimum - 1, CoordinateTransformPool.parallelMinimum, 20_000, 3]
        let inputs = sizes.enumerated().map { points(seed: UInt64(100 + $0.offset), count: $0.element) }
        let pending = inputs.map { input in
            pool.later {
                var (xs, ys) = input
                pool.transformOnQueue(xs: &xs, ys: &ys)
                return (xs, ys)
            }
        }
        // Single points on the calling thread while the batches run.
        let (xs, ys) = points(seed: 99, count: 500)
        let singles = xs.indices.map { pool.single.transform(xs[$0], ys[$0]) }
        for (input, batch) in zip(inputs, pending) {
            let (tx, ty) = batch.wait()
            #expect(tx.count == input.xs.count)
            let mismatches = input.xs.indices.filter {
                let exact = reference.transform(input.xs[$0], input.ys[$0])
                return exact.x.bitPattern != tx[$0].bitPattern || exact.y.bitPattern != ty[$0].bitPattern
            }
            #expect(mismatches.isEmpty, "\(mismatches.count) of \(input.xs.count) points differ")
        }
        let exact = xs.indices.map { reference.transform(xs[$0], ys[$0]) }
        #expect(singles.map(\.x.bitPattern) == exact.map(\.x.bitPattern) && singles.map(\.y.bitPattern) == exact.map(\.y.bitPattern))
    }
}
