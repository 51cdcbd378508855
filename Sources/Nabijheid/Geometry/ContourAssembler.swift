/// Joins the outlines of all tiles of one service area into polygons, without a geometric
/// union: open chains are joined end to start (they meet in identical points), outer rings are
/// the counter-clockwise ones, and each hole goes to the outer ring of the area around it.
///
/// Which area is around a hole: from the hole's leftmost point, the nearest outline to the left
/// bounds the same piece of area (nothing lies between them). If that outline is an outer ring,
/// it is the hole's; if it is another hole, the answer is that hole's outer ring. Outlines never
/// cross or touch (see `MaskContourTracer`), so this is exact.
struct ContourAssembler {
    /// Size of the buckets of the edge index, in half cells: 512 wide (1.3 km on 5 m cells), 16
    /// high. A hole's ray to the left scans the edges of its row's buckets; in a bucket as high
    /// as it was wide, a city's thousands of outline edges were 12 % of making service areas.
    private static let bucket: (width: Int32, height: Int32) = (512, 16)

    /// One polygon per outer ring with its holes, in RD New (`cell` metres per cell).
    /// - Complexity: about O(n) for n points, plus the index walk per hole.
    func assemble(_ pieces: ContourPieces, cell: Double) -> AreaShape {
        var rings = pieces.rings
        rings += join(pieces.chains)
        guard !rings.isEmpty else { return AreaShape(polygons: []) }
        var shells: [Int] = [], holes: [Int] = []
        for (index, ring) in rings.enumerated() {
            var twiceArea: Int64 = 0
            for k in 0..<(ring.count - 1) {
                twiceArea += Int64(ring[k].x) * Int64(ring[k + 1].y) - Int64(ring[k + 1].x) * Int64(ring[k].y)
            }
            if twiceArea > 0 { shells.append(index) } else if twiceArea < 0 { holes.append(index) }
        }
        var owner = [Int](repeating: -1, count: rings.count)
        for shell in shells { owner[shell] = shell }
        if !holes.isEmpty {
            let index = EdgeIndex(rings: rings, bucket: Self.bucket)
            func ownerOf(_ hole: Int) -> Int {
                var chain: [Int] = []
                var current = hole
                // Walk left until an outer ring or a hole already settled.
                while owner[current] < 0 {
                    chain.append(current)
                    guard let left = index.nearestLeft(of: rings[current]) else { break }
                    current = left
                }
                let found = owner[current] >= 0 ? owner[current] : -1
                for ring in chain { owner[ring] = found >= 0 ? found : -2 }
                return found
            }
            for hole in holes where owner[hole] == -1 { _ = ownerOf(hole) }
        }
        let scale = cell / 2
        func rd(_ ring: [ContourPoint]) -> [PlanarPoint] {
            ring.map { PlanarPoint(x: Double($0.x) * scale, y: Double($0.y) * scale) }
        }
        var polygonOf = [Int](repeating: -1, count: rings.count)
        var polygons: [PolygonShape] = []
        for shell in shells {
            polygonOf[shell] = polygons.count
            polygons.append(PolygonShape(rings: [rd(rings[shell])]))
        }
        for hole in holes where owner[hole] >= 0 { polygons[polygonOf[owner[hole]]].rings.append(rd(rings[hole])) }
        return AreaShape(polygons: polygons)
    }

    /// Closed rings from chains that continue one another; the first unused chain (in input
    /// order) starts each ring, so the result does not depend on anything but the input.
    private func join(_ chains: [[ContourPoint]]) -> [[ContourPoint]] {
        var startingAt: [ContourPoint: Int] = [:]
        startingAt.reserveCapacity(chains.count)
        for (index, chain) in chains.enumerated() { startingAt[chain[0]] = index }
        var used = [Bool](repeating: false, count: chains.count)
        var rings: [[ContourPoint]] = []
        for first in chains.indices where !used[first] {
            used[first] = true
            var ring = chains[first]
            while ring.last! != ring[0] {
                guard let next = startingAt[ring.last!], !used[next] else { break }
                used[next] = true
                ring += chains[next].dropFirst()
            }
            // A chain without continuation cannot come out of a complete grid; drop it.
            if ring.count >= 4 && ring.last! == ring[0] { rings.append(ring) }
        }
        return rings
    }
}

/// The edges of all rings in buckets, to find the ring nearest to the left of a point.
private struct EdgeIndex {
    let rings: [[ContourPoint]]
    let bucket: (width: Int32, height: Int32)
    private var buckets: [Int64: [(ring: Int32, at: Int32)]] = [:]
    private var minColumn = Int32.max

    init(rings: [[ContourPoint]], bucket: (width: Int32, height: Int32)) {
        self.rings = rings
        self.bucket = bucket
        for (r, ring) in rings.enumerated() {
            for k in 0..<(ring.count - 1) where ring[k].y != ring[k + 1].y {
                let a = ring[k], b = ring[k + 1]
                let c0 = column(min(a.x, b.x)), c1 = column(max(a.x, b.x))
                let w0 = row(min(a.y, b.y)), w1 = row(max(a.y, b.y))
                minColumn = min(minColumn, c0)
                for row in w0...w1 { for col in c0...c1 { buckets[key(col, row), default: []].append((Int32(r), Int32(k))) } }
            }
        }
    }

    private func column(_ value: Int32) -> Int32 { Self.floorDivide(value, bucket.width) }
    private func row(_ value: Int32) -> Int32 { Self.floorDivide(value, bucket.height) }
    private static func floorDivide(_ value: Int32, _ size: Int32) -> Int32 { value >= 0 ? value / size : (value - size + 1) / size }
    private func key(_ column: Int32, _ row: Int32) -> Int64 { Int64(column) << 32 | Int64(UInt32(bitPattern: row)) }

    /// The ring crossed first by a ray going left from just above the leftmost point of `ring`
    /// (a tenth of a half cell above it, so the ray meets no vertex); nil when none is.
    func nearestLeft(of ring: [ContourPoint]) -> Int? {
        var start = ring[0]
        for point in ring where point.x < start.x || (point.x == start.x && point.y < start.y) { start = point }
        let y = Double(start.y) + 0.1, px = Double(start.x)
        // The ray's row: every edge it can cross spans start.y (an integer) in y.
        let row = row(start.y)
        var best = -Double.infinity, bestRing: Int?
        var col = column(start.x)
        while col >= minColumn {
            for (r, k) in buckets[key(col, row)] ?? [] {
                let a = rings[Int(r)][Int(k)], b = rings[Int(r)][Int(k) + 1]
                let ay = Double(a.y), by = Double(b.y)
                guard (ay < y) != (by < y) else { continue }
                let x = Double(a.x) + (y - ay) * Double(b.x - a.x) / (by - ay)
                if x < px && x > best { best = x; bestRing = Int(r) }
            }
            // Crossings further left lie in buckets further left.
            if bestRing != nil && best >= Double(col * bucket.width) { break }
            col -= 1
        }
        return bestRing
    }
}
