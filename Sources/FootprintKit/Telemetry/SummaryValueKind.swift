/// What a summary value carries, as TensorBoard's plugins classify it.
public enum SummaryValueKind: String, Sendable, Hashable, CaseIterable, Comparable {
    case scalar, histogram, image, audio, text, hparams
    /// A tensor of another plugin, or a non-scalar tensor under the scalars plugin.
    case tensor
    /// Summary metadata with no value (as hparams and some plugins write).
    case metadataOnly = "metadata only"

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.order < rhs.order }

    /// The position in ``allCases`` (counted per value read, so not searched for there).
    var order: Int {
        switch self {
        case .scalar: 0
        case .histogram: 1
        case .image: 2
        case .audio: 3
        case .text: 4
        case .hparams: 5
        case .tensor: 6
        case .metadataOnly: 7
        }
    }
}
