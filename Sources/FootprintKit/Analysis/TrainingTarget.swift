/// A metric goal such as `train/loss<=0.5` or `val/acc>=0.9` (`--target`): the report gives the first step that
/// met it and the energy spent until then.
public struct TrainingTarget: Sendable, Hashable, CustomStringConvertible {
    public enum Comparison: String, Sendable, Hashable, CaseIterable {
        case atMost = "<=", atLeast = ">=", below = "<", above = ">"

        func holds(_ value: Double, _ threshold: Double) -> Bool {
            switch self {
            case .atMost: value <= threshold
            case .atLeast: value >= threshold
            case .below: value < threshold
            case .above: value > threshold
            }
        }
    }

    public var tag: String
    public var comparison: Comparison
    public var threshold: Double

    public init(tag: String, comparison: Comparison, threshold: Double) {
        self.tag = tag
        self.comparison = comparison
        self.threshold = threshold
    }

    /// Parses `TAG<=VALUE`, `TAG>=VALUE`, `TAG<VALUE` or `TAG>VALUE`.
    public static func parse(_ text: String) -> TrainingTarget? {
        for comparison in [Comparison.atMost, .atLeast, .below, .above] {
            guard let range = text.firstRange(of: comparison.rawValue) else { continue }
            let tag = String(text[..<range.lowerBound]).trimmingSpaces()
            guard !tag.isEmpty, let threshold = Double(String(text[range.upperBound...]).trimmingSpaces()),
                  threshold.isFinite
            else { return nil }
            return TrainingTarget(tag: tag, comparison: comparison, threshold: threshold)
        }
        return nil
    }

    public var description: String { "\(tag) \(comparison.rawValue) \(threshold)" }

    /// The first point, in step order, whose value meets the target.
    func firstPointMeeting(in series: ScalarSeries) -> (step: Int64, wallTime: Double, value: Double)? {
        let order = series.steps.indices.sorted {
            (series.steps[$0], series.wallTimes[$0], $0) < (series.steps[$1], series.wallTimes[$1], $1)
        }
        guard let index = order.first(where: { comparison.holds(series.values[$0], threshold) }) else { return nil }
        return (series.steps[index], series.wallTimes[index], series.values[index])
    }
}

/// When a ``TrainingTarget`` was met, and the job's energy from the start of training until then.
public struct TargetOutcome: Sendable, Hashable {
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

/// The energy of the job's GPUs over the training window and its surroundings.
public struct TrainingEnergy: Sendable, Hashable {
    /// A kind of pause inside the window, added up.
    public struct PauseTotal: Sendable, Hashable {
        public var kind: TrainingPause.Kind
        public var count: Int
        public var seconds: Double
        public var joules: Double
    }

    /// From the first to the last point of the step tag.
    public var windowJoules: Double
    /// Before the window (start-up) and after it (tear-down), within the power logs.
    public var beforeJoules: Double
    public var afterJoules: Double
    /// Share of the window that the job's GPUs' samples span (mean over GPUs, 0–1).
    public var windowCoverage: Double
    public var pauses: [PauseTotal]
    /// Window energy over the steps trained (last − first step); nil with fewer than 2 steps.
    public var joulesPerStep: Double?

    public var outsideJoules: Double { beforeJoules + afterJoules }
}
