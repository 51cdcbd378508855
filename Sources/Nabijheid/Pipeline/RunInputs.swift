/// Everything read from the input files, in RD New, before any network work.
struct RunInputs {
    var buurten: [Buurt]
    var dwellings: [Dwelling]
    var dwellingsSkipped: SkippedFeatures
    var facilities: [Facility]
    var facilitiesSkipped: SkippedFeatures
    var network: WalkGraphBuilder
    var waysRead: Int
    var waysWalkable: Int
    /// What became of the node layer beside a line-layer network; nil without one.
    var networkNodes: NodeLayerSummary? = nil
    /// The care mode's network (`[care_response]`, R8), from the same lines; `RunContext`
    /// takes it to build the graph, which frees it.
    var careNetwork: HandOver<TravelTimeGraphBuilder>? = nil
    /// Notes for the run report (`meldingen`): what was repaired while reading.
    var notes: [String] = []
    /// The CBS figure fields the buurten layer has (`Buurt.cbsFigures`).
    var cbsFields: [String] = []

    /// Reads all inputs. An OSM file named by several inputs is read once; a large dwelling
    /// layer is read on `threads` threads. The network is read first: every other layer must
    /// come within 5 km of it (`LayerPlacement`), which catches a layer that declares the
    /// wrong CRS.
    static func read(_ configuration: RunConfiguration, threads requested: Int = 1) throws -> RunInputs {
        let threads = WorkerThreads.effective(requested)
        var osmRequests: [String: OSMFileReader.Request] = [:]
        var osmOrder: [String] = []
        func request(_ path: String, _ change: (inout OSMFileReader.Request) -> Void) {
            if osmRequests[path] == nil { osmOrder.append(path); osmRequests[path] = OSMFileReader.Request() }
            change(&osmRequests[path]!)
        }
        // libosmium reads an OSM PBF: the network (highway ways only), dwellings and facilities
        // of one file in one pass (LibosmiumReader); GDAL reads OSM XML.
        let networkPath = configuration.network.input.path
        let osmiumNetwork = configuration.network.format == .osm && configuration.network.reader.usesLibosmium(path: networkPath)
        let networkRequest = LibosmiumReader.NetworkRequest(rules: configuration.network.rules, mobilityNodes: !configuration.mobilityProfiles.isEmpty,
                                                            care: configuration.careResponse?.rules)
        if configuration.network.format == .osm && !osmiumNetwork {
            request(networkPath) {
                $0.rules = configuration.network.rules
                $0.mobilityNodes = !configuration.mobilityProfiles.isEmpty
                $0.care = configuration.careResponse?.rules
            }
        }
        switch configuration.dwellings.source {
        case .osmAddresses, .osmBuildings:
            request(configuration.dwellings.input.path) { $0.dwellings = configuration.dwellings.source }
        case .layer:
            break
        }
        for case .osm(let input) in configuration.facilities {
            request(input.path) { $0.catalog = configuration.catalog }
        }
        var osmResults: [String: OSMFileReader.Result] = [:]
        var osmNotes: [String] = []
        var osmiumNetworkRead: OSMHighwayReader.Result?
        for path in osmOrder {
            // libosmium reads a PBF's dwellings and facilities unless GDAL reads the file anyway,
            // and the network with them when it comes from the same file.
            if OSMFeatureReader.reads(osmRequests[path]!, path: path, reader: configuration.network.reader) {
                let read = try LibosmiumReader.read(path: path, network: osmiumNetwork && path == networkPath ? networkRequest : nil,
                                                    features: .init(dwellings: osmRequests[path]!.dwellings, catalog: osmRequests[path]!.catalog),
                                                    threads: threads)
                if let network = read.network { osmiumNetworkRead = network }
                osmResults[path] = OSMFileReader.Result(dwellings: read.features!.dwellings, facilities: read.features!.facilities)
                osmNotes += read.features!.notes
            } else {
                osmResults[path] = try OSMFileReader.read(path: path, request: osmRequests[path]!)
                osmNotes += osmResults[path]!.notes
            }
        }

        // A network line layer is read by one thread; a dwelling layer (the BAG: millions of
        // points) is read meanwhile by a thread of its own, and checked against the network once
        // both are in. The network stays on this thread: its builder is freed after `netwerk`, and
        // memory freed here is reused by the stages that follow (built on a worker thread, it
        // stayed in that thread's arena: 260 MB more at the peak at 8 M). The network's errors
        // still come first.
        var earlyDwellings: BackgroundWork<DwellingReader.Unchecked>?
        if configuration.network.format == .layer, case .layer(let idField, let filterField, let filterContains) = configuration.dwellings.source {
            let warnings = GDALWarnings.current, input = configuration.dwellings.input, attributes = configuration.dwellings.attributes
            earlyDwellings = BackgroundWork {
                try GDALWarnings.joining(warnings) {
                    try DwellingReader.readUnchecked(input, idField: idField, filterField: filterField, filterContains: filterContains,
                                                     attributes: attributes, threads: threads)
                }
            }
        }
        // Never leave the dwelling read running behind an error from the network or the buurten:
        // the process would exit while GDAL reads on the other thread (a crash, seen in CI).
        defer { _ = try? earlyDwellings?.value() }

        var network = WalkGraphBuilder(), waysRead = 0, waysWalkable = 0
        var careNetwork: TravelTimeGraphBuilder?
        var networkNodes: NodeLayerSummary?
        switch configuration.network.format {
        case .osm where osmiumNetwork:
            let result = try osmiumNetworkRead ?? LibosmiumReader.read(path: networkPath, network: networkRequest, features: nil, threads: threads).network!
            (network, waysRead, waysWalkable, careNetwork) = (result.network, result.waysRead, result.waysWalkable, result.care)
            if result.waysMissingNodes > 0 {
                osmNotes.append("netwerk: van \(result.waysMissingNodes) ways ontbreken knopen in het bestand (een uitgeknipt gebied); alleen hun aanwezige delen tellen mee")
            }
            if waysWalkable == 0 {
                throw InputError("\(networkPath): no walkable ways in the OSM file (ways with a walkable highway tag)")
            }
        case .osm:
            let result = osmResults[networkPath]!
            (network, waysRead, waysWalkable, careNetwork) = (result.network, result.waysRead, result.waysWalkable, result.care)
            if waysWalkable == 0 {
                throw InputError("\(configuration.network.input.path): no walkable ways in the OSM file (ways with a highway tag in layer 'lines')")
            }
        case .layer:
            (network, waysRead, waysWalkable, careNetwork, networkNodes) = try NetworkLayerReader.read(configuration.network, care: configuration.careResponse?.rules)
            if waysWalkable == 0 {
                throw InputError("\(configuration.network.input.path): no walkable lines (field 'highway' with a walkable value)")
            }
        }

        let extent = network.extent
        let read = try BuurtReader.readRepairing(configuration.buurten, cbsFields: configuration.catalog.cbsDistanceFields.map(\.field), near: extent)
        let buurten = read.buurten
        var notes = osmNotes
        if !read.repaired.isEmpty {
            let shown = read.repaired.prefix(20).joined(separator: ", ") + (read.repaired.count > 20 ? ", …" : "")
            notes.append("buurtgeometrie hersteld: \(read.repaired.count) \(read.repaired.count == 1 ? "buurt had een ongeldige polygoon" : "buurten hadden een ongeldige polygoon") (bijvoorbeeld een zichzelf snijdende rand), hersteld met GEOS MakeValid: \(shown)")
        }

        var dwellings: [Dwelling], dwellingsSkipped = SkippedFeatures()
        switch configuration.dwellings.source {
        case .layer(let idField, let filterField, let filterContains):
            if let earlyDwellings {
                (dwellings, dwellingsSkipped) = try DwellingReader.check(earlyDwellings.value(), near: extent, threads: threads)
            } else {
                (dwellings, dwellingsSkipped) = try DwellingReader.read(configuration.dwellings.input, idField: idField,
                                                                        filterField: filterField, filterContains: filterContains,
                                                                        attributes: configuration.dwellings.attributes, threads: threads, near: extent)
            }
            if let condition = configuration.dwellings.input.whereClause {
                notes.append("woningen: de filter (where) \(condition) liet \(dwellingsSkipped.excludedByWhere) features van de laag weg")
            }
        case .osmAddresses, .osmBuildings:
            dwellings = osmResults[configuration.dwellings.input.path]!.dwellings
            try LayerPlacement.requireLayerNear(dwellings.lazy.map(\.position), network: extent,
                                                label: "\(configuration.dwellings.input.path) (OSM)", crs: "EPSG:4326")
        }
        if dwellings.isEmpty {
            throw InputError("\(configuration.dwellings.input.path): no dwellings found (check dwellings.source and the filter)")
        }

        var facilities: [Facility] = [], facilitiesSkipped = SkippedFeatures()
        var readOSM: Set<String> = []
        for source in configuration.facilities {
            switch source {
            case .osm(let input):
                // A file listed twice still yields its facilities once.
                if readOSM.insert(input.path).inserted {
                    let read = osmResults[input.path]!.facilities
                    try LayerPlacement.requireLayerNear(read.lazy.map(\.position), network: extent, label: "\(input.path) (OSM)", crs: "EPSG:4326")
                    facilities += read
                }
            case .layer(let input, let categoryField, let idField, let nameField):
                let read = try FacilityLayerReader.read(input, categoryField: categoryField, idField: idField,
                                                        nameField: nameField, catalog: configuration.catalog, near: extent)
                facilities += read.facilities
                facilitiesSkipped.withoutGeometry += read.skipped.withoutGeometry
            case .gtfs(let path, let category, let quayField):
                let stops = try GTFSStopReader.read(path: path, category: configuration.catalog.index(of: category)!, quayField: quayField)
                try LayerPlacement.requireLayerNear(stops.lazy.map(\.position), network: extent, label: "\(path) (GTFS stops)", crs: "EPSG:4326")
                facilities += stops
            }
        }
        if let chb = configuration.chbQuayFile {
            notes.append(try StopAccessibilityJoin.apply(CHBQuayReader.read(path: chb), to: &facilities, file: chb))
        }
        return RunInputs(buurten: buurten, dwellings: dwellings, dwellingsSkipped: dwellingsSkipped, facilities: facilities,
                         facilitiesSkipped: facilitiesSkipped, network: network, waysRead: waysRead, waysWalkable: waysWalkable, networkNodes: networkNodes,
                         careNetwork: careNetwork.map(HandOver.init), notes: notes, cbsFields: read.cbsFields)
    }
}
