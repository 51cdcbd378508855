import Testing
@testable import Nabijheid

/// The tracer on bit masks against the tracer it replaced (`ReferenceMaskTracer`, which read
/// the reach grid cell by cell for every threshold): the same rings and chains, point for
/// point and in the same order, on seeded random grids with blobs, holes, saddles and cells on
/// the tile's edges.
@Suite("Tracing bit masks gives the outlines of the reach grid")
struct MaskContourTracerTests {
    @Test func sameOutlinesAsTheReachGrid() {
        var random = SeededRandom(seed: 7)
        let tracer = MaskContourTracer(), reference = ReferenceMaskTracer()
        var masks = CellMasks()
        let simplifier = ContourSimplifier(tolerance: 0.6)
        for round in 0..<200 {
            let width = 1 + Int(random.unit() * 150), height = 1 + Int(random.unit() * 60)
            let thresholds: [Float] = [100, 500, 1000]
            var reach = [Float](repeating: .infinity, count: (width + 1) * (height + 1))
            var rowFirst = [Int](repeating: width + 1, count: height + 1), rowLast = [Int](repeating: -1, count: height + 1)
            // Discs of growing reach, some cut by the tile's edges, with noise for saddles and specks.
            for _ in 0..<(1 + Int(random.unit() * 6)) {
                let cx = random.unit() * Double(width + 1), cy = random.unit() * Double(height + 1)
                let radius = 1 + random.unit() * 30, noise = random.unit() * 600
                for row in 0...height {
                    for col in 0...width {
                        let d = ((Double(col) - cx) * (Double(col) - cx) + (Double(row) - cy) * (Double(row) - cy)).squareRoot()
                        guard d <= radius else { continue }
                        let value = Float(d / radius * 1000 + random.unit() * noise - noise / 2)
                        guard value <= 1000 else { continue }
                        reach[row * (width + 1) + col] = min(reach[row * (width + 1) + col], max(0, value))
                        rowFirst[row] = min(rowFirst[row], col); rowLast[row] = max(rowLast[row], col)
                    }
                }
            }
            masks.prepare(levels: 3, rows: height + 1, columns: width + 1)
            for row in 0...height where rowFirst[row] <= rowLast[row] {
                var levelRow = (0...width).map { col in thresholds.firstIndex { reach[row * (width + 1) + col] <= $0 }.map(UInt8.init) ?? CellMasks.none }
                levelRow.withUnsafeMutableBufferPointer { masks.fillRow(row, columns: rowFirst[row]...rowLast[row], level: $0.baseAddress!) }
            }
            let originColumn = Int(random.unit() * 1000) - 500, originRow = Int(random.unit() * 1000) - 500
            for (level, limit) in thresholds.enumerated() {
                for simplifies in [false, true] {
                    var expected = ContourPieces(), traced = ContourPieces()
                    reach.withUnsafeBufferPointer { reach in
                        reference.trace(reach, rowFirst: rowFirst, rowLast: rowLast, width: width, height: height, limit: limit,
                                        originColumn: originColumn, originRow: originRow, into: &expected) {
                            if simplifies { simplifier.simplify(&$0, closed: $1) }
                        }
                    }
                    tracer.trace(masks, level: level, width: width, height: height, originColumn: originColumn, originRow: originRow,
                                 into: &traced) { if simplifies { simplifier.simplify(&$0, closed: $1) } }
                    #expect(traced.rings == expected.rings && traced.chains == expected.chains,
                            "round \(round), \(width) × \(height), threshold \(limit): \(traced.rings.count)/\(expected.rings.count) rings, \(traced.chains.count)/\(expected.chains.count) chains")
                }
            }
        }
    }
}
