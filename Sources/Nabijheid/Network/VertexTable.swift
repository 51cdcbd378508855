/// The vertices of a network while its lines are read: one node per distinct source coordinate,
/// so that lines join where they share a vertex (an OSM node shared by two ways) and nowhere
/// else (a bridge over a street). Used by `WalkGraphBuilder` and `TravelTimeGraphBuilder`.
struct VertexTable {
    /// The node of every source coordinate seen, by its exact bits.
    private(set) var index: [WalkGraphBuilder.SourceCoordinate: Int32] = [:]
    /// Node positions in RD New, in the order the nodes were first seen.
    private(set) var positions: [PlanarPoint] = []

    var count: Int { positions.count }

    /// The node at `source` (the coordinates as read), added at `planar` when new.
    mutating func node(source: (Double, Double), planar: PlanarPoint) -> Int32 {
        let key = WalkGraphBuilder.SourceCoordinate(x: source.0.bitPattern, y: source.1.bitPattern)
        if let known = index[key] { return known }
        let node = Int32(positions.count)
        index[key] = node
        positions.append(planar)
        return node
    }
}
