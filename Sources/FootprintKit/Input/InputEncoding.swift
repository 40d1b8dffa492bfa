/// How an input's bytes are packaged, found by sniffing its content.
public struct InputEncoding: Sendable, Hashable, Codable {
    /// The file starts with the gzip magic bytes `1f 8b`.
    public var isGzip: Bool
    /// The (inflated) content starts with a UTF-16 little-endian byte-order mark.
    public var isUTF16LE: Bool
}
