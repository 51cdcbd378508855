/// Node rules from a point layer beside a line-layer network (`network.nodes_layer`): each
/// point with barrier, kerb or crossing tags is joined to the network vertex at its position.
///
/// The points and the lines may come in different CRSs, so they are matched in RD New within
/// `nodeLayerTolerance` rather than by their source coordinates; an OSM node shared by a way
/// and a kerb point lies on the same spot in both, well within it. A point on no vertex is not
/// guessed onto a segment: it is returned for the run report.
extension WalkGraphBuilder {
    /// How far (metres in RD New) a point of the node layer may lie from its vertex.
    public static let nodeLayerTolerance = 0.05

    /// One point of a node layer: its feature id (for messages), position in RD New and tags.
    public struct LayerNode: Sendable {
        public var fid: Int64
        public var position: PlanarPoint
        public var tags: [String: String]

        public init(fid: Int64, position: PlanarPoint, tags: [String: String]) {
            self.fid = fid
            self.position = position
            self.tags = tags
        }
    }

    /// Gives every node that carries node rules (`MobilityTags.nodePart`) to the nearest vertex
    /// within `nodeLayerTolerance` (of equally near vertices the first read). Where two nodes
    /// fall on one vertex, the later in `nodes` wins, as with two OSM nodes at one position.
    /// Nodes without node rules are skipped.
    /// - Returns: how many nodes carry node rules, and those of them that lie on no vertex, in
    ///   their order.
    /// - Complexity: O(V + N) expected, for V vertices and N nodes.
    public mutating func attachLayerNodes(_ nodes: [LayerNode]) -> (withRules: Int, offNetwork: [LayerNode]) {
        let tolerance = Self.nodeLayerTolerance
        let ruled = nodes.compactMap { node in MobilityTags.nodePart(node.tags).map { (node, $0) } }
        guard !ruled.isEmpty else { return (0, []) }
        // The nodes by cell of twice the tolerance: the tolerance around a vertex reaches into
        // at most four cells, its own and the neighbours on the sides of its nearer cell edges.
        let size = 2 * tolerance
        func cell(_ p: PlanarPoint) -> Cell {
            Cell(x: Int64(clamping: Int((p.x / size).rounded(.down))), y: Int64(clamping: Int((p.y / size).rounded(.down))))
        }
        var nodesIn: [Cell: [Int]] = [:]
        for (index, entry) in ruled.enumerated() { nodesIn[cell(entry.0.position), default: []].append(index) }
        // Most vertices have no node near them: a bit per hashed cell (about 32 bits per cell
        // with nodes) answers those without a dictionary lookup, which at 8 M dwellings (four
        // per vertex, 20 M and more) took over a second.
        let occupied = GridPresenceFilter(nodesIn.keys.map { (x: $0.x, y: $0.y) })
        var best = [(vertex: Int32, distance: Double)?](repeating: nil, count: ruled.count)
        for (vertex, position) in vertices.positions.enumerated() {
            let home = cell(position)
            let dx: Int64 = position.x / size - Double(home.x) < 0.5 ? -1 : 1
            let dy: Int64 = position.y / size - Double(home.y) < 0.5 ? -1 : 1
            func visit(_ near: Cell) {
                guard occupied.mayContain(near.x, near.y), let indices = nodesIn[near] else { return }
                for index in indices {
                    let distance = position.distance(to: ruled[index].0.position)
                    // Vertices come in increasing order: on a tie the first stays.
                    if distance <= tolerance && (best[index] == nil || distance < best[index]!.distance) {
                        best[index] = (Int32(vertex), distance)
                    }
                }
            }
            visit(home)
            visit(Cell(x: home.x &+ dx, y: home.y))
            visit(Cell(x: home.x, y: home.y &+ dy))
            visit(Cell(x: home.x &+ dx, y: home.y &+ dy))
        }
        var offNetwork: [LayerNode] = []
        for (index, entry) in ruled.enumerated() {
            guard let match = best[index] else { offNetwork.append(entry.0); continue }
            nodeTagsOfVertex[match.vertex] = nodeTags.intern(entry.1)
        }
        return (ruled.count, offNetwork)
    }

    private struct Cell: Hashable {
        var x: Int64
        var y: Int64
    }
}
