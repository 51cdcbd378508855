/// For every dwelling, the response time from the nearest 24-hour care base in time: one
/// multi-source Dijkstra over a `TravelTimeGraph`, following arcs in their allowed direction
/// (from base to dwelling), plus the dispatch time.
///
/// A base enters the queue at the ends of its segment it may drive to, with dispatch +
/// connector ÷ connector speed + the part of the segment's time; a dwelling's time is the better
/// of arriving from its segment's start (forward part) or end (backward part), or directly
/// along the segment from a base on it, plus its connector ÷ connector speed. Closed directions
/// (`.infinity`) are never used; a part of length zero (a point exactly at a node) is no
/// travel. The search is not bounded: one search settles each node once.
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
                seed(geometry.segmentTo[s], start[b] + Self.part(1 - link.fraction, of: forward[s]))
                seed(geometry.segmentFrom[s], start[b] + Self.part(link.fraction, of: backward[s]))
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

    /// The time of a part (`fraction`, 0…1) of a segment that takes `seconds` in that direction:
    /// no part is no travel, even against a one-way street; a closed direction is `.infinity`
    /// (and never `0 × ∞`, which is NaN).
    @inline(__always)
    static func part(_ fraction: Float, of seconds: Float) -> Float {
        fraction == 0 ? 0 : (seconds.isFinite ? fraction * seconds : .infinity)
    }

    /// Seconds from the bases of the last `settle` to a point linked at `link` (`.infinity` when
    /// unreachable or unroutable). Only reads the search state: safe to call from several threads.
    /// - Complexity: O(log b) for b bases.
    public func seconds(to link: NetworkLink) -> Float {
        guard link.isRoutable else { return .infinity }
        let geometry = graph.geometry
        let s = Int(link.segment)
        let forward = graph.segmentForwardSeconds[s], backward = graph.segmentBackwardSeconds[s]
        var best = min(seconds[Int(geometry.segmentFrom[s])] + Self.part(link.fraction, of: forward),
                       seconds[Int(geometry.segmentTo[s])] + Self.part(1 - link.fraction, of: backward))
        for b in onSegment.facilities(on: link.segment) {
            let base = bases[Int(b)]
            let along = base.fraction <= link.fraction
                ? Self.part(link.fraction - base.fraction, of: forward) : Self.part(base.fraction - link.fraction, of: backward)
            best = min(best, start[Int(b)] + along)
        }
        return best + link.connector / connectorSpeed
    }
}
