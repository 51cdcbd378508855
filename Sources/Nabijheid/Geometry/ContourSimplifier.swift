/// Douglas–Peucker simplification of grid outlines (`ContourPoint`s): turns the 45° steps of a
/// road at any angle into one straight edge, keeping every removed point within `tolerance`
/// half cells of the result. Only original points are kept, so coordinates stay whole.
///
/// Outlines of the tracer are at least 1.41 half cells apart; with a tolerance below 0.7 (less than half of 1.41) they
/// stay apart after simplifying each on its own, so rings neither cross nor touch. The points
/// of an outline must lie within `maximumSpan` half cells of each other (one tile's).
struct ContourSimplifier {
    let tolerance: Double

    /// Simplifies an open chain (ends kept) or a closed ring (first point repeated at the end;
    /// at least three distinct points kept).
    ///
    /// The points in the middle of a straight run (a street along the grid or at 45°: one
    /// point per half cell) are set aside first: such a point lies on the segment between its
    /// neighbours, so its distance to any chord is at most that of one of them, and of an
    /// earlier one when equal, which Douglas–Peucker then picks. Leaving them out gives the
    /// same result (`straightRuns: false`, the plain way, is kept for the tests).
    /// - Complexity: O(n + m log m) typical, O(n + m²) worst case, for n points of which m
    ///   are corners.
    func simplify(_ points: inout [ContourPoint], closed: Bool, straightRuns: Bool = true) {
        let count = points.count
        guard count > 3 else { return }
        // Corners and marks in temporary buffers (on the stack when small), the kept points
        // written over the front of `points`: no arrays made per outline.
        let kept = points.withUnsafeMutableBufferPointer { points in
            withUnsafeTemporaryAllocation(of: ContourPoint.self, capacity: count) { corners -> Int in
                var cornerCount = 0
                if straightRuns {
                    corners[0] = points[0]
                    cornerCount = 1
                    for index in 1..<(count - 1) {
                        let last = corners[cornerCount - 1], point = points[index], next = points[index + 1]
                        let ux = Int64(point.x) - Int64(last.x), uy = Int64(point.y) - Int64(last.y)
                        let vx = Int64(next.x) - Int64(point.x), vy = Int64(next.y) - Int64(point.y)
                        // On the way from `last` to `next` in a straight line: set aside.
                        if ux * vy == uy * vx && ux * vx + uy * vy > 0 { continue }
                        corners[cornerCount] = point
                        cornerCount += 1
                    }
                    corners[cornerCount] = points[count - 1]
                    cornerCount += 1
                } else {
                    for index in 0..<count { corners[index] = points[index] }
                    cornerCount = count
                }
                let chosen = UnsafeBufferPointer(rebasing: corners[0..<cornerCount])
                return withUnsafeTemporaryAllocation(of: Bool.self, capacity: cornerCount) { keep -> Int in
                    keep.initialize(repeating: false)
                    keep[0] = true; keep[cornerCount - 1] = true
                    if closed {
                        // Split the ring at the point farthest from its start.
                        var far = 0, farDistance: Int64 = -1
                        let start = chosen[0]
                        for (index, point) in chosen.enumerated() {
                            let dx = Int64(point.x - start.x), dy = Int64(point.y - start.y)
                            if dx * dx + dy * dy > farDistance { farDistance = dx * dx + dy * dy; far = index }
                        }
                        keep[far] = true
                        mark(chosen, from: 0, to: far, keep: keep)
                        mark(chosen, from: far, to: cornerCount - 1, keep: keep)
                        // Fewer than three distinct points would be left: the ring stays as it came.
                        if keep.lazy.filter({ $0 }).count < 4 { return count }
                    } else {
                        mark(chosen, from: 0, to: cornerCount - 1, keep: keep)
                    }
                    var kept = 0
                    for index in 0..<cornerCount where keep[index] {
                        points[kept] = chosen[index]
                        kept += 1
                    }
                    return kept
                }
            }
        }
        points.removeLast(count - kept)
    }

    /// Marks the points between `first` and `last` that Douglas–Peucker keeps. Distances are
    /// compared exactly, in integers: for a chord of squared length L², a point's squared
    /// distance to it times L² (the cross product squared between its ends, the squared distance
    /// to the nearer end times L² beyond them). So the farthest point is always the first of
    /// equals, which the straight runs left out rely on. Points of one outline lie within
    /// `maximumSpan` half cells of each other, so the products stay below 2⁶⁰.
    private func mark(_ points: UnsafeBufferPointer<ContourPoint>, from first: Int, to last: Int,
                      keep: UnsafeMutableBufferPointer<Bool>) {
        var stack = [(first, last)]
        let limit = tolerance * tolerance
        while let (a, b) = stack.popLast() {
            guard b > a + 1 else { continue }
            let ax = Int64(points[a].x), ay = Int64(points[a].y)
            let dx = Int64(points[b].x) - ax, dy = Int64(points[b].y) - ay
            let lengthSquared = dx * dx + dy * dy
            var worst: Int64 = -1, worstIndex = a
            for index in (a + 1)..<b {
                let px = Int64(points[index].x) - ax, py = Int64(points[index].y) - ay
                let distance: Int64
                let along = px * dx + py * dy
                if along <= 0 {
                    distance = (px * px + py * py) * max(lengthSquared, 1)
                } else if along >= lengthSquared {
                    // Distance to the segment (not the line), so spikes along it are kept.
                    let ex = px - dx, ey = py - dy
                    distance = (ex * ex + ey * ey) * lengthSquared
                } else {
                    let cross = px * dy - py * dx
                    distance = cross * cross
                }
                if distance > worst { worst = distance; worstIndex = index }
            }
            if Double(worst) > limit * Double(max(lengthSquared, 1)) {
                keep[worstIndex] = true
                stack.append((worstIndex, b))
                stack.append((a, worstIndex))
            }
        }
    }

    /// How far apart (half cells, in x and in y) the points of one outline may lie: a tile of
    /// `ServiceAreaRaster` spans a few thousand.
    static let maximumSpan: Int32 = 1 << 14
}
