/// How local timestamps were put on the UTC clock.
public struct ClockAssumption: Sendable, Hashable {
    public enum Source: String, Sendable, Hashable {
        /// The user passed `--tz`.
        case option
        /// Nothing was passed: the zone of the machine running the tool.
        case machine
        /// Nothing was passed: the offset that best lines up GPU activity with the TensorBoard training window.
        case inferred
    }

    public var zone: ClockZone
    public var source: Source
    /// Whether any log had local times (else the zone did not matter).
    public var wasNeeded: Bool
    /// How the offset was inferred, when it was.
    public var inference: OffsetInference?
    /// Daylight-saving changes seen in the logs' local times (looked for only without `--tz`).
    public var dstChanges: [LoggedDSTChange] = []
    /// Whether the zone was chosen by name because a daylight-saving change in the logs fits no fixed offset.
    public var zoneFromDSTChange = false

    /// Whether the zone was assumed rather than given or inferred, and mattered.
    public var isAssumed: Bool { wasNeeded && source == .machine }
}

extension ClockAssumption {
    /// For an inferred fixed offset that is one side of a daylight-saving change seen in the logs, or between its
    /// sides (the best compromise a fixed offset can make across it): reads them in
    /// the first (alphabetically) of the zones whose rules make that change instead, since no fixed offset fits
    /// both sides. Every zone listed has the same offsets either side of that change.
    mutating func chooseZone(fitting changes: [LoggedDSTChange], findings: inout FindingLog) {
        guard source == .inferred, case .fixedOffset(let offset) = zone,
            let change = changes.first(where: {
                let offsets = [$0.match.transition.offsetBeforeSeconds, $0.match.transition.offsetAfterSeconds]
                return (offsets.min()!...offsets.max()!).contains(offset)
            }),
            let identifier = change.match.zones.first
        else { return }
        zone = .named(identifier: identifier)
        zoneFromDSTChange = true
        let others = change.match.zones.dropFirst()
        findings.add(
            Finding(
                .warning, .clockInferred,
                "the power logs' local times change offset at a daylight-saving change (\(ClockZone.formatOffset(change.match.transition.offsetBeforeSeconds)) → \(ClockZone.formatOffset(change.match.transition.offsetAfterSeconds))), which no fixed offset fits: read in \(identifier)\(others.isEmpty ? "" : ", whose rules there are those of \(others.joined(separator: ", ")) too") — pass --tz with the zone the logs were written in"
            ))
    }

    /// This clock once `logs` are read on it: needed when any of them has local times (an inferred clock was needed
    /// by its inference already).
    func reading(_ logs: [PowerLog]) -> ClockAssumption {
        var clock = self
        if source != .inferred { clock.wasNeeded = logs.contains(where: \.hasLocalTimes) }
        return clock
    }
}
