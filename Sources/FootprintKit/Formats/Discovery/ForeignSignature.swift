/// One row of ``ForeignSignatures``: a producer's file, how its content is recognised, and why it is not read.
struct ForeignSignature: Sendable {
    /// The producer and file, e.g. `MLPerf power server.json`.
    var producer: String
    /// Why the file gives no GPU energy (yet).
    var reason: String
    /// The detail to show when `head` is this producer's file (an empty string for none), or nil when it is not.
    var recognise: @Sendable (FileHead) -> String?

    /// The foreign format `head` is, or nil.
    func match(_ head: FileHead) -> ForeignFormat? {
        guard let detail = recognise(head) else { return nil }
        return ForeignFormat(producer: producer, detail: detail.isEmpty ? nil : detail, reason: reason)
    }
}
