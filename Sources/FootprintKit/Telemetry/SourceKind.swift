/// The producer and layout a power log came in; every ``PowerSeries`` is tagged with its file's kind.
public enum SourceKind: String, Sendable, Hashable {
    case nvidiaSMICSV = "nvidia-smi --query-gpu CSV"
    case ownCSV = "CSV with its own columns"
    case dmon = "nvidia-smi dmon"
    case mlflowSystemMetrics = "MLflow system metrics"
    case codeCarbon = "CodeCarbon emissions.csv"
    case megatronEnergy = "Megatron-LM energy tags (TensorBoard)"
}
