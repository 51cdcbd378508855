import Testing
@testable import Nabijheid

@Suite struct BuurtFiguresTests {
    static let inf = Float.infinity

    /// The median the figures use (`OrderStatistic`), of values given in any order.
    static func median(_ values: [Float]) -> Double? {
        var values = values
        return OrderStatistic.median(of: &values)
    }

    @Test func medianOfOddAndEvenCounts() {
        #expect(Self.median([7]) == 7)
        #expect(Self.median([100, 200, 300]) == 200)
        // (200 + 300) / 2
        #expect(Self.median([100, 200, 300, 400]) == 250)
        #expect(Self.median([100, 100.5]) == 100.25)
    }

    @Test func medianWithSomeUnreachable() {
        // Infinity counts as farther than any distance; a minority of them still gives a median.
        #expect(Self.median([100, 200, Self.inf]) == 200)
        #expect(Self.median([100, 200, 300, Self.inf]) == 250)
        #expect(Self.median([100, 200, 300, Self.inf, Self.inf]) == 300)
    }

    @Test func medianIsNilWhenMoreThanHalfUnreachable() {
        #expect(Self.median([Self.inf]) == nil)
        #expect(Self.median([100, Self.inf, Self.inf]) == nil)
        #expect(Self.median([100, 200, Self.inf, Self.inf, Self.inf]) == nil)
        #expect(Self.median([100, Self.inf, Self.inf, Self.inf]) == nil)
    }

    /// With an even count the median is the mean of the middle two; when exactly half are
    /// unreachable the upper one is infinite, so the median lies beyond the search bound and is
    /// nil (docs/schema.md: "half or more").
    @Test func medianIsNilWhenExactlyHalfUnreachable() {
        #expect(Self.median([100, 200, Self.inf, Self.inf]) == nil)
        #expect(Self.median([100, 200, 300, Self.inf]) == 250)
    }

    /// Four buurten, two categories, thresholds 500 and 1000 m.
    ///
    /// | dwelling | buurt | outcome        | category 0 | category 1 |
    /// |----------|-------|----------------|------------|------------|
    /// | 0        | 0     | inBuurt        | 100        | ∞          |
    /// | 1        | 0     | inBuurt        | 500        | 300        |
    /// | 2        | 0     | inBuurt        | 999.5      | ∞          |
    /// | 3        | 0     | inBuurt        | 1000       | ∞          |
    /// | 4        | 0     | inBuurt        | ∞          | ∞          |
    /// | 5, 6     | 0     | notRoutable    | ∞          | ∞          |
    /// | 7        | -1    | outsideBuurten | 50         | 50         |
    /// | 8        | 1     | notRoutable    | ∞          | ∞          |
    /// | 9        | 3     | inBuurt        | 700        | 200        |
    /// | 10       | 3     | inBuurt        | 900        | 400        |
    /// Buurt 2 has no dwellings.
    static func figures() -> [BuurtFigures] {
        let inf = Self.inf
        let buurt: [Int32] = [0, 0, 0, 0, 0, 0, 0, -1, 1, 3, 3]
        let outcomes: [DwellingOutcome] = [.inBuurt, .inBuurt, .inBuurt, .inBuurt, .inBuurt, .notRoutable, .notRoutable,
                                           .outsideBuurten, .notRoutable, .inBuurt, .inBuurt]
        let category0: [Float] = [100, 500, 999.5, 1000, inf, inf, inf, 50, inf, 700, 900]
        let category1: [Float] = [inf, 300, inf, inf, inf, inf, inf, 50, inf, 200, 400]
        func result(_ distance: [Float]) -> NearestFacilitySearch.Result {
            .init(distance: distance, facility: distance.map { $0.isFinite ? 0 : NearestFacilitySearch.noFacility })
        }
        // Two facilities, one per category; facility-to-facility distances play no part in the figures.
        let distances = CategoryDistances(perCategory: [result(category0), result(category1)], facilityIndices: [[0], [1]],
                                          facilityToCategory: [result([0, 100]), result([100, 0])])
        return BuurtFigures.compute(buurtCount: 4, dwellingBuurt: buurt, outcomes: outcomes,
                                    distances: distances, thresholds: [500, 1000])
    }

    @Test func countsIncludeNonRoutableDwellings() {
        let figures = Self.figures()
        #expect(figures.count == 4)
        // Buurt 0: 5 routable + 2 non-routable; dwelling 7 (outside all buurten) is not counted.
        #expect(figures[0].dwellings == 7)
        #expect(figures[0].notRoutable == 2)
        #expect(figures[0].routable == 5)
        #expect(figures[1].dwellings == 1)
        #expect(figures[1].notRoutable == 1)
        #expect(figures[1].routable == 0)
        #expect(figures[2].dwellings == 0)
        #expect(figures[3].dwellings == 2)
        #expect(figures[3].notRoutable == 0)
    }

    @Test func sharesAreStrictlyBelowThresholdOverRoutableDwellings() {
        let b0 = Self.figures()[0]
        // Category 0 over the 5 routable dwellings [100, 500, 999.5, 1000, ∞]:
        // < 500: only 100 (500 itself is not below 500) → 1/5; < 1000: 100, 500, 999.5 → 3/5.
        #expect(b0.categories[0].shareWithin == [0.2, 0.6])
        // The non-routable dwellings 5 and 6 are not in the denominator (else 1/7, 3/7).
        #expect(b0.categories[0].median == 999.5)
        // Category 1 [300, ∞, ∞, ∞, ∞]: 1/5 below both thresholds; 4 of 5 unreachable → no median.
        #expect(b0.categories[1].shareWithin == [0.2, 0.2])
        #expect(b0.categories[1].median == nil)
    }

    @Test func buurtWithoutRoutableDwellingsHasNoFigures() {
        let figures = Self.figures()
        for buurt in [1, 2] {
            #expect(figures[buurt].categories.count == 2)
            for category in figures[buurt].categories {
                #expect(category.shareWithin == [nil, nil])
                #expect(category.median == nil)
            }
        }
    }

    @Test func evenCountMedianInBuurt() {
        let b3 = Self.figures()[3]
        // Category 0 [700, 900]: none below 500, both below 1000; median (700 + 900) / 2 = 800.
        #expect(b3.categories[0].shareWithin == [0, 1])
        #expect(b3.categories[0].median == 800)
        // Category 1 [200, 400]: both below 500; median 300.
        #expect(b3.categories[1].shareWithin == [1, 1])
        #expect(b3.categories[1].median == 300)
    }

    @Test func thresholdComparisonUsesTheFloatDistance() {
        // 999.99994 is the Float just below 1000: within; 1000 exactly: not within.
        let below = Float(1000).nextDown
        let distances = CategoryDistances(
            perCategory: [.init(distance: [below, 1000], facility: [0, 0])], facilityIndices: [[0]],
            facilityToCategory: [.init(distance: [0], facility: [0])])
        let figures = BuurtFigures.compute(buurtCount: 1, dwellingBuurt: [0, 0], outcomes: [.inBuurt, .inBuurt],
                                           distances: distances, thresholds: [1000])
        #expect(figures[0].categories[0].shareWithin == [0.5])
    }
}
