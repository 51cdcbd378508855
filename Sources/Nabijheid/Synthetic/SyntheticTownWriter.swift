import Foundation

/// Writes a `SyntheticTown` as the input files a user would have: buurten with CBS fields,
/// BAG-like dwelling points, a facility layer with a category field, a GTFS `stops.txt`, the
/// street network (OSM XML with its kerb nodes, or a GeoPackage line layer `wegen` beside a
/// point layer of kerbs `knopen` for large towns) and a configuration file that ties them
/// together.
public enum SyntheticTownWriter {
    public enum NetworkFormat: String, Sendable, CaseIterable {
        case osm
        case gpkg
    }

    /// - Parameters:
    ///   - layers: the format of the buurt, dwelling and facility layers (`geojsonRDNew` or `gpkg`).
    ///   - pbf: also write the whole town as one OSM PBF, `stad.osm.pbf` (`SyntheticPBFWriter`),
    ///     and `nabijheid-pbf.toml`, which reads network, dwellings and facilities from it.
    public static func write(_ town: SyntheticTown, to directory: String, layers: VectorFormat, network: NetworkFormat,
                             pbf: Bool = false) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: "\(directory)/gtfs", withIntermediateDirectories: true)
        let ext = layers == .gpkg ? "gpkg" : "geojson"
        for name in ["buurten.\(ext)", "woningen.\(ext)", "voorzieningen.\(ext)", "netwerk.gpkg", "netwerk.osm"] {
            try? FileManager.default.removeItem(atPath: "\(directory)/\(name)")
        }

        let buurten = try VectorLayerWriter(path: "\(directory)/buurten.\(ext)", layerName: "buurten", fields: [
            .init("buurtcode", .string), .init("buurtnaam", .string), .init("wijkcode", .string), .init("gemeentecode", .string),
            .init("aantal_inwoners", .integer), .init("percentage_personen_65_jaar_en_ouder", .integer), .init("water", .string),
        ], format: layers)
        for buurt in town.buurten {
            try buurten.add(.area(buurt.area), [
                .string(buurt.code), .string(buurt.name), .string(buurt.wijkcode), .string(buurt.gemeentecode),
                .integer(buurt.inhabitants), .integer(buurt.percentage65Plus), .string(buurt.water ? "JA" : "NEE"),
            ])
        }
        try buurten.close()

        // A town with planned or withdrawn addresses (the national landscape) gets the PDOK
        // `status` and `oppervlakte` fields; the small towns keep the two fields of their fixtures.
        let bagStatus = town.addresses.contains { !$0.exists }
        let dwellings = try VectorLayerWriter(path: "\(directory)/woningen.\(ext)", layerName: "verblijfsobject", fields: [
            .init("identificatie", .string), .init("gebruiksdoel", .string),
        ] + (bagStatus ? [.init("status", .string), .init("oppervlakte", .integer)] : []), format: layers)
        for address in town.addresses {
            try dwellings.add(.point(address.position), [.string(address.id), .string(address.gebruiksdoel)]
                              + (bagStatus ? [.string(address.status), .integer(address.floorArea)] : []))
        }
        try dwellings.close()

        let facilities = try VectorLayerWriter(path: "\(directory)/voorzieningen.\(ext)", layerName: "voorzieningen", fields: [
            .init("voorziening_id", .string), .init("naam", .string), .init("categorie", .string),
        ], format: layers)
        for place in town.facilities {
            try facilities.add(.point(place.position), [.string(place.id), .string(place.name), .string(place.category)])
        }
        try facilities.close()

        let toWGS84 = try CoordinateTransform(from: .rdNew, to: CRSDefinition(userInput: "EPSG:4326"), label: "synthetic town")
        var stops = "stop_id,stop_name,stop_lat,stop_lon,location_type,wheelchair_boarding\n"
        for stop in town.stops {
            let position = toWGS84.transform(stop.position.x, stop.position.y)
            stops += "\(stop.id),\(stop.name),\(String(format: "%.7f", position.y)),\(String(format: "%.7f", position.x)),0,\(stop.wheelchairBoarding.map(String.init) ?? "")\n"
        }
        try Data(stops.utf8).write(to: URL(fileURLWithPath: "\(directory)/gtfs/stops.txt"))

        switch network {
        case .gpkg:
            let lines = try VectorLayerWriter(path: "\(directory)/netwerk.gpkg", layerName: "wegen", fields: [
                .init("highway", .string), .init("foot", .string), .init("access", .string), .init("surface", .string),
                .init("oneway", .string), .init("oneway:bicycle", .string),
            ], format: .gpkg)
            for street in town.streets {
                try lines.add(.line(street.points), [.string(street.highway), .string(street.foot), .string(street.access),
                                                     .string(street.surface), .string(street.oneway), .string(street.onewayBicycle)])
            }
            try lines.close()
            if !town.taggedNodes.isEmpty {
                // The kerbs as the point layer `knopen` beside the lines, one field per OSM key.
                let keys = Set(town.taggedNodes.flatMap { $0.tags.map(\.key) }).sorted()
                let staging = "\(directory)/.knopen-\(ProcessInfo.processInfo.processIdentifier).gpkg"
                let points = try VectorLayerWriter(path: staging, layerName: nodesLayer, fields: keys.map { .init($0, .string) }, format: .gpkg)
                for node in town.taggedNodes {
                    let tags = Dictionary(node.tags.map { ($0.key, $0.value) }) { _, last in last }
                    try points.add(.point(node.position), keys.map { .string(tags[$0]) })
                }
                try points.close()
                try GeoPackageLayerAppend.append(staging, to: "\(directory)/netwerk.gpkg", as: nodesLayer)
            }
        case .osm:
            try osmXML(town, transform: toWGS84).write(to: URL(fileURLWithPath: "\(directory)/netwerk.osm"))
        }

        try Data(configuration(layers: ext, network: network, nodes: !town.taggedNodes.isEmpty, bagStatus: bagStatus).utf8).write(to: URL(fileURLWithPath: "\(directory)/nabijheid.toml"))
        if pbf {
            try SyntheticPBFWriter.write(town, to: "\(directory)/\(pbfName)")
            try Data(pbfConfiguration(layers: ext).utf8).write(to: URL(fileURLWithPath: "\(directory)/nabijheid-pbf.toml"))
            if bagStatus {
                try Data(newUserConfiguration(layers: ext).utf8).write(to: URL(fileURLWithPath: "\(directory)/nabijheid-nieuw.toml"))
            }
        }
    }

    static let pbfName = "stad.osm.pbf"
    /// The point layer of kerbs in `netwerk.gpkg`.
    static let nodesLayer = "knopen"

    /// The configuration that reads the network, address dwellings and facilities (stops
    /// included) from the town's PBF; only the buurten come from a layer.
    static func pbfConfiguration(layers ext: String) -> String {
        """
        # A synthetic town written by `nabijheid generate-town --pbf`, everything but the buurten
        # from one OSM PBF. Paths are relative to this file.
        output_dir = "out"

        [buurten]
        path = "buurten.\(ext)"
        code_field = "buurtcode"
        name_field = "buurtnaam"

        [dwellings]
        source = "osm_addresses"
        path = "\(pbfName)"

        [network]
        path = "\(pbfName)"
        format = "osm"
        profile = "standaard"
        max_snap_m = 250
        min_island_nodes = 20

        [[facilities]]
        source = "osm"
        path = "\(pbfName)"

        [distances]
        thresholds_m = [100, 500, 1000]
        search_margin_m = 500

        """
    }

    /// The configuration a national user writes for the real files (docs/configuratie.md, "The
    /// national files as PDOK and CBS deliver them"): CBS-shaped buurten, the BAG-shaped
    /// `verblijfsobject` layer filtered on `status` and `gebruiksdoel`, network and facilities
    /// (stops included) from the PBF, R8 by bike.
    static func newUserConfiguration(layers ext: String) -> String {
        """
        # A synthetic country written by `nabijheid generate-town --pbf`, read the way a national
        # user reads the real files: BAG layer with the PDOK filter, everything else from the PBF.
        output_dir = "out-nieuw"

        [buurten]
        path = "buurten.\(ext)"
        code_field = "buurtcode"
        name_field = "buurtnaam"

        [dwellings]
        path = "woningen.\(ext)"
        layer = "verblijfsobject"
        id_field = "identificatie"
        where = "\(bagWhere)"

        [network]
        path = "\(pbfName)"

        [[facilities]]
        source = "osm"
        path = "\(pbfName)"

        [care_response]
        mode = "fiets"
        speed_kmh = 15
        dispatch_min = 5

        """
    }

    /// OSM XML with shared nodes where streets meet (keyed by position to the millimetre).
    static func osmXML(_ town: SyntheticTown, transform: CoordinateTransform) -> Data {
        var nodeIDs: [Int64: Int] = [:]
        var nodes = ""
        var ways = ""
        func key(_ p: PlanarPoint) -> Int64 { Int64((p.x * 1000).rounded()) &* 1_000_003 &+ Int64((p.y * 1000).rounded()) }
        var nodeTags: [Int64: [(key: String, value: String)]] = [:]
        for node in town.taggedNodes { nodeTags[key(node.position)] = node.tags }
        for (index, street) in town.streets.enumerated() {
            var refs: [Int] = []
            for point in street.points {
                if let id = nodeIDs[key(point)] {
                    refs.append(id)
                } else {
                    let id = nodeIDs.count + 1
                    nodeIDs[key(point)] = id
                    let lonLat = transform.transform(point.x, point.y)
                    let attributes = "id=\"\(id)\" version=\"1\" lat=\"\(String(format: "%.7f", lonLat.y))\" lon=\"\(String(format: "%.7f", lonLat.x))\""
                    if let tags = nodeTags[key(point)] {
                        nodes += "  <node \(attributes)>\n" + tags.map { "    <tag k=\"\($0.key)\" v=\"\($0.value)\"/>\n" }.joined() + "  </node>\n"
                    } else {
                        nodes += "  <node \(attributes)/>\n"
                    }
                    refs.append(id)
                }
            }
            ways += "  <way id=\"\(index + 1)\" version=\"1\">\n"
            for ref in refs { ways += "    <nd ref=\"\(ref)\"/>\n" }
            ways += "    <tag k=\"highway\" v=\"\(street.highway)\"/>\n"
            if let foot = street.foot { ways += "    <tag k=\"foot\" v=\"\(foot)\"/>\n" }
            if let access = street.access { ways += "    <tag k=\"access\" v=\"\(access)\"/>\n" }
            if let surface = street.surface { ways += "    <tag k=\"surface\" v=\"\(surface)\"/>\n" }
            if let oneway = street.oneway { ways += "    <tag k=\"oneway\" v=\"\(oneway)\"/>\n" }
            if let bicycle = street.onewayBicycle { ways += "    <tag k=\"oneway:bicycle\" v=\"\(bicycle)\"/>\n" }
            ways += "  </way>\n"
        }
        return Data("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<osm version=\"0.6\" generator=\"nabijheid generate-town\">\n\(nodes)\(ways)</osm>\n".utf8)
    }

    /// The PDOK filter of docs/configuratie.md: dwellings that exist and are dwellings.
    static let bagWhere = "status IN ('\(SyntheticTown.Address.inUse)', '\(SyntheticTown.Address.inUseNotMeasured)') AND gebruiksdoel LIKE '%woonfunctie%'"

    /// `bagStatus`: the dwelling layer has planned or withdrawn addresses, so it is filtered on
    /// `status` as well as `gebruiksdoel`, the way a national user filters the PDOK BAG.
    static func configuration(layers ext: String, network: NetworkFormat, nodes: Bool = false, bagStatus: Bool = false) -> String {
        let networkSection = network == .osm
            ? "path = \"netwerk.osm\"\nformat = \"osm\""
            : "path = \"netwerk.gpkg\"\nformat = \"layer\"\nlayer = \"wegen\"" + (nodes ? "\nnodes_layer = \"\(nodesLayer)\"" : "")
        return """
        # A synthetic town written by `nabijheid generate-town`. Paths are relative to this file.
        output_dir = "out"

        [buurten]
        path = "buurten.\(ext)"
        code_field = "buurtcode"
        name_field = "buurtnaam"

        [dwellings]
        source = "layer"
        path = "woningen.\(ext)"
        id_field = "identificatie"
        \(bagStatus ? "where = \"\(bagWhere)\"" : "filter_field = \"gebruiksdoel\"\nfilter_contains = \"woonfunctie\"")

        [network]
        \(networkSection)
        profile = "standaard"
        max_snap_m = 250
        min_island_nodes = 20

        [[facilities]]
        source = "layer"
        path = "voorzieningen.\(ext)"
        category_field = "categorie"
        id_field = "voorziening_id"
        name_field = "naam"

        [[facilities]]
        source = "gtfs"
        path = "gtfs/stops.txt"
        category = "ov_halte"

        [distances]
        thresholds_m = [100, 500, 1000]
        search_margin_m = 500

        # Response times from the 24-hour care bases (R8): by bike at 15 km/h, 5 minutes to set off.
        [care_response]
        mode = "fiets"
        speed_kmh = 15
        dispatch_min = 5

        """
    }
}
