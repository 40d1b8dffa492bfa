internal import Foundation

/// The cache file while an audit runs. At the start it is rewritten (atomically) with the header and the entries
/// it had; then each run analysed is appended as one line with one `write`, so that an audit killed after hours
/// leaves the runs it finished for the next run with the same `--cache`; at the end it is rewritten with this
/// audit's rows. The caller holds the cache's lock (``AuditCache/lockPath(for:)``).
final class AuditCacheLog: @unchecked Sendable {
    private let path: String
    private let arguments: [String]
    private let lock = NSLock()
    /// The open cache; nil once an append failed (the rewrite at the end says why).
    private var file: OutputFile?

    private init(path: String, arguments: [String], file: OutputFile) {
        self.path = path
        self.arguments = arguments
        self.file = file
    }

    /// Rewrites the cache at `path` with `entries` and opens it for appending.
    static func start(path: String, arguments: [String], entries: [String: AuditCache.Entry]) throws(FootprintError)
        -> AuditCacheLog
    {
        let kept = entries.keys.sorted().map {
            AuditCache.line(entries[$0]!.row, fingerprint: entries[$0]!.fingerprint)
        }
        try AtomicFileWriter.write(AuditCache.header(arguments: arguments) + kept.joined(), to: path)
        do throws(FootprintError) {
            return AuditCacheLog(path: path, arguments: arguments, file: try OutputFile.openForAppending(path))
        } catch {
            throw FootprintError(.outputFailed, "cannot open the cache \(path) for appending: \(error.message)")
        }
    }

    /// Appends one run's line; a failure stops appending (the rows are still saved at the end if they can be).
    func append(_ row: AuditRow, fingerprint: String) {
        lock.withLock {
            guard let file else { return }
            do throws(FootprintError) {
                try file.write(Array(AuditCache.line(row, fingerprint: fingerprint).utf8))
            } catch {
                try? file.close()
                self.file = nil
            }
        }
    }

    /// Closes the file and rewrites the cache with `rows` (those with a fingerprint: runs that crashed have none,
    /// and are analysed again next time).
    func finish(rows: [AuditRow], fingerprints: [String: String]) throws(FootprintError) {
        lock.withLock {
            try? file?.close()
            file = nil
        }
        let lines = rows.compactMap { row in fingerprints[row.path].map { AuditCache.line(row, fingerprint: $0) } }
        try AtomicFileWriter.write(AuditCache.header(arguments: arguments) + lines.joined(), to: path)
    }
}
