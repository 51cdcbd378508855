/// What a mobility profile changes for the dwellings of one area, compared with walking
/// (`standaard`): the detour, who loses a facility altogether, and how far the tags can be
/// trusted.
public struct MobilityFigures: Sendable, Equatable {
    /// Median over dwellings and categories of (profile distance ÷ standaard distance), for
    /// pairs reachable on both; nil when there are none.
    public var detourMedian: Double?
    /// The 90th percentile (nearest rank: the ⌈0.9·n⌉-th smallest) of the same ratios: where
    /// most pairs are unchanged the median is 1 and hides the long detours a few dwellings
    /// make; this shows them. Nil when there are no pairs.
    public var detourP90: Double?
    /// Routable dwellings for which at least one category is within the largest threshold
    /// walking but not within the search bound with the profile (a facility lost, not a
    /// facility that moved past the bound).
    public var lostReach: Int
    /// Share of routable dwellings whose route to at least one category (with the profile)
    /// crosses a way or node of unknown accessibility; nil without routable dwellings.
    public var unknownShare: Double?

    /// What the figures are made of, per area: counts and the detour ratios that are not 1.
    /// Counted once per buurt, it gives the wijken, the gemeenten and the whole run (`run.json`)
    /// by `regrouped` without another pass over every dwelling's distances; `figures()` turns it
    /// into the figures per area.
    struct Tally {
        /// Per area the ratios above 1 (most pairs are not changed at all: those are counted).
        var ratios: [[Float]]
        var unchanged: [Int]
        var lost: [Int]
        var unknown: [Int]
        var counted: [Int]

        init(areaCount: Int) {
            ratios = [[Float]](repeating: [], count: areaCount)
            unchanged = [Int](repeating: 0, count: areaCount)
            lost = unchanged; unknown = unchanged; counted = unchanged
        }

        /// `dwellingArea[d]` is the area of dwelling `d` (-1: none), `routable[d]` whether it
        /// counts, `standaard` and `profile` the distances of the two networks.
        init(areaCount: Int, dwellingArea: [Int32], routable: [Bool], standaard: CategoryDistances,
             profile: CategoryDistances, lostWithin: Float) {
            self.init(areaCount: areaCount)
            var ratios = self.ratios, unchanged = self.unchanged, lost = self.lost, unknown = self.unknown, counted = self.counted
            let categoryCount = standaard.perCategory.count
            withBuffers(standaard.perCategory.map(\.distance)) { walkingDistance in
                withBuffers(profile.perCategory.map(\.distance)) { aidedDistance in
                    withBuffers(profile.perCategory.map(\.routeUnknown)) { routeUnknown in
                        for d in dwellingArea.indices where routable[d] {
                            let area = Int(dwellingArea[d])
                            guard area >= 0 else { continue }
                            counted[area] += 1
                            var loses = false, uncertain = false
                            for c in 0..<categoryCount {
                                let walking = walkingDistance[c][d], aided = aidedDistance[c][d]
                                if walking < lostWithin && !aided.isFinite { loses = true }
                                if walking.isFinite && aided.isFinite && walking > 0 {
                                    let ratio = aided / walking
                                    if ratio <= 1 { unchanged[area] += 1 } else { ratios[area].append(ratio) }
                                }
                                if aided.isFinite && !routeUnknown[c].isEmpty && routeUnknown[c][d] { uncertain = true }
                            }
                            if loses { lost[area] += 1 }
                            if uncertain { unknown[area] += 1 }
                        }
                    }
                }
            }
            self.ratios = ratios; self.unchanged = unchanged; self.lost = lost; self.unknown = unknown; self.counted = counted
        }

        /// The same tallied per larger area: `areaOf[i]` is the area of this tally's area `i` (-1: none).
        func regrouped(_ areaOf: [Int32], areaCount: Int) -> Tally {
            var result = Tally(areaCount: areaCount)
            for (i, area) in areaOf.enumerated() where area >= 0 {
                let a = Int(area)
                result.ratios[a].append(contentsOf: ratios[i])
                result.unchanged[a] += unchanged[i]; result.lost[a] += lost[i]
                result.unknown[a] += unknown[i]; result.counted[a] += counted[i]
            }
            return result
        }

        func figures() -> [MobilityFigures] {
            ratios.indices.map { area in
                var values = ratios[area]
                let ones = unchanged[area], count = ones + values.count
                // The k-th smallest of all pairs: 1 for the unchanged ones, then the others in order
                // (selected, not sorted: at most three ranks are asked for; the order they were
                // tallied in does not matter).
                func smallest(_ k: Int) -> Double {
                    guard k >= ones else { return 1 }
                    OrderStatistic.select(k - ones, in: &values)
                    return Double(values[k - ones])
                }
                let p90Rank = (9 * count + 9) / 10 - 1  // ⌈0.9·count⌉ - 1
                let median: Double? = count == 0 ? nil
                    : count % 2 == 1 ? smallest(count / 2)
                    : (smallest(count / 2 - 1) + smallest(count / 2)) / 2
                return MobilityFigures(detourMedian: median, detourP90: count == 0 ? nil : smallest(p90Rank), lostReach: lost[area],
                                       unknownShare: counted[area] == 0 ? nil : Double(unknown[area]) / Double(counted[area]))
            }
        }
    }
}
