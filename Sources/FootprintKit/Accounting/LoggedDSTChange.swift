/// A daylight-saving change seen in one power log's local times: the step between two rows and the zones whose
/// rules make it.
public struct LoggedDSTChange: Sendable, Hashable {
    /// The log's path relative to the run folder.
    public var path: String
    public var match: DSTZoneMatcher.Match

    /// The changes in logs read with their local times taken as UTC and their samples retained (samples out of
    /// order included), at most one per log and change; logs with zoned times are skipped.
    static func find(in logs: [PowerLog]) -> [LoggedDSTChange] {
        var changes: [LoggedDSTChange] = []
        for log in logs where log.hasLocalTimes {
            var seen: Set<ZoneTransition> = []
            for gpu in log.gpus {
                guard let samples = gpu.trace.retainedSamples else { continue }
                let slack = max(120, 3 * gpu.trace.medianIntervalSeconds)
                for step in LocalClockStep.find(in: samples.map(\.seconds), slackSeconds: slack) {
                    guard let match = DSTZoneMatcher.match(step), !seen.contains(match.transition) else { continue }
                    seen.insert(match.transition)
                    changes.append(LoggedDSTChange(path: log.path, match: match))
                }
            }
        }
        return changes
    }
}
