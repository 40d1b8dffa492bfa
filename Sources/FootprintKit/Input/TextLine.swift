/// One line of text handed to a ``LineReader`` callback; valid only during the callback.
struct TextLine {
    /// The line's bytes without the line end (`\n` or `\r\n`).
    var bytes: ByteView
    /// The 1-based line number.
    var number: Int
    /// False for a last line that ended without a newline (often a logger killed mid-write).
    var isTerminated: Bool
}
