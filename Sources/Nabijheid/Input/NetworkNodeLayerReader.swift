import Foundation

/// Reads the point layer of barriers, kerbs and crossings that comes beside a network line
/// layer (`network.nodes_layer`): every field is an OSM node tag (`barrier`, `kerb`,
/// `wheelchair`, `highway`, `crossing`), as every field of the line layer is a way tag. The
/// points are joined to the network's vertices by `WalkGraphBuilder.attachLayerNodes`.
enum NetworkNodeLayerReader {
    /// The keys of which the layer needs at least one field.
    static let ruleFields = ["barrier", "kerb", "wheelchair", "highway", "crossing"]

    /// - Returns: every point, in the layer's order, in RD New, and the layer as run.json names
    ///   it (file name and layer).
    /// - Throws: `InputError` naming file, layer and feature when the layer is missing or empty,
    ///   has none of `ruleFields`, holds a geometry other than a point, or a point whose
    ///   coordinates cannot lie in the Netherlands in its CRS or lie far from the network.
    static func read(_ input: LayerInput, near network: RDExtent?) throws -> (nodes: [WalkGraphBuilder.LayerNode], label: String) {
        let opened = try OpenedLayer(input, purpose: "points of barriers and kerbs on network vertices")
        let names = opened.layer.fieldNames
        guard names.contains(where: ruleFields.contains) else {
            throw InputError("\(opened.label): the layer has none of the fields \(ruleFields.map { "'\($0)'" }.joined(separator: ", ")); expected OSM node tags as fields (e.g. 'barrier' = \"kerb\", 'kerb' = \"raised\"); fields are \(names.map { "'\($0)'" }.joined(separator: ", "))")
        }
        var nodes: [WalkGraphBuilder.LayerNode] = []
        try opened.layer.forEachFeature { feature in
            guard case .point? = feature.geometry else {
                throw InputError("\(opened.label): feature \(feature.fid) is \(feature.geometry?.kindName ?? "without geometry"); expected a Point on a vertex of the network")
            }
            guard let position = try opened.position(of: feature) else { return }
            let tags = feature.fieldTags(names)
            nodes.append(WalkGraphBuilder.LayerNode(fid: feature.fid, position: position, tags: tags))
        }
        try LayerPlacement.requireLayerNear(nodes.lazy.map(\.position), network: network, label: opened.label, crs: opened.transform.sourceName)
        // For run.json: the file by name only, so the report does not depend on the folder.
        return (nodes, "\(URL(fileURLWithPath: input.path).lastPathComponent), layer '\(opened.layer.name)'")
    }
}
