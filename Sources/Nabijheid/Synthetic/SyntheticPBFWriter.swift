import COSMReader
import Foundation

/// Writes a `SyntheticTown` as the one OSM PBF file a national user would download: the street
/// network with shared nodes where streets meet (kerbs as tags on them; a way's `surface`,
/// `oneway` and `oneway:bicycle`), every facility and stop as a tagged node (every
/// condition of the first OSM tag of its catalogue category, e.g. `shop=supermarket`; a 24-hour
/// care base at a zorgcentrum is that zorgcentrum's node with `opening_hours=24/7`, see
/// `placeNodes`), and per address an address
/// node (`addr:housenumber`; `shop=yes` when it is no dwelling) and a 6 m square building way
/// around it (`building=house`, or `retail`). Written with libosmium's PBF writer
/// (COSMReader/osm_pbf_writer): nodes first, then ways, each by increasing id.
enum SyntheticPBFWriter {
    /// Half the side of a building.
    static let buildingHalfSide = 3.0
    /// Addresses transformed to WGS84 at once.
    private static let chunk = 1 << 16

    static func write(_ town: SyntheticTown, to path: String) throws {
        let transform = try CoordinateTransform(from: .rdNew, to: CRSDefinition(userInput: "EPSG:4326"), label: "synthetic town")
        let writer = try Writer(path: path)
        var nodeID: Int64 = 0
        var closed = false
        defer { if !closed { try? writer.close() } }

        // Street nodes, shared where streets meet (keyed by position to the millimetre).
        var nodeIDs: [Int64: Int64] = [:]
        var streetRefs: [[Int64]] = []
        var pending: [PlanarPoint] = []
        func key(_ p: PlanarPoint) -> Int64 { Int64((p.x * 1000).rounded()) &* 1_000_003 &+ Int64((p.y * 1000).rounded()) }
        for street in town.streets {
            var refs: [Int64] = []
            for point in street.points {
                if let id = nodeIDs[key(point)] {
                    refs.append(id)
                } else {
                    nodeID += 1
                    nodeIDs[key(point)] = nodeID
                    pending.append(point)
                    refs.append(nodeID)
                }
            }
            streetRefs.append(refs)
        }
        // Kerbs are tags on the street nodes at their positions.
        var tagsOfNode: [Int64: [(String, String)]] = [:]
        for node in town.taggedNodes {
            if let id = nodeIDs[key(node.position)] { tagsOfNode[id] = node.tags.map { ($0.key, $0.value) } }
        }
        nodeIDs = [:]
        try writeNodes(pending, firstID: 1, transform: transform, writer: writer) { tagsOfNode[Int64($0 + 1)] ?? [] }
        pending = []

        // Facilities and stops.
        let places = placeNodes(town.facilities + town.stops)
        try writeNodes(places.map(\.position), firstID: nodeID + 1, transform: transform, writer: writer) { places[$0].tags }
        nodeID += Int64(places.count)

        // Per address: the address node and the building's four corners. Planned and withdrawn
        // addresses of the BAG layer are not mapped in OpenStreetMap.
        let mapped = town.addresses.filter(\.exists)
        let addressFirst = nodeID + 1
        let offsets = [(-1.0, -1.0), (1.0, -1.0), (1.0, 1.0), (-1.0, 1.0)].map { ($0.0 * buildingHalfSide, $0.1 * buildingHalfSide) }
        for start in stride(from: 0, to: mapped.count, by: chunk) {
            let addresses = mapped[start..<min(start + chunk, mapped.count)]
            var points: [PlanarPoint] = []
            points.reserveCapacity(5 * addresses.count)
            for address in addresses {
                points.append(address.position)
                for (dx, dy) in offsets { points.append(PlanarPoint(x: address.position.x + dx, y: address.position.y + dy)) }
            }
            try writeNodes(points, firstID: addressFirst + 5 * Int64(start), transform: transform, writer: writer) { index in
                guard index % 5 == 0 else { return [] }
                let number = start + index / 5 + 1
                let address = mapped[start + index / 5]
                return address.gebruiksdoel.contains("woonfunctie") ? [("addr:housenumber", "\(number)")]
                                                                     : [("addr:housenumber", "\(number)"), ("shop", "yes")]
            }
        }

        // Ways: the streets, then one building per address.
        for (index, street) in town.streets.enumerated() {
            var tags = [("highway", street.highway)]
            if let foot = street.foot { tags.append(("foot", foot)) }
            if let access = street.access { tags.append(("access", access)) }
            if let surface = street.surface { tags.append(("surface", surface)) }
            if let oneway = street.oneway { tags.append(("oneway", oneway)) }
            if let bicycle = street.onewayBicycle { tags.append(("oneway:bicycle", bicycle)) }
            try writer.addWay(id: Int64(index + 1), refs: streetRefs[index], tags: tags)
        }
        var wayID = Int64(town.streets.count)
        for (index, address) in mapped.enumerated() {
            let corner = addressFirst + 5 * Int64(index) + 1
            wayID += 1
            try writer.addWay(id: wayID, refs: [corner, corner + 1, corner + 2, corner + 3, corner],
                              tags: [("building", address.gebruiksdoel.contains("woonfunctie") ? "house" : "retail")])
        }
        closed = true
        try writer.close()
    }

