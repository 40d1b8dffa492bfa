/// An output folder (`--output`) while a command writes into it: created if missing, locked against a second
/// writer (`.footprint.lock`), and its files checked against the command's inputs, then published together
/// (``AtomicFileWriter``).
final class OutputFolder {
    let path: String
    private let lock: LockFile
    /// The folders ``open(_:)`` created, outermost first.
    private let created: [String]

    private init(path: String, lock: LockFile, created: [String]) {
        self.path = path
        self.lock = lock
        self.created = created
    }

    /// Creates `path` if missing and locks it.
    ///
    /// - Throws: ``FootprintError/Code-swift.struct/outputFailed`` when it cannot be created, or another process
    ///   writes into it.
    static func open(_ path: String) throws(FootprintError) -> OutputFolder {
        let created = try AtomicFileWriter.makeFolder(path)
        do throws(FootprintError) {
            let lock = try LockFile.acquire(path + "/.footprint.lock", guarding: "the output folder \(path)")
            return OutputFolder(path: path, lock: lock, created: created)
        } catch {
            for folder in created.reversed() { OutputPaths.removeFolderIfEmpty(folder) }
            throw error
        }
    }

    /// Publishes `files` (names in this folder) together, after checking that none would replace one of `inputs`.
    func publish(_ files: [(name: String, render: @Sendable () -> String)], inputs: InputFiles) throws(FootprintError) {
        let targets = files.map { (path: path + "/" + $0.name, render: $0.render) }
        for target in targets { try inputs.check(target.path) }
        try AtomicFileWriter.publish(targets)
    }

    /// Releases the lock; after a failure, also removes the folders ``open(_:)`` created if they are still empty.
    func close(succeeded: Bool) {
        lock.release()
        guard !succeeded else { return }
        for folder in created.reversed() { OutputPaths.removeFolderIfEmpty(folder) }
    }
}
