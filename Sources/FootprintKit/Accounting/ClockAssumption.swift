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
}
