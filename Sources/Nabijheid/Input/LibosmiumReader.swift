import COSMReader
import Foundation

/// Reads what a run takes from one OSM file with libosmium, in one streaming pass over its nodes
/// and ways (`nb_read_osm`): the street network (`OSMHighwayReader`), the facilities and OSM
/// dwellings (`OSMFeatureReader`), each only when asked for, sharing one node-location index and
/// one decoding of the file. Only when areas are wanted (facilities, building dwellings) are the
/// relations read first, from the end of a file sorted by type and id. No temporary files.
enum LibosmiumReader {
    struct NetworkRequest {
        var rules: WalkRules
        /// Barrier, kerb and crossing nodes for the mobility profiles.
        var mobilityNodes = false
        /// The care mode's network from every highway way (`[care_response]`).
        var care: CareModeRules?
    }

    struct FeatureRequest {
        var dwellings: DwellingSource?
        var catalog: FacilityCatalog?
    }

    struct Result {
        /// When asked for.
        var network: OSMHighwayReader.Result?
        var features: OSMFeatureReader.Result?
    }

    /// The collectors the C callbacks reach through their context pointer.
    private final class Context {
        let network: OSMHighwayReader.Collector?
        let features: OSMFeatureReader.Collector?

        init(network: OSMHighwayReader.Collector?, features: OSMFeatureReader.Collector?) {
            self.network = network
            self.features = features
        }

        static func from(_ pointer: UnsafeMutableRawPointer?) -> Context {
            Unmanaged<Context>.fromOpaque(pointer!).takeUnretainedValue()
        }
    }

    /// - Throws: `InputError` naming the file and libosmium's message with the byte offset, or
    ///   the first feature or way outside RD New's area of use; nothing is returned then.
    /// The file's blocks are decoded on `threads` threads (libosmium's default would leave
    /// one decoding thread on two cores, the bound of the whole read), and positions are
    /// transformed to RD New in batches on as many.
    static func read(path: String, network: NetworkRequest?, features: FeatureRequest?, threads: Int = 1) throws -> Result {
        try InputPath.checkLocalFile(path)
        let transforms = try CoordinateTransformPool(from: CRSDefinition(userInput: "EPSG:4326"), label: "\(path) (OSM)", threads: threads)
        let context = Context(network: network.map { OSMHighwayReader.Collector(rules: $0.rules, care: $0.care, transforms: transforms) },
                              features: features.map { OSMFeatureReader.Collector(path: path, transforms: transforms, dwellings: $0.dwellings, catalog: $0.catalog) })
        let highwayNodeKeys = network?.mobilityNodes == true ? MobilityTags.nodeKeys.sorted() : []
        let featureKeys = features.map { OSMFeatureReader.keys(dwellings: $0.dwellings, catalog: $0.catalog) } ?? (nodes: [], areas: [])
        var callbacks = nb_osm_callbacks(
            highway: { context, wayID, keys, values, tagCount, coordinates, nodeCount in
                Context.from(context).network!.addWay(id: wayID, tags: LibosmiumReader.tags(keys!, values!, tagCount), coordinates: coordinates!, count: nodeCount)
            },
            highway_node: { context, _, keys, values, tagCount, longitude, latitude in
                Context.from(context).network!.addNode(tags: LibosmiumReader.tags(keys!, values!, tagCount), longitude: longitude, latitude: latitude)
            },
            feature_node: { context, nodeID, keys, values, tagCount, lon, lat in
                Context.from(context).features!.addNode(id: nodeID, keys: keys!, values: values!, count: tagCount, longitude: lon, latitude: lat)
            },
            feature_area: { context, isRelation, id, keys, values, tagCount, polygonCount, ringsPerPolygon, pointsPerRing, coordinates in
                Context.from(context).features!.addArea(isRelation: isRelation != 0, id: id, keys: keys!, values: values!, count: tagCount,
                                                       ringsPerPolygon: UnsafeBufferPointer(start: ringsPerPolygon, count: polygonCount),
                                                       pointsPerRing: pointsPerRing!, coordinates: coordinates!)
            },
            feature_suppressed: { context, wayID in
                Context.from(context).features!.suppressed.insert(wayID)
            },
            dwelling_nodes: { context, ids, longitudes, latitudes, orders, count, handedOver in
                Context.from(context).features!.addDwellingNodes(ids: ids, longitudes: longitudes, latitudes: latitudes, orders: orders,
                                                                 count: count, handedOver: Int(handedOver))
            })
        var counts = nb_osm_counts()
        var message = [CChar](repeating: 0, count: 1024)
        // Address nodes are told apart by their keys in the reader (OSMFeatureReader.Collector.addDwellingNodes).
        let addressDwellings = features?.dwellings == .osmAddresses
        let status = withCStrings(highwayNodeKeys) { highwayNodes in
            withCStrings(featureKeys.nodes) { featureNodes in
                withCStrings(featureKeys.areas) { featureAreas in
                    withCStrings(addressDwellings ? OSMFileReader.nonResidentialKeys : []) { excluded in
                        OSMFeatureReader.housenumberKey.withCString { housenumber in
                            var request = nb_osm_request(highways: network == nil ? 0 : 1,
                                                         highway_node_keys: highwayNodes.baseAddress, highway_node_key_count: highwayNodes.count,
                                                         feature_node_keys: featureNodes.baseAddress, feature_node_key_count: featureNodes.count,
                                                         feature_area_keys: featureAreas.baseAddress, feature_area_key_count: featureAreas.count,
                                                         dwelling_node_key: addressDwellings ? housenumber : nil,
                                                         dwelling_node_excluded_keys: excluded.baseAddress,
                                                         dwelling_node_excluded_key_count: excluded.count,
                                                         decoding_threads: Int32(min(threads, 32)))
                            return withExtendedLifetime(context) {
                                nb_read_osm(path, &request, &callbacks, Unmanaged.passUnretained(context).toOpaque(), &counts, &message, message.count)
                            }
                        }
                    }
                }
            }
        }
        guard status == 0 else {
            throw InputError("\(path): cannot read the OSM file: \(String(cString: message))")
        }
        // Facilities and dwellings first, as when they were read before the network.
        let featuresRead = try context.features?.finish(counts: counts)
        let networkRead = try context.network?.finish(path: path, lines: counts.lines, linesMissingNodes: counts.lines_missing_nodes)
        return Result(network: networkRead, features: featuresRead)
    }

    /// All tags of a way or node as handed over.
    private static func tags(_ keys: UnsafePointer<UnsafePointer<CChar>?>, _ values: UnsafePointer<UnsafePointer<CChar>?>, _ count: Int) -> [String: String] {
        var tags: [String: String] = [:]
        for i in 0..<count { tags[String(cString: keys[i]!)] = String(cString: values[i]!) }
        return tags
    }

    /// Calls `body` with the strings as C strings that live for the call.
    private static func withCStrings<R>(_ strings: [String], _ body: (UnsafeBufferPointer<UnsafePointer<CChar>?>) -> R) -> R {
        let copies = strings.map { strdup($0) }
        defer { copies.forEach { free($0) } }
        let pointers = copies.map { UnsafePointer<CChar>($0) }
        return pointers.withUnsafeBufferPointer(body)
    }
}