    /// The nodes of the facilities and stops, in their order: per place its category's first
    /// catalogue match, every condition of it as a tag (`zorg_24uur`:
    /// `social_facility=nursing_home` and `opening_hours=24/7`), and its name. A place of a
    /// category whose first match needs more than one tag, standing exactly where a place of
    /// another category stands, is that place's node with the further conditions added (the
    /// town's 24-hour care bases are zorgcentra: `amenity=nursing_home` with
    /// `opening_hours=24/7`, which the catalogue counts as `zorg` and `zorg_24uur`, as the
    /// town's layers have one of each there).
    static func placeNodes(_ places: [SyntheticTown.Place]) -> [(position: PlanarPoint, tags: [(String, String)])] {
        func match(_ category: String) -> OSMTagMatch? {
            FacilityCatalog.standard.categories.first { $0.name == category }?.osmTags.first
        }
        func tags(_ match: OSMTagMatch?) -> [(String, String)] {
            match.map { ([$0] + $0.alsoRequired).map { ($0.key, $0.value ?? "yes") } } ?? []
        }
        var nodes: [(position: PlanarPoint, tags: [(String, String)])] = []
        var nodeAt: [PlanarPoint: Int] = [:]
        for place in places {
            let placeMatch = match(place.category)
            if let placeMatch, !placeMatch.alsoRequired.isEmpty, let node = nodeAt[place.position] {
                let keys = Set(nodes[node].tags.map(\.0))
                nodes[node].tags.insert(contentsOf: tags(placeMatch).dropFirst().filter { !keys.contains($0.0) }, at: nodes[node].tags.count - 1)
                continue
            }
            if nodeAt[place.position] == nil { nodeAt[place.position] = nodes.count }
            nodes.append((place.position, tags(placeMatch) + [("name", place.name)]))
        }
        return nodes
    }

    /// Writes `points` as nodes `firstID`, `firstID + 1`, … with the tags `tags(index)` gives.
    private static func writeNodes(_ points: [PlanarPoint], firstID: Int64, transform: CoordinateTransform, writer: Writer,
                                   tags: (Int) -> [(String, String)]) throws {
        for start in stride(from: 0, to: points.count, by: chunk) {
            let part = points[start..<min(start + chunk, points.count)]
            var xs = part.map(\.x), ys = part.map(\.y)
            transform.transform(xs: &xs, ys: &ys)
            for k in 0..<xs.count {
                try writer.addNode(id: firstID + Int64(start + k), lon: xs[k], lat: ys[k], tags: tags(start + k))
            }
        }
    }

    /// The C writer, with Swift errors.
    private final class Writer {
        let path: String
        var handle: OpaquePointer?
        var message = [CChar](repeating: 0, count: 1024)

        init(path: String) throws {
            self.path = path
            handle = nb_pbf_writer_open(path, &message, message.count)
            if handle == nil { throw InputError("\(path): cannot write the OSM PBF: \(String(cString: message))") }
        }

        func addNode(id: Int64, lon: Double, lat: Double, tags: [(String, String)]) throws {
            let status = withTags(tags) { keys, values in
                nb_pbf_writer_add_node(handle, id, lon, lat, keys, values, tags.count, &message, message.count)
            }
            if status != 0 { throw InputError("\(path): cannot write node \(id): \(String(cString: message))") }
        }

        func addWay(id: Int64, refs: [Int64], tags: [(String, String)]) throws {
            let status = withTags(tags) { keys, values in
                nb_pbf_writer_add_way(handle, id, refs, refs.count, keys, values, tags.count, &message, message.count)
            }
            if status != 0 { throw InputError("\(path): cannot write way \(id): \(String(cString: message))") }
        }

        func close() throws {
            guard let handle else { return }
            self.handle = nil
            if nb_pbf_writer_close(handle, &message, message.count) != 0 {
                throw InputError("\(path): cannot write the OSM PBF: \(String(cString: message))")
            }
        }

        private func withTags<R>(_ tags: [(String, String)], _ body: (UnsafePointer<UnsafePointer<CChar>?>, UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
            let keys = tags.map { strdup($0.0) }, values = tags.map { strdup($0.1) }
            defer { (keys + values).forEach { free($0) } }
            let k = keys.map { UnsafePointer<CChar>($0) }, v = values.map { UnsafePointer<CChar>($0) }
            return k.withUnsafeBufferPointer { k in v.withUnsafeBufferPointer { v in body(k.baseAddress ?? UnsafePointer(bitPattern: 8)!, v.baseAddress ?? UnsafePointer(bitPattern: 8)!) } }
        }
    }
}
