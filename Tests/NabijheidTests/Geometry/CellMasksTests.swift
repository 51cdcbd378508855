import Testing
@testable import Nabijheid

/// The bit masks against a plain byte per cell and level, on seeded random masks: what they
/// hold, the outline squares they report (and in which order), and that reusing them between
/// tiles of the same or another size leaves nothing behind.
@Suite("Cell masks agree with a byte per cell")
struct CellMasksTests {
    /// A byte per cell and level: the least level each cell is in (`levels`: none).
    private struct ByteMask {
        let rows: Int, columns: Int, levels: Int
        var least: [Int]
        init(rows: Int, columns: Int, levels: Int) {
            self.rows = rows; self.columns = columns; self.levels = levels
            least = [Int](repeating: levels, count: rows * columns)
        }
        func contains(_ level: Int, _ row: Int, _ column: Int) -> Bool { least[row * columns + column] <= level }

        /// Every square with mixed corners, row by row, with its corner code.
        func outlineSquares(level: Int) -> [[Int]] {
            var squares: [[Int]] = []
            guard rows >= 2, columns >= 2 else { return [] }
            for j in 0..<(rows - 1) {
                for i in 0..<(columns - 1) {
                    let code = (contains(level, j, i) ? 1 : 0) | (contains(level, j, i + 1) ? 2 : 0)
                        | (contains(level, j + 1, i + 1) ? 4 : 0) | (contains(level, j + 1, i) ? 8 : 0)
                    if code != 0 && code != 15 { squares.append([i, j, code]) }
                }
            }
            return squares
        }
    }

    @Test func randomMasks() {
        var random = SeededRandom(seed: 41)
        var masks = CellMasks()
        for round in 0..<300 {
            // Sizes around word edges (63, 64, 65 columns) now and then; the same size twice in a row to reuse the storage.
            let columns = round % 7 == 0 ? 63 + round % 3 : 1 + Int(random.unit() * 200)
            let rows = round % 5 == 1 ? 1 : 1 + Int(random.unit() * 40)
            // Up to four levels are built in registers, more in memory: both ways.
            let levels = 1 + Int(random.unit() * 6)
            for _ in 0..<2 {
                masks.prepare(levels: levels, rows: rows, columns: columns)
                var bytes = ByteMask(rows: rows, columns: columns, levels: levels)
                let density = random.unit()
                for row in 0..<rows where random.unit() < 0.8 {
                    // One or two stretches per row, sometimes overlapping.
                    for _ in 0..<(random.unit() < 0.3 ? 2 : 1) {
                        let a = Int(random.unit() * Double(columns)), b = Int(random.unit() * Double(columns))
                        // A row of level bytes as the raster keeps them: none (255) but where drawn,
                        // in runs of none long enough to be passed over eight at a time.
                        var drawn: [Int: Int] = [:]
                        var levelRow = [UInt8](repeating: CellMasks.none, count: columns)
                        let empty = random.unit() < 0.5 ? 0.9 : 0.0
                        for column in min(a, b)...max(a, b) where random.unit() >= empty || column % 16 == 0 {
                            drawn[column] = random.unit() < density ? Int(random.unit() * Double(levels)) : levels + Int(random.unit() * 2)
                            levelRow[column] = UInt8(drawn[column]!)
                        }
                        levelRow.withUnsafeMutableBufferPointer { masks.fillRow(row, columns: min(a, b)...max(a, b), level: $0.baseAddress!) }
                        #expect(levelRow.allSatisfy { $0 == CellMasks.none }, "the bytes are set back to none")
                        for (column, level) in drawn { bytes.least[row * columns + column] = min(bytes.least[row * columns + column], level) }
                    }
                }
                for level in 0..<levels {
                    for row in 0..<rows {
                        for column in 0..<columns where masks.contains(level: level, row: row, column: column) != bytes.contains(level, row, column) {
                            Issue.record("round \(round): level \(level) cell \(column), \(row)")
                        }
                    }
                    var squares: [[Int]] = []
                    masks.forEachOutlineSquare(level: level) { squares.append([$0, $1, Int($2)]) }
                    #expect(squares == bytes.outlineSquares(level: level), "round \(round), level \(level), \(columns) × \(rows)")
                }
            }
        }
    }

    /// A whole row inside at level 0: outlines along both long sides and none past the last column.
    @Test func fullRow() {
        var masks = CellMasks()
        masks.prepare(levels: 2, rows: 3, columns: 130)
        var levelRow = [UInt8](repeating: 0, count: 130)
        levelRow.withUnsafeMutableBufferPointer { masks.fillRow(1, columns: 0...129, level: $0.baseAddress!) }
        var squares: [[Int]] = []
        masks.forEachOutlineSquare(level: 1) { squares.append([$0, $1, Int($2)]) }
        #expect(squares == (0..<129).map { [$0, 0, 12] } + (0..<129).map { [$0, 1, 3] })
    }
}
