/// The median of a list of numbers: the middle value, or the mean of the two middle values of an even count.
enum Median {
    /// The median of `values`, as of the sorted values; 0 for none. The middle values are found in linear time
    /// (``value(atRank:of:)``) unless one is NaN, which has no rank.
    static func of(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let middle = values.count / 2
        guard !values.contains(where: \.isNaN) else {
            let sorted = values.sorted()
            return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        }
        let upper = value(atRank: middle, of: values)
        return values.count % 2 == 1 ? upper : (value(atRank: middle - 1, of: values) + upper) / 2
    }

    /// The value of rank `rank` (from 0) among `values` (no NaN), as `values.sorted()[rank]` gives it, found by
    /// partitioning in linear time on average; a range that partitions badly (hostile input) is sorted instead.
    /// `values` is taken, and partitioned in place when the caller has no further use for it.
    static func value(atRank rank: Int, of values: consuming [Double]) -> Double {
        precondition(values.indices.contains(rank), "rank out of range")
        var low = 0
        var high = values.count - 1
        // Twice the rounds that halving the range would take, and a few more for short ranges.
        var roundsLeft = 2 * (Int.bitWidth - values.count.leadingZeroBitCount) + 8
        while low < high {
            guard roundsLeft > 0 else {
                values[low...high].sort()
                break
            }
            roundsLeft -= 1
            // Median of three as the pivot, then a three-way partition: equal values end the search at once.
            let middle = low + (high - low) / 2
            let pivot = max(min(values[low], values[middle]), min(max(values[low], values[middle]), values[high]))
            var less = low
            var index = low
            var greater = high
            while index <= greater {
                if values[index] < pivot {
                    values.swapAt(less, index)
                    less += 1
                    index += 1
                } else if values[index] > pivot {
                    values.swapAt(index, greater)
                    greater -= 1
                } else {
                    index += 1
                }
            }
            if rank < less {
                high = less - 1
            } else if rank > greater {
                low = greater + 1
            } else {
                return pivot
            }
        }
        return values[rank]
    }
}
