extension Array {
    /// The first index whose element satisfies `predicate`, in an array where the predicate is
    /// false before it and true from it on (a sorted array asked "≥ x": its lower bound).
    /// - Complexity: O(log n).
    @inlinable
    func partitioningIndex(where predicate: (Element) -> Bool) -> Int {
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if predicate(self[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }

    /// The indices of the elements equal to `value` in an array sorted ascending.
    /// - Complexity: O(log n + k) for k equal elements.
    func equalRange(of value: Element) -> Range<Int> where Element: Comparable {
        let low = partitioningIndex { $0 >= value }
        var end = low
        while end < count && self[end] == value { end += 1 }
        return low..<end
    }
}
