/// The producer and layout a power log came in; every ``PowerSeries`` is tagged with its file's kind.
public enum SourceKind: String, Sendable, Hashable, Codable {
    case nvidiaSMICSV = "nvidia-smi --query-gpu CSV"
    case ownCSV = "CSV with its own columns"
    case dmon = "nvidia-smi dmon"
    /// Weights & Biases system metrics: a run file, `wandb-events.jsonl` or a CSV export.
    case wandb = "W&B system metrics"
    case mlflowSystemMetrics = "MLflow system metrics"
    case codeCarbon = "CodeCarbon emissions.csv"
    case megatronEnergy = "Megatron-LM energy tags (TensorBoard)"
    /// NVIDIA DCGM: `dcgmi dmon` text, dcgm-exporter scrapes, or a Prometheus `query_range` of its metrics.
    case dcgm = "DCGM"

    /// The tool that measured the power, as reports name a source: one name for nvidia-smi's layouts.
    public var producer: String {
        switch self {
        case .nvidiaSMICSV, .ownCSV, .dmon: "nvidia-smi"
        case .wandb: "W&B"
        case .mlflowSystemMetrics: "MLflow"
        case .codeCarbon: "CodeCarbon"
        case .megatronEnergy: "Megatron-LM"
        case .dcgm: "DCGM"
        }
    }
}
