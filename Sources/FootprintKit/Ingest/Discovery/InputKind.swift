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

/// A file found under a run folder, with what sniffing made of it.
public struct DiscoveredFile: Sendable, Hashable {
    /// The absolute (or as-given) path used to open the file.
    public var path: String
    /// The path relative to the run folder, used in reports and messages.
    public var displayPath: String
    public var sizeBytes: Int
    public var kind: InputKind
    public var encoding: InputEncoding?
    /// Why a file was not taken as a log, or what kind of not-yet-analysed log it is.
    public var note: String?
}
