/// The inputs of an estimate: GPUs × hours × TDP × utilization.
public struct EstimateBasis: Sendable, Hashable {
    public var gpu: GPUSpec
    public var gpuCount: Int
    public var hours: Double
    /// Nil means the default, 1.0 (TDP throughout).
    public var utilization: Double?
    /// Where the hours came from (`--hours`, the training window).
    public var hoursSource: String
}
