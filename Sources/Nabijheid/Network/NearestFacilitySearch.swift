/// For every dwelling, the walking distance to the nearest facility of one category and which
/// facility that is: one multi-source Dijkstra from all facilities at once, bounded by a cutoff.
///
/// Each facility enters the queue at both ends of its segment, with its connector plus the
/// distance along the segment as start distance. A dwelling's distance is its connector plus
/// the better of its segment's two ends; a facility on the dwelling's own segment is reached
/// directly along it. Distances beyond `cutoff` are reported as unreachable (`.infinity`).
///
/// The search state is allocated once per instance and reset only where the last search
/// touched it. The inner loops work on buffer pointers: on Swift arrays held by a class, every
/// element access would otherwise pay an exclusivity check (12 % of the search in a profile).
/// Not thread-safe: use one instance per thread.
public final class NearestFacilitySearch {
    public let graph: WalkGraph
    private var distance: [Float]
    private var origin: [Int32]
    private var touched: [Int32] = []
    private var queue = DistanceQueue()

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

    /// - Parameters:
    ///   - facilities: the links of the category's facilities (unroutable ones are skipped).
    ///   - dwellings: the links of the dwellings.
    ///   - cutoff: the largest distance of interest in metres.
    /// - Complexity: O((n' + m') log n') for the n' nodes and m' arcs within the cutoff, plus
    ///   O(d log f) for d dwellings and f facilities.
    public func run(facilities: [NetworkLink], dwellings: [NetworkLink], cutoff: Float) -> Result {
        run(facilities: facilities, targets: [dwellings], cutoff: cutoff)[0]
    }

    /// One search, read out for several lists of points (dwellings, and facilities of other
    /// categories): one result per list.
    public func run(facilities: [NetworkLink], targets: [[NetworkLink]], cutoff: Float) -> [Result] {
        reset()
        var queue = self.queue
        self.queue = DistanceQueue()
        queue.removeAll()
        var touched = self.touched
        self.touched = []
        distance.withUnsafeMutableBufferPointer { distance in
            origin.withUnsafeMutableBufferPointer { origin in
                for (index, link) in facilities.enumerated() where link.isRoutable {
                    let s = Int(link.segment)
                    let length = graph.segmentLength[s]
                    Self.seed(graph.segmentFrom[s], at: link.connector + link.fraction * length, origin: Int32(index),
                              distance: distance, origins: origin, touched: &touched, queue: &queue)
                    Self.seed(graph.segmentTo[s], at: link.connector + (1 - link.fraction) * length, origin: Int32(index),
                              distance: distance, origins: origin, touched: &touched, queue: &queue)
                }
                graph.firstArc.withUnsafeBufferPointer { firstArc in
                    graph.arcTarget.withUnsafeBufferPointer { arcTarget in
                        graph.arcLength.withUnsafeBufferPointer { arcLength in
                            Self.settle(queue: &queue, touched: &touched, distance: distance, origin: origin, firstArc: firstArc,
                                        arcTarget: arcTarget, arcLength: arcLength, cutoff: cutoff)
                        }
                    }
                }
            }
        }
        self.queue = queue
        self.touched = touched
        let onSegment = SegmentFacilities(facilities)
        return targets.map { readOut(facilities: facilities, onSegment: onSegment, points: $0, cutoff: cutoff) }
    }

    private static func seed(_ node: Int32, at start: Float, origin facility: Int32, distance: UnsafeMutableBufferPointer<Float>,
                             origins: UnsafeMutableBufferPointer<Int32>, touched: inout [Int32], queue: inout DistanceQueue) {
        let v = Int(node)
        guard start < distance[v] else { return }
        if distance[v] == unreached { touched.append(node) }
        distance[v] = start
        origins[v] = facility
        queue.insert(distance: start, node: node)
    }

