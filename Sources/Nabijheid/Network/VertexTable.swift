import CPrefetch

/// The vertices of a network while its lines are read: one node per distinct source coordinate,
/// so that lines join where they share a vertex (an OSM node shared by two ways) and nowhere
/// else (a bridge over a street). Used by `WalkGraphBuilder` and `TravelTimeGraphBuilder`.
///
/// An open-addressing hash table of its own (linear probing, a multiplicative hash of the
/// coordinate bits): every vertex of every way is looked up, and with `Dictionary`'s SipHash
/// and growth the lookups were a fifth of reading a national PBF. A slot holds the node and 32
/// more bits of the hash, 8 bytes; the coordinates are compared in `sources` only when those
/// bits agree. With the coordinates in the slot (24 bytes) the table of a national network
/// (5.4 million vertices, 16 million slots) took 384 MB, and faulting in its pages as it grew
/// was the largest part of the lookups' time.
struct VertexTable {
    /// Node positions in RD New, in the order the nodes were first seen.
    private(set) var positions: [PlanarPoint] = []
    /// The source coordinates of every node, aligned with `positions`.
    private(set) var sources: [WalkGraphBuilder.SourceCoordinate] = []

    /// A slot of the hash table: the high 32 bits of the hash of a node's source coordinate,
    /// and the node; `node` -1 when empty.
    private struct Slot {
        var check: UInt32 = 0
        var node: Int32 = -1
    }

    private var slots: [Slot] = []

    /// Per node of a table shared by several networks (`node(shared:source:planar:)`), this
    /// table's node, -1 where none.
    private var nodeOfShared: [Int32] = []
    /// How many of `sources` are in `slots` (nodes added by shared index are hashed when a
    /// lookup by coordinates comes).
    private var hashed = 0
    /// Whether any node was looked up by its coordinates (`insert`).
    private var lookedUpByCoordinates = false

    var count: Int { sources.count }

    /// The node at `source` (the coordinates as read), added at `planar` when new.
    mutating func node(source: (Double, Double), planar: PlanarPoint) -> Int32 {
        let found = insert(source)
        if found.isNew { positions.append(planar) }
        return found.node
    }

    /// The node of `source`, whose node in a table shared by several networks is `shared`:
    /// the same node `node(source:planar:)` gives, found without hashing.
    mutating func node(shared: Int32, source: (Double, Double), planar: PlanarPoint) -> Int32 {
        let shared = Int(shared)
        if shared >= nodeOfShared.count {
            nodeOfShared.append(contentsOf: repeatElement(-1, count: max(shared + 1, 2 * nodeOfShared.count) - nodeOfShared.count))
        }
        if nodeOfShared[shared] >= 0 { return nodeOfShared[shared] }
        let node: Int32
        if !lookedUpByCoordinates {
            // Nothing but shared lookups so far: coordinates new to the shared table are new here too.
            node = Int32(sources.count)
            sources.append(WalkGraphBuilder.SourceCoordinate(x: source.0.bitPattern, y: source.1.bitPattern))
            positions.append(planar)
        } else {
            node = self.node(source: source, planar: planar)
        }
        nodeOfShared[shared] = node
        return node
    }

    /// The node of `source` and whether it is new (then its position is still to be appended).
    mutating func insert(_ source: (Double, Double)) -> (node: Int32, isNew: Bool) {
        lookedUpByCoordinates = true
        catchUp()
        let x = source.0.bitPattern, y = source.1.bitPattern
        // Grow at half full, so that probe runs stay short.
        if 2 * (sources.count + 1) > slots.count { grow() }
        let mask = slots.count - 1
        let hash = Self.hash(x, y)
        let check = Self.check(hash)
        var slot = hash & mask
        let known: Int32? = slots.withUnsafeBufferPointer { slots in
            sources.withUnsafeBufferPointer { sources in
                while slots[slot].node >= 0 {
                    if slots[slot].check == check {
                        let source = sources[Int(slots[slot].node)]
                        if source.x == x && source.y == y { return slots[slot].node }
                    }
                    slot = (slot + 1) & mask
                }
                return nil
            }
        }
        if let known { return (known, false) }
        let node = Int32(sources.count)
        slots[slot] = Slot(check: check, node: node)
        sources.append(WalkGraphBuilder.SourceCoordinate(x: x, y: y))
        hashed = sources.count
        return (node, true)
    }

    /// The node of every vertex of `line` (each added when new), into `nodes`; the slots of the
    /// vertices `prefetchDistance` ahead are asked for while one is looked up.
    mutating func insert(_ line: [(Double, Double)], nodes: inout [Int32]) {
        nodes.removeAll(keepingCapacity: true)
        for index in line.indices {
            let ahead = index + Self.prefetchDistance
            if ahead < line.count { prefetch(line[ahead]) }
            nodes.append(insert(line[index]).node)
        }
    }

    /// How many vertices ahead `prefetch` is called by a reader of many vertices in a row: a
    /// national table (128 MB) is far larger than the caches, and every lookup missed them.
    static let prefetchDistance = 8

    /// Asks the processor for the slot `source` hashes to, ahead of its `insert`.
    @inline(__always)
    func prefetch(_ source: (Double, Double)) {
        guard !slots.isEmpty else { return }
        let slot = Self.hash(source.0.bitPattern, source.1.bitPattern) & (slots.count - 1)
        slots.withUnsafeBufferPointer { nabijheid_prefetch($0.baseAddress! + slot) }
    }

    /// Hashes the nodes added by shared index.
    private mutating func catchUp() {
        guard hashed < sources.count else { return }
        if 2 * sources.count > slots.count {
            grow()
        } else {
            let mask = slots.count - 1
            for node in hashed..<sources.count {
                let source = sources[node]
                let hash = Self.hash(source.x, source.y)
                var slot = hash & mask
                while slots[slot].node >= 0 { slot = (slot + 1) & mask }
                slots[slot] = Slot(check: Self.check(hash), node: Int32(node))
            }
        }
        hashed = sources.count
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

    /// The bits of a hash a slot keeps: the high ones (the low ones choose the slot).
    private static func check(_ hash: Int) -> UInt32 {
        UInt32(truncatingIfNeeded: UInt(bitPattern: hash) >> 32)
    }

    /// Doubles the table (a power of two, 1024 at least) and puts every node back.
    private mutating func grow() {
        var capacity = max(1024, slots.count * 2)
        while 2 * (sources.count + 1) > capacity { capacity *= 2 }
        var fresh = [Slot](repeating: Slot(), count: capacity)
        let mask = capacity - 1
        fresh.withUnsafeMutableBufferPointer { fresh in
            sources.withUnsafeBufferPointer { sources in
                for (node, source) in sources.enumerated() {
                    // Every node lands on a slot far from the last: ask for the slot of a later one.
                    let ahead = node + Self.prefetchDistance
                    if ahead < sources.count {
                        nabijheid_prefetch(fresh.baseAddress! + (Self.hash(sources[ahead].x, sources[ahead].y) & mask))
                    }
                    let hash = Self.hash(source.x, source.y)
                    var slot = hash & mask
                    while fresh[slot].node >= 0 { slot = (slot + 1) & mask }
                    fresh[slot] = Slot(check: Self.check(hash), node: Int32(node))
                }
            }
        }
        slots = fresh
        hashed = sources.count
    }
}
