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
    /// MLPerf Power's analyzer log (`spl.txt`): the whole system's wall power, never GPU power.
    case mlperfPowerLog = "MLPerf PTDaemon power log (spl.txt)"
    /// MLPerf LoadGen's `mlperf_log_detail.txt`: its `power_begin` and `power_end` bound the scored window.
    case mlperfLoadGenLog = "MLPerf LoadGen log (mlperf_log_detail.txt)"
    /// `dcgmi dmon -e …` text.
    case dcgmDmon = "DCGM dcgmi dmon log"
    /// A dcgm-exporter `/metrics` scrape saved to a file (Prometheus text).
    case dcgmExporter = "DCGM exporter scrape"
    /// A Prometheus `query_range` result (JSON matrix) of DCGM metrics.
    case dcgmQueryRange = "Prometheus query_range of DCGM metrics"
    /// `sacct --parsable2` output: jobs' windows, GPUs and the node energy Slurm gathered.
    case slurmAccounting = "Slurm sacct output"
    /// A file of another producer, recognised but not read yet (``ForeignFormat`` says which).
    case foreign = "file of another producer"
    case other = "not a log"

    /// Whether files of this kind are read (a log), not only named in the report.
    public var isRead: Bool { self != .other && self != .foreign }

    /// Whether this kind yields power samples.
    public var isPowerLog: Bool {
        switch self {
        case .nvidiaSMICSV, .nvidiaSMIDmon, .wandb, .mlflowGPUPower, .codeCarbonEmissions, .dcgmDmon, .dcgmExporter,
            .dcgmQueryRange:
            true
        case .tensorBoardEvents, .profilerTrace, .mlflowMetric, .mlflowRunMeta, .mlperfPowerLog, .mlperfLoadGenLog,
            .slurmAccounting, .foreign, .other:
            false
        }
    }
}
