/// For every dwelling, the response time from the nearest 24-hour care base in time: one
/// multi-source Dijkstra over a `TravelTimeGraph`, following arcs in their allowed direction
/// (from base to dwelling), plus the dispatch time.
///
/// A base enters the queue at the ends of its segment it may drive to, with dispatch +
/// connector ÷ connector speed + the part of the segment's time; a dwelling's time is the better
/// of arriving from its segment's start (forward part) or end (backward part), or directly
/// along the segment from a base on it, plus its connector ÷ connector speed. Closed directions
/// (`.infinity`) are never used, also not as a zero-length part. The search is not bounded:
/// one search settles each node once.
///
/// Not thread-safe: one instance per search.
public final class CareResponseSearch {
    public let graph: TravelTimeGraph
    private var seconds: [Float]

    public init(graph: TravelTimeGraph) {
        self.graph = graph
        seconds = [Float](repeating: .infinity, count: graph.nodeCount)
    }

    /// The bases and start times of the last `settle`, for the read-out.
    private var bases: [NetworkLink] = []
    private var start: [Float] = []
    private var connectorSpeed: Float = 1
    private var onSegment = SegmentFacilities([])

    /// - Parameters:
    ///   - bases: the links of the care bases (unroutable ones are skipped).
    ///   - dwellings: the links of the dwellings.
    ///   - dispatchSeconds: added to every time.
    ///   - connectorMetresPerSecond: the speed on the connectors between points and network.
    /// - Returns: seconds per dwelling, `.infinity` when not reachable or not routable.
    /// - Complexity: O((n + m) log n) for n nodes and m arcs, plus O(d log b) for d dwellings
    ///   and b bases.
    public func run(bases: [NetworkLink], dwellings: [NetworkLink], dispatchSeconds: Float, connectorMetresPerSecond: Float,
                    threads: Int = 1) -> [Float] {
        settle(bases: bases, dispatchSeconds: dispatchSeconds, connectorMetresPerSecond: connectorMetresPerSecond)
        return parallelMap(dwellings.count, threads: threads) { seconds(to: dwellings[$0]) }
    }

    /// Runs the search from every base; afterwards `seconds(to:)` reads out any point.
    /// - Complexity: O((n + m) log n).
    public func settle(bases: [NetworkLink], dispatchSeconds: Float, connectorMetresPerSecond: Float) {
        let geometry = graph.geometry
        let forward = graph.segmentForwardSeconds, backward = graph.segmentBackwardSeconds
        var queue = DistanceQueue()
        for v in seconds.indices { seconds[v] = .infinity }
        let start = bases.map { dispatchSeconds + $0.connector / connectorMetresPerSecond }
        seconds.withUnsafeMutableBufferPointer { seconds in
            func seed(_ node: Int32, _ time: Float) {
                guard time < seconds[Int(node)] else { return }
                seconds[Int(node)] = time
                queue.insert(distance: time, node: node)
            }
            for (b, link) in bases.enumerated() where link.isRoutable {
                let s = Int(link.segment)
                if forward[s].isFinite { seed(geometry.segmentTo[s], start[b] + (1 - link.fraction) * forward[s]) }
                if backward[s].isFinite { seed(geometry.segmentFrom[s], start[b] + link.fraction * backward[s]) }
            }
            geometry.firstArc.withUnsafeBufferPointer { firstArc in
                geometry.arcTarget.withUnsafeBufferPointer { arcTarget in
                    graph.arcSeconds.withUnsafeBufferPointer { arcSeconds in
                        while let (reached, node) = queue.popMin() {
                            let v = Int(node)
                            // Stale entry: a faster way to v was found after this one was queued.
                            if reached > seconds[v] { continue }
                            for arc in Int(firstArc[v])..<Int(firstArc[v + 1]) {
                                // A closed direction gives infinity, never less than a known time.
                                let candidate = reached + arcSeconds[arc]
                                let w = Int(arcTarget[arc])
                                if candidate < seconds[w] {
                                    seconds[w] = candidate
                                    queue.insert(distance: candidate, node: Int32(w))
                                }
                            }
                        }
                    }
                }
            }
        }
        self.bases = bases
        self.start = start
        connectorSpeed = connectorMetresPerSecond
        onSegment = SegmentFacilities(bases)
    }

    /// Seconds from the bases of the last `settle` to a point linked at `link` (`.infinity` when
    /// unreachable or unroutable). Only reads the search state: safe to call from several threads.
    /// - Complexity: O(log b) for b bases.
    public func seconds(to link: NetworkLink) -> Float {
        guard link.isRoutable else { return .infinity }
        let geometry = graph.geometry
        let s = Int(link.segment)
        let forward = graph.segmentForwardSeconds[s], backward = graph.segmentBackwardSeconds[s]
        var best = Float.infinity
        if forward.isFinite { best = seconds[Int(geometry.segmentFrom[s])] + link.fraction * forward }
        if backward.isFinite { best = min(best, seconds[Int(geometry.segmentTo[s])] + (1 - link.fraction) * backward) }
        for b in onSegment.facilities(on: link.segment) {
            let base = bases[Int(b)]
            let along = base.fraction == link.fraction ? 0 : base.fraction < link.fraction
                ? (forward.isFinite ? (link.fraction - base.fraction) * forward : .infinity)
                : (backward.isFinite ? (base.fraction - link.fraction) * backward : .infinity)
            best = min(best, start[Int(b)] + along)
        }
        return best + link.connector / connectorSpeed
    }
}
