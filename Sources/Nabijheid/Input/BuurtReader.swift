/// Reads buurt polygons: code and name from configured fields, geometry reprojected to RD New.
enum BuurtReader {
    static func read(_ input: BuurtenInput) throws -> [Buurt] {
        let opened = try OpenedLayer(input.input, purpose: "buurt polygons")
        let codeField = try opened.layer.fieldIndex(input.codeField, purpose: "buurt code, set buurten.code_field")
        let nameField = try opened.layer.fieldIndex(input.nameField, purpose: "buurt name, set buurten.name_field")
        var buurten: [Buurt] = []
        var seen: [String: Int64] = [:]
        try opened.layer.forEachFeature { feature in
            guard let code = feature.string(codeField), !code.isEmpty else {
                throw InputError("\(opened.label): feature \(feature.fid) has no value in field '\(input.codeField)' (buurt code)")
            }
            if let earlier = seen[code] {
                throw InputError("\(opened.label): buurt code '\(code)' occurs twice (features \(earlier) and \(feature.fid)); field '\(input.codeField)' must be unique")
            }
            seen[code] = feature.fid
            guard case .polygons(let polygons)? = feature.geometry else {
                let kind = feature.geometry?.kindName ?? "no geometry"
                throw InputError("\(opened.label): buurt '\(code)' has \(kind); expected a Polygon or MultiPolygon")
            }
            let area = AreaShape(polygons: polygons.map { rings in
                PolygonShape(rings: rings.map { opened.transform.transform($0) })
            })
            buurten.append(Buurt(code: code, name: feature.string(nameField) ?? "", area: area))
        }
        return buurten
    }
}
