/// A walk graph cut into patches of ground for searching one patch at a time
/// (`NearestFacilitySearch`): runs of consecutive nodes, each with the box around them. The
/// nodes are numbered along a Hilbert curve (`SpatialNodeOrder`), so a run is a compact patch.
///
/// Why: one search from every facility of a category at once settles nodes all over the
/// country in distance order, so at national scale nearly every step misses the caches. A
/// search that finds the distances of one patch's nodes only needs the facilities within the
/// cutoff of its box and the nodes on the way, which stay in the caches.
///
/// Why it gives the same result: on a route of network length `L` every point lies within `L`
/// (straight line) of the route's end, as no segment is shorter than the straight line between
/// its ends. So a node reached at `d` that lies `e` from the box can only lie on a route into
/// the box within the cutoff if `d + e ≤ cutoff`; the others are left out, and every route of
/// at most the cutoff into the box, with every tie, is still found. `init` returns nil for a
/// graph with a segment shorter than its straight line (then the search runs whole).
struct SearchPatches {
    struct Patch {
        /// The patch's nodes: `first ..< end`.
        var first: Int
        var end: Int
        var minX: Double
        var minY: Double
        var maxX: Double
        var maxY: Double

        /// Whether (x, y) lies within `reach` (straight line) of the box.
        @inline(__always)
        func isWithin(_ reach: Double, of point: PlanarPoint) -> Bool {
            guard reach >= 0 else { return false }
            let dx = max(minX - point.x, 0, point.x - maxX), dy = max(minY - point.y, 0, point.y - maxY)
            return dx * dx + dy * dy <= reach * reach
        }
    }

    let patches: [Patch]

    /// From this many nodes on searches run patch by patch: below it graph and search state
    /// fit in the caches anyway, and the patches' overlap would be extra work.
    static let usedFrom = 1_000_000
    /// Patch size: at most this wide and high (metres) and this many nodes.
    static let side = 12_000.0
    static let maxNodes = 150_000

    /// The patches searches of `graph` use: none below `usedFrom` nodes or when the graph does
    /// not allow them. Worked out once per graph and shared by its searches (one per thread).
    static func forSearch(of graph: WalkGraph) -> SearchPatches? {
        graph.nodeCount >= usedFrom ? SearchPatches(graph: graph, side: side, maxNodes: maxNodes) : nil
    }
    /// Added to the cutoff when leaving nodes out (metres): covers the rounding of `Float`
    /// lengths and sums, so that leaving out is only ever too cautious.
    static let slack = 0.5

    /// - Parameters:
    ///   - side: the largest width and height of a patch's box (metres).
    ///   - maxNodes: the most nodes in a patch.
    init?(graph: WalkGraph, side: Double, maxNodes: Int) {
        // Every segment at least as long as the straight line between its ends (to Float rounding).
        for s in 0..<graph.segmentCount {
            let a = graph.nodes[Int(graph.segmentFrom[s])], b = graph.nodes[Int(graph.segmentTo[s])]
            let straight = ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)).squareRoot()
            if Double(graph.segmentLength[s]) < straight * (1 - 1e-6) - 1e-4 { return nil }
        }
        var patches: [Patch] = []
        var v = 0
        let n = graph.nodeCount
        while v < n {
            let p = graph.nodes[v]
            var patch = Patch(first: v, end: v + 1, minX: p.x, minY: p.y, maxX: p.x, maxY: p.y)
            v += 1
            while v < n && v - patch.first < maxNodes {
                let q = graph.nodes[v]
                let minX = min(patch.minX, q.x), maxX = max(patch.maxX, q.x)
                let minY = min(patch.minY, q.y), maxY = max(patch.maxY, q.y)
                guard maxX - minX <= side && maxY - minY <= side else { break }
                patch.minX = minX; patch.maxX = maxX; patch.minY = minY; patch.maxY = maxY
                v += 1
                patch.end = v
            }
            patches.append(patch)
        }
        self.patches = patches
    }
}
