/// The pedestrian network as flat compressed-sparse-row arrays. Nodes are dense `Int32`
/// indices; every undirected segment appears twice among the arcs. Segments keep their end
/// nodes so that points can be snapped onto them.
///
/// Built once by `WalkGraphBuilder`; immutable and safe to share between threads.
/// It does not know OSM ids or tags: those stay in the input layer.
public struct WalkGraph: Sendable {
    /// Node positions in RD New.
    public let nodes: [PlanarPoint]
    /// `firstArc[v] ..< firstArc[v + 1]` are the arcs leaving node `v` (n + 1 offsets).
    public let firstArc: [Int32]
    public let arcTarget: [Int32]
    public let arcLength: [Float]
    /// Undirected segments: end nodes and length in metres.
    public let segmentFrom: [Int32]
    public let segmentTo: [Int32]
    public let segmentLength: [Float]

    public var nodeCount: Int { nodes.count }
    public var segmentCount: Int { segmentFrom.count }

    /// The bounding box of the nodes; nil when there are none.
    public var extent: RDExtent? { RDExtent(nodes) }

    /// Builds the arcs from a segment list.
    /// - Complexity: O(n + m).
    public init(nodes: [PlanarPoint], segmentFrom: [Int32], segmentTo: [Int32], segmentLength: [Float]) {
        precondition(segmentFrom.count == segmentTo.count && segmentTo.count == segmentLength.count)
        let n = nodes.count
        var degree = [Int32](repeating: 0, count: n + 1)
        for s in 0..<segmentFrom.count {
            degree[Int(segmentFrom[s]) + 1] += 1
            degree[Int(segmentTo[s]) + 1] += 1
        }
        for v in 0..<n { degree[v + 1] += degree[v] }
        var next = degree
        var target = [Int32](repeating: 0, count: segmentFrom.count * 2)
        var length = [Float](repeating: 0, count: segmentFrom.count * 2)
        for s in 0..<segmentFrom.count {
            let a = Int(segmentFrom[s]), b = Int(segmentTo[s])
            target[Int(next[a])] = Int32(b); length[Int(next[a])] = segmentLength[s]; next[a] += 1
            target[Int(next[b])] = Int32(a); length[Int(next[b])] = segmentLength[s]; next[b] += 1
        }
        self.nodes = nodes
        self.firstArc = degree
        self.arcTarget = target
        self.arcLength = length
        self.segmentFrom = segmentFrom
        self.segmentTo = segmentTo
        self.segmentLength = segmentLength
        assert(zip(firstArc, firstArc.dropFirst()).allSatisfy { $0 <= $1 }, "offsets never decrease")
        assert(segmentLength.allSatisfy { $0 > 0 }, "segment lengths are positive")
    }

    /// All arrays given; for graphs derived from another one (`MobilityNetwork`).
    init(nodes: [PlanarPoint], firstArc: [Int32], arcTarget: [Int32], arcLength: [Float],
         segmentFrom: [Int32], segmentTo: [Int32], segmentLength: [Float]) {
        self.nodes = nodes
        self.firstArc = firstArc
        self.arcTarget = arcTarget
        self.arcLength = arcLength
        self.segmentFrom = segmentFrom
        self.segmentTo = segmentTo
        self.segmentLength = segmentLength
    }
}
