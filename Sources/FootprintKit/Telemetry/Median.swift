/// The median of a list of numbers: the middle value, or the mean of the two middle values of an even count.
enum Median {
    /// The median of `values`; 0 for none.
    static func of(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
