@testable import Nabijheid

// Shared helpers for the network tests: a seeded random generator, the hand-drawn grid, a
// random network generator and brute-force geometry. Nothing here uses the code under test
// except to build graphs through its public entry points.

/// SplitMix64 (Steele, Lea, Flood 2014): tiny, fast and fully reproducible across platforms.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Uniform in [lower, upper).
    mutating func double(_ lower: Double, _ upper: Double) -> Double { lower + unit() * (upper - lower) }

    /// Uniform in the range (bounded, slightly biased for huge ranges; irrelevant here).
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    mutating func chance(_ p: Double) -> Bool { unit() < p }
}

// MARK: - The hand-drawn grid

/// A 5 × 5 street grid with 100 m blocks: nodes at x, y ∈ {0, 100, 200, 300, 400} (RD metres),
/// one line per row (west → east) and one per column (south → north), sharing their vertices.
///
/// Resulting numbering (rows are added first, then columns):
/// - node (i, j) at (100 i, 100 j) has index `5 j + i`;
/// - row segment from (i, j) to (i + 1, j) has index `4 j + i` (0 ..< 20);
/// - column segment from (i, j) to (i, j + 1) has index `20 + 4 i + j` (20 ..< 40).
enum Grid {
    static let steps = 0...4
    static let spacing = 100.0

    static func node(_ i: Int, _ j: Int) -> Int32 { Int32(5 * j + i) }
    static func rowSegment(_ i: Int, _ j: Int) -> Int32 { Int32(4 * j + i) }
    static func columnSegment(_ i: Int, _ j: Int) -> Int32 { Int32(20 + 4 * i + j) }

    static func addLine(_ builder: inout WalkGraphBuilder, _ points: [(Double, Double)]) {
        builder.addLine(source: points, planar: points.map { PlanarPoint(x: $0.0, y: $0.1) })
    }

    static func addStreets(to builder: inout WalkGraphBuilder) {
        for j in steps {
            addLine(&builder, steps.map { (Double($0) * spacing, Double(j) * spacing) })
        }
        for i in steps {
            addLine(&builder, steps.map { (Double(i) * spacing, Double($0) * spacing) })
        }
    }

    /// The grid alone, nothing removed.
    static func graph() -> WalkGraph {
        var builder = WalkGraphBuilder()
        addStreets(to: &builder)
        return builder.build(minimumIslandNodes: 1).graph
    }
}

// MARK: - Brute-force geometry

/// Distance from `p` to segment `a`–`b` and the clamped fraction of the nearest point, written
/// independently of `SegmentIndex.project`.
func bruteDistanceToSegment(_ p: PlanarPoint, _ a: PlanarPoint, _ b: PlanarPoint) -> (distance: Double, fraction: Double) {
    let vx = b.x - a.x, vy = b.y - a.y
    let wx = p.x - a.x, wy = p.y - a.y
    let squared = vx * vx + vy * vy
    if squared == 0 { return ((wx * wx + wy * wy).squareRoot(), 0) }
    let t = Swift.min(1, Swift.max(0, (wx * vx + wy * vy) / squared))
    let cx = a.x + t * vx, cy = a.y + t * vy
    let dx = p.x - cx, dy = p.y - cy
    return ((dx * dx + dy * dy).squareRoot(), t)
}

/// The smallest distance from `p` to any segment of `graph` (infinity for no segments).
func bruteNearestDistance(_ p: PlanarPoint, in graph: WalkGraph) -> Double {
    var best = Double.infinity
    for s in 0..<graph.segmentCount {
        let a = graph.nodes[Int(graph.segmentFrom[s])], b = graph.nodes[Int(graph.segmentTo[s])]
        best = Swift.min(best, bruteDistanceToSegment(p, a, b).distance)
    }
    return best
}

// MARK: - Random networks

/// A random street network: one to three clusters of random points far apart, each point
/// joined to some of its nearest neighbours, plus a few long edges (some as two-segment lines
/// through a bend), occasionally a line joining two clusters. Lines share vertices by exact
/// coordinates, as OSM ways share nodes. Parallel duplicate segments can occur and are kept.
struct RandomNetwork {
    var graph: WalkGraph
    /// Bounding box of the nodes.
    var minX: Double, minY: Double, maxX: Double, maxY: Double

