internal import Foundation

/// `footprint audit ROOT`: every run under a folder, in parallel, into one table.
public enum AuditCommand {
    /// Audits the runs under `root` (none when nil) and the jobs of `--sacct`, and writes the audit. On a terminal, progress and notes go to standard error. The output
    /// folder is created and locked before the first run is analysed, so that a second audit into it fails at once.
    ///
    /// - Parameters:
    ///   - grouping: nil for ``AuditGrouping/default``.
    ///   - output: the folder to write into; nil for the Markdown on standard output.
    ///   - workerArguments: when given, each run is analysed in a child process running this executable with these
    ///     arguments (``ChildProcessAnalyser``), so that a crash becomes that run's error row; nil analyses in
    ///     this process.
    public static func run(
        root: String?, options: AuditOptions, grouping: AuditGrouping?, output: String?,
        workerArguments: [String]? = nil
    ) -> ExitStatus {
        let folder: OutputFolder?
        do {
            if let root { try Auditor.requireFolder(root) }
            folder = try output.map { (path) throws(FootprintError) in try OutputFolder.open(path) }
        } catch {
            DiagnosticPrinter.error(error)
            return ExitStatus(error.code)
        }
        var succeeded = false
        defer { folder?.close(succeeded: succeeded) }
        let children = workerArguments.map(ChildProcessAnalyser.init)
        defer { children?.close() }
        let showProgress = isatty(2) == 1
        let started = Date()
        let result: AuditResult
        do {
            result = try Auditor.audit(
                root: root, options: options, analyser: children?.analyser ?? .inProcess,
                outputs: output.map { output in AuditOutput.fileNames.map { output + "/" + $0 } } ?? []
            ) { done, total, errors in
                guard showProgress else { return }
                let elapsed = Date().timeIntervalSince(started)
                let remaining = done > 0 ? elapsed / Double(done) * Double(total - done) : 0
                DiagnosticPrinter.write(
                    String(
                        format: "\r%d/%d runs, %d errors, %.0f s elapsed, ETA %.0f s   ", done, total, errors, elapsed,
                        remaining))
            }
        } catch {
            DiagnosticPrinter.error(error)
            return ExitStatus(error.code)
        }
        if showProgress { DiagnosticPrinter.write("\n") }
        var notes = result.notes
        if options.cachePath != nil {
            notes.append("\(result.reusedCount) runs reused from the cache, \(result.analysedCount) analysed")
        }
        if let shard = options.shard {
            notes.append("shard \(shard.index)/\(shard.count): \(result.otherShardCount) runs left to other shards")
        }
        if result.outsideDatesCount > 0 {
            notes.append("\(result.outsideDatesCount) runs outside --since/--until left out")
        }
        for folder in result.unreadableFolders { notes.append("folder `\(folder)` could not be read; skipped") }
        if showProgress {
            for note in notes { DiagnosticPrinter.write("footprint: note: \(TerminalText.sanitized(note))\n") }
        }
        do {
            try AuditOutput.write(
                result.rows, root: root ?? options.sacctPath ?? "", grouping: grouping ?? .default, notes: notes,
                folder: folder,
                inputs: InputFiles())
            succeeded = true
            return .success
        } catch {
            DiagnosticPrinter.error(error)
            return ExitStatus(error.code)
        }
    }
}
