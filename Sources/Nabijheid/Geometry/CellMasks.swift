/// The cells of one tile of a service-area grid that lie within each of a few thresholds, one
/// bit per cell, so that the outline squares of marching squares are found 64 cells at a time
/// (`forEachOutlineSquare`) instead of cell by cell for every threshold.
///
/// Level `t` holds the cells within the `t`-th smallest threshold, so a cell inside level `t`
/// is inside every level above it. Storage is kept between tiles and only the words that were
/// set are cleared again. It does not trace outlines itself (`MaskContourTracer` does).
/// Not thread-safe: one per thread.
struct CellMasks {
    private(set) var levels = 0
    private(set) var rows = 0
    private(set) var columns = 0
    /// Words per row, one more than the cells need: a row shifted by one cell reads a zero word.
    private var wordsPerRow = 0
    private var words: [UInt64] = []
    /// Per level and row the first and last word that may be non-zero (first > last: none).
    private var firstWord: [Int] = [], lastWord: [Int] = []

    /// Empties the masks and sizes them for `levels` levels of `rows × columns` cells.
    /// - Complexity: O(words set since the last call) when the size is unchanged.
    mutating func prepare(levels: Int, rows: Int, columns: Int) {
        let perRow = (columns + 63) / 64 + 1
        if levels == self.levels && rows == self.rows && perRow == wordsPerRow {
            clear()
        } else {
            words = [UInt64](repeating: 0, count: levels * rows * perRow)
            firstWord = [Int](repeating: Int.max, count: levels * rows)
            lastWord = [Int](repeating: -1, count: levels * rows)
        }
        self.levels = levels; self.rows = rows; self.columns = columns; wordsPerRow = perRow
    }

    private mutating func clear() {
        words.withUnsafeMutableBufferPointer { words in
            for slot in 0..<(levels * rows) where firstWord[slot] <= lastWord[slot] {
                let base = slot * wordsPerRow
                for word in firstWord[slot]...lastWord[slot] { words[base + word] = 0 }
                firstWord[slot] = Int.max; lastWord[slot] = -1
            }
        }
    }

    /// Puts the cells `columns` of `row` into the levels from `level(column)` up (`levels` or
    /// more: none). Cells outside `columns` keep what they had.
    /// - Complexity: O(cells × levels).
    @inline(__always)
    mutating func fillRow(_ row: Int, columns range: ClosedRange<Int>, level: (Int) -> Int) {
        precondition(row >= 0 && row < rows && range.lowerBound >= 0 && range.upperBound < columns)
        let levels = self.levels, rows = self.rows, perRow = wordsPerRow
        words.withUnsafeMutableBufferPointer { words in
            for column in range {
                let least = level(column)
                guard least < levels else { continue }
                let bit = UInt64(1) << UInt64(column & 63), word = column >> 6
                for t in least..<levels { words[(t * rows + row) * perRow + word] |= bit }
            }
        }
        for t in 0..<levels {
            let slot = t * rows + row, base = slot * perRow
            var first = Int.max, last = -1
            for word in (range.lowerBound >> 6)...(range.upperBound >> 6) where words[base + word] != 0 {
                if first == Int.max { first = word }
                last = word
            }
            if last >= 0 { firstWord[slot] = min(firstWord[slot], first); lastWord[slot] = max(lastWord[slot], last) }
        }
    }

    /// Whether the cell is within level `level`.
    func contains(level: Int, row: Int, column: Int) -> Bool {
        words[(level * rows + row) * wordsPerRow + column >> 6] >> UInt64(column & 63) & 1 == 1
    }

    /// Calls `body(i, j, code)` for every square of level `level` that an outline passes through,
    /// row by row from the south (j = 0), west to east: the squares `i < columns − 1`,
    /// `j < rows − 1` whose four corner cells (i, j), (i + 1, j), (i + 1, j + 1), (i, j + 1) are
    /// neither all inside nor all outside. `code` has bit 1 for the lower-left corner inside, 2
    /// lower right, 4 upper right, 8 upper left (1…14).
    /// - Complexity: O(words in the rows' spans + outline squares).
    func forEachOutlineSquare(level: Int, _ body: (Int, Int, UInt8) -> Void) {
        let squares = columns - 1, perRow = wordsPerRow
        guard rows >= 2, squares >= 1 else { return }
        words.withUnsafeBufferPointer { words in
            for j in 0..<(rows - 1) {
                let below = level * rows + j, above = below + 1
                let first = min(firstWord[below], firstWord[above]), last = max(lastWord[below], lastWord[above])
                guard first <= last else { continue }
                // The square left of a word's first cell lies in the word before.
                for w in max(0, first - 1)...last {
                    let a = words[below * perRow + w], b = words[above * perRow + w]
                    let a1 = a >> 1 | words[below * perRow + w + 1] << 63
                    let b1 = b >> 1 | words[above * perRow + w + 1] << 63
                    var outline = (a | a1 | b | b1) & ~(a & a1 & b & b1)
                    let room = squares - w * 64
                    if room < 64 { outline &= room <= 0 ? 0 : (UInt64(1) << UInt64(room)) - 1 }
                    while outline != 0 {
                        let k = UInt64(outline.trailingZeroBitCount)
                        outline &= outline - 1
                        let code = (a >> k & 1) | (a1 >> k & 1) << 1 | (b1 >> k & 1) << 2 | (b >> k & 1) << 3
                        body(w * 64 + Int(k), j, UInt8(code))
                    }
                }
            }
        }
    }
}
