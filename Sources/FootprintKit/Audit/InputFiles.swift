/// The files a command reads, by device and inode, so that no output replaces one: a target whose name leads to
/// the same file as an input, or as the link an input was read through, is refused before anything is written.
struct InputFiles {
    private var files: [FileIdentity: (path: String, role: String)] = [:]

    /// Adds `path`, which is `role` (for the message, e.g. "a log this report reads").
    mutating func add(_ path: String, role: String) {
        for following in [true, false] {
            if let identity = FileIdentity.of(path, followingLinks: following), files[identity] == nil {
                files[identity] = (path, role)
            }
        }
    }

    /// - Throws: ``FootprintError/Code-swift.struct/outputFailed`` naming both paths when writing `target` would
    ///   replace one of the inputs. A link at `target` is replaced, not written through, so only the name counts.
    func check(_ target: String) throws(FootprintError) {
        guard let identity = FileIdentity.of(target, followingLinks: false), let input = files[identity] else { return }
        throw Self.refusal(target: target, input: input.path, role: input.role)
    }

    /// The error for writing `target`, which is the input `input` (`role` says what it is).
    static func refusal(target: String, input: String, role: String) -> FootprintError {
        let what = target == input ? "it is \(role)" : "it is the same file as \(input), \(role)"
        return FootprintError(
            .outputFailed,
            "refusing to write \(target): \(what); nothing was written (choose an output path that is not an input)")
    }
}
