import Foundation

/// The street network of an OSM file as libosmium hands it over (`LibosmiumReader`): only the
/// highway ways and the locations of their nodes. Gives the same ways, in the same order and
/// with the same coordinates, as GDAL's OSM driver's `lines` layer (`OSMFileReader`), which
/// reads every layer of the file.
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

    /// Collects the ways and nodes the C reader hands over, in three stages that run side by
    /// side, each in the order read:
    /// 1. the reader's thread only copies them into a batch of about `batchPoints` vertices
    ///    for `queue` (the work below had kept it busy with libosmium's decoder idle);
    /// 2. on `queue` every vertex is looked up once in a table of all vertices (`VertexTable`),
    ///    whose node the walk and care networks use instead of hashing it again; a batch's new
    ///    vertices (each distinct vertex once) go to the pool's threads to be transformed;
    /// 3. on `builders`, once transformed, the batch's ways are added to the walk network (and
    ///    the mobility nodes, in their order), and beside it on `careBuilders` to the care
    ///    network: one queue for both left a core idle while it caught up after the decoding.
    final class Collector: @unchecked Sendable {
        let rules: WalkRules
        let transforms: CoordinateTransformPool
        /// Used on `builders` only, until `finish` has waited for it (`care` excepted).
        var result = Result()
        /// The care network while it is built: used on `careBuilders` only, until `finish`.
        private var care: TravelTimeGraphBuilder?
        private let careWanted: Bool

        /// Ways and nodes handed over and not yet taken by `queue`, in the order read.
        fileprivate struct Handed {
            enum Item {
                case way(id: Int64, tags: [String: String], walkable: Bool, start: Int, count: Int)
                case node(tags: [String: String], longitude: Double, latitude: Double)
            }
            var items: [Item] = []
            /// The ways' longitude, latitude pairs.
            var coordinates: [Double] = []
        }
        private var handed = Handed()
        /// Takes the handed batches in order: the vertex table, the transforms, the networks.
        private let queue = DispatchQueue(label: "nabijheid.osm-network")
        /// Handed batches waiting for `queue`, at most (about 1 MB each): enough for the reader
        /// to go on through the ways after the streets (buildings, in a file sorted by id where
        /// the streets were mapped first) while the queue catches up; beyond that it waits
        /// rather than holding the whole network twice.
        private let waiting = DispatchSemaphore(value: 128)
        /// Batches `queue` has taken, emptied with their capacity kept: reading the next batch
        /// into one neither grows its arrays again nor faults in fresh pages.
        private var spare: [Handed] = []
        private let spareLock = NSLock()
        /// Add the transformed batches to the walk and the care network, each in order.
        private let builders = DispatchQueue(label: "nabijheid.osm-network-builders")
        private let careBuilders = DispatchQueue(label: "nabijheid.osm-care-network-builder")
        /// Way batches the builders have added, emptied with their capacity kept (as `spare`).
        private var spareBatches: [WayBatch] = []
        /// The first vertex outside RD New's area of use and its way: refused after the read.
        var far: (way: Int64, point: PlanarPoint)?

        /// Vertices per batch.
        static let batchPoints = 1 << 16
        /// The batch being read, and the table of every distinct vertex read.
        private var reading = WayBatch.Reading()
        /// The position in RD New of every vertex up to the batches not yet added (on `builders`).
        private var positions: [PlanarPoint] = []
        /// One way at a time, for each of the two builders.
        private var walkWay = WayScratch(), careWay = WayScratch()

        init(rules: WalkRules, care: CareModeRules?, transforms: CoordinateTransformPool) {
            self.rules = rules
            self.transforms = transforms
            careWanted = care != nil
            self.care = care.map(TravelTimeGraphBuilder.init)
        }

        /// A highway way: `count` longitude, latitude pairs in `coordinates`.
        func addWay(id: Int64, tags: [String: String], coordinates: UnsafePointer<Double>, count: Int) {
            let walkable = rules.isWalkable(tags)
            guard walkable || careWanted else { return }
            handed.items.append(.way(id: id, tags: tags, walkable: walkable, start: handed.coordinates.count / 2, count: count))
            handed.coordinates.append(contentsOf: UnsafeBufferPointer(start: coordinates, count: 2 * count))
            if handed.coordinates.count >= 2 * Self.batchPoints { handOver() }
        }

        /// Hands the ways and nodes read to `queue`.
        private func handOver() {
            guard !handed.items.isEmpty else { return }
            let box = HandedBox(handed)
            handed = spareLock.withLock { spare.popLast() } ?? Handed()
            waiting.wait()
            queue.async {
                self.take(box.handed)
                var used = box.handed
                box.handed = Handed()
                used.items.removeAll(keepingCapacity: true)
                used.coordinates.removeAll(keepingCapacity: true)
                self.spareLock.withLock { self.spare.append(used) }
                self.waiting.signal()
            }
        }

        /// On `queue`: looks up the vertices of the ways handed over, in order; the mobility
        /// nodes among them go to `builders` in their order (a node's tags are keyed by its
        /// coordinates: where it stands among the ways does not matter).
        private func take(_ handed: Handed) {
            var nodes: [(tags: [String: String], longitude: Double, latitude: Double)] = []
            handed.coordinates.withUnsafeBufferPointer { coordinates in
                for item in handed.items {
                    switch item {
                    case let .way(id, tags, walkable, start, count):
                        if reading.add(id: id, tags: tags, walkable: walkable, coordinates: coordinates.baseAddress! + 2 * start, count: count,
                                       end: coordinates.baseAddress! + coordinates.count) >= Self.batchPoints {
                            flush()
                        }
                    case let .node(tags, longitude, latitude):
                        nodes.append((tags, longitude, latitude))
                    }
                }
            }
            if !nodes.isEmpty {
                let taken = nodes
                builders.async {
                    for node in taken { self.result.network.addNode(source: (node.longitude, node.latitude), tags: node.tags) }
                }
            }
        }

        /// On `queue`: hands the batch read to the pool to transform its new vertices, and then
        /// to `builders` to add its ways.
        private func flush() {
            if let recycled = spareLock.withLock({ spareBatches.popLast() }) { reading.recycle(recycled) }
            // Boxed, so that the pool's thread holds the only reference and transforms the new
            // vertices in place (a copy of the batch captured by the closure was copied again).
            guard let box = reading.take().map(BatchBox.init) else { return }
            let pool = transforms
            let transformed = transforms.later {
                var batch = box.batch
                box.batch = WayBatch()
                pool.transformOnQueue(xs: &batch.newXs, ys: &batch.newYs)
                return batch
            }
            builders.async { self.addWays(of: transformed.wait()) }
        }

        /// On `builders`: adds the ways of a transformed batch to the walk network, and hands
        /// the batch with its vertices in RD New to `careBuilders` for the care network.
        private func addWays(of batch: WayBatch) {
            // No reserveCapacity(count + new): it reserves exactly, so every batch copied all
            // positions so far; appending grows the array geometrically.
            for i in batch.newXs.indices { positions.append(PlanarPoint(x: batch.newXs[i], y: batch.newYs[i])) }
            let placed = PlacedBatch(batch: batch, planar: batch.nodes.map { positions[Int($0)] }, users: careWanted ? 2 : 1)
            if careWanted {
                careBuilders.async {
                    // The care network sees every highway way, before the walk rules.
                    for way in placed.batch.ways {
                        self.careWay.load(way, from: placed)
                        self.care!.addWay(tags: way.tags, source: self.careWay.line, planar: self.careWay.planar, shared: self.careWay.nodes)
                    }
                    self.release(placed)
                }
            }
            for way in batch.ways where way.walkable {
                walkWay.load(way, from: placed)
                add(id: way.id, tags: way.tags)
            }
            release(placed)
        }

        /// Gives a batch back for reading into once both builders are done with it.
        private func release(_ placed: PlacedBatch) {
            spareLock.withLock {
                placed.users -= 1
                if placed.users == 0 { spareBatches.append(placed.batch) }
            }
        }

        /// A walkable way of the batch, in `walkWay`.
        private func add(id: Int64, tags: [String: String]) {
            result.waysWalkable += 1
            // A far vertex (a footway in New Zealand, a node at 1e15) is refused, as by the
            // GDAL reader: the network never spans more than RD New's area of use.
            if let point = walkWay.planar.first(where: { !RDExtent.areaOfUse.contains($0) }) {
                if far == nil { far = (id, point) }
                return
            }
            result.network.addLine(source: walkWay.line, planar: walkWay.planar, tags: tags, shared: walkWay.nodes)
        }

        /// A barrier, kerb or crossing node for the mobility profiles.
        func addNode(tags: [String: String], longitude: Double, latitude: Double) {
            handed.items.append(.node(tags: tags, longitude: longitude, latitude: latitude))
            if handed.items.count >= Self.batchPoints { handOver() }
        }

        /// The network read, with libosmium's counts of the ways GDAL's `lines` layer would hold.
        /// - Throws: `InputError` for the first way outside RD New's area of use.
        func finish(path: String, lines: UInt64, linesMissingNodes: UInt64) throws -> Result {
            handOver()
            queue.sync { flush() }
            builders.sync {}
            careBuilders.sync {}
            if let far {
                try LayerPlacement.requireInAreaOfUse(far.point, label: "\(path), layer 'lines'", feature: "way way/\(far.way)", crs: "EPSG:4326")
            }
            var result = result
            result.care = care
            result.waysRead = Int(lines)
            result.waysMissingNodes = Int(linesMissingNodes)
            return result
        }
    }

    /// Reads the network alone (`LibosmiumReader` reads it with facilities and dwellings).
    /// - Throws: `InputError` naming the file and libosmium's message with the byte offset.
    /// With `mobilityNodes`, barrier, kerb and crossing nodes are recorded in the network too;
    /// with `care`, the ways the care mode may use feed a second network.
    static func read(path: String, rules: WalkRules, mobilityNodes: Bool = false, care: CareModeRules? = nil) throws -> Result {
        try LibosmiumReader.read(path: path, network: .init(rules: rules, mobilityNodes: mobilityNodes, care: care), features: nil).network!
    }
}

