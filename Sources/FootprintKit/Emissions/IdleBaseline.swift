/// A GPU's idle baseline: the power it drew without work, from its own samples, over the time it was measured.
///
/// The baseline power is the GPU's 5th-percentile valid reading (``EmissionsModel/idlePowerQuantile``, the idle
/// power already used for unmeasured time), at the power histogram's 0.5 W resolution (the upper edge of the
/// bucket the quantile falls in, at most the highest reading). A low quantile rather than the minimum, so that one
/// power-gated dip does not set it; a quantile rather than a fixed figure, because idle draw differs by model,
/// clocks and memory. Its energy is that power × the seconds the GPU was measured (its span less unmeasured
/// gaps), at most the GPU's energy, so the dynamic part is never negative.
public struct IdleBaseline: Sendable, Hashable {
    public var gpu: String
    public var watts: Double
    public var measuredSeconds: Double
    public var joules: Double

    init(_ gpu: GPUReport) {
        let trace = gpu.trace
        self.gpu = gpu.identity.label
        watts = trace.wattsQuantile(EmissionsModel.idlePowerQuantile)
        measuredSeconds = max(0, trace.spanSeconds - trace.unmeasuredSeconds)
        joules = min(trace.joules, watts * measuredSeconds)
    }
}
