/// What a file in a run folder is, found by its content.
public enum InputKind: String, Sendable, Hashable {
    case nvidiaSMICSV = "nvidia-smi or GPU power CSV"
    case nvidiaSMIDmon = "nvidia-smi dmon log"
    case tensorBoardEvents = "TensorBoard event file"
    case profilerTrace = "PyTorch profiler trace"
    case other = "not a log"

    /// Whether this kind yields power samples.
    public var isPowerLog: Bool { self == .nvidiaSMICSV || self == .nvidiaSMIDmon }
}
