/// One network segment as seen from the facilities of the last search: its ends in RD New
/// and the walking distance ("reach") from the nearest facility to every point along it.
///
/// Along a segment of length `L` the reach at `s` metres from `a` is the least of: via `a`
/// (`startReach + s`), via `b` (`endReach + L − s`), and, for a facility on the segment
/// itself, `facilityReach + |s − facilityAlong|`. Service areas are read off these values.
public struct ReachSegment: Sendable, Equatable {
    public var a: PlanarPoint
    public var b: PlanarPoint
    public var length: Float
    /// Reach at `a` and at `b` (`.infinity` when not reached).
    public var startReach: Float
    public var endReach: Float
    /// A facility on this segment: its position along it and its connector (`.infinity`: none).
    public var facilityAlong: Float = 0
    public var facilityReach: Float = .infinity

    /// The least reach over the stretch `lo … hi` (metres from `a`, `lo ≤ hi`). Each term is
    /// linear or V-shaped in `s`, so its minimum over an interval lies at an end or at the V's tip.
    @inline(__always)
    public func leastReach(from lo: Float, to hi: Float) -> Float {
        let nearest = min(max(facilityAlong, lo), hi)
        return min(startReach + lo, endReach + length - hi, facilityReach + abs(nearest - facilityAlong))
    }
}

/// What a category's search reached within a limit, compactly (12 bytes a segment), so it can
/// be kept after the search state is reused and turned into service areas later.
public struct ReachedNetwork: Sendable {
    var segment: [Int32] = []
    var startReach: [Float] = []
    var endReach: [Float] = []
    /// Facilities on their own segment within the limit.
    var facilitySegment: [Int32] = []
    var facilityAlong: [Float] = []
    var facilityReach: [Float] = []

    public var isEmpty: Bool { segment.isEmpty && facilitySegment.isEmpty }

    /// The reached segments with their ends' positions from `graph`, made when read (a
    /// national category reaches millions of segments: 56 bytes each as an array).
    func segments(in graph: WalkGraph) -> Segments { Segments(reached: self, graph: graph) }

    struct Segments: RandomAccessCollection {
        let reached: ReachedNetwork
        let graph: WalkGraph
        var startIndex: Int { 0 }
        var endIndex: Int { reached.segment.count + reached.facilitySegment.count }

        subscript(i: Int) -> ReachSegment {
            let own = reached.segment.count
            let s = Int(i < own ? reached.segment[i] : reached.facilitySegment[i - own])
            let a = graph.nodes[Int(graph.segmentFrom[s])], b = graph.nodes[Int(graph.segmentTo[s])]
            if i < own {
                return ReachSegment(a: a, b: b, length: graph.segmentLength[s], startReach: reached.startReach[i], endReach: reached.endReach[i])
            }
            return ReachSegment(a: a, b: b, length: graph.segmentLength[s], startReach: .infinity, endReach: .infinity,
                                facilityAlong: reached.facilityAlong[i - own], facilityReach: reached.facilityReach[i - own])
        }
    }
}

extension NearestFacilitySearch {
    /// The segments with some point within `limit` metres of the last `run`'s facilities, and
    /// each facility on its own segment within `limit` of it. Call it right after `run`, with
    /// the same facilities.
    /// - Complexity: O(m) for m segments.
    public func reached(facilities: [NetworkLink], limit: Float) -> ReachedNetwork {
        state.withUnsafeBufferPointer { Self.reached(graph: graph, state: $0, facilities: facilities, limit: limit) }
    }

    /// The same from the search values of `graph`'s nodes (`state`).
    static func reached(graph: WalkGraph, state: UnsafeBufferPointer<NodeState>, facilities: [NetworkLink], limit: Float) -> ReachedNetwork {
        var reached = ReachedNetwork()
        for s in 0..<graph.segmentCount {
            let start = state[Int(graph.segmentFrom[s])].distance, end = state[Int(graph.segmentTo[s])].distance
            guard min(start, end) < limit else { continue }
            reached.segment.append(Int32(s))
            reached.startReach.append(start)
            reached.endReach.append(end)
        }
        for link in facilities where link.isRoutable && link.connector < limit {
            // A facility on a segment the profile cannot use is not reached along it (as in `seeds`).
            let length = graph.segmentLength[Int(link.segment)]
            guard length.isFinite else { continue }
            reached.facilitySegment.append(link.segment)
            reached.facilityAlong.append(link.fraction * length)
            reached.facilityReach.append(link.connector)
        }
        return reached
    }
}
