/// Every way a list of points (dwellings, or facilities) joins the walk graph: each point's
/// link to its nearest segment and, for the few points that a mobility profile linked anew
/// (their nearest segment is steps, say, and the profile cannot use it), that profile's link too.
///
/// Walking may use any of a point's links: a facility is a source of the search at each of them,
/// and a dwelling's distance is the shortest over its links. So every route of a profile is
/// also a walking route, over arcs at most as long, and no profile distance is ever shorter than
/// the walking one (rollator ≥ standaard) by construction.
public struct PointLinks: Sendable {
    /// The nearest-segment link of every point.
    public var nearest: [NetworkLink]
    /// The further links, ordered by point, then by the order they were added.
    public var extra: [NetworkLink]
    /// `extraPoint[i]`: the point that `extra[i]` belongs to.
    public var extraPoint: [Int32]

    /// Points with only their nearest-segment link.
    public init(_ nearest: [NetworkLink]) {
        self.nearest = nearest
        extra = []
        extraPoint = []
    }

    /// The nearest-segment links, plus every routable link of `relinked` (one list per mobility
    /// profile, each in point order, of the points it linked anew) that differs from the point's
    /// links so far; a point's further links in the order of the lists.
    public init(nearest: [NetworkLink], relinked: [[(point: Int32, link: NetworkLink)]]) {
        self.init(nearest)
        let all = relinked.enumerated().flatMap { m, list in list.map { (point: $0.point, list: m, link: $0.link) } }
            .sorted { ($0.point, $0.list) < ($1.point, $1.list) }
        var first = 0
        for item in all where item.link.isRoutable && item.link != nearest[Int(item.point)] {
            if extraPoint.last != item.point { first = extra.count }
            guard !extra[first...].contains(item.link) else { continue }
            extra.append(item.link)
            extraPoint.append(item.point)
        }
    }

    public var count: Int { nearest.count }

    /// The further links of point `i`.
    func extraRange(of i: Int) -> Range<Int> {
        extraPoint.equalRange(of: Int32(i))
    }

    /// All links of the points `members` (indices into this list), as search sources: grouped
    /// per member in member order, nearest first. `owner[k]` is the position in `members` of the
    /// point of `links[k]`; it never decreases, so a search that prefers the source listed first
    /// on a tie still prefers the member listed first. `owner` is empty when no member has
    /// further links (then `links[k]` belongs to `members[k]`).
    func sources(_ members: [Int]) -> (links: [NetworkLink], owner: [Int32]) {
        let plain = members.map { nearest[$0] }
        guard !extra.isEmpty else { return (plain, []) }
        var links: [NetworkLink] = [], owner: [Int32] = []
        links.reserveCapacity(members.count)
        owner.reserveCapacity(members.count)
        for (k, member) in members.enumerated() {
            links.append(nearest[member])
            owner.append(Int32(k))
            for e in extraRange(of: member) {
                links.append(extra[e])
                owner.append(Int32(k))
            }
        }
        if links.count == plain.count { return (plain, []) }
        return (links, owner)
    }

    /// One result per point from a search read out at `nearest` and at `extra`: the shortest
    /// distance over the point's links; between links at the same distance, the one whose
    /// facility comes first (then the nearest-segment link), so the result does not depend on
    /// the order of the links. In place: `best` holds the result read out at `nearest` and
    /// becomes the shortest over every link (no copy of a national result's arrays).
    func shortest(into best: inout NearestFacilitySearch.Result, extra further: NearestFacilitySearch.Result) {
        for (e, point) in extraPoint.enumerated() {
            let p = Int(point)
            let distance = further.distance[e], facility = further.facility[e]
            guard distance.isFinite else { continue }
            if distance < best.distance[p] || (distance == best.distance[p] && facility < best.facility[p]) {
                best.distance[p] = distance
                best.facility[p] = facility
                if !best.routeUnknown.isEmpty { best.routeUnknown[p] = further.routeUnknown[e] }
            }
        }
    }
}
