/// The cells of one tile of a service-area grid that lie within each of a few thresholds, one
/// bit per cell, so that the outline squares of marching squares are found 64 cells at a time
/// (`forEachOutlineSquare`) instead of cell by cell for every threshold.
///
/// Level `t` holds the cells within the `t`-th smallest threshold, so a cell inside level `t`
/// is inside every level above it. Storage is kept between tiles and only the words that were
/// set are cleared again. It does not trace outlines itself (`MaskContourTracer` does).
/// Not thread-safe: one per thread.
struct CellMasks {
    /// The level byte of a cell within no threshold (`fillRow`); any level from `levels` up
    /// means the same, but only this one is passed over eight cells at a time.
    static let none = UInt8.max

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

    /// Puts the cells `columns` of `row` into the levels from their byte in `level` up (the
    /// row's bytes from column 0; `levels` or more: none), and sets those bytes to `none` for
    /// the next use. Cells outside `columns` keep what they had.
    /// - Complexity: O(cells × levels), without branches per cell, except that eight cells in
    ///   `none` are passed over at once: the columns between a row's first and last
    ///   reached cell are mostly empty in a tile of scattered streets.
    @inline(__always)
    mutating func fillRow(_ row: Int, columns range: ClosedRange<Int>, level: UnsafeMutablePointer<UInt8>) {
        precondition(row >= 0 && row < rows && range.lowerBound >= 0 && range.upperBound < columns)
        let levels = self.levels, rows = self.rows, perRow = wordsPerRow
        /// The level of cell `c`, which is set back to none.
        @inline(__always) func take(_ c: Int) -> Int {
            defer { level[c] = Self.none }
            return Int(level[c])
        }
        /// Whether the eight cells from `c` (a multiple of 8) are all `none`.
        @inline(__always) func emptyGroup(_ c: Int) -> Bool {
            UnsafeRawPointer(level + c).loadUnaligned(as: UInt64.self) == UInt64(Self.none) &* 0x0101_0101_0101_0101
        }
        withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * levels) { seen in
            for t in 0..<levels { seen[t] = Int.max; seen[levels + t] = -1 }
            words.withUnsafeMutableBufferPointer { words in
                withUnsafeTemporaryAllocation(of: UInt64.self, capacity: levels) { bits in
                    var column = range.lowerBound
                    while column <= range.upperBound {
                        // One word at a time, built up in `bits` for all levels at once.
                        let word = column >> 6, end = min(range.upperBound, word * 64 + 63)
                        if levels <= 4 {
                            // The usual case (up to four thresholds) in registers: no store per cell.
                            var b0: UInt64 = 0, b1: UInt64 = 0, b2: UInt64 = 0, b3: UInt64 = 0
                            var c = column
                            while c <= end {
                                if c & 7 == 0 && c + 7 <= end && emptyGroup(c) {
                                    c += 8
                                    continue
                                }
                                let least = take(c), shift = UInt64(c & 63)
                                b0 |= UInt64(least <= 0 ? 1 : 0) << shift; b1 |= UInt64(least <= 1 ? 1 : 0) << shift
                                b2 |= UInt64(least <= 2 ? 1 : 0) << shift; b3 |= UInt64(least <= 3 ? 1 : 0) << shift
                                c += 1
                            }
                            for t in 0..<levels { bits[t] = t == 0 ? b0 : t == 1 ? b1 : t == 2 ? b2 : b3 }
                        } else {
                            for t in 0..<levels { bits[t] = 0 }
                            for c in column...end {
                                let least = take(c), shift = UInt64(c & 63)
                                for t in 0..<levels { bits[t] |= UInt64(least <= t ? 1 : 0) << shift }
                            }
                        }
                        for t in 0..<levels where bits[t] != 0 {
                            words[(t * rows + row) * perRow + word] |= bits[t]
                            seen[t] = min(seen[t], word); seen[levels + t] = max(seen[levels + t], word)
                        }
                        column = end + 1
                    }
                }
            }
            for t in 0..<levels where seen[levels + t] >= 0 {
                let slot = t * rows + row
                firstWord[slot] = min(firstWord[slot], seen[t]); lastWord[slot] = max(lastWord[slot], seen[levels + t])
            }
        }
    }

    /// Puts the cells `first ... last` of `row` into `level` (only that level: `nestLevels`
    /// carries them into the levels above once all runs are set).
    /// - Complexity: O(words the run spans).
    @inline(__always)
    mutating func setRun(level: Int, row: Int, columns first: Int, through last: Int) {
        precondition(level >= 0 && level < levels && row >= 0 && row < rows && first >= 0 && first <= last && last < columns)
        let slot = level * rows + row, base = slot * wordsPerRow
        let w0 = first >> 6, w1 = last >> 6
        let head = UInt64.max << UInt64(first & 63), tail = UInt64.max >> UInt64(63 - last & 63)
        words.withUnsafeMutableBufferPointer { words in
            if w0 == w1 {
                words[base + w0] |= head & tail
            } else {
                words[base + w0] |= head
                for w in (w0 + 1)..<w1 { words[base + w] = UInt64.max }
                words[base + w1] |= tail
            }
        }
        if w0 < firstWord[slot] { firstWord[slot] = w0 }
        if w1 > lastWord[slot] { lastWord[slot] = w1 }
    }

    /// Makes every level hold the cells of the levels below it, after `setRun` put each cell
    /// only into the least level it belongs to.
    /// - Complexity: O(words set).
    mutating func nestLevels() {
        guard levels > 1 else { return }
        let perRow = wordsPerRow, rows = self.rows
        words.withUnsafeMutableBufferPointer { words in
            for level in 1..<levels {
                for row in 0..<rows {
                    let below = (level - 1) * rows + row, slot = level * rows + row
                    guard firstWord[below] <= lastWord[below] else { continue }
                    for w in firstWord[below]...lastWord[below] { words[slot * perRow + w] |= words[below * perRow + w] }
                    firstWord[slot] = min(firstWord[slot], firstWord[below]); lastWord[slot] = max(lastWord[slot], lastWord[below])
                }
            }
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
