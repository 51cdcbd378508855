import Foundation
import COSMReader

/// Reads the street network of an OSM file with libosmium: only the highway ways and the
/// locations of their nodes, in one streaming pass with multi-threaded block decoding and no
/// temporary files. Gives the same ways, in the same order and with the same coordinates, as
/// GDAL's OSM driver's `lines` layer (`OSMFileReader`), which reads every layer of the file.
enum OSMHighwayReader {
    struct Result {
        var network = WalkGraphBuilder()
        /// Ways GDAL's `lines` layer would hold (the count `OSMFileReader` reports).
        var waysRead = 0
        var waysWalkable = 0
        /// Ways of which some node has no location in the file (a clipped extract).
        var waysMissingNodes = 0
        /// The care mode's network, when asked for (`[care_response]`).
        var care: TravelTimeGraphBuilder?
    }

    /// Collects the ways the C reader hands over.
    private final class Collector {
        let rules: WalkRules
        let transform: CoordinateTransform
        var result = Result()
        var line: [(Double, Double)] = []
        /// The first vertex outside RD New's area of use and its way: refused after the read.
        var far: (way: Int64, point: PlanarPoint)?

        init(rules: WalkRules, transform: CoordinateTransform) {
            self.rules = rules
            self.transform = transform
        }
    }

    /// - Throws: `InputError` naming the file and libosmium's message with the byte offset.
    /// With `mobilityNodes`, barrier, kerb and crossing nodes are recorded in the network too;
    /// with `care`, the ways the care mode may use feed a second network.
    static func read(path: String, rules: WalkRules, mobilityNodes: Bool = false, care: CareModeRules? = nil) throws -> Result {
        try InputPath.checkLocalFile(path)
        let transform = try CoordinateTransform(from: CRSDefinition(userInput: "EPSG:4326"), label: "\(path) (OSM)")
        let collector = Collector(rules: rules, transform: transform)
        collector.result.care = care.map(TravelTimeGraphBuilder.init)
        var counts = nb_highway_counts()
        var message = [CChar](repeating: 0, count: 1024)
        let nodeKeys = mobilityNodes ? MobilityTags.nodeKeys.sorted().map { strdup($0) } : []
        defer { nodeKeys.forEach { free($0) } }
        var keyPointers = nodeKeys.map { UnsafePointer<CChar>($0) }
        let status = withExtendedLifetime(collector) {
            nb_read_highways(path, Unmanaged.passUnretained(collector).toOpaque(), { context, wayID, keys, values, tagCount, coordinates, nodeCount in
                let collector = Unmanaged<Collector>.fromOpaque(context!).takeUnretainedValue()
                var tags: [String: String] = [:]
                for i in 0..<tagCount { tags[String(cString: keys![i]!)] = String(cString: values![i]!) }
                let walkable = collector.rules.isWalkable(tags)
                guard walkable || collector.result.care != nil else { return }
                collector.line.removeAll(keepingCapacity: true)
                for i in 0..<nodeCount { collector.line.append((coordinates![2 * i], coordinates![2 * i + 1])) }
                let planar = collector.transform.transform(collector.line)
                // The care network sees every highway way, before the walk rules.
                collector.result.care?.addWay(tags: tags, source: collector.line, planar: planar)
                guard walkable else { return }
                collector.result.waysWalkable += 1
                // A far vertex (a footway in New Zealand, a node at 1e15) is refused, as by the
                // GDAL reader: the network never spans more than RD New's area of use.
                if let far = planar.first(where: { !RDExtent.areaOfUse.contains($0) }) {
                    if collector.far == nil { collector.far = (wayID, far) }
                    return
                }
                collector.result.network.addLine(source: collector.line, planar: planar, tags: tags)
            }, { context, _, keys, values, tagCount, longitude, latitude in
                let collector = Unmanaged<Collector>.fromOpaque(context!).takeUnretainedValue()
                var tags: [String: String] = [:]
                for i in 0..<tagCount { tags[String(cString: keys![i]!)] = String(cString: values![i]!) }
                collector.result.network.addNode(source: (longitude, latitude), tags: tags)
            }, &keyPointers, keyPointers.count, &counts, &message, message.count)
        }
        guard status == 0 else {
            throw InputError("\(path): cannot read the OSM file: \(String(cString: message))")
        }
        if let far = collector.far {
            try LayerPlacement.requireInAreaOfUse(far.point, label: "\(path), layer 'lines'", feature: "way way/\(far.way)", crs: "EPSG:4326")
        }
        var result = collector.result
        result.waysRead = Int(counts.lines)
        result.waysMissingNodes = Int(counts.ways_missing_nodes)
        return result
    }
}
