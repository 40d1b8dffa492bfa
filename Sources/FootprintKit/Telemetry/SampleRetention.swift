/// How many power samples the integrators of one log may keep, together, for a replay on another clock (see
/// ``PowerIntegrator/add(seconds:watts:retention:)``). Shared by the log's integrators so that what they keep
/// stays within one bound however many GPUs and power columns the log has.
struct SampleRetention: Sendable {
    private let limit: Int
    /// Samples admitted so far.
    private(set) var keptCount = 0

    init(limit: Int) {
        self.limit = limit
    }

    /// Admits one more sample, or says that the bound is reached.
    mutating func admit() -> Bool {
        guard keptCount < limit else { return false }
        keptCount += 1
        return true
    }
}
