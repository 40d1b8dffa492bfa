/// A file found under a run folder, with what sniffing made of it.
public struct DiscoveredFile: Sendable, Hashable, Codable {
    /// The absolute (or as-given) path used to open the file.
    public var path: String
    /// The path relative to the run folder, used in reports and messages.
    public var displayPath: String
    public var sizeBytes: Int
    /// When the file was last modified as it was found, in Unix seconds; nil when unknown. With the size, what
    /// tells a file that changed while it was read (``InputChanges``). Not encoded: it belongs to the reading in
    /// progress, and the parts of a split run, read at other times, compare their files without it.
    public var modifiedSeconds: Double? = nil
    public var kind: InputKind
    public var encoding: InputEncoding?
    /// Why a file was not taken as a log, or what kind of not-yet-analysed log it is.
    public var note: String?
    /// The producer of a ``InputKind/foreign`` file; nil for every other kind.
    public var foreign: ForeignFormat? = nil

    private enum CodingKeys: String, CodingKey {
        case path, displayPath, sizeBytes, kind, encoding, note, foreign
    }
}
