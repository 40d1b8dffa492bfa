/// A tag of an event file: what its values were and, for scalars, their points.
public struct EventTag: Sendable, Hashable, Codable {
    public var name: String
    /// The plugin named by the tag's first summary metadata (`scalars`, `histograms`, `hparams`, …).
    public var plugin: String?
    /// Values seen, per ``SummaryValueKind`` in its declaration order (an array: this is counted per value).
    var countsByKind = [Int](repeating: 0, count: SummaryValueKind.allCases.count)
    /// Scalar points stored as `simple_value`, and as a rank-0 tensor.
    public var simpleValueCount = 0
    public var tensorScalarCount = 0
    public var series = ScalarSeries()

    public var isScalar: Bool { simpleValueCount + tensorScalarCount > 0 }

    /// Values seen, by kind (kinds never seen are absent).
    public var valueCounts: [SummaryValueKind: Int] {
        var counts: [SummaryValueKind: Int] = [:]
        for (kind, count) in zip(SummaryValueKind.allCases, countsByKind) where count > 0 { counts[kind] = count }
        return counts
    }
    /// `simple_value`, `tensor` or both, as the tag's scalars were stored.
    public var scalarShape: String {
        switch (simpleValueCount > 0, tensorScalarCount > 0) {
        case (true, true): "simple_value+tensor"
        case (true, false): "simple_value"
        case (false, true): "tensor"
        case (false, false): "-"
        }
    }
}
