extension NearestFacilitySearch {
    /// The parts of the network within `threshold` metres walking of the facilities of the last
    /// `run`, as straight pieces in RD New: whole segments where both ends' remaining reach
    /// covers them, partial stretches from each reached end otherwise, and the stretch around a
    /// facility on its own segment. Call it right after `run`, with the same facilities.
    /// - Complexity: O(m) for m segments.
    public func reachablePieces(facilities: [NetworkLink], threshold: Float) -> [[PlanarPoint]] {
        var pieces: [[PlanarPoint]] = []
        func point(_ s: Int, at along: Float) -> PlanarPoint {
            let a = graph.nodes[Int(graph.segmentFrom[s])], b = graph.nodes[Int(graph.segmentTo[s])]
            let t = Double(min(1, max(0, along / graph.segmentLength[s])))
            return PlanarPoint(x: a.x + t * (b.x - a.x), y: a.y + t * (b.y - a.y))
        }
        func add(_ s: Int, _ from: Float, _ to: Float) {
            guard to > from else { return }
            pieces.append([point(s, at: from), point(s, at: to)])
        }
        for s in 0..<graph.segmentCount {
            let length = graph.segmentLength[s]
            let fromA = threshold - nodeDistance(graph.segmentFrom[s]), fromB = threshold - nodeDistance(graph.segmentTo[s])
            if fromA >= 0 && fromB >= 0 && fromA + fromB >= length {
                add(s, 0, length)
                continue
            }
            if fromA > 0 { add(s, 0, min(length, fromA)) }
            if fromB > 0 { add(s, max(0, length - fromB), length) }
        }
        for link in facilities where link.isRoutable && link.connector <= threshold {
            let s = Int(link.segment), length = graph.segmentLength[s]
            let reach = threshold - link.connector, centre = link.fraction * length
            add(s, max(0, centre - reach), min(length, centre + reach))
        }
        return pieces
    }
}
