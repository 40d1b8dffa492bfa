/// What a file in a run folder is, found by its content.
public enum InputKind: String, Sendable, Hashable, Codable {
    case nvidiaSMICSV = "nvidia-smi or GPU power CSV"
    case nvidiaSMIDmon = "nvidia-smi dmon log"
    case tensorBoardEvents = "TensorBoard event file"
    case profilerTrace = "PyTorch profiler trace"
    /// A Weights & Biases run file, `wandb-events.jsonl` or system-metrics CSV export.
    case wandb = "W&B system metrics"
    /// An MLflow file-store metric of one GPU's power (`gpu_{i}_power_usage_watts`).
    case mlflowGPUPower = "MLflow GPU power metric"
    /// CodeCarbon's `emissions.csv` (or its `.bak`): per-run energy totals.
    case codeCarbonEmissions = "CodeCarbon emissions.csv"
    /// An MLflow file-store metric other than a GPU's power (`metrics/loss`): read for the training timeline.
    case mlflowMetric = "MLflow metric"
    /// An MLflow file-store run's `meta.yaml` (its name, status, start and end).
    case mlflowRunMeta = "MLflow run meta.yaml"
    /// A file of another producer, recognised but not read yet (``ForeignFormat`` says which).
    case foreign = "file of another producer"
    case other = "not a log"

    /// Whether files of this kind are read (a log), not only named in the report.
    public var isRead: Bool { self != .other && self != .foreign }

    /// Whether this kind yields power samples.
    public var isPowerLog: Bool {
        self == .nvidiaSMICSV || self == .nvidiaSMIDmon || self == .wandb || self == .mlflowGPUPower
            || self == .codeCarbonEmissions
    }
}
