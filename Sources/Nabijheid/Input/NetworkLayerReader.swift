/// Reads a pedestrian network from any line layer with a `highway` field (other tag fields such
/// as `foot` and `access` are used when present), and the barriers and kerbs of a point layer
/// beside it (`NetworkInput.nodes`). OSM files go through `OSMFileReader`.
enum NetworkLayerReader {
    /// With `care`, also the care mode's network from every line (before the walk rules).
    typealias Read = (builder: WalkGraphBuilder, waysRead: Int, waysWalkable: Int, care: TravelTimeGraphBuilder?, nodes: NodeLayerSummary?)

    static func read(_ input: NetworkInput, care: CareModeRules? = nil) throws -> Read {
        let opened = try OpenedLayer(input.input, purpose: "network lines")
        _ = try opened.layer.fieldIndex("highway", purpose: "road type for the walking rules")
        let names = opened.layer.fieldNames
        var builder = WalkGraphBuilder()
        var read = 0, walkable = 0
        var careBuilder = care.map(TravelTimeGraphBuilder.init)
        // Every vertex is looked up once, here, and both networks take its node from this table
        // by index (as from a PBF, `WayBatch`): a lookup by coordinates misses the caches at
        // national size, and each network looked up every vertex itself. Their nodes are
        // numbered as before, in the order each first sees them.
        var vertices = VertexTable()
        var shared: [Int32] = []
        try opened.layer.forEachFeature { feature in
            read += 1
            let tags = feature.fieldTags(names)
            let isWalkable = input.rules.isWalkable(tags)
            guard careBuilder != nil || isWalkable, case .lineStrings(let lines)? = feature.geometry else { return }
            if isWalkable { walkable += 1 }
            for line in lines where line.count >= 2 {
                let planar = opened.transform.transform(line)
                vertices.insert(line, nodes: &shared)
                careBuilder?.addWay(tags: tags, source: line, planar: planar, shared: shared)
                guard isWalkable else { continue }
                guard planar.allSatisfy({ $0.x.isFinite && $0.y.isFinite }) else {
                    throw InputError("\(opened.label): line \(feature.fid) has coordinates that cannot be transformed from \(opened.transform.sourceName) to RD New; are they in the CRS the layer declares?")
                }
                if let far = planar.first(where: { !RDExtent.areaOfUse.contains($0) }) {
                    try LayerPlacement.requireInAreaOfUse(far, label: opened.label, feature: "line \(feature.fid)", crs: opened.transform.sourceName)
                }
                builder.addLine(source: line, planar: planar, tags: tags, shared: shared)
            }
        }
        vertices = VertexTable()  // freed before the node layer is read
        guard let nodesInput = input.nodes, walkable > 0 else { return (builder, read, walkable, careBuilder, nil) }
        let nodes = try NetworkNodeLayerReader.read(nodesInput, near: builder.extent)
        let (withRules, offNetwork) = builder.attachLayerNodes(nodes.nodes)
        let summary = NodeLayerSummary(punten: nodes.nodes.count, met_knoopregel: withRules, gekoppeld: withRules - offNetwork.count,
                                       naast_netwerk: offNetwork.count, naast_netwerk_fids: offNetwork.prefix(NodeLayerSummary.shownIDs).map(\.fid),
                                       laag: nodes.label)
        return (builder, read, walkable, careBuilder, summary)
    }
}
