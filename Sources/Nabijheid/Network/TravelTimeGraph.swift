/// The network of a travel mode as travel times: the undirected geometry of a `WalkGraph`
/// (node positions, segments; what `SegmentIndex` links points to) and, per arc of that graph,
/// the seconds it takes in the arc's direction (`.infinity` where the mode may not go that way,
/// e.g. against a one-way street). Sharing the walk graph's CSR arrays keeps it lean: the
/// direction costs four bytes per arc.
///
/// Built once by `TravelTimeGraphBuilder`; immutable and safe to share between threads.
public struct TravelTimeGraph: Sendable {
    /// Nodes, segments and undirected arcs.
    public let geometry: WalkGraph
    /// Seconds per arc of `geometry` (same index as `geometry.arcTarget`); `.infinity`: closed.
    public let arcSeconds: [Float]
    /// Seconds to travel segment `s` from `segmentFrom` to `segmentTo`, and back; `.infinity`: closed.
    public let segmentForwardSeconds: [Float]
    public let segmentBackwardSeconds: [Float]

    public var nodeCount: Int { geometry.nodeCount }
    public var segmentCount: Int { geometry.segmentCount }

    /// - Complexity: O(n + m).
    public init(nodes: [PlanarPoint], segmentFrom: [Int32], segmentTo: [Int32], segmentLength: [Float],
                forwardSeconds: [Float], backwardSeconds: [Float]) {
        precondition(forwardSeconds.count == segmentFrom.count && backwardSeconds.count == segmentFrom.count)
        let geometry = WalkGraph(nodes: nodes, segmentFrom: segmentFrom, segmentTo: segmentTo, segmentLength: segmentLength)
        // The arcs in the order `WalkGraph.init` fills them: per segment, a→b at a's next slot,
        // then b→a at b's.
        var next = Array(geometry.firstArc.dropLast())
        var seconds = [Float](repeating: .infinity, count: geometry.arcTarget.count)
        for s in 0..<segmentFrom.count {
            let a = Int(segmentFrom[s]), b = Int(segmentTo[s])
            seconds[Int(next[a])] = forwardSeconds[s]; next[a] += 1
            seconds[Int(next[b])] = backwardSeconds[s]; next[b] += 1
        }
        assert((0..<segmentFrom.count).allSatisfy { s in
            (geometry.firstArc[Int(segmentFrom[s])]..<geometry.firstArc[Int(segmentFrom[s]) + 1]).contains { geometry.arcTarget[Int($0)] == segmentTo[s] }
        }, "every segment has its forward arc")
        self.geometry = geometry
        arcSeconds = seconds
        segmentForwardSeconds = forwardSeconds
        segmentBackwardSeconds = backwardSeconds
    }
}

/// Collects the ways of one travel mode (by `CareModeRules`) and turns them into a
/// `TravelTimeGraph`. Vertices join as in `WalkGraphBuilder`: by identical source coordinates.
public struct TravelTimeGraphBuilder {
    public let rules: CareModeRules
    var vertices = VertexTable()
    var from: [Int32] = []
    var to: [Int32] = []
    var length: [Float] = []
    var forward: [Float] = []
    var backward: [Float] = []
    /// Per segment, the interned tags of its way that the rules read (`CareModeRules.keys`),
    /// so that a plan's changed path can be judged again (`apply(_:file:)`).
    var segmentWay: [Int32] = []
    var wayTags = TagInterner()
    /// Highway ways offered, and those the mode may use.
    public private(set) var waysRead = 0
    public private(set) var waysUsable = 0

    public init(rules: CareModeRules) { self.rules = rules }

    /// Offers one highway way with all its tags; kept when the mode may use it. `source` are the
    /// coordinates as read, `planar` the same vertices in RD New. A way with a vertex outside RD
    /// New's area of use is left out (the walk network refuses the file for it anyway).
    /// `shared`, when given: the vertices' nodes in a `VertexTable` all ways go through.
    public mutating func addWay(tags: [String: String], source: [(Double, Double)], planar: [PlanarPoint], shared: [Int32]? = nil) {
        waysRead += 1
        guard let passage = rules.passage(tags), source.count >= 2,
              planar.allSatisfy({ RDExtent.areaOfUse.contains($0) }) else { return }
        waysUsable += 1
        let way = wayTags.intern(tags.filter { CareModeRules.keys.contains($0.key) })
        let metresPerSecond = Float(passage.speedKmh / 3.6)
        var previous: Int32 = -1
        for (index, coordinate) in source.enumerated() {
            let node = shared.map { vertices.node(shared: $0[index], source: coordinate, planar: planar[index]) }
                ?? vertices.node(source: coordinate, planar: planar[index])
            if previous >= 0 && previous != node {
                let meters = Float(vertices.positions[Int(previous)].distance(to: vertices.positions[Int(node)]))
                if meters > 0 {
                    from.append(previous); to.append(node); length.append(meters)
                    forward.append(passage.forward ? meters / metresPerSecond : .infinity)
                    backward.append(passage.backward ? meters / metresPerSecond : .infinity)
                    segmentWay.append(way)
                }
            }
            previous = node
        }
    }

    /// Removes (weakly) connected fragments with fewer than `minimumIslandNodes` nodes, the
    /// largest always kept, and builds the graph.
    /// - Complexity: O((n + m) α(n)).
    public func build(minimumIslandNodes: Int) -> TravelTimeGraph {
        let nodes = vertices.positions
        let kept = IslandFilter(nodeCount: nodes.count, from: from, to: to, minimumIslandNodes: minimumIslandNodes)
        var keptNodes: [PlanarPoint] = []
        keptNodes.reserveCapacity(kept.keptNodeCount)
        for v in nodes.indices where kept.newIndex[v] >= 0 { keptNodes.append(nodes[v]) }
        // Numbered along a Hilbert curve like the walk graph (`SpatialNodeOrder`): the search
        // from the care bases settles every node of the country, and in the order the lines
        // came (OSM way ids) its steps were cache misses. Segments keep their order.
        let (orderedNodes, ordered) = SpatialNodeOrder.order(keptNodes)
        var keptFrom: [Int32] = [], keptTo: [Int32] = [], keptLength: [Float] = [], keptForward: [Float] = [], keptBackward: [Float] = []
        for s in from.indices where kept.newIndex[Int(from[s])] >= 0 {
            keptFrom.append(ordered[Int(kept.newIndex[Int(from[s])])])
            keptTo.append(ordered[Int(kept.newIndex[Int(to[s])])])
            keptLength.append(length[s])
            keptForward.append(forward[s])
            keptBackward.append(backward[s])
        }
        return TravelTimeGraph(nodes: orderedNodes, segmentFrom: keptFrom, segmentTo: keptTo, segmentLength: keptLength,
                               forwardSeconds: keptForward, backwardSeconds: keptBackward)
    }
}
