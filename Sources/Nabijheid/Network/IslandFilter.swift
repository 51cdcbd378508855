/// Which nodes stay when fragments smaller than a minimum are removed: union-find over the
/// segments, the largest fragment always kept.
struct IslandFilter {
    /// New index per old node (kept nodes numbered in their old order), -1 when removed.
    let newIndex: [Int32]
    let keptNodeCount: Int
    /// Fragments removed for being too small.
    let removedFragments: Int

    init(nodeCount n: Int, from: [Int32], to: [Int32], minimumIslandNodes: Int) {
        var parent = [Int32](0..<Int32(n))
        func root(_ v: Int32) -> Int32 {
            var v = v
            while parent[Int(v)] != v {
                parent[Int(v)] = parent[Int(parent[Int(v)])]
                v = parent[Int(v)]
            }
            return v
        }
        for s in from.indices {
            let a = root(from[s]), b = root(to[s])
            if a != b { parent[Int(max(a, b))] = min(a, b) }
        }
        var size = [Int32](repeating: 0, count: n)
        var roots = [Int32](repeating: 0, count: n)
        for v in 0..<n {
            roots[v] = root(Int32(v))
            size[Int(roots[v])] += 1
        }
        let largest = size.indices.max { size[$0] < size[$1] } ?? 0
        removedFragments = (0..<n).filter { roots[$0] == Int32($0) && Int(size[$0]) < minimumIslandNodes && $0 != largest }.count
        var index = [Int32](repeating: -1, count: n)
        var kept: Int32 = 0
        for v in 0..<n {
            let r = Int(roots[v])
            if Int(size[r]) >= minimumIslandNodes || r == largest {
                index[v] = kept
                kept += 1
            }
        }
        newIndex = index
        keptNodeCount = Int(kept)
    }
}
