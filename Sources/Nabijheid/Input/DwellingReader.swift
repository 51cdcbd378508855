/// Reads dwellings from a point layer (BAG verblijfsobjecten or similar), optionally keeping
/// only features whose filter field contains a text, with suitability and woonvorm where the
/// layer has them. OSM dwellings come from `OSMFileReader`.
enum DwellingReader {
    static func read(_ input: LayerInput, idField: String?, filterField: String?, filterContains: String?,
                     attributes: DwellingAttributes) throws -> (dwellings: [Dwelling], skipped: SkippedFeatures) {
        let opened = try OpenedLayer(input, purpose: "dwelling points")
        let id = try idField.map { try opened.layer.fieldIndex($0, purpose: "dwelling id, set dwellings.id_field") }
        let filter = try filterField.map { try opened.layer.fieldIndex($0, purpose: "dwelling filter, set dwellings.filter_field") }
        let suitability = try attributes.suitabilityField.map { try opened.layer.fieldIndex($0, purpose: "suitability level, set dwellings.suitability_field") }
        let woonvorm = try attributes.woonvormField.map { try opened.layer.fieldIndex($0, purpose: "woonvorm, set dwellings.woonvorm_field") }
        let levels = Dictionary(uniqueKeysWithValues: attributes.suitabilityLevels.enumerated().map { ($1.lowercased(), Int8($0)) })
        let clusteredValues = Set(attributes.clusteredValues.map { $0.lowercased() })
        let needle = filterContains?.lowercased()
        var dwellings: [Dwelling] = []
        var skipped = SkippedFeatures()
        try opened.layer.forEachFeature { feature in
            if let filter, let needle {
                guard let value = feature.string(filter), value.lowercased().contains(needle) else { return }
            }
            guard let position = try opened.position(of: feature) else {
                skipped.withoutGeometry += 1
                return
            }
            let identifier = id.flatMap { feature.string($0) } ?? "fid/\(feature.fid)"
            var dwelling = Dwelling(id: identifier, position: position)
            if let suitability, let value = feature.string(suitability)?.trimmingCharacters(in: .whitespaces), !value.isEmpty {
                guard let level = levels[value.lowercased()] else {
                    throw InputError("\(opened.label): dwelling '\(identifier)' has \"\(value)\" in field '\(attributes.suitabilityField!)'; expected one of \(attributes.suitabilityLevels.joined(separator: ", ")) (dwellings.suitability_levels) or empty")
                }
                dwelling.suitability = level
            }
            if let woonvorm, let value = feature.string(woonvorm) {
                dwelling.clustered = clusteredValues.contains(value.trimmingCharacters(in: .whitespaces).lowercased())
            }
            dwellings.append(dwelling)
        }
        return (dwellings, skipped)
    }
}
