import COSMReader
import Foundation

/// The facilities and dwellings of an OSM file as libosmium hands them over (`LibosmiumReader`):
/// only the nodes and areas (closed ways, multipolygon relations) that carry a key the run asks for — the catalogue's
/// keys, `addr:housenumber` for address dwellings, `building` for building dwellings — filtered
/// before any area is assembled. Gives the same features, ids, tags and positions, in the same
/// order, as GDAL's OSM driver's 'points' and 'multipolygons' layers read by `OSMFileReader`,
/// which assembles every area of the file first.
///
/// Not reproduced: GDAL gives an old-style multipolygon relation (no tags but `type`) the tags of
/// its first outer way; here such a relation has no wanted key and is not read (OSM retired old-style
/// multipolygons in 2017).
enum OSMFeatureReader {
    struct Result {
        var dwellings: [Dwelling] = []
        var facilities: [Facility] = []
        /// What could not be read, for `meldingen` in run.json; empty when all was read.
        var notes: [String] = []
    }

    /// Whether libosmium reads the dwellings and facilities `request` asks of the OSM file at
    /// `path`: when the configuration's reader (`network.reader`) chooses libosmium for it and
    /// GDAL does not read the file's network anyway.
    static func reads(_ request: OSMFileReader.Request, path: String, reader: OSMReader) -> Bool {
        request.rules == nil && reader.usesLibosmium(path: path)
    }

    /// Keys GDAL's osmconf.ini leaves out of the 'points' layer, and of 'multipolygons' (plus `area`).
    static let ignoredKeys: Set<String> = ["created_by", "converted_by", "source", "time", "ele", "note", "todo", "openGeoDB:", "fixme", "FIXME"]
    /// Keys with a column of their own in GDAL's layers: an empty value there is no tag.
    static let pointColumns: Set<String> = ["name", "barrier", "highway", "ref", "address", "is_in", "place", "man_made"]
    static let areaColumns: Set<String> = ["name", "type", "aeroway", "amenity", "admin_level", "barrier", "boundary", "building", "craft",
                                           "geological", "historic", "land_area", "landuse", "leisure", "man_made", "military", "natural",
                                           "office", "place", "shop", "sport", "tourism"]

    /// An area read, kept until all are read: GDAL gives relations first, then closed ways, each by id.
    private struct AreaFeature {
        var isRelation: Bool
        var id: Int64
        var dwelling: Dwelling?
        var facilities: [Facility]
    }

    /// The key that makes a node an address (with `OSMFileReader.nonResidentialKeys`, a dwelling).
    static let housenumberKey = "addr:housenumber"

    /// The keys the C reader filters by: nodes with one of `nodes`, areas with one of `areas`.
    static func keys(dwellings: DwellingSource?, catalog: FacilityCatalog?) -> (nodes: [String], areas: [String]) {
        let catalogKeys = Set(catalog?.categories.flatMap { $0.osmTags.map(\.key) } ?? [])
        var nodeKeys = catalogKeys, areaKeys = catalogKeys
        if dwellings == .osmAddresses { nodeKeys.insert(housenumberKey) }
        if case .osmBuildings? = dwellings { areaKeys.insert("building") }
        return (nodeKeys.sorted(), areaKeys.sorted())
    }

    /// Collects the nodes and areas the C reader hands over. Address nodes (most of them) wait
    /// in batches, whose positions are transformed and whose dwellings are made on the pool's
    /// threads while the next batch is read; the dwellings keep the order of the file.
    final class Collector {
        let path: String
        let transforms: CoordinateTransformPool
        var transform: CoordinateTransform { transforms.single }
        let dwellings: DwellingSource?
        let catalog: FacilityCatalog?
        /// The keys the catalogue's tags use: a feature without any matches no category (most
        /// features are address nodes or buildings, so this saves the full match).
        let catalogKeys: [String]
        var result = Result()
        private var areas: [AreaFeature] = []
        var suppressed = Set<Int64>()
        /// The first position outside RD New's area of use, by `order`: refused after the read.
        var far: (order: Int, layer: String, feature: String, point: PlanarPoint)?
        /// Features handed over so far: the order in which a far position was met.
        private var handedOver = 0
        /// Dwelling nodes whose positions are not transformed yet, in file order.
        private var pendingIDs: [Int64] = [], pendingOrder: [Int] = []
        private var pendingXs: [Double] = [], pendingYs: [Double] = []
        /// Dwelling nodes per batch.
        static let batchNodes = 1 << 16

