/// A metric goal such as `train/loss<=0.5` or `val/acc>=0.9` (`--target`): the report gives the first step that
/// met it and the energy spent until then.
public struct TrainingTarget: Sendable, Hashable, CustomStringConvertible {
    public enum Comparison: String, Sendable, Hashable, CaseIterable {
        case atMost = "<="
        case atLeast = ">="
        case below = "<"
        case above = ">"

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

    /// The first point, in step order, whose value meets the target; a value that is not a finite number (NaN,
    /// ±inf: a diverged or broken run) never does.
    func firstPointMeeting(in series: ScalarSeries) -> ScalarPoint? {
        let points = series.points
        let order = points.indices.sorted {
            (points[$0].step, points[$0].wallTime, $0) < (points[$1].step, points[$1].wallTime, $1)
        }
        return order.lazy.map { points[$0] }.first { $0.value.isFinite && comparison.holds($0.value, threshold) }
    }
}

/// Encoded as the text `--target` takes (`train/loss<=0.5`), which ``parse(_:)`` reads back.
extension TrainingTarget: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let target = Self.parse(text) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription:
                    "'\(text)' is not TAG<=VALUE, TAG>=VALUE, TAG<VALUE or TAG>VALUE (e.g. 'train/loss<=0.5')")
        }
        self = target
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode("\(tag)\(comparison.rawValue)\(threshold)")
    }
}
