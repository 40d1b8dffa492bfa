/// `report --model-card-into FILE`: merges the run's `co2_eq_emissions` block into a Hugging Face model card's
/// front matter (``ModelCardMerge``), for ``ReportOutput`` to write back in one step (``AtomicFileWriter``) while it
/// holds the card's lock (`.FILE.lock` beside it).
///
/// The card is read without following a link, and a link, folder or special file at its name is refused, as is a
/// card that is one of the run's inputs (its logs, the intensity series): the card written is the card read. A
/// missing file becomes a card holding only the front matter.
enum ModelCardOutput {
    /// The largest card read: a model card is text, and a file past this is not one.
    static let maximumBytes = 16 << 20

    /// The card at `path` with the report's block merged in, checked against the report's inputs: computed before
    /// anything is written, so that a card that cannot be merged leaves every output as it was.
    ///
    /// - Throws: ``FootprintError/Code-swift.struct/invalidOption`` for a run without emissions, or a card that is
    ///   not UTF-8 text or whose front matter never closes; ``FootprintError/Code-swift.struct/outputFailed`` for a
    ///   name that is not a regular file, a card that cannot be read, or one that is an input.
    static func merged(_ report: RunReport, into path: String, trainingType: String) throws(FootprintError) -> String {
        let block = try ModelCardWriter.render(report, trainingType: trainingType)
        var inputs = InputFiles()
        for file in report.files where file.kind != .other { inputs.add(file.path, role: "a log this report reads") }
        if let series = report.intensitySeries?.path { inputs.add(series, role: "the --intensity-series file") }
        try inputs.check(path)
        let card: String
        switch OutputPaths.kind(of: path) {
        case nil: card = ""
        case .folder: throw FootprintError(.outputFailed, "cannot merge the model card into \(path): it is a folder")
        case .link:
            throw FootprintError(
                .outputFailed,
                "refusing to write \(path): it is a symbolic link, which would be replaced by a file; give the path of the card itself"
            )
        case .other:
            if let special = DirectoryWalker.specialFileType(of: path) {
                throw FootprintError(.outputFailed, "refusing to write \(path): it is \(special), not a model card")
            }
            guard let bytes = OutputPaths.bytes(of: path, limit: maximumBytes + 1) else {
                throw FootprintError(
                    .outputFailed, "cannot read the model card \(path): \(OutputPaths.failure().message)")
            }
            guard bytes.count <= maximumBytes else {
                throw FootprintError(
                    .invalidOption, "\(path) is larger than \(maximumBytes >> 20) MiB: not a model card")
            }
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw FootprintError(
                    .invalidOption, "\(path) is not UTF-8 text: a model card's YAML front matter must be")
            }
            card = text
        }
        do {
            return try ModelCardMerge.merge(card, block: block)
        } catch {
            throw FootprintError(.invalidOption, "\(path): \(error.message)")
        }
    }

    /// Locks the card at `path` against a second footprint writing it: `.NAME.lock` beside it, held from before
    /// the card is read until it is written.
    static func lock(_ path: String) throws(FootprintError) -> LockFile {
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        return try LockFile.acquire(folder + ".\(name).lock", guarding: "the model card \(path)")
    }
}