        init(path: String, transforms: CoordinateTransformPool, dwellings: DwellingSource?, catalog: FacilityCatalog?) {
            self.path = path
            self.transforms = transforms
            self.dwellings = dwellings
            self.catalog = catalog
            catalogKeys = Array(Set(catalog?.categories.flatMap { $0.osmTags.map(\.key) } ?? [])).sorted()
        }

        /// The tags as GDAL's layer would give them.
        func tags(_ keys: UnsafePointer<UnsafePointer<CChar>?>, _ values: UnsafePointer<UnsafePointer<CChar>?>, _ count: Int,
                  area: Bool) -> [String: String] {
            var tags: [String: String] = [:]
            tags.reserveCapacity(count)
            for i in 0..<count {
                let key = String(cString: keys[i]!)
                if OSMFeatureReader.ignoredKeys.contains(key) || (area && key == "area") { continue }
                let value = String(cString: values[i]!)
                if value.isEmpty && (area ? OSMFeatureReader.areaColumns : OSMFeatureReader.pointColumns).contains(key) { continue }
                tags[key] = value
            }
            return tags
        }

        /// The dwelling and facilities a feature is, at `position` (computed only when used).
        func use(_ tags: [String: String], id: String, layer: String,
                 position: () -> PlanarPoint?) -> (dwelling: Dwelling?, facilities: [Facility]) {
            let isDwelling = dwellings.map { OSMFileReader.isDwelling(tags, layer: layer, source: $0) } ?? false
            var matched: [Int] = []
            if let catalog, catalogKeys.contains(where: { tags[$0] != nil }) { matched = catalog.categories(matching: tags) }
            guard isDwelling || !matched.isEmpty, let point = position() else { return (nil, []) }
            guard RDExtent.areaOfUse.contains(point) else {
                noteFar(order: handedOver, layer: layer, feature: id, point: point)
                return (nil, [])
            }
            return (isDwelling ? Dwelling(id: id, position: point) : nil,
                    OSMFileReader.facilities(id: id, tags: tags, categories: matched, position: point))
        }

        /// Keeps the far position met first.
        private func noteFar(order: Int, layer: String, feature: String, point: PlanarPoint) {
            if far == nil || order < far!.order { far = (order, layer, feature, point) }
        }

        /// A tagged node (GDAL's 'points' layer) with a catalogue key: the reader hands address
        /// nodes without one over in batches (`addDwellingNodes`), having decided by their keys.
        func addNode(id: Int64, keys: UnsafePointer<UnsafePointer<CChar>?>, values: UnsafePointer<UnsafePointer<CChar>?>, count: Int,
                     longitude: Double, latitude: Double) {
            handedOver += 1
            let tags = self.tags(keys, values, count, area: false)
            let used = use(tags, id: "node/\(id)", layer: "points") { transform.transform(longitude, latitude) }
            // Its dwelling waits in the batch too, to keep the dwellings in file order (its
            // position, in RD New, is in the area of use: the same transform gives the same).
            if used.dwelling != nil { addPendingDwelling(id: id, longitude: longitude, latitude: latitude) }
            result.facilities += used.facilities
        }

