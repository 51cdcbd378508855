/// Reads a bouwplan from any vector file GDAL reads (GeoPackage, GeoJSON): one feature per
/// change, its kind in the field `wijziging`. A plan comes from a branch anyone may push to,
/// so every problem is an `InputError` naming the feature, and nothing remote is opened.
enum PlanReader {
    /// The change kinds and the fields each uses (docs/plan.md).
    static let kinds = ["nieuwe_woning", "vervallen_woning", "nieuwe_voorziening", "vervallen_voorziening", "nieuwe_halte", "vervallen_halte",
                        "gewijzigd_pad", "nieuw_pad", "afgesloten_pad", "gewijzigd_punt"]

    static func read(path: String, layer: String?, configuration: RunConfiguration, networkExtent: RDExtent?) throws -> BouwPlan {
        let opened = try OpenedLayer(LayerInput(path: path, layer: layer, crs: nil, section: "plan"), purpose: "plan changes (field 'wijziging')")
        let label = opened.label
        let kindField = try opened.layer.fieldIndex("wijziging", purpose: "the kind of change: \(kinds.joined(separator: ", "))")
        func field(_ name: String) -> Int32? { opened.layer.fieldNames.firstIndex(of: name).map(Int32.init) }
        let idField = field("id"), dwellingField = field("woning_id"), facilityField = field("voorziening_id")
        let categoryField = field("categorie"), nameField = field("naam")
        let woonvormField = field("woonvorm"), suitabilityField = field("geschiktheid"), tagsField = field("tags")
        let attributes = configuration.dwellings.attributes
        let levels = Dictionary(uniqueKeysWithValues: attributes.suitabilityLevels.enumerated().map { ($1.lowercased(), Int8($0)) })
        let clusteredValues = Set(attributes.clusteredValues.map { $0.lowercased() })
        let stopCategory = configuration.catalog.index(of: "ov_halte")
        // RD New's area of use (`opened.position`), and the network with a margin
        // (`LayerPlacement`): a point outside is in another CRS.
        var changes: [(String, BouwPlan.Change)] = []
        var seenIDs: Set<String> = []
        try opened.layer.forEachFeature { feature in
            let name = "feature \(feature.fid)"
            func text(_ field: Int32?) -> String? {
                field.flatMap { feature.string($0) }.map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
            }
            func position() throws -> PlanarPoint {
                guard let point = try opened.position(of: feature) else {
                    throw InputError("\(label): \(name) (\(text(kindField) ?? "")): has no geometry; a new dwelling, facility or stop needs a point")
                }
                if let networkExtent {
                    try LayerPlacement.requireNear(point, network: networkExtent, label: label, feature: name, crs: opened.transform.sourceName)
                }
                return point
            }
            func newID(_ prefix: String) throws -> String {
                let id = text(idField) ?? "plan-\(feature.fid)"
                guard seenIDs.insert(id).inserted else { throw InputError("\(label): \(name): id '\(id)' occurs twice in the plan") }
                return id
            }
            func reference(_ field: Int32?, _ fieldName: String) throws -> String {
                guard let id = text(field) ?? text(idField) else {
                    throw InputError("\(label): \(name) (\(text(kindField) ?? "")): needs field '\(fieldName)' naming the existing element")
                }
                return id
            }
            /// The feature's line (or point) in RD New, near the network.
            func shape(_ kind: NetworkEdit.Kind) throws -> [[PlanarPoint]] {
                let expected = kind == .changedNode ? "a Point on a network vertex" : "a LineString (or MultiLineString) along the path"
                let parts: [[(Double, Double)]]
                switch feature.geometry {
                case .point(let x, let y)? where kind == .changedNode: parts = [[(x, y)]]
                case .lineStrings(let lines)? where kind != .changedNode && !lines.isEmpty && lines.allSatisfy({ $0.count >= 2 }): parts = lines
                case let other:
                    throw InputError("\(label): \(name) (\(kind.rawValue)): geometry is \(other.map(\.kindName) ?? "missing"); expected \(expected)")
                }
                return try parts.map { part in
                    let planar = opened.transform.transform(part)
                    guard planar.allSatisfy({ $0.x.isFinite && $0.y.isFinite }) else {
                        throw InputError("\(label): \(name) (\(kind.rawValue)): coordinates cannot be transformed from \(opened.transform.sourceName) to RD New; are they in the CRS the layer declares?")
                    }
                    for point in planar {
                        try LayerPlacement.requireInAreaOfUse(point, label: label, feature: name, crs: opened.transform.sourceName)
                        if let networkExtent {
                            try LayerPlacement.requireNear(point, network: networkExtent, label: label, feature: name, crs: opened.transform.sourceName)
                        }
                    }
                    return planar
                }
            }
            func tags(_ kind: NetworkEdit.Kind) throws -> [String: String] {
                let value = text(tagsField)
                guard let value else {
                    if kind == .changedPath || kind == .changedNode {
                        throw InputError("\(label): \(name) (\(kind.rawValue)): needs field 'tags' with the OSM tags it sets, e.g. \"highway=steps;ramp=no\"")
                    }
                    return [:]
                }
                guard let parsed = NetworkEdit.parseTags(value), kind == .closedPath || !parsed.isEmpty else {
                    throw InputError("\(label): \(name) (\(kind.rawValue)): field 'tags' is \"\(value)\"; expected OSM tags as key=value separated by ';', each key once, e.g. \"highway=steps;ramp=no\"")
                }
                return parsed
            }
            let kind = text(kindField) ?? ""
            if let editKind = NetworkEdit.Kind(rawValue: kind) {
                let editTags = try tags(editKind)
                // Named by the plan's own id when it has one.
                let feature = text(idField) ?? name
                for part in try shape(editKind) {
                    changes.append((name, .networkEdit(NetworkEdit(kind: editKind, feature: feature, line: part, tags: editTags))))
                }
                return
            }
            switch kind {
            case "nieuwe_woning":
                var suitability: Int8 = -1
                if let value = text(suitabilityField) {
                    guard let level = levels[value.lowercased()] else {
                        throw InputError("\(label): \(name): geschiktheid \"\(value)\" is not one of \(attributes.suitabilityLevels.joined(separator: ", "))")
                    }
                    suitability = level
                }
                let clustered = text(woonvormField).map { clusteredValues.contains($0.lowercased()) } ?? false
                changes.append((name, .newDwelling(id: try newID("woning"), position: try position(), clustered: clustered, suitability: suitability)))
            case "vervallen_woning":
                changes.append((name, .removedDwelling(id: try reference(dwellingField, "woning_id"))))
            case "nieuwe_voorziening", "nieuwe_halte":
                let category: Int
                if kind == "nieuwe_halte" {
                    guard let stopCategory else { throw InputError("\(label): \(name): nieuwe_halte needs a category 'ov_halte' in the catalogue") }
                    category = stopCategory
                } else {
                    let value = text(categoryField) ?? ""
                    guard let index = configuration.catalog.index(of: value) else {
                        throw InputError("\(label): \(name): field 'categorie' is \"\(value)\"; expected one of \(configuration.catalog.categories.map(\.name).joined(separator: ", "))")
                    }
                    category = index
                }
                changes.append((name, .newFacility(id: try newID("voorziening"), name: text(nameField), category: category, position: try position())))
            case "vervallen_voorziening", "vervallen_halte":
                changes.append((name, .closedFacility(id: try reference(facilityField, "voorziening_id"))))
            default:
                throw InputError("\(label): \(name): unknown change \"\(kind)\" in field 'wijziging'; expected one of \(kinds.joined(separator: ", "))")
            }
        }
        return BouwPlan(changes: changes, file: path)
    }
}
