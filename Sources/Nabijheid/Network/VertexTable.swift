/// The vertices of a network while its lines are read: one node per distinct source coordinate,
/// so that lines join where they share a vertex (an OSM node shared by two ways) and nowhere
/// else (a bridge over a street). Used by `WalkGraphBuilder` and `TravelTimeGraphBuilder`.
///
/// An open-addressing hash table of its own (linear probing, a multiplicative hash of the
/// coordinate bits): every vertex of every way is looked up, and with `Dictionary`'s SipHash
/// and growth the lookups were a fifth of reading a national PBF.
struct VertexTable {
    /// Node positions in RD New, in the order the nodes were first seen.
    private(set) var positions: [PlanarPoint] = []
    /// The source coordinates of every node, aligned with `positions`.
    private(set) var sources: [WalkGraphBuilder.SourceCoordinate] = []

    /// A slot of the hash table: a node's source coordinate and the node; `node` -1 when empty.
    private struct Slot {
        var x: UInt64 = 0
        var y: UInt64 = 0
        var node: Int32 = -1
    }

    private var slots: [Slot] = []

    var count: Int { positions.count }

    /// The node at `source` (the coordinates as read), added at `planar` when new.
    mutating func node(source: (Double, Double), planar: PlanarPoint) -> Int32 {
        let x = source.0.bitPattern, y = source.1.bitPattern
        // Grow at half full, so that probe runs stay short.
        if 2 * (positions.count + 1) > slots.count { grow() }
        let mask = slots.count - 1
        var slot = Self.hash(x, y) & mask
        let known: Int32? = slots.withUnsafeBufferPointer { slots in
            while slots[slot].node >= 0 {
                if slots[slot].x == x && slots[slot].y == y { return slots[slot].node }
                slot = (slot + 1) & mask
            }
            return nil
        }
        if let known { return known }
        let node = Int32(positions.count)
        slots[slot] = Slot(x: x, y: y, node: node)
        positions.append(planar)
        sources.append(WalkGraphBuilder.SourceCoordinate(x: x, y: y))
        return node
    }

    /// Mixes both coordinates' bits; doubles of nearby positions differ in their low bits.
    private static func hash(_ x: UInt64, _ y: UInt64) -> Int {
        var h = x &* 0x9E37_79B9_7F4A_7C15
        h ^= (y ^ (y >> 29)) &* 0xBF58_476D_1CE4_E5B9
        h ^= h >> 31
        h = h &* 0x94D0_49BB_1331_11EB
        h ^= h >> 29
        return Int(truncatingIfNeeded: h)
    }

    /// Doubles the table (a power of two, 1024 at least) and puts every node back.
    private mutating func grow() {
        let capacity = max(1024, slots.count * 2)
        var fresh = [Slot](repeating: Slot(), count: capacity)
        let mask = capacity - 1
        for (node, source) in sources.enumerated() {
            var slot = Self.hash(source.x, source.y) & mask
            while fresh[slot].node >= 0 { slot = (slot + 1) & mask }
            fresh[slot] = Slot(x: source.x, y: source.y, node: Int32(node))
        }
        slots = fresh
    }
}