        /// Address dwelling nodes the reader told apart by their keys (`addr:housenumber`, none of
        /// `OSMFileReader.nonResidentialKeys`, no catalogue key: what `OSMFileReader.isDwelling`
        /// decides from their tags), with their orders among the features handed over, and the
        /// count handed over so far.
        func addDwellingNodes(ids: UnsafePointer<Int64>?, longitudes: UnsafePointer<Double>?, latitudes: UnsafePointer<Double>?,
                              orders: UnsafePointer<UInt64>?, count: Int, handedOver: Int) {
            // Appended a batch at a time: a class's arrays appended one element at a time pay
            // an exclusivity check per access (a fifth of the reader thread at 8 million nodes).
            var start = 0
            while start < count {
                let take = min(count - start, Self.batchNodes - pendingIDs.count)
                pendingIDs.append(contentsOf: UnsafeBufferPointer(start: ids! + start, count: take))
                pendingOrder.append(contentsOf: UnsafeBufferPointer(start: orders! + start, count: take).lazy.map { Int($0) })
                pendingXs.append(contentsOf: UnsafeBufferPointer(start: longitudes! + start, count: take))
                pendingYs.append(contentsOf: UnsafeBufferPointer(start: latitudes! + start, count: take))
                start += take
                if pendingIDs.count >= Self.batchNodes { flushDwellings() }
            }
            self.handedOver = handedOver
        }

        private func addPendingDwelling(id: Int64, longitude: Double, latitude: Double, order: Int? = nil) {
            pendingIDs.append(id)
            pendingOrder.append(order ?? handedOver)
            pendingXs.append(longitude)
            pendingYs.append(latitude)
            if pendingIDs.count >= Self.batchNodes { flushDwellings() }
        }

        /// Hands the waiting dwelling nodes to the pool, which transforms them and makes their
        /// dwellings in parts on its threads while the next batch is read (a node outside RD
        /// New's area of use is no dwelling but noted as far); takes in the batch before.
        private func flushDwellings() {
            let count = pendingIDs.count
            guard count > 0 else { return }
            let pool = transforms
            let (ids, order, longitudes, latitudes) = (pendingIDs, pendingOrder, pendingXs, pendingYs)
            let made = transforms.later {
                var (xs, ys) = (longitudes, latitudes)
                pool.transformOnQueue(xs: &xs, ys: &ys)
                let parts = pool.partCount(count)
                var made = [(dwellings: [Dwelling], far: Int?)](repeating: ([], nil), count: parts)
                made.withUnsafeMutableBufferPointer { made in
                    let made = made
                    DispatchQueue.concurrentPerform(iterations: parts) { part in
                        var dwellings: [Dwelling] = [], far: Int?
                        let range = (part * count / parts)..<((part + 1) * count / parts)
                        dwellings.reserveCapacity(range.count)
                        for i in range {
                            let point = PlanarPoint(x: xs[i], y: ys[i])
                            guard RDExtent.areaOfUse.contains(point) else {
                                if far == nil { far = i }
                                continue
                            }
                            dwellings.append(Dwelling(id: "node/\(ids[i])", position: point))
                        }
                        made[part] = (dwellings, far)
                    }
                }
                return DwellingBatch(parts: made, far: made.compactMap(\.far).map {
                    (order: order[$0], feature: "node/\(ids[$0])", point: PlanarPoint(x: xs[$0], y: ys[$0]))
                })
            }
            addMadeDwellings()
            makingDwellings = made
            pendingIDs = []
            pendingOrder = []
            pendingXs = []
            pendingYs = []
        }

        /// The dwellings of a batch of nodes, in parts in file order, and the far nodes met.
        private struct DwellingBatch {
            var parts: [(dwellings: [Dwelling], far: Int?)]
            var far: [(order: Int, feature: String, point: PlanarPoint)]
        }

        /// The batch of dwelling nodes handed to the pool, until its dwellings are taken in.
        private var makingDwellings: PendingBatch<DwellingBatch>?

