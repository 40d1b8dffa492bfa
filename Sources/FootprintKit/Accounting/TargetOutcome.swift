/// When a ``TrainingTarget`` was met, and the job's energy from the start of training until then.
public struct TargetOutcome: Sendable, Hashable, Codable {
    public var target: TrainingTarget
    /// The tag as found (with its event folder).
    public var displayTag: String
    /// The point that met the target; nil when none did.
    public var step: Int64?
    public var wallTimeSeconds: Double?
    public var value: Double?
    /// Energy of the job's GPUs from the training window's start to that point; nil without power samples.
    public var joules: Double?
    /// The best value the tag reached (lowest for `<`/`<=`, highest for `>`/`>=`).
    public var bestValue: Double?
}
