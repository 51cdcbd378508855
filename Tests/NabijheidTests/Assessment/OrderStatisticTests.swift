import Testing
@testable import Nabijheid

/// The selection behind every median and percentile, against the plain reference: sort and index.
@Suite struct OrderStatisticTests {
    /// Values as areas have them: many equal distances, unreachable ones (`.infinity`), runs
    /// already in order or reversed (the shapes that defeat naive pivots), and lengths from
    /// empty to past the insertion-sort cut-off and the fallback depth.
    static func values(_ random: inout SeededRandom, case index: Int) -> [Float] {
        let count = index % 7 == 0 ? Int(random.next() % 4) : Int(random.next() % 3_000)
        let distinct = [2, 5, 50, 100_000][index % 4]
        var values = (0..<count).map { _ -> Float in
            random.unit() < 0.15 ? .infinity : Float(random.next() % UInt64(distinct)) * 12.5
        }
        switch index % 5 {
        case 1: values.sort()
        case 2: values.sort(by: >)
        case 3: values = values.indices.map { Float($0 % 17) }  // an organ-pipe-like pattern
        default: break
        }
        return values
    }

    /// The plain reference: the median read off sorted values (`.infinity` largest, nil when the
    /// middle is not finite).
    static func median(ofSorted values: [Float]) -> Double? {
        let n = values.count
        let middle = n % 2 == 1 ? Double(values[n / 2]) : (Double(values[n / 2 - 1]) + Double(values[n / 2])) / 2
        return middle.isFinite ? middle : nil
    }

    @Test func selectionPutsTheValueASortWouldAndSplitsAroundIt() {
        var random = SeededRandom(seed: 20261203)
        for index in 0..<400 {
            let original = Self.values(&random, case: index)
            guard !original.isEmpty else { continue }
            let sorted = original.sorted()
            for k in Set([0, original.count / 2, original.count - 1, Int(random.next() % UInt64(original.count))]) {
                var values = original
                OrderStatistic.select(k, in: &values)
                #expect(values[k] == sorted[k], "case \(index), rank \(k) of \(original.count)")
                #expect(values[..<k].allSatisfy { $0 <= values[k] } && values[(k + 1)...].allSatisfy { $0 >= values[k] })
                #expect(values.sorted() == sorted, "a selection only reorders")
            }
        }
    }

    @Test func medianAndCountsAgreeWithTheSortedReference() {
        var random = SeededRandom(seed: 7)
        for index in 0..<400 {
            let original = Self.values(&random, case: index)
            var values = original
            let sorted = original.sorted()
            #expect(OrderStatistic.median(of: &values) == (sorted.isEmpty ? nil : Self.median(ofSorted: sorted)), "case \(index)")
            for limit in [0.0, 12.5, 100, 1_000, 1e12] {
                #expect(OrderStatistic.count(of: original, below: limit) == sorted.partitioningIndex { Double($0) >= limit })
            }
        }
    }

    @Test func exactlyHalfUnreachableHasNoMedian() {
        var values: [Float] = [.infinity, 300, .infinity, 100]
        #expect(OrderStatistic.median(of: &values) == nil)
        values = [.infinity, 300, 200, 100]
        #expect(OrderStatistic.median(of: &values) == 250)
    }
}
