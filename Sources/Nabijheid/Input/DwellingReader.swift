/// Reads dwellings from a point layer (BAG verblijfsobjecten or similar), optionally keeping
/// only features whose filter field contains a text. OSM dwellings come from `OSMFileReader`.
enum DwellingReader {
    static func read(_ input: LayerInput, idField: String?, filterField: String?, filterContains: String?) throws -> (dwellings: [Dwelling], skipped: SkippedFeatures) {
        let opened = try OpenedLayer(input, purpose: "dwelling points")
        let id = try idField.map { try opened.layer.fieldIndex($0, purpose: "dwelling id, set dwellings.id_field") }
        let filter = try filterField.map { try opened.layer.fieldIndex($0, purpose: "dwelling filter, set dwellings.filter_field") }
        let needle = filterContains?.lowercased()
        var dwellings: [Dwelling] = []
        var skipped = SkippedFeatures()
        opened.layer.forEachFeature { feature in
            if let filter, let needle {
                guard let value = feature.string(filter), value.lowercased().contains(needle) else { return }
            }
            guard let position = opened.position(of: feature) else {
                skipped.withoutGeometry += 1
                return
            }
            let identifier = id.flatMap { feature.string($0) } ?? "fid/\(feature.fid)"
            dwellings.append(Dwelling(id: identifier, position: position))
        }
        return (dwellings, skipped)
    }
}
