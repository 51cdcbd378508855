/// The priority queue of the nearest-facility search: a 4-ary min-heap of (distance, node)
/// pairs packed into one `UInt64` each, distance bits high, node low. For distances ≥ 0 the
/// IEEE 754 bit pattern orders like the value, so one integer comparison orders by distance
/// and then by node, the same total order as comparing the pair.
///
/// Chosen over swift-collections' `Heap` after profiling: that is a min-max heap of a generic
/// element, and its sift-down took 28 % of the search; this one moves 8-byte keys, and with
/// four children per node (32 bytes, half a cache line) it is half as deep as a binary heap.
/// Not thread-safe.
struct DistanceQueue {
    private var keys: [UInt64] = []

    var isEmpty: Bool { keys.isEmpty }
    var count: Int { keys.count }

    mutating func removeAll() { keys.removeAll(keepingCapacity: true) }

    static func key(distance: Float, node: Int32) -> UInt64 {
        assert(distance >= 0 && !distance.isNaN, "distances are non-negative")
        return UInt64(distance.bitPattern) << 32 | UInt64(UInt32(bitPattern: node))
    }

    mutating func insert(distance: Float, node: Int32) {
        let key = Self.key(distance: distance, node: node)
        keys.append(key)
        keys.withUnsafeMutableBufferPointer { heap in
            var hole = heap.count - 1
            while hole > 0 {
                let parent = (hole - 1) >> 2
                let above = heap[parent]
                if above <= key { break }
                heap[hole] = above
                hole = parent
            }
            heap[hole] = key
        }
    }

    /// Removes and returns the pair with the smallest distance (ties: smallest node).
    mutating func popMin() -> (distance: Float, node: Int32)? {
        guard let last = keys.popLast() else { return nil }
        var top = last
        if !keys.isEmpty {
            keys.withUnsafeMutableBufferPointer { heap in
                top = heap[0]
                let count = heap.count
                var hole = 0
                while true {
                    let first = 4 * hole + 1
                    if first >= count { break }
                    var child = first
                    var below = heap[first]
                    for other in (first + 1)..<min(first + 4, count) where heap[other] < below {
                        child = other
                        below = heap[other]
                    }
                    if last <= below { break }
                    heap[hole] = below
                    hole = child
                }
                heap[hole] = last
            }
        }
        return (Float(bitPattern: UInt32(truncatingIfNeeded: top >> 32)), Int32(bitPattern: UInt32(truncatingIfNeeded: top)))
    }
}
