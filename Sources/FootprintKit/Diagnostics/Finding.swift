/// A recoverable problem met while reading or analysing a run: the work goes on and the report lists it.
public struct Finding: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Codable {
        case note, warning
    }

    public var severity: Severity
    /// What kind of finding this is, stable across versions (see ``FindingCode``).
    public var code: FindingCode
    public var location: InputLocation?
    public var message: String
    /// How many findings this one stands for: 1, or for a summary of findings not listed one by one, how many.
    public var count = 1

    public init(
        _ severity: Severity, _ code: FindingCode, _ message: String, location: InputLocation? = nil, count: Int = 1
    ) {
        self.count = count
        self.severity = severity
        self.code = code
        self.message = message
        self.location = location
    }

    /// The first warning located in the input at `path` among `findings`: why that file gave nothing, when it did.
    public static func firstWarning(about path: String, in findings: [Finding]) -> Finding? {
        findings.first { $0.severity == .warning && $0.location?.path == path }
    }

    /// `path:line: warning: message`, the form compilers use, on one line: control characters (newlines too)
    /// as visible escapes.
    public var description: String {
        let message = TerminalText.sanitized(message)
        if let location { return "\(location): \(severity.rawValue): \(message)" }
        return "\(severity.rawValue): \(message)"
    }
}
