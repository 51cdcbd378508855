/// Runs `body` with every array of `arrays` as a buffer: for loops over millions of dwellings
/// that read one value from each of several arrays, where going through the arrays themselves
/// costs a retain and a release per read.
func withBuffers<Element, R>(_ arrays: [[Element]], _ body: ([UnsafeBufferPointer<Element>]) throws -> R) rethrows -> R {
    var buffers: [UnsafeBufferPointer<Element>] = []
    buffers.reserveCapacity(arrays.count)
    func next(_ index: Int) throws -> R {
        guard index < arrays.count else { return try body(buffers) }
        return try arrays[index].withUnsafeBufferPointer { buffer in
            buffers.append(buffer)
            return try next(index + 1)
        }
    }
    return try next(0)
}