/// Ways handed to the collector's queue, which alone holds them while taking them.
private final class HandedBox: @unchecked Sendable {
    var handed: OSMHighwayReader.Collector.Handed
    init(_ handed: OSMHighwayReader.Collector.Handed) { self.handed = handed }
}

/// A transformed batch with the RD New position of each of its vertices, shared by the two
/// builders; `users` (under the collector's lock) counts those not done with it.
private final class PlacedBatch: @unchecked Sendable {
    let batch: WayBatch
    let planar: [PlanarPoint]
    var users: Int
    init(batch: WayBatch, planar: [PlanarPoint], users: Int) {
        self.batch = batch
        self.planar = planar
        self.users = users
    }
}

/// One way's vertices as a network builder takes them, its arrays reused from way to way.
private struct WayScratch {
    var line: [(Double, Double)] = []
    var planar: [PlanarPoint] = []
    var nodes: [Int32] = []

    mutating func load(_ way: (id: Int64, tags: [String: String], walkable: Bool, start: Int, count: Int), from placed: PlacedBatch) {
        line.removeAll(keepingCapacity: true)
        planar.removeAll(keepingCapacity: true)
        nodes.removeAll(keepingCapacity: true)
        for i in way.start..<(way.start + way.count) {
            line.append((placed.batch.xs[i], placed.batch.ys[i]))
            planar.append(placed.planar[i])
            nodes.append(placed.batch.nodes[i])
        }
    }
}

/// A batch handed to the pool's thread, which alone holds it while transforming.
private final class BatchBox: @unchecked Sendable {
    var batch: WayBatch
    init(_ batch: WayBatch) { self.batch = batch }
}
