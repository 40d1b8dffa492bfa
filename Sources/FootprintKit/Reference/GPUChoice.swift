/// The GPU an estimate uses for a name: one model, or for a family name (`A100`, `H100`, `V100`, `4090`,
/// `MI250X`) its default variant together with all the family's variants, whose TDPs bound the estimate.
public struct GPUChoice: Sendable, Hashable {
    /// The name as given.
    public var requestedName: String
    /// The model whose TDP gives the estimate's value.
    public var spec: GPUSpec
    /// Every model the name covers, `spec` included: one for a model name, the family's variants for a family.
    public var variants: [GPUSpec]

    /// Whether the name was a family that resolved to its default variant.
    public var isFamily: Bool { variants.count > 1 }

    /// The lowest and highest TDP among the variants, watts.
    public var tdpRangeWatts: ClosedRange<Double> {
        let tdps = variants.map(\.tdpWatts)
        return (tdps.min() ?? spec.tdpWatts)...(tdps.max() ?? spec.tdpWatts)
    }
}
