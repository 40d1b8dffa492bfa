/// Where in an input a finding or error points: a file, and a line for text or a record and byte offset for
/// binary formats.
public struct InputLocation: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The file's path as the user would recognise it (relative to the run folder where there is one).
    public var path: String
    /// The 1-based line number in text inputs.
    public var line: Int?
    /// The 0-based record index in binary inputs.
    public var record: Int?
    /// The byte offset in the (decompressed) input.
    public var byteOffset: Int?

    public init(path: String, line: Int? = nil, record: Int? = nil, byteOffset: Int? = nil) {
        self.path = path
        self.line = line
        self.record = record
        self.byteOffset = byteOffset
    }

    /// `path:line` for text, `path: record N (byte B)` for binary, or the path alone; control characters in
    /// the path as visible escapes (``TerminalText``).
    public var description: String {
        let path = TerminalText.sanitized(path)
        if let line { return "\(path):\(line)" }
        var text = path
        if let record { text += ": record \(record)" }
        if let byteOffset { text += record == nil ? ": byte \(byteOffset)" : " (byte \(byteOffset))" }
        return text
    }
}