        /// Takes in the dwellings of the batch handed to the pool, once they are made.
        private func addMadeDwellings() {
            guard let batch = makingDwellings?.wait() else { return }
            makingDwellings = nil
            for part in batch.parts { result.dwellings += part.dwellings }
            for far in batch.far { noteFar(order: far.order, layer: "points", feature: far.feature, point: far.point) }
        }

        /// An area (GDAL's 'multipolygons' layer), kept until all are read.
        func addArea(isRelation: Bool, id: Int64, keys: UnsafePointer<UnsafePointer<CChar>?>, values: UnsafePointer<UnsafePointer<CChar>?>,
                     count: Int, ringsPerPolygon: UnsafeBufferPointer<Int>, pointsPerRing: UnsafePointer<Int>, coordinates: UnsafePointer<Double>) {
            handedOver += 1
            let tags = self.tags(keys, values, count, area: true)
            let used = use(tags, id: isRelation ? "relation/\(id)" : "way/\(id)", layer: "multipolygons") {
                RingPointOnSurface.point(ringsPerPolygon: ringsPerPolygon, pointsPerRing: pointsPerRing, coordinates: coordinates)
                    .map { transform.transform($0.0, $0.1) }
            }
            if used.dwelling != nil || !used.facilities.isEmpty {
                areas.append(AreaFeature(isRelation: isRelation, id: id, dwelling: used.dwelling, facilities: used.facilities))
            }
        }

        /// The dwellings and facilities read: nodes in file order, then the areas as GDAL gives
        /// them (relations, then closed ways, each by id; none that a relation stands for).
        /// - Throws: `InputError` for the first feature outside RD New's area of use.
        func finish(counts: nb_osm_counts) throws -> Result {
            flushDwellings()
            addMadeDwellings()
            if let far {
                try LayerPlacement.requireInAreaOfUse(far.point, label: "\(path), layer '\(far.layer)'", feature: far.feature, crs: "EPSG:4326")
            }
            var result = result
            let kept = areas.filter { $0.isRelation || !suppressed.contains($0.id) }
                .sorted { ($0.isRelation ? 0 : 1, $0.id) < ($1.isRelation ? 0 : 1, $1.id) }
            for area in kept {
                if let dwelling = area.dwelling { result.dwellings.append(dwelling) }
                result.facilities += area.facilities
            }
            result.notes = OSMFeatureReader.notes(counts, path: path)
            return result
        }
    }

    /// Reads the facilities and dwellings alone (`LibosmiumReader` reads them with the network).
    /// - Throws: `InputError` naming the file and libosmium's message with the byte offset, or
    ///   the first feature outside RD New's area of use; nothing is returned then.
    static func read(path: String, dwellings: DwellingSource?, catalog: FacilityCatalog?) throws -> Result {
        try LibosmiumReader.read(path: path, network: nil, features: .init(dwellings: dwellings, catalog: catalog)).features!
    }

    /// `meldingen` for what an incomplete or damaged file left out.
    static func notes(_ counts: nb_osm_counts, path: String) -> [String] {
        var parts: [String] = []
        if counts.areas_missing_nodes > 0 {
            parts.append("van \(counts.areas_missing_nodes) gesloten ways ontbreken knopen in het bestand (een uitgeknipt gebied); alleen hun aanwezige knopen tellen mee")
        }
        if counts.broken_rings > 0 {
            parts.append("\(counts.broken_rings) gesloten ways hebben minder dan vier punten met een locatie (een gebroken ring) en zijn overgeslagen")
        }
        if counts.relations_incomplete > 0 {
            parts.append("\(counts.relations_incomplete) multipolygoonrelaties missen ways in het bestand (een uitgeknipt gebied) en zijn overgeslagen")
        }
        if counts.relations_failed > 0 {
            parts.append("van \(counts.relations_failed) multipolygoonrelaties kon geen geldig vlak gemaakt worden; overgeslagen")
        }
        return parts.isEmpty ? [] : ["voorzieningen en woningen uit \(path): " + parts.joined(separator: "; ")]
    }
}
