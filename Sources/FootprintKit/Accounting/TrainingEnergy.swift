/// The energy of the job's GPUs over the training window and its surroundings.
public struct TrainingEnergy: Sendable, Hashable {
    /// A kind of pause inside the window, added up.
    public struct PauseTotal: Sendable, Hashable {
        public var kind: TrainingPause.Kind
        public var count: Int
        public var seconds: Double
        public var joules: Double
        /// Share of the pauses' GPU-seconds backed by samples (0–1); nil when they last no time.
        public var coverage: Double?
    }

    /// From the first to the last point of the step tag.
    public var windowJoules: Double
    /// Before the window (start-up) and after it (tear-down), within the power logs.
    public var beforeJoules: Double
    public var afterJoules: Double
    /// Share of the window's job-GPU-seconds backed by samples (0–1): time outside a GPU's logs and its gaps,
    /// bridged or not, are not coverage.
    public var windowCoverage: Double
    public var pauses: [PauseTotal]
    /// Window energy over the steps trained (last − first step); nil with fewer than 2 steps.
    public var joulesPerStep: Double?

    public var outsideJoules: Double { beforeJoules + afterJoules }
}
