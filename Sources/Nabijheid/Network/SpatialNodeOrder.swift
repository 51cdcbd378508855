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
        keys.sort()
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
