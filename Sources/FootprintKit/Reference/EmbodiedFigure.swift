/// A GPU card's manufacturing footprint from the bundled embodied-carbon table.
public struct EmbodiedFigure: Sendable, Hashable {
    public var item: String
    public var kilogramsCO2e: Double
    /// The lifetime the source amortises over (the report uses its own, stated lifetime).
    public var sourceLifetimeYears: Double?
    public var year: Int?
    public var basis: String
    public var source: String
    /// True for the generic per-card value used when the model has no figure of its own.
    public var isGeneric: Bool
}
