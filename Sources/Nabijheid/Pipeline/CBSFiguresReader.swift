/// Reads CBS's nabijheid figures (km) from the buurten layer, for `CBSComparison`: a second
/// pass over the buurten file that reads only the named fields, so that the buurt reader stays
/// about polygons and the figures it judges with. GDAL's warnings of this pass are dropped (the
/// first pass has reported them).
enum CBSFiguresReader {
    /// Per compared category (those whose field the layer has), per buurt code, the figure; CBS
    /// sentinels (negative values) are nil.
    static func read(_ input: BuurtenInput, catalog: FacilityCatalog, buurten: [Buurt]) throws -> (categories: [Int], fields: [String], values: [[Double?]]) {
        let wanted = catalog.categories.indices.compactMap { c in catalog.categories[c].cbsDistanceField.map { (c, $0) } }
        guard !wanted.isEmpty else { return ([], [], buurten.map { _ in [] }) }
        let (result, _) = try GDALWarnings.capturing { () throws -> (categories: [Int], fields: [String], values: [[Double?]]) in
            let opened = try OpenedLayer(input.input, purpose: "buurt polygons")
            let names = opened.layer.fieldNames
            let present = wanted.filter { names.contains($0.1) }
            guard !present.isEmpty else { return ([], [], buurten.map { _ in [] }) }
            let codeField = try opened.layer.fieldIndex(input.codeField, purpose: "buurt code, set buurten.code_field")
            let indices = present.map { Int32(names.firstIndex(of: $0.1)!) }
            var byCode: [String: [Double?]] = [:]
            try opened.layer.forEachFeature { feature in
                guard let code = feature.string(codeField) else { return }
                byCode[code] = indices.map { CBSCodes.known(feature.number($0)) }
            }
            let values = buurten.map { byCode[$0.code] ?? present.map { _ in nil } }
            return (present.map(\.0), present.map(\.1), values)
        }
        return result
    }
}
