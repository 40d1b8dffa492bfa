/// What a summary value carries, as TensorBoard's plugins classify it.
public enum SummaryValueKind: String, Sendable, Hashable, CaseIterable, Comparable {
    case scalar, histogram, image, audio, text, hparams
    /// A tensor of another plugin, or a non-scalar tensor under the scalars plugin.
    case tensor
    /// Summary metadata with no value (as hparams and some plugins write).
    case metadataOnly = "metadata only"

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.order < rhs.order }

    /// The position in ``allCases``.
    var order: Int { Self.allCases.firstIndex(of: self)! }
}
