/// Collects walkable lines and turns them into a `WalkGraph`. Lines join where they share a
/// vertex with exactly the same source coordinates (an OSM node shared by two ways); a
/// crossing without a shared vertex (a bridge) does not join. Every vertex becomes a node
/// and every pair of consecutive vertices a segment.
public struct WalkGraphBuilder {
    var vertices = VertexTable()
    var from: [Int32] = []
    var to: [Int32] = []
    var length: [Float] = []
    /// Per segment, the interned tag set of its way.
    var segmentWay: [Int32] = []
    var wayTags = TagInterner()
    /// Barrier, kerb and crossing nodes by source coordinates on OSM's grid of 1e-7 degree;
    /// joined to the vertices of the lines when the graph is built, whichever was read first.
    /// (GDAL's points and lines layers convert OSM's integer coordinates by different
    /// arithmetic, so their doubles may differ in the last bit.)
    var nodeTagsAt: [OSMGridCoordinate: Int32] = [:]
    var nodeTags = TagInterner()
    /// Node tags set on a vertex by its index: from a node layer beside a line-layer network
    /// (`attachLayerNodes`) or by a plan (`NetworkEdit.Kind.changedNode`); they win over `nodeTagsAt`.
    var nodeTagsOfVertex: [Int32: Int32] = [:]

    public init() {}

    /// The identity of a vertex: the exact bits of its source coordinates.
    struct SourceCoordinate: Hashable {
        var x: UInt64
        var y: UInt64
    }

    /// A position on OSM's coordinate grid (1e-7 degree).
    struct OSMGridCoordinate: Hashable {
        var x: Int64
        var y: Int64

        init(_ x: Double, _ y: Double) {
            self.x = Int64(clamping: Int((x * 1e7).rounded()))
            self.y = Int64(clamping: Int((y * 1e7).rounded()))
        }
    }

    /// Adds one line. `source` are the coordinates as read (they decide which vertices are
    /// shared), `planar` the same vertices in RD New; `shared`, when given, their nodes in a
    /// `VertexTable` of the reader's that all lines go through (saves hashing them again).
    public mutating func addLine(source: [(Double, Double)], planar: [PlanarPoint], tags: [String: String] = [:], shared: [Int32]? = nil) {
        let way = wayTags.intern(MobilityTags.wayPart(tags))
        var previous: Int32 = -1
        for (index, coordinate) in source.enumerated() {
            let node = shared.map { vertices.node(shared: $0[index], source: coordinate, planar: planar[index]) }
                ?? vertices.node(source: coordinate, planar: planar[index])
            if previous >= 0 && previous != node {
                let meters = Float(vertices.positions[Int(previous)].distance(to: vertices.positions[Int(node)]))
                if meters > 0 {
                    from.append(previous); to.append(node); length.append(meters); segmentWay.append(way)
                }
            }
            previous = node
        }
    }

    /// Records the tags of an OSM node (a barrier, kerb or crossing) at exactly these source
    /// coordinates; nodes without such tags are ignored. A node on no walkable line is dropped
    /// when the graph is built.
    public mutating func addNode(source: (Double, Double), tags: [String: String]) {
        guard let part = MobilityTags.nodePart(tags), source.0.isFinite, source.1.isFinite,
              abs(source.0) <= 180, abs(source.1) <= 90 else { return }
        nodeTagsAt[OSMGridCoordinate(source.0, source.1)] = nodeTags.intern(part)
    }

    /// The bounding box of the vertices added so far; nil before the first line.
    public var extent: RDExtent? { RDExtent(vertices.positions) }

    /// Removes connected fragments with fewer than `minimumIslandNodes` nodes (the largest
    /// fragment is always kept) and builds the graph.
    /// - Complexity: O((n + m) α(n)).
    public func build(minimumIslandNodes: Int) -> (graph: WalkGraph, removedNodes: Int, removedFragments: Int) {
        let built = buildNetwork(minimumIslandNodes: minimumIslandNodes)
        return (built.graph, built.removedNodes, built.removedFragments)
    }

    /// The graph and, aligned with its segments and nodes, the tags the mobility profiles read.
    public struct BuiltNetwork {
        public var graph: WalkGraph
        public var attributes: NetworkAttributes
        public var removedNodes: Int
        public var removedFragments: Int
    }

    public func buildNetwork(minimumIslandNodes: Int) -> BuiltNetwork {
        let nodes = vertices.positions
        let kept = IslandFilter(nodeCount: nodes.count, from: from, to: to, minimumIslandNodes: minimumIslandNodes)
        let newIndex = kept.newIndex
        var keptNodes: [PlanarPoint] = []
        keptNodes.reserveCapacity(kept.keptNodeCount)
        for v in nodes.indices where newIndex[v] >= 0 { keptNodes.append(nodes[v]) }
        var keptFrom: [Int32] = [], keptTo: [Int32] = [], keptLength: [Float] = [], keptWay: [Int32] = []
        for s in 0..<from.count where newIndex[Int(from[s])] >= 0 {
            keptFrom.append(newIndex[Int(from[s])])
            keptTo.append(newIndex[Int(to[s])])
            keptLength.append(length[s])
            keptWay.append(segmentWay[s])
        }
        var taggedNodes: [(node: Int32, tags: Int32)] = []
        if !nodeTagsAt.isEmpty {
            // Few vertices carry tags: a bit per tagged coordinate answers the others without
            // hashing them for the dictionary (5.4 M lookups at 8 M dwellings).
            let tagged = GridPresenceFilter(nodeTagsAt.keys.map { (x: $0.x, y: $0.y) })
            for (node, coordinate) in vertices.sources.enumerated() where newIndex[node] >= 0 {
                let x = Double(bitPattern: coordinate.x), y = Double(bitPattern: coordinate.y)
                guard abs(x) <= 180, abs(y) <= 90 else { continue }
                let grid = OSMGridCoordinate(x, y)
                guard tagged.mayContain(grid.x, grid.y), let tags = nodeTagsAt[grid] else { continue }
                taggedNodes.append((newIndex[node], tags))
            }
        }
        if !nodeTagsOfVertex.isEmpty {
            let edited = Set(nodeTagsOfVertex.keys.compactMap { newIndex[Int($0)] >= 0 ? newIndex[Int($0)] : nil })
            taggedNodes.removeAll { edited.contains($0.node) }
            for (node, tags) in nodeTagsOfVertex where newIndex[Int(node)] >= 0 { taggedNodes.append((newIndex[Int(node)], tags)) }
        }
        let graph = WalkGraph(nodes: keptNodes, segmentFrom: keptFrom, segmentTo: keptTo, segmentLength: keptLength)
        let attributes = NetworkAttributes(wayTags: wayTags.sets.isEmpty ? [[:]] : wayTags.sets, segmentWay: keptWay,
                                           nodeTags: nodeTags.sets, taggedNodes: taggedNodes)
        return BuiltNetwork(graph: graph, attributes: attributes, removedNodes: nodes.count - keptNodes.count,
                            removedFragments: kept.removedFragments)
    }
}
