/// Highway ways read from an OSM file that wait together for their vertices to be transformed
/// to RD New (`OSMHighwayReader.Collector`): the ways in the order read, every vertex with its
/// node in the reader's vertex table, and the vertices new to that table, which alone need
/// transforming.
struct WayBatch {
    /// The ways: their vertices are `start..<start + count` of `xs`, `ys`, `nodes`.
    var ways: [(id: Int64, tags: [String: String], walkable: Bool, start: Int, count: Int)] = []
    /// Every vertex as read (WGS84 degrees) and its node in the vertex table.
    var xs: [Double] = [], ys: [Double] = []
    var nodes: [Int32] = []
    /// The vertices first seen in this batch, in the order of their nodes: WGS84 degrees as
    /// read, in RD New once transformed.
    var newXs: [Double] = [], newYs: [Double] = []

    /// The batch being read and the table of all vertices read so far. One value, so that adding
    /// a way's vertices is one access to the collector's state instead of several per vertex.
    struct Reading {
        private(set) var batch = WayBatch()
        /// Every distinct vertex read; its nodes are numbered in the order first seen, so the
        /// new vertices of successive batches follow each other.
        private var vertices = VertexTable()

        /// Adds a way of `count` longitude, latitude pairs; returns the vertices in the batch.
        /// The pairs that follow up to `end` (the next ways') are looked ahead into: the table's
        /// slots of a few vertices ahead are asked for while this one is looked up.
        mutating func add(id: Int64, tags: [String: String], walkable: Bool, coordinates: UnsafePointer<Double>, count: Int,
                          end: UnsafePointer<Double>) -> Int {
            batch.ways.append((id, tags, walkable, batch.xs.count, count))
            for i in 0..<count {
                let ahead = coordinates + 2 * (i + VertexTable.prefetchDistance)
                if ahead < end { vertices.prefetch((ahead[0], ahead[1])) }
                let x = coordinates[2 * i], y = coordinates[2 * i + 1]
                batch.xs.append(x)
                batch.ys.append(y)
                let found = vertices.insert((x, y))
                if found.isNew {
                    batch.newXs.append(x)
                    batch.newYs.append(y)
                }
                batch.nodes.append(found.node)
            }
            return batch.xs.count
        }

        /// An added batch emptied for reuse: its arrays keep their capacity, so that reading
        /// the next batch neither grows them again nor faults in fresh pages.
        private var spare: WayBatch?

        /// The batch read, leaving an empty one; nil when no way was read since the last.
        mutating func take() -> WayBatch? {
            guard !batch.ways.isEmpty else { return nil }
            defer {
                batch = spare ?? WayBatch()
                spare = nil
            }
            return batch
        }

        /// Takes back a batch whose ways have been added, to read a later batch into.
        mutating func recycle(_ used: consuming WayBatch) {
            used.ways.removeAll(keepingCapacity: true)
            used.xs.removeAll(keepingCapacity: true)
            used.ys.removeAll(keepingCapacity: true)
            used.nodes.removeAll(keepingCapacity: true)
            used.newXs.removeAll(keepingCapacity: true)
            used.newYs.removeAll(keepingCapacity: true)
            spare = used
        }
    }
}
