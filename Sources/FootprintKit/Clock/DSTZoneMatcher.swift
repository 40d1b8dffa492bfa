/// Names the zones whose daylight-saving rules make a step seen in a log's local times, from a short list of
/// well-known zones with daylight saving time (read from the system's tz database, so the rules of the step's
/// year apply).
public enum DSTZoneMatcher {
    /// The zones tried, sorted: the most-used zone of each daylight-saving rule and offset, and a few neighbours
    /// that share one so that a reader recognises their own.
    static let candidateIdentifiers = [
        "Africa/Cairo", "America/Anchorage", "America/Chicago", "America/Denver", "America/Halifax",
        "America/Los_Angeles", "America/Mexico_City", "America/New_York", "America/Santiago", "America/Sao_Paulo",
        "America/St_Johns", "America/Toronto", "America/Vancouver", "Asia/Jerusalem", "Asia/Tehran",
        "Australia/Adelaide", "Australia/Melbourne", "Australia/Sydney", "Europe/Amsterdam", "Europe/Athens",
        "Europe/Berlin", "Europe/Brussels", "Europe/Dublin", "Europe/Helsinki", "Europe/Lisbon", "Europe/London",
        "Europe/Madrid", "Europe/Paris", "Europe/Rome", "Europe/Stockholm", "Europe/Warsaw", "Europe/Zurich",
        "Pacific/Auckland",
    ]

    /// A step matched to a change of offset, with the zones that change so at that instant.
    public struct Match: Sendable, Hashable {
        public var step: LocalClockStep
        public var transition: ZoneTransition
        /// Sorted IANA identifiers.
        public var zones: [String]
    }

    /// The change that makes `step` and the zones that make it, or nil when no listed zone does. When zones of
    /// different offsets make it (they cannot at the same local instant, but may within the slack), the change
    /// made by the most zones wins, then the earliest.
    public static func match(_ step: LocalClockStep) -> Match? {
        var byTransition: [ZoneTransition: [String]] = [:]
        for identifier in candidateIdentifiers {
            guard let rules = ZoneRules(identifier: identifier) else { continue }
            // The step's UTC instant lies within 15 h of its local time, whatever the zone.
            for transition in rules.transitions(nearUTC: step.beforeSeconds, hours: 15)
            where step.isMade(by: transition) {
                byTransition[transition, default: []].append(identifier)
            }
        }
        let best = byTransition.max {
            ($0.value.count, -$0.key.utcSeconds, $0.key.offsetBeforeSeconds)
                < ($1.value.count, -$1.key.utcSeconds, $1.key.offsetBeforeSeconds)
        }
        return best.map { Match(step: step, transition: $0.key, zones: $0.value.sorted()) }
    }
}
