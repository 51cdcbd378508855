import CPrefetch

/// Reading one row of many columns (a dwelling's distance per category and profile: 30 arrays at
/// a time) stalls on a cache miss per column whenever a row starts a new cache line: more
/// streams than the processor's prefetcher follows. The row loops ask for the lines a few
/// rows ahead instead, once per line.
enum ColumnPrefetch {
    /// How many rows ahead the lines are asked for.
    static let distance = 32

    /// Asks for the cache line of element `index + distance` of every column when row `index`
    /// starts a line of `Element`s (every 64 bytes); nothing past a column's end.
    @inline(__always)
    static func ahead<Element>(_ columns: [UnsafeBufferPointer<Element>], row index: Int) {
        let perLine = max(1, 64 / MemoryLayout<Element>.stride)
        guard index % perLine == 0 else { return }
        let target = index + distance
        for column in columns where target < column.count {
            nabijheid_prefetch(column.baseAddress! + target)
        }
    }
}
