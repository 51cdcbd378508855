/// Douglas–Peucker simplification of grid outlines (`ContourPoint`s): turns the 45° steps of a
/// road at any angle into one straight edge, keeping every removed point within `tolerance`
/// half cells of the result. Only original points are kept, so coordinates stay whole.
///
/// Outlines of the tracer are at least 1.41 half cells apart; with a tolerance below 0.7 (less than half of 1.41) they
/// stay apart after simplifying each on its own, so rings neither cross nor touch.
struct ContourSimplifier {
    let tolerance: Double

    /// Simplifies an open chain (ends kept) or a closed ring (first point repeated at the end;
    /// at least three distinct points kept).
    /// - Complexity: O(n log n) typical, O(n²) worst case, for n points.
    func simplify(_ points: inout [ContourPoint], closed: Bool) {
        let count = points.count
        guard count > 3 else { return }
        var keep = [Bool](repeating: false, count: count)
        keep[0] = true; keep[count - 1] = true
        if closed {
            // Split the ring at the point farthest from its start.
            var far = 0, farDistance: Int64 = -1
            let start = points[0]
            for (index, point) in points.enumerated() {
                let dx = Int64(point.x - start.x), dy = Int64(point.y - start.y)
                if dx * dx + dy * dy > farDistance { farDistance = dx * dx + dy * dy; far = index }
            }
            keep[far] = true
            mark(points, from: 0, to: far, keep: &keep)
            mark(points, from: far, to: count - 1, keep: &keep)
            if keep.lazy.filter({ $0 }).count < 4 { return }
        } else {
            mark(points, from: 0, to: count - 1, keep: &keep)
        }
        var kept = 0
        for index in 0..<count where keep[index] { points[kept] = points[index]; kept += 1 }
        points.removeLast(count - kept)
    }

    private func mark(_ points: [ContourPoint], from first: Int, to last: Int, keep: inout [Bool]) {
        var stack = [(first, last)]
        let limit = tolerance * tolerance
        while let (a, b) = stack.popLast() {
            guard b > a + 1 else { continue }
            let ax = Double(points[a].x), ay = Double(points[a].y)
            let dx = Double(points[b].x) - ax, dy = Double(points[b].y) - ay
            let lengthSquared = dx * dx + dy * dy
            var worst = -1.0, worstIndex = a
            for index in (a + 1)..<b {
                let px = Double(points[index].x) - ax, py = Double(points[index].y) - ay
                let distance: Double
                if lengthSquared == 0 {
                    distance = px * px + py * py
                } else {
                    // Distance to the segment (not the line), so spikes along it are kept.
                    let along = min(max((px * dx + py * dy) / lengthSquared, 0), 1)
                    let ex = px - along * dx, ey = py - along * dy
                    distance = ex * ex + ey * ey
                }
                if distance > worst { worst = distance; worstIndex = index }
            }
            if worst > limit {
                keep[worstIndex] = true
                stack.append((worstIndex, b))
                stack.append((a, worstIndex))
            }
        }
    }
}
