/// A source of bytes read front to back in chunks.
///
/// Readers stack: a file, then optionally gzip inflation, then optionally UTF-16 transcoding. A stream may end
/// early (a truncated gzip member); it then says why in ``notes``.
protocol ByteStream: AnyObject {
    /// Fills the front of `buffer` and returns how many bytes were written; 0 means the stream has ended.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(FootprintError) -> Int
    /// Problems met so far that did not stop the stream (truncation, trailing garbage, a limit reached).
    var notes: [String] { get }
}