    /// The Dijkstra loop. A static function of `inout` and buffer arguments, so that no access
    /// needs a run-time exclusivity check (captured variables of a closure would).
    private static func settle(queue: inout DistanceQueue, touched: inout [Int32], distance: UnsafeMutableBufferPointer<Float>,
                               origin: UnsafeMutableBufferPointer<Int32>, firstArc: UnsafeBufferPointer<Int32>,
                               arcTarget: UnsafeBufferPointer<Int32>, arcLength: UnsafeBufferPointer<Float>, cutoff: Float) {
        while let (reached, node) = queue.popMin() {
            if reached > cutoff { break }
            let v = Int(node)
            // Stale entry: a shorter way to v was found after this one was queued.
            if reached > distance[v] { continue }
            let from = origin[v]
            for arc in Int(firstArc[v])..<Int(firstArc[v + 1]) {
                let w = Int(arcTarget[arc])
                let candidate = reached + arcLength[arc]
                if candidate < distance[w] && candidate <= cutoff {
                    if distance[w] == unreached { touched.append(Int32(w)) }
                    distance[w] = candidate
                    origin[w] = from
                    queue.insert(distance: candidate, node: Int32(w))
                }
            }
        }
    }

    private func readOut(facilities: [NetworkLink], onSegment: SegmentFacilities, points dwellings: [NetworkLink], cutoff: Float) -> Result {
        var resultDistance = [Float](repeating: .infinity, count: dwellings.count)
        var resultFacility = [Int32](repeating: Self.noFacility, count: dwellings.count)
        distance.withUnsafeBufferPointer { distance in
            origin.withUnsafeBufferPointer { origin in
                for (d, link) in dwellings.enumerated() where link.isRoutable {
                    let s = Int(link.segment)
                    let length = graph.segmentLength[s]
                    let a = Int(graph.segmentFrom[s]), b = Int(graph.segmentTo[s])
                    var best = distance[a] + link.fraction * length
                    var bestOrigin = origin[a]
                    let viaB = distance[b] + (1 - link.fraction) * length
                    if viaB < best { best = viaB; bestOrigin = origin[b] }
                    for f in onSegment.facilities(on: link.segment) {
                        let direct = abs(facilities[Int(f)].fraction - link.fraction) * length + facilities[Int(f)].connector
                        if direct < best || (direct == best && f < bestOrigin) { best = direct; bestOrigin = f }
                    }
                    let total = best + link.connector
                    if total <= cutoff {
                        resultDistance[d] = total
                        resultFacility[d] = bestOrigin
                    }
                }
            }
        }
        return Result(distance: resultDistance, facility: resultFacility)
    }

    /// The distance of a node in the last search (`.infinity` when not reached).
    func nodeDistance(_ node: Int32) -> Float { distance[Int(node)] }

    private func reset() {
        distance.withUnsafeMutableBufferPointer { distance in
            origin.withUnsafeMutableBufferPointer { origin in
                for v in touched {
                    distance[Int(v)] = Self.unreached
                    origin[Int(v)] = Self.noFacility
                }
            }
        }
        touched.removeAll(keepingCapacity: true)
    }
}

/// The facilities of one category by the segment they are linked to, for the read-out: a
/// dwelling on the same segment as a facility reaches it directly along the segment. Most
/// dwellings share no segment with a facility; a 64 Kibit filter answers those without a search.
struct SegmentFacilities {
    /// (segment, facility) pairs sorted by segment, then facility.
    private let pairs: [(segment: Int32, facility: Int32)]
    private var filter = [UInt64](repeating: 0, count: 1 << 10)

    init(_ facilities: [NetworkLink]) {
        pairs = facilities.enumerated().filter { $0.element.isRoutable }
            .map { (segment: $0.element.segment, facility: Int32($0.offset)) }
            .sorted { ($0.segment, $0.facility) < ($1.segment, $1.facility) }
        for pair in pairs {
            let bit = Self.bit(pair.segment)
            filter[bit >> 6] |= 1 << UInt64(bit & 63)
        }
    }

    private static func bit(_ segment: Int32) -> Int {
        Int((UInt32(bitPattern: segment) &* 2_654_435_761) >> 16)
    }

    /// The facilities linked to `segment`, in index order.
    func facilities(on segment: Int32) -> ArraySlice<Int32> {
        let bit = Self.bit(segment)
        guard filter[bit >> 6] & (1 << UInt64(bit & 63)) != 0 else { return [] }
        var low = 0, high = pairs.count
        while low < high {
            let middle = (low + high) / 2
            if pairs[middle].segment < segment { low = middle + 1 } else { high = middle }
        }
        var end = low
        while end < pairs.count && pairs[end].segment == segment { end += 1 }
        return ArraySlice(pairs[low..<end].map(\.facility))
    }
}
