import HeapModule

/// For every dwelling, the walking distance to the nearest facility of one category and which
/// facility that is: one multi-source Dijkstra from all facilities at once, bounded by a cutoff.
///
/// Each facility enters the queue at both ends of its segment, with its connector plus the
/// distance along the segment as start distance. A dwelling's distance is its connector plus
/// the better of its segment's two ends; a facility on the dwelling's own segment is reached
/// directly along it. Distances beyond `cutoff` are reported as unreachable (`.infinity`).
///
/// The search state is allocated once per instance and reset only where the last search
/// touched it. Not thread-safe: use one instance per thread.
public final class NearestFacilitySearch {
    public let graph: WalkGraph
    private var distance: [Float]
    private var origin: [Int32]
    private var touched: [Int32] = []

    /// Marks a node no search has reached.
    static let unreached: Float = .infinity
    /// Marks "no facility".
    public static let noFacility: Int32 = -1

    public init(graph: WalkGraph) {
        self.graph = graph
        distance = [Float](repeating: Self.unreached, count: graph.nodeCount)
        origin = [Int32](repeating: Self.noFacility, count: graph.nodeCount)
    }

    public struct Result: Sendable, Equatable {
        /// Walking distance in metres per dwelling, `.infinity` when none within the cutoff
        /// or when the dwelling is not routable.
        public var distance: [Float]
        /// Index into the facility list per dwelling, or `noFacility`.
        public var facility: [Int32]
    }

    private struct Entry: Comparable {
        var distance: Float
        var node: Int32
        static func < (a: Entry, b: Entry) -> Bool {
            a.distance < b.distance || (a.distance == b.distance && a.node < b.node)
        }
    }

    /// - Parameters:
    ///   - facilities: the links of the category's facilities (unroutable ones are skipped).
    ///   - dwellings: the links of the dwellings.
    ///   - cutoff: the largest distance of interest in metres.
    /// - Complexity: O((n' + m') log n') for the n' nodes and m' arcs within the cutoff, plus
    ///   O(d) for d dwellings.
    public func run(facilities: [NetworkLink], dwellings: [NetworkLink], cutoff: Float) -> Result {
        run(facilities: facilities, targets: [dwellings], cutoff: cutoff)[0]
    }

    /// One search, read out for several lists of points (dwellings, and facilities of other
    /// categories): one result per list.
    public func run(facilities: [NetworkLink], targets: [[NetworkLink]], cutoff: Float) -> [Result] {
        reset()
        var heap = Heap<Entry>()
        var onSegment: [Int32: [Int32]] = [:]
        for (index, link) in facilities.enumerated() where link.isRoutable {
            let s = Int(link.segment)
            let length = graph.segmentLength[s]
            seed(graph.segmentFrom[s], at: link.connector + link.fraction * length, origin: Int32(index), heap: &heap)
            seed(graph.segmentTo[s], at: link.connector + (1 - link.fraction) * length, origin: Int32(index), heap: &heap)
            onSegment[link.segment, default: []].append(Int32(index))
        }
        while let entry = heap.popMin() {
            if entry.distance > cutoff { break }
            let v = Int(entry.node)
            // Stale entry: a shorter way to v was found after this one was queued.
            if entry.distance > distance[v] { continue }
            for arc in Int(graph.firstArc[v])..<Int(graph.firstArc[v + 1]) {
                let w = Int(graph.arcTarget[arc])
                let candidate = entry.distance + graph.arcLength[arc]
                if candidate < distance[w] && candidate <= cutoff {
                    if distance[w] == Self.unreached { touched.append(Int32(w)) }
                    distance[w] = candidate
                    origin[w] = origin[v]
                    heap.insert(Entry(distance: candidate, node: Int32(w)))
                }
            }
        }
        let onSegmentFacilities = onSegment
        return targets.map { readOut(facilities: facilities, onSegment: onSegmentFacilities, points: $0, cutoff: cutoff) }
    }

    private func readOut(facilities: [NetworkLink], onSegment: [Int32: [Int32]], points dwellings: [NetworkLink], cutoff: Float) -> Result {
        var result = Result(distance: [Float](repeating: .infinity, count: dwellings.count),
                            facility: [Int32](repeating: Self.noFacility, count: dwellings.count))
        for (d, link) in dwellings.enumerated() where link.isRoutable {
            let s = Int(link.segment)
            let length = graph.segmentLength[s]
            let a = Int(graph.segmentFrom[s]), b = Int(graph.segmentTo[s])
            var best = distance[a] + link.fraction * length
            var bestOrigin = origin[a]
            let viaB = distance[b] + (1 - link.fraction) * length
            if viaB < best { best = viaB; bestOrigin = origin[b] }
            if let sameSegment = onSegment[link.segment] {
                for f in sameSegment {
                    let direct = abs(facilities[Int(f)].fraction - link.fraction) * length + facilities[Int(f)].connector
                    if direct < best || (direct == best && f < bestOrigin) { best = direct; bestOrigin = f }
                }
            }
            let total = best + link.connector
            if total <= cutoff {
                result.distance[d] = total
                result.facility[d] = bestOrigin
            }
        }
        return result
    }

    /// The distance of a node in the last search (`.infinity` when not reached).
    func nodeDistance(_ node: Int32) -> Float { distance[Int(node)] }

    private func seed(_ node: Int32, at start: Float, origin facility: Int32, heap: inout Heap<Entry>) {
        let v = Int(node)
        guard start < distance[v] else { return }
        if distance[v] == Self.unreached { touched.append(node) }
        distance[v] = start
        origin[v] = facility
        heap.insert(Entry(distance: start, node: node))
    }

    private func reset() {
        for v in touched {
            distance[Int(v)] = Self.unreached
            origin[Int(v)] = Self.noFacility
        }
        touched.removeAll(keepingCapacity: true)
    }
}
