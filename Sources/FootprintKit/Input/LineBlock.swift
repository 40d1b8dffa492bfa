/// What a ``LineReader`` hands over block by block: whole lines, the last line cut short, or the place of a line
/// too long to read. The bytes are valid only during the callback.
enum LineBlock {
    /// One or more whole lines, each ending in `\n`.
    case lines(ByteView)
    /// The last line of the input, which ended without a newline.
    case lastLine(ByteView)
    /// A line longer than the reader's maximum, skipped.
    case overlongLine

    /// Calls `body` with each line of `bytes` (whole lines, each ending in `\n`, as in ``lines(_:)``) without its
    /// line end (`\n` or `\r\n`), numbered on from `lineNumber` (left at the last line's number), and with the
    /// offset of its first byte in `bytes`.
    ///
    /// - Returns: false when `body` returned false (its line is counted).
    static func forEachLine<E: Error>(
        in bytes: ByteView, numberedAfter lineNumber: inout Int, _ body: (TextLine, _ offset: Int) throws(E) -> Bool
    ) throws(E) -> Bool {
        var start = 0
        while let newline = bytes.firstIndex(of: UInt8(ascii: "\n"), from: start) {
            lineNumber += 1
            let line = TextLine(
                bytes: withoutCarriageReturn(bytes.extracting(start..<newline)), number: lineNumber, isTerminated: true)
            if try !body(line, start) { return false }
            start = newline + 1
        }
        return true
    }

    /// `line` without a final `\r`.
    static func withoutCarriageReturn(_ line: ByteView) -> ByteView {
        line.last == UInt8(ascii: "\r") ? line.extracting(0..<line.count - 1) : line
    }
}
