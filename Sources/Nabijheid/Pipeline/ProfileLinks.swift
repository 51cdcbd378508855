/// Where one list of points (dwellings, or facilities) joins every network of a run. On a
/// mobility profile's network a point whose nearest segment the profile cannot use (steps, for
/// a rollator) is linked anew to the nearest segment it can use; the others keep their
/// nearest-segment link. Walking may use every link of a point (see `PointLinks`), so when a
/// profile's link happens to give a shorter route than the nearest segment, walking has that
/// route too.
struct ProfileLinks {
    /// Walking (`standaard`): the nearest-segment link of every point and the profiles' other links.
    var standaard: PointLinks
    /// `relinked[m]`: the points linked anew on mobility profile `m` (in the order given), in
    /// point order, with their link there (`.unroutable` when no usable segment is near enough).
    /// Few points; a profile's full list is made only when asked for (`links(profile:)`).
    var relinked: [[(point: Int32, link: NetworkLink)]]

    /// - Parameters:
    ///   - nearest: the nearest-segment link of every point (`SegmentIndex.link` on the walk graph).
    ///   - position: the position of point `i`; only the points to link anew are looked up.
    init(nearest: [NetworkLink], position: (Int) -> PlanarPoint, mobility: [MobilityNetwork], index: SegmentIndex,
         maxSnap: Double, threads: Int) {
        relinked = mobility.map { network in
            let blocked = nearest.indices.filter { nearest[$0].isRoutable && !network.graph.segmentLength[Int(nearest[$0].segment)].isFinite }
            let links = parallelMap(blocked.count, threads: threads) { k in
                index.link(position(blocked[k]), in: network.graph, maxDistance: maxSnap)
            }
            return zip(blocked, links).map { (point: Int32($0), link: $1) }
        }
        standaard = PointLinks(nearest: nearest, relinked: relinked)
    }

    /// The link of every point on mobility profile `m`.
    func links(profile m: Int) -> [NetworkLink] {
        var links = standaard.nearest
        for (point, link) in relinked[m] { links[Int(point)] = link }
        return links
    }
}
