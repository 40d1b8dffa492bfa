/// A GPU model's specifications from the bundled table.
public struct GPUSpec: Sendable, Hashable {
    public var model: String
    /// Names as nvidia-smi or vendors write them, matched against a log's GPU name.
    public var matchNames: [String]
    public var tdpWatts: Double
    public var memoryGB: Double
    public var architecture: String
    public var releaseYear: Int
    public var source: String
}
