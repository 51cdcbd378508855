/// Reads a municipality's own facility layer: points (or areas) with a category field whose
/// values are category names of the catalogue.
enum FacilityLayerReader {
    static func read(_ input: LayerInput, categoryField: String, idField: String?, nameField: String?, catalog: FacilityCatalog,
                     near network: RDExtent? = nil) throws -> (facilities: [Facility], skipped: SkippedFeatures) {
        let opened = try OpenedLayer(input, purpose: "facility points")
        let category = try opened.layer.fieldIndex(categoryField, purpose: "facility category, set category_field")
        let id = try idField.map { try opened.layer.fieldIndex($0, purpose: "facility id, set id_field") }
        let name = try nameField.map { try opened.layer.fieldIndex($0, purpose: "facility name, set name_field") }
        var facilities: [Facility] = []
        var skipped = SkippedFeatures()
        try opened.layer.forEachFeature { feature in
            let value = feature.string(category) ?? ""
            guard let index = catalog.index(of: value) else {
                throw InputError("\(opened.label): feature \(feature.fid) has category \"\(value)\" in field '\(categoryField)'; expected one of \(catalog.categories.map(\.name).joined(separator: ", "))")
            }
            guard let position = try opened.position(of: feature) else {
                skipped.withoutGeometry += 1
                return
            }
            facilities.append(Facility(id: id.flatMap { feature.string($0) } ?? "fid/\(feature.fid)",
                                       name: name.flatMap { feature.string($0) },
                                       category: index, position: position, source: "layer"))
        }
        try LayerPlacement.requireLayerNear(facilities.lazy.map(\.position), network: network, label: opened.label, crs: opened.transform.sourceName)
        return (facilities, skipped)
    }
}