    /// - Parameters:
    ///   - maxPoints: most points per cluster.
    ///   - extentRange: side of a cluster's square in metres.
    static func make(rng: inout SplitMix64, maxPoints: Int = 25, extentRange: ClosedRange<Double> = 150...1500,
                     collinear: Bool = false) -> RandomNetwork {
        var builder = WalkGraphBuilder()
        func add(_ points: [PlanarPoint]) {
            builder.addLine(source: points.map { ($0.x, $0.y) }, planar: points)
        }
        let clusterCount = rng.int(1...3)
        var clusters: [[PlanarPoint]] = []
        for c in 0..<clusterCount {
            let extent = rng.double(extentRange.lowerBound, extentRange.upperBound)
            // Clusters sit side by side with a gap, so they are separate fragments.
            let originX = 120_000 + Double(c) * 6_000 + rng.double(0, 500)
            let originY = 480_000 + rng.double(0, 500)
            let count = rng.int(2...maxPoints)
            var points: [PlanarPoint] = []
            for _ in 0..<count {
                let y = collinear ? originY : originY + rng.double(0, extent)
                points.append(PlanarPoint(x: originX + rng.double(0, extent), y: y))
            }
            let neighbours = rng.int(1...3)
            for (i, p) in points.enumerated() {
                let nearest = points.indices.filter { $0 != i }
                    .sorted { points[$0].distance(to: p) < points[$1].distance(to: p) }
                    .prefix(neighbours)
                for j in nearest { add([p, points[j]]) }
            }
            for _ in 0..<rng.int(0...3) where count >= 2 {
                let a = points[rng.int(0...(count - 1))], b = points[rng.int(0...(count - 1))]
                guard a != b else { continue }
                if rng.chance(0.5) {
                    add([a, b])
                } else {
                    let bend = PlanarPoint(x: (a.x + b.x) / 2 + rng.double(-100, 100),
                                           y: collinear ? a.y : (a.y + b.y) / 2 + rng.double(-100, 100))
                    add([a, bend, b])
                }
            }
            clusters.append(points)
        }
        if clusters.count >= 2 && rng.chance(0.3) {
            add([clusters[0][0], clusters[1][0]])
        }
        let graph = builder.build(minimumIslandNodes: 1).graph
        var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
        for p in graph.nodes {
            minX = Swift.min(minX, p.x); maxX = Swift.max(maxX, p.x)
            minY = Swift.min(minY, p.y); maxY = Swift.max(maxY, p.y)
        }
        return RandomNetwork(graph: graph, minX: minX, minY: minY, maxX: maxX, maxY: maxY)
    }

    /// A random point in the bounding box grown by `margin`, sometimes exactly on a node and
    /// sometimes just beside a random segment (so several points share segments).
    func randomPoint(rng: inout SplitMix64, margin: Double) -> PlanarPoint {
        let kind = rng.unit()
        if kind < 0.1 && !graph.nodes.isEmpty {
            return graph.nodes[rng.int(0...(graph.nodeCount - 1))]
        }
        if kind < 0.45 && graph.segmentCount > 0 {
            let s = rng.int(0...(graph.segmentCount - 1))
            let a = graph.nodes[Int(graph.segmentFrom[s])], b = graph.nodes[Int(graph.segmentTo[s])]
            let t = rng.unit()
            return PlanarPoint(x: a.x + t * (b.x - a.x) + rng.double(-15, 15),
                               y: a.y + t * (b.y - a.y) + rng.double(-15, 15))
        }
        return PlanarPoint(x: rng.double(minX - margin, maxX + margin), y: rng.double(minY - margin, maxY + margin))
    }
}

/// Whether two distances agree within the tolerance Float arithmetic allows.
func closeEnough(_ a: Double, _ b: Double) -> Bool {
    if a.isInfinite || b.isInfinite { return a == b }
    return abs(a - b) <= 1e-3 * Swift.max(1, abs(a), abs(b))
}
