/// An error that stops one operation: what went wrong, where, and how it may be remedied.
///
/// Recoverable problems in a file (a bad row, a gap) are ``Finding``s instead; this error ends the work on
/// one input or on the whole run.
public struct FootprintError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure; new codes may be added without breaking callers.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Wrapped: Sendable, Hashable {
            case unreadableInput, malformedInput, nothingAnalysable, invalidOption, outputFailed
        }
        private let wrapped: Wrapped
        private init(_ wrapped: Wrapped) { self.wrapped = wrapped }

        /// A file or folder could not be opened or read.
        public static let unreadableInput = Code(.unreadableInput)
        /// An input's content cannot be interpreted.
        public static let malformedInput = Code(.malformedInput)
        /// A run folder holds no log that can be analysed.
        public static let nothingAnalysable = Code(.nothingAnalysable)
        /// An option's value is not valid.
        public static let invalidOption = Code(.invalidOption)
        /// A report could not be written.
        public static let outputFailed = Code(.outputFailed)

        public var description: String { String(describing: wrapped) }
    }

    public var code: Code
    /// What went wrong and how it may be remedied.
    public var message: String
    public var location: InputLocation?

    public init(_ code: Code, _ message: String, location: InputLocation? = nil) {
        self.code = code
        self.message = message
        self.location = location
    }

    public var description: String {
        if let location { return "\(location): \(message)" }
        return message
    }
}
