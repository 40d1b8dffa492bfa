/// What a W&B file says about its run besides the samples: the host, the GPUs and the writer, each with the
/// source it came from (the run file's own records, or `wandb-metadata.json`).
struct WandBRunInfo: Sendable, Hashable {
    var runID: String?
    /// The SDK that wrote the file (`0.18.3+5720e97…` from the header record, else the run's telemetry).
    var sdkVersion: String?
    var host: String?
    /// The GPU model for every GPU (`gpu` of the environment record or the metadata).
    var gpuModel: String?
    /// Each GPU's model by index, when the writer listed them one by one (`gpu_nvidia`).
    var gpuNames: [String] = []
    var gpuCount: Int?
    /// Where the host, model and count came from, for the description.
    var sources: [String] = []

    /// The model of GPU `index`.
    func gpuName(index: Int) -> String? {
        index >= 0 && index < gpuNames.count ? gpuNames[index] : gpuModel ?? gpuNames.first
    }

    /// Fills what this info lacks from `other`, noting `source` when it gave anything.
    mutating func complete(from other: WandBRunInfo, source: String) {
        let before = self
        runID = runID ?? other.runID
        sdkVersion = sdkVersion ?? other.sdkVersion
        host = host ?? other.host
        gpuModel = gpuModel ?? other.gpuModel
        if gpuNames.isEmpty { gpuNames = other.gpuNames }
        gpuCount = gpuCount ?? other.gpuCount
        if self != before { sources.append(source) }
    }
}
