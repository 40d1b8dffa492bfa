/// A jump in a log's local wall-clock times between two consecutive rows: back (by at least 15 minutes) or
/// forward (by at least 30 minutes, at most 3 hours), as a daylight-saving change makes it.
public struct LocalClockStep: Sendable, Hashable {
    /// The local times (seconds since 1970-01-01 00:00 of the local clock) of the row before and the row after.
    public var beforeSeconds: Double
    public var afterSeconds: Double
    /// How far either side of the change the rows may lie: about the log's sampling interval.
    public var slackSeconds: Double

    static let smallestBackSeconds = 900.0
    static let smallestForwardSeconds = 1800.0
    static let largestForwardSeconds = 3 * 3600.0

    /// The steps in `localSeconds` (the times in row order), at most `limit` of them.
    static func find(in localSeconds: [Double], slackSeconds: Double, limit: Int = 8) -> [LocalClockStep] {
        var steps: [LocalClockStep] = []
        for index in localSeconds.indices.dropFirst() where steps.count < limit {
            let before = localSeconds[index - 1]
            let after = localSeconds[index]
            let change = after - before
            guard change.isFinite,
                change <= -smallestBackSeconds || (change >= smallestForwardSeconds && change <= largestForwardSeconds)
            else { continue }
            steps.append(LocalClockStep(beforeSeconds: before, afterSeconds: after, slackSeconds: slackSeconds))
        }
        return steps
    }

    /// Whether a zone changing offset by `transition` makes this step: the row before lies just before the change
    /// on the old wall clock and the row after just after it on the new one.
    public func isMade(by transition: ZoneTransition) -> Bool {
        guard (afterSeconds < beforeSeconds) == transition.repeatsLocalTime else { return false }
        let changeLocal = transition.localBeforeSeconds
        let resumeLocal = transition.localAfterSeconds
        return beforeSeconds < changeLocal && beforeSeconds >= changeLocal - slackSeconds
            && afterSeconds >= resumeLocal && afterSeconds <= resumeLocal + slackSeconds
    }
}
