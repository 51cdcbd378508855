/// The figures of one buurt for one category.
public struct CategoryFigures: Sendable, Equatable {
    /// Share of the buurt's routable dwellings within each threshold (same order as the
    /// thresholds), nil when the buurt has no routable dwelling.
    public var shareWithin: [Double?]
    /// Median walking distance over the routable dwellings; nil when there are none or when
    /// half or more have no facility within the search cutoff (the median is then beyond it).
    public var median: Double?
}

/// Per-buurt aggregates: dwelling counts and, per category, shares within thresholds and the
/// median distance. Shares are over routable dwellings; non-routable ones are counted apart.
public struct BuurtFigures: Sendable, Equatable {
    public var dwellings: Int
    public var notRoutable: Int
    public var categories: [CategoryFigures]
    /// Dwellings of a geclusterde woonvorm (R10), all dwellings of the area counted.
    public var clustered: Int = 0
    /// Per configured suitability level, dwellings at that level or better (R6).
    public var suitabilityAtLeast: [Int] = []
    /// Response times from 24-hour care bases (R8), when computed.
    public var careResponse: CareResponseFigures? = nil

    public var routable: Int { dwellings - notRoutable }

    /// - Complexity: O(d) on average per category for the d dwellings of all buurten (medians by selection).
    /// Works for any grouping of dwellings into areas: `dwellingBuurt` gives each dwelling's area
    /// (-1 for none), `buurtCount` the number of areas.
    public static func compute(buurtCount: Int, dwellingBuurt: [Int32], outcomes: [DwellingOutcome],
                               distances: CategoryDistances, thresholds: [Double],
                               dwellings: [Dwelling] = [], suitabilityLevels: Int = 0, threads: Int = 1) -> [BuurtFigures] {
        // The routable dwellings of each area in one list, area after area, in dwelling order
        // (a counting sort: an array per area cost an append with its checks per dwelling).
        var memberStart = [Int](repeating: 0, count: buurtCount + 1)
        var notRoutable = [Int](repeating: 0, count: buurtCount)
        var clustered = [Int](repeating: 0, count: buurtCount)
        var suitability = [[Int]](repeating: [Int](repeating: 0, count: suitabilityLevels), count: buurtCount)
        for (dwelling, buurt) in dwellingBuurt.enumerated() where buurt >= 0 {
            if dwelling < dwellings.count {
                if dwellings[dwelling].clustered { clustered[Int(buurt)] += 1 }
                let level = Int(dwellings[dwelling].suitability)
                if level >= 0 && suitabilityLevels > 0 { for l in 0...min(level, suitabilityLevels - 1) { suitability[Int(buurt)][l] += 1 } }
            }
            switch outcomes[dwelling] {
            case .inBuurt: memberStart[Int(buurt) + 1] += 1
            case .notRoutable: notRoutable[Int(buurt)] += 1
            case .outsideBuurten: break
            }
        }
        for buurt in 0..<buurtCount { memberStart[buurt + 1] += memberStart[buurt] }
        var members = [Int32](repeating: 0, count: memberStart[buurtCount])
        var next = memberStart
        for (dwelling, buurt) in dwellingBuurt.enumerated() where buurt >= 0 && outcomes[dwelling] == .inBuurt {
            members[next[Int(buurt)]] = Int32(dwelling)
            next[Int(buurt)] += 1
        }
        // Areas are independent; they are spread over the threads (the order of the result does not change).
        return parallelMap(buurtCount, threads: threads) { buurt in
            let routable = members[memberStart[buurt]..<memberStart[buurt + 1]]
            let categories = distances.perCategory.map { result -> CategoryFigures in
                var values = routable.map { result.distance[Int($0)] }
                guard !values.isEmpty else {
                    return CategoryFigures(shareWithin: thresholds.map { _ in nil }, median: nil)
                }
                let shares = thresholds.map { threshold -> Double? in
                    // Strictly below the threshold: "< 1000 m" in the sources.
                    Double(OrderStatistic.count(of: values, below: threshold)) / Double(values.count)
                }
                return CategoryFigures(shareWithin: shares, median: OrderStatistic.median(of: &values))
            }
            return BuurtFigures(dwellings: routable.count + notRoutable[buurt], notRoutable: notRoutable[buurt], categories: categories,
                                clustered: clustered[buurt], suitabilityAtLeast: suitability[buurt])
        }
    }
}
