/// The k-th smallest of an area's values without sorting them all. Medians and the 90th
/// percentile of every area and category are order statistics; a full sort is O(n log n) for
/// each, where a selection is O(n) on average. At 8 M dwellings, three area levels and seven
/// categories that is the difference between sorting 170 million values and partitioning them.
///
/// Written here rather than taken from a library: swift-algorithms has partial sorts
/// (`min(count:)`) that allocate, but no in-place selection.
enum OrderStatistic {
    /// Rearranges `values` so that `values[k]` is the value a full ascending sort would put there,
    /// with nothing larger before it and nothing smaller after it (C++'s `nth_element`).
    /// Introselect: median-of-three pivots with a three-way partition (runs of equal distances,
    /// unreachable `.infinity`, are settled at once); after 2·log₂ n rounds without success the
    /// rest is sorted, so the worst case stays O(n log n). NaN is not expected.
    static func select(_ k: Int, in values: inout [Float]) {
        precondition(values.indices.contains(k), "rank \(k) outside 0..<\(values.count)")
        values.withUnsafeMutableBufferPointer { buffer in
            var low = 0, high = buffer.count  // the rank lies in low..<high
            var budget = 2 * (Int.bitWidth - buffer.count.leadingZeroBitCount)
            while high - low > 16 {
                if budget == 0 {
                    var rest = UnsafeMutableBufferPointer(rebasing: buffer[low..<high])
                    rest.sort()
                    return
                }
                budget -= 1
                let pivot = medianOfThree(buffer[low], buffer[(low + high) / 2], buffer[high - 1])
                // Dutch national flag: [low, less) < pivot, [less, i) == pivot, (greater, high) > pivot.
                var less = low, i = low, greater = high - 1
                while i <= greater {
                    let value = buffer[i]
                    if value < pivot {
                        buffer.swapAt(i, less); less += 1; i += 1
                    } else if value > pivot {
                        buffer.swapAt(i, greater); greater -= 1
                    } else {
                        i += 1
                    }
                }
                if k < less { high = less } else if k > greater { low = greater + 1 } else { return }
            }
            // A short range: insertion sort.
            if high - low > 1 {
                for i in (low + 1)..<high {
                    let value = buffer[i]
                    var j = i
                    while j > low && buffer[j - 1] > value { buffer[j] = buffer[j - 1]; j -= 1 }
                    buffer[j] = value
                }
            }
        }
    }

    /// The median of the values in any order, `values` reordered: the middle one, or for an even
    /// count the mean of the middle two; `.infinity` (unreachable) counts as larger than any
    /// distance, and a middle that is not finite (exactly half unreachable or more) gives nil, as
    /// does an empty array.
    static func median(of values: inout [Float]) -> Double? {
        let n = values.count
        guard n > 0 else { return nil }
        select(n / 2, in: &values)
        var middle = Double(values[n / 2])
        if n % 2 == 0 {
            // After the selection every value below n/2 is ≤ it: the (n/2 − 1)-th is their largest.
            let below = values[0..<(n / 2)].max()!
            middle = (Double(below) + middle) / 2
        }
        return middle.isFinite ? middle : nil
    }

    /// How many values lie strictly below `limit` ("< 1000 m" as the sources count), in any order.
    static func count(of values: [Float], below limit: Double) -> Int {
        var within = 0
        for value in values where Double(value) < limit { within += 1 }
        return within
    }

    private static func medianOfThree(_ a: Float, _ b: Float, _ c: Float) -> Float {
        a < b ? (b < c ? b : (a < c ? c : a)) : (a < c ? a : (b < c ? c : b))
    }
}
