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
    /// Powers of two (given as their exponents), so that a point's bucket is a shift, not a division.
    private static let bucket: (widthShift: Int32, heightShift: Int32) = (9, 4)

    /// One polygon per outer ring with its holes, in RD New (`cell` metres per cell).
    /// - Complexity: about O(n) for n points, plus the index walk per hole.
    func assemble(_ pieces: ContourPieces, cell: Double) -> AreaShape {
        var rings = pieces.rings
        rings += join(pieces.chains)
        guard !rings.isEmpty else { return AreaShape(polygons: []) }
        var shells: [Int] = [], holes: [Int] = []
        // Each ring's leftmost point (the lowest of those), where a hole's ray starts.
        var leftmost: [ContourPoint] = []
        leftmost.reserveCapacity(rings.count)
        for (index, ring) in rings.enumerated() {
            var twiceArea: Int64 = 0
            var left = ring[0]
            for k in 0..<(ring.count - 1) {
                twiceArea += Int64(ring[k].x) * Int64(ring[k + 1].y) - Int64(ring[k + 1].x) * Int64(ring[k].y)
                let point = ring[k + 1]
                if point.x < left.x || (point.x == left.x && point.y < left.y) { left = point }
            }
            leftmost.append(left)
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
                    guard let left = index.nearestLeft(of: leftmost[current]) else { break }
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
///
/// The buckets are kept sorted, row by row and west to east within a row, each bucket's edges
/// in ring order: a ray to the left walks back through its row's buckets, and empty buckets
/// cost nothing (a national area spans thousands of them).
private struct EdgeIndex {
    let rings: [[ContourPoint]]
    /// The buckets' width and height as powers of two (their exponents).
    private let shifts: (width: Int32, height: Int32)
    /// The buckets' width and height in half cells.
    var bucket: (width: Int32, height: Int32) { (1 << shifts.width, 1 << shifts.height) }
    /// Per bucket row from `minRow`, where its entries start in `entries` (one more at the end).
    private var rowStart: [Int] = []
    /// The edges per bucket in order: `key` the bucket's column (high half, sign bit flipped so
    /// that it sorts as unsigned) and the entry's place in ring order (low half); the ring and
    /// the edge's first point.
    private var entries: [Entry] = []
    private var minRow = Int32.max

    /// `bucket`: the buckets' width and height as powers of two, 2^`widthShift` by 2^`heightShift` half cells.
    init(rings: [[ContourPoint]], bucket: (widthShift: Int32, heightShift: Int32)) {
        precondition((0..<31).contains(bucket.widthShift) && (0..<31).contains(bucket.heightShift))
        self.rings = rings
        shifts = (bucket.widthShift, bucket.heightShift)
        var minY = Int32.max, maxY = Int32.min
        for ring in rings {
            for point in ring { minY = min(minY, point.y); maxY = max(maxY, point.y) }
        }
        guard minY <= maxY else { return }
        minRow = row(minY)
        let maxRow = row(maxY)
        // Counted per row, then placed in ring order (three passes over the rings, no copy of
        // the entries); then each row sorted by column.
        var start = [Int](repeating: 0, count: Int(maxRow - minRow) + 2)
        forEachEntry { row, _, _, _ in start[Int(row - minRow) + 1] += 1 }
        for r in 1..<start.count { start[r] += start[r - 1] }
        let total = start[start.count - 1]
        precondition(total <= Int(UInt32.max), "at most 2³² edge entries")
        var next = start
        var order: UInt32 = 0
        entries = [Entry](unsafeUninitializedCapacity: total) { placed, count in
            forEachEntry { row, column, ring, at in
                let r = Int(row - minRow)
                placed.initializeElement(at: next[r], to: Entry(key: Self.key(column, order), ring: ring, at: at))
                next[r] += 1
                order &+= 1
            }
            count = total
        }
        for r in 0..<(start.count - 1) where start[r + 1] - start[r] > 1 {
            // Keys are unique (the place in ring order is part of them).
            entries[start[r]..<start[r + 1]].sort { $0.key < $1.key }
        }
        rowStart = start
    }

    /// Every edge that is not horizontal in every bucket its box touches, in ring order: the
    /// bucket's row and column, the ring and the edge's first point.
    @inline(__always)
    private func forEachEntry(_ body: (Int32, Int32, Int32, Int32) -> Void) {
        for (r, ring) in rings.enumerated() {
            ring.withUnsafeBufferPointer { ring in
                for k in 0..<(ring.count - 1) where ring[k].y != ring[k + 1].y {
                    let a = ring[k], b = ring[k + 1]
                    let c0 = column(min(a.x, b.x)), c1 = column(max(a.x, b.x))
                    let w0 = row(min(a.y, b.y)), w1 = row(max(a.y, b.y))
                    for row in w0...w1 { for col in c0...c1 { body(row, col, Int32(r), Int32(k)) } }
                }
            }
        }
    }

    private struct Entry {
        var key: UInt64
        var ring: Int32
        var at: Int32
    }

    private static func key(_ column: Int32, _ order: UInt32) -> UInt64 {
        UInt64(UInt32(bitPattern: column) ^ 0x8000_0000) << 32 | UInt64(order)
    }

    private static func column(ofKey key: UInt64) -> Int32 {
        Int32(bitPattern: UInt32(truncatingIfNeeded: key >> 32) ^ 0x8000_0000)
    }

    /// The bucket column and row of a coordinate: rounded down (an arithmetic shift is floor division).
    private func column(_ value: Int32) -> Int32 { value >> shifts.width }
    private func row(_ value: Int32) -> Int32 { value >> shifts.height }

    /// The ring crossed first by a ray going left from just above `start`, a ring's leftmost
    /// point (a tenth of a half cell above it, so the ray meets no vertex); nil when none is.
    func nearestLeft(of start: ContourPoint) -> Int? {
        let y = Double(start.y) + 0.1, px = Double(start.x)
        // The ray's row: every edge it can cross spans start.y (an integer) in y.
        let row = row(start.y)
        guard row >= minRow, Int(row - minRow) + 1 < rowStart.count else { return nil }
        let first = rowStart[Int(row - minRow)], end = rowStart[Int(row - minRow) + 1]
        // The row's buckets from the ray's start westwards: past the last entry in its column.
        let past = Self.key(column(start.x), UInt32.max)
        var lo = first, hi = end
        while lo < hi {
            let mid = (lo + hi) / 2
            if entries[mid].key <= past { lo = mid + 1 } else { hi = mid }
        }
        var best = -Double.infinity, bestRing: Int?
        var bucketEnd = lo
        while bucketEnd > first {
            let col = Self.column(ofKey: entries[bucketEnd - 1].key)
            // The buckets between hold no edge; a crossing west of them lies further west still.
            if bestRing != nil && best >= Double((col + 1) * bucket.width) { break }
            var bucketStart = bucketEnd - 1
            while bucketStart > first && Self.column(ofKey: entries[bucketStart - 1].key) == col { bucketStart -= 1 }
            for index in bucketStart..<bucketEnd {
                let entry = entries[index]
                let a = rings[Int(entry.ring)][Int(entry.at)], b = rings[Int(entry.ring)][Int(entry.at) + 1]
                let ay = Double(a.y), by = Double(b.y)
                guard (ay < y) != (by < y) else { continue }
                let x = Double(a.x) + (y - ay) * Double(b.x - a.x) / (by - ay)
                if x < px && x > best { best = x; bestRing = Int(entry.ring) }
            }
            // Crossings further left lie in buckets further left.
            if bestRing != nil && best >= Double(col * bucket.width) { break }
            bucketEnd = bucketStart
        }
        return bestRing
    }
}
