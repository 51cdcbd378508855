/// Numbers the nodes of a walk graph along a Hilbert curve, so that nodes near each other on
/// the ground are near each other in memory. A search then touches few cache lines per step,
/// and reading out dwellings (which come in roughly spatial order) does too: at national scale
/// the graph and search state are far larger than the caches.
///
/// Segments keep their order (linking ties go to the lower segment index), so only node
/// numbers change; search results do not depend on them (ties between facilities go to the
/// facility listed first, not to a node).
extension WalkGraph {
    public func spatiallyOrdered() -> WalkGraph { spatiallyOrderedWithNumbering().graph }

    /// The ordered graph and `newIndex[old]`, the new number of every old node.
    public func spatiallyOrderedWithNumbering() -> (graph: WalkGraph, newIndex: [Int32]) {
        let (orderedNodes, newIndex) = SpatialNodeOrder.order(nodes)
        return (WalkGraph(nodes: orderedNodes, segmentFrom: segmentFrom.map { newIndex[Int($0)] },
                          segmentTo: segmentTo.map { newIndex[Int($0)] }, segmentLength: segmentLength), newIndex)
    }
}

enum SpatialNodeOrder {
    /// `nodes` along the curve, and `newIndex[old]`, the new number of every old node.
    static func order(_ nodes: [PlanarPoint]) -> (nodes: [PlanarPoint], newIndex: [Int32]) {
        let n = nodes.count
        guard n > 1, let extent = RDExtent(nodes) else { return (nodes, (0..<Int32(n)).map { $0 }) }
        let (low, high) = (extent.min, extent.max)
        let side = Double(Self.side - 1)
        let scale = side / max(1e-9, max(high.x - low.x, high.y - low.y))
        // (curve position, old index) packed so that one integer sort gives a total order.
        var keys = [UInt64](repeating: 0, count: n)
        for (v, p) in nodes.enumerated() {
            let x = UInt32(min(side, max(0, ((p.x - low.x) * scale).rounded(.down))))
            let y = UInt32(min(side, max(0, ((p.y - low.y) * scale).rounded(.down))))
            keys[v] = UInt64(hilbertIndex(x: x, y: y)) << 32 | UInt64(v)
        }
        sortByCurvePosition(&keys)
        var newIndex = [Int32](repeating: 0, count: n)
        var orderedNodes = [PlanarPoint]()
        orderedNodes.reserveCapacity(n)
        for (rank, key) in keys.enumerated() {
            let old = Int(key & 0xFFFF_FFFF)
            newIndex[old] = Int32(rank)
            orderedNodes.append(nodes[old])
        }
        return (orderedNodes, newIndex)
    }

    /// Sorts keys whose low half ascends with their place (the old index, as `order` makes
    /// them) by their high half, keeping that order among equal high halves: the same as
    /// sorting the whole keys. A least-significant-digit radix sort of the high half, a byte
    /// per pass (a pass whose byte is the same in every key is left out).
    ///
    /// Why: at national size (5.4 million nodes) the comparison sort was a third of the 1.0
    /// CPU-seconds of ordering the walk graph (perf), on the thread that builds it. On this
    /// machine 5.4 million such keys take 0.34 s to sort by comparison and 0.09 s in these
    /// passes; the care network's graph is ordered the same way.
    static func sortByCurvePosition(_ keys: inout [UInt64]) {
        let n = keys.count
        guard n > 1 else { return }
        var scratch = [UInt64](repeating: 0, count: n)
        var counts = [Int](repeating: 0, count: 256)
        keys.withUnsafeMutableBufferPointer { keys in
            scratch.withUnsafeMutableBufferPointer { scratch in
                counts.withUnsafeMutableBufferPointer { counts in
                    var source = keys, target = scratch
                    for shift in stride(from: UInt64(32), to: 64, by: 8) {
                        for b in 0..<256 { counts[b] = 0 }
                        for key in source { counts[Int(truncatingIfNeeded: key >> shift) & 0xFF] += 1 }
                        if counts[Int(truncatingIfNeeded: source[0] >> shift) & 0xFF] == n { continue }
                        var start = 0
                        for b in 0..<256 {
                            let count = counts[b]
                            counts[b] = start
                            start += count
                        }
                        for key in source {
                            let b = Int(truncatingIfNeeded: key >> shift) & 0xFF
                            target[counts[b]] = key
                            counts[b] += 1
                        }
                        swap(&source, &target)
                    }
                    if source.baseAddress != keys.baseAddress { keys.baseAddress!.update(from: source.baseAddress!, count: n) }
                }
            }
        }
    }

    /// Cells per side of the curve's grid: 2^16, so a position fits in 32 bits.
    static let side: UInt32 = 1 << 16

    /// The position of cell (x, y) along the Hilbert curve over a `side` × `side` grid.
    static func hilbertIndex(x: UInt32, y: UInt32) -> UInt32 {
        var x = x, y = y, index: UInt32 = 0
        var s = side / 2
        while s > 0 {
            let rx: UInt32 = (x & s) > 0 ? 1 : 0
            let ry: UInt32 = (y & s) > 0 ? 1 : 0
            index &+= s &* s &* ((3 &* rx) ^ ry)
            // Rotate the quadrant so the curve stays continuous.
            if ry == 0 {
                if rx == 1 {
                    x = s &- 1 &- x
                    y = s &- 1 &- y
                }
                swap(&x, &y)
            }
            s /= 2
        }
        return index
    }
}
