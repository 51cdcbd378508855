/// Reads an OSM file (`.osm.pbf` or `.osm`) once through GDAL's OSM driver and hands out what
/// the run asked of it: walkable lines for the network, dwellings, facilities. One pass in file
/// order, because the driver reads a file most cheaply that way.
struct OSMFileReader {
    struct Request {
        var rules: WalkRules?
        /// Also collect the care mode's network from every highway way (`[care_response]`).
        var care: CareModeRules?
        var dwellings: DwellingSource?
        var catalog: FacilityCatalog?
        /// Barrier, kerb and crossing nodes for the mobility profiles (from the points layer).
        var mobilityNodes = false

        /// The driver's layers this request reads: lines for the network, points for address
        /// dwellings and facilities, multipolygons for building dwellings and facility areas.
        var layers: [String] {
            var layers: [String] = []
            if rules != nil { layers.append("lines") }
            if catalog != nil || dwellings == .osmAddresses || (rules != nil && mobilityNodes) { layers.append("points") }
            var areas = catalog != nil
            if case .osmBuildings? = dwellings { areas = true }
            if areas { layers.append("multipolygons") }
            return layers
        }
    }

    struct Result {
        var network = WalkGraphBuilder()
        var waysRead = 0
        var waysWalkable = 0
        var care: TravelTimeGraphBuilder?
        var dwellings: [Dwelling] = []
        var facilities: [Facility] = []
        /// What could not be read, for `meldingen` in run.json.
        var notes: [String] = []
    }

    /// Address nodes with one of these keys are a facility or business, not a dwelling.
    static let nonResidentialKeys = ["shop", "amenity", "office", "craft", "tourism", "healthcare", "leisure"]

    /// Per-layer column positions, looked up once per layer.
    private struct Columns {
        var names: [String]
        var otherTags: Int32
        var osmID: Int32
        var osmWayID: Int32
    }

