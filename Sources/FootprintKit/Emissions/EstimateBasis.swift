/// The inputs of an estimate: GPUs × hours × TDP × utilization, or GPUs × hours × a given mean power.
public struct EstimateBasis: Sendable, Hashable {
    /// The GPU model used, and for a family name its variants.
    public var choice: GPUChoice
    public var gpuCount: Int
    public var hours: Double
    /// Nil means the default, 1.0 (TDP throughout).
    public var utilization: Double?
    /// The mean power per GPU the caller gave (`--watts`), in place of TDP × utilization; nil: TDP × utilization.
    public var givenWatts: Double? = nil
    /// Where the hours came from (`--hours`, the training window).
    public var hoursSource: String

    /// The model whose TDP gives the value.
    public var gpu: GPUSpec { choice.spec }
    public var gpuHours: Double { Double(gpuCount) * hours }
}
