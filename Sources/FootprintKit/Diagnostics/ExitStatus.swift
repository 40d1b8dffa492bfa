/// The exit statuses of `footprint`, as its help documents them. A process killed by signal N exits with 128 + N
/// and leaves no partial output.
public enum ExitStatus: Int32, CaseIterable, Sendable {
    case success = 0
    case invalidUsage = 1
    case nothingAnalysable = 2
    case outputFailed = 3
    case strictWarnings = 4
    case verifyDiffers = 5

    /// The status for an error that stopped a command: an invalid option is invalid usage, a failed write is
    /// output that could not be written, and an input that could not be read or used leaves nothing analysable.
    public init(_ code: FootprintError.Code) {
        switch code {
        case .invalidOption: self = .invalidUsage
        case .outputFailed: self = .outputFailed
        default: self = .nothingAnalysable
        }
    }

    /// What the status means, as the help says it.
    public var meaning: String {
        switch self {
        case .success: "success (warnings allowed)"
        case .invalidUsage: "invalid usage"
        case .nothingAnalysable: "nothing analysable in the run folder"
        case .outputFailed: "the report could not be written"
        case .strictWarnings: "warnings under --strict (the report is still written)"
        case .verifyDiffers: "verify found differences"
        }
    }

    /// The help's paragraph on exit statuses: each status, then signals.
    public static var documentation: String {
        "Exit status: " + allCases.map { "\($0.rawValue) \($0.meaning)" }.joined(separator: ", ")
            + ", 128 + N killed by signal N (no partial output is left)."
    }
}