    static func read(path: String, request: Request) throws -> Result {
        let dataset = try VectorDataset(path: path, drivers: ["OSM"])
        try dataset.restrictOSMLayers(to: request.layers)
        let label = "\(path) (OSM)"
        let transform = try CoordinateTransform(from: CRSDefinition(userInput: "EPSG:4326"), label: label)
        var result = Result()
        result.care = request.care.map(TravelTimeGraphBuilder.init)
        var columns: [String: Columns] = [:]
        var brokenRings = Set<String>()
        for name in dataset.layerNames {
            let layer = try dataset.layer(named: name)
            let names = layer.fieldNames
            columns[name] = Columns(names: names,
                                    otherTags: Int32(names.firstIndex(of: "other_tags") ?? -1),
                                    osmID: Int32(names.firstIndex(of: "osm_id") ?? -1),
                                    osmWayID: Int32(names.firstIndex(of: "osm_way_id") ?? -1))
        }
        try dataset.forEachFeatureInterleaved { layerName, feature in
            guard let column = columns[layerName] else { return }
            switch layerName {
            case "lines":
                guard let rules = request.rules else { return }
                result.waysRead += 1
                let tags = feature.osmTags(fieldNames: column.names, otherTagsField: column.otherTags)
                if result.care != nil, tags["highway"] != nil, case .lineStrings(let lines)? = feature.geometry {
                    for line in lines where line.count >= 2 { result.care!.addWay(tags: tags, source: line, planar: transform.transform(line)) }
                }
                guard rules.isWalkable(tags), case .lineStrings(let lines)? = feature.geometry else { return }
                result.waysWalkable += 1
                for line in lines where line.count >= 2 {
                    let planar = transform.transform(line)
                    // A far vertex (a footway in New Zealand, a node at 1e15) is refused here: the
                    // network never spans more than RD New's area of use.
                    if let far = planar.first(where: { !RDExtent.areaOfUse.contains($0) }) {
                        try LayerPlacement.requireInAreaOfUse(far, label: "\(path), layer 'lines'",
                                                              feature: "way \(osmID(feature, layer: layerName, column: column))", crs: "EPSG:4326")
                    }
                    result.network.addLine(source: line, planar: planar, tags: tags)
                }
            case "points", "multipolygons":
                let tags = feature.osmTags(fieldNames: column.names, otherTagsField: column.otherTags)
                guard !tags.isEmpty else { return }
                if layerName == "points" && request.rules != nil && request.mobilityNodes, case .point(let x, let y)? = feature.geometry {
                    result.network.addNode(source: (x, y), tags: tags)
                }
                guard request.dwellings != nil || request.catalog != nil else { return }
                let id = osmID(feature, layer: layerName, column: column)
                // Computed only for features that are used: point-on-surface is not cheap.
                func position() throws -> PlanarPoint? {
                    // A ring of fewer than four points (a clipped extract's closed way with one
                    // node left) is no area: GEOS would refuse it and fail the read.
                    if layerName == "multipolygons", case .polygons(let polygons)? = feature.geometry,
                       polygons.contains(where: { $0.contains { $0.count < 4 } }) {
                        brokenRings.insert(id)
                        return nil
                    }
                    return try feature.pointOnSurface.map { source -> PlanarPoint in
                        let point = transform.transform(source.0, source.1)
                        try LayerPlacement.requireInAreaOfUse(point, label: "\(path), layer '\(layerName)'", feature: id, crs: "EPSG:4326")
                        return point
                    }
                }
                if let source = request.dwellings, isDwelling(tags, layer: layerName, source: source), let position = try position() {
                    result.dwellings.append(Dwelling(id: id, position: position))
                }
                if let catalog = request.catalog {
                    let matched = catalog.categories(matching: tags)
                    if !matched.isEmpty, let position = try position() {
                        result.facilities += facilities(id: id, tags: tags, categories: matched, position: position)
                    }
                }
            default:
                return
            }
        }
        if !brokenRings.isEmpty {
            result.notes.append("voorzieningen en woningen uit \(path): \(brokenRings.count) vlakken hebben een ring met minder dan vier punten (een gebroken ring) en zijn overgeslagen")
        }
        return result
    }

    /// One facility per matched category of an OSM feature (also used by `OSMFeatureReader`).
    static func facilities(id: String, tags: [String: String], categories: [Int], position: PlanarPoint) -> [Facility] {
        categories.map { category in
            let accessibility = StopAccessibility(osmWheelchair: tags["wheelchair"])
            return Facility(id: id, name: tags["name"], category: category, position: position, source: "osm",
                            accessibility: accessibility, accessibilitySource: accessibility == .onbekend ? nil : "osm",
                            quayCode: tags["ref:IFOPT"])
        }
    }

    /// Whether a feature of GDAL's layer `layer` ("points" or "multipolygons") is a dwelling
    /// (also used by `OSMFeatureReader`).
    static func isDwelling(_ tags: [String: String], layer: String, source: DwellingSource) -> Bool {
        switch source {
        case .osmAddresses:
            return layer == "points" && tags["addr:housenumber"] != nil && !nonResidentialKeys.contains { tags[$0] != nil }
        case .osmBuildings(let values):
            return layer == "multipolygons" && tags["building"].map(values.contains) == true
        case .layer:
            return false
        }
    }

    private static func osmID(_ feature: VectorFeature, layer: String, column: Columns) -> String {
        if layer == "multipolygons" {
            if column.osmWayID >= 0, let way = feature.string(column.osmWayID) { return "way/\(way)" }
            if column.osmID >= 0, let relation = feature.string(column.osmID) { return "relation/\(relation)" }
        } else if column.osmID >= 0, let node = feature.string(column.osmID) {
            return layer == "points" ? "node/\(node)" : "way/\(node)"
        }
        return "fid/\(feature.fid)"
    }
}
