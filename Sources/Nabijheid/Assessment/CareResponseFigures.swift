/// The response-time figures of one area (R8): over its routable dwellings, the median response
/// time and the shares within 10 and within 30 minutes (the strict and the basic level of the
/// RIGO table). Dwellings the care network does not reach count as beyond every limit.
public struct CareResponseFigures: Sendable, Equatable {
    /// Minutes of the "within" shares, in property order.
    public static let limits: [Double] = [10, 30]

    /// nil when the area has no routable dwelling.
    public var shareWithin: [Double?]
    /// nil when there is no routable dwelling or half or more are not reached.
    public var median: Double?

    /// `figures` with each area's response-time figures added; unchanged without `care`.
    /// - Complexity: O(d) on average for the d dwellings (medians by selection).
    static func attach(_ care: CareResponse?, to figures: [BuurtFigures], dwellingArea: [Int32], outcomes: [DwellingOutcome]) -> [BuurtFigures] {
        guard let care else { return figures }
        var perArea = [[Float]](repeating: [], count: figures.count)
        for (d, area) in dwellingArea.enumerated() where area >= 0 && outcomes[d] == .inBuurt {
            perArea[Int(area)].append(care.minutes[d])
        }
        var result = figures
        for area in result.indices {
            var values = perArea[area]
            guard !values.isEmpty else {
                result[area].careResponse = CareResponseFigures(shareWithin: limits.map { _ in nil }, median: nil)
                continue
            }
            // Strictly below the limit, as R8 counts.
            let shares = limits.map { limit in Double(OrderStatistic.count(of: values, below: limit)) / Double(values.count) }
            result[area].careResponse = CareResponseFigures(shareWithin: shares, median: OrderStatistic.median(of: &values))
        }
        return result
    }
}
