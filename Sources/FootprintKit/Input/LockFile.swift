#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A lock file that keeps two footprint processes from writing one output folder or cache at once. It is created
/// with `O_CREAT|O_EXCL|O_NOFOLLOW` and holds `PID HOST`; while that process runs, another one fails at once.
/// A lock left by a process of this host that is gone (`kill(pid, 0)` says ESRCH) is taken over; one from another
/// host is never judged stale. SIGINT, SIGTERM and SIGHUP remove the lock (``SignalCleanup``): only SIGKILL or a
/// crash leaves one behind.
final class LockFile: @unchecked Sendable {
    let path: String
    private let content: String
    private let cleanupKey: Int

    private init(path: String, content: String, cleanupKey: Int) {
        self.path = path
        self.content = content
        self.cleanupKey = cleanupKey
    }

    /// Takes the lock at `path`, which guards `what` (for messages, e.g. "the output folder `out`").
    ///
    /// - Throws: ``FootprintError/Code-swift.struct/outputFailed`` when another process holds it, or it cannot be
    ///   created.
    static func acquire(_ path: String, guarding what: String) throws(FootprintError) -> LockFile {
        let content = "\(LocalProcess.id) \(LocalProcess.host)\n"
        for attempt in 0..<40 {
            let created: LockFile? = try SignalCleanup.shared.atomically { () throws(FootprintError) -> LockFile? in
                let file: OutputFile?
                do throws(FootprintError) {
                    file = try OutputFile.createNew(path)
                } catch {
                    throw FootprintError(
                        .outputFailed, "cannot create the lock file \(path) for \(what): \(error.message)")
                }
                guard let file else { return nil }
                let key = SignalCleanup.shared.register { OutputPaths.remove(path) }
                let lock = LockFile(path: path, content: content, cleanupKey: key)
                do throws(FootprintError) {
                    try file.write(Array(content.utf8))
                    try file.close()
                } catch {
                    lock.release()
                    throw FootprintError(
                        .outputFailed, "cannot write the lock file \(path) for \(what): \(error.message)")
                }
                return lock
            }
            if let created { return created }
            let holder = OutputPaths.contents(of: path, limit: 512) ?? ""
            let fields = holder.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
            if fields.count >= 2, let pid = Int32(fields[0]) {
                let host = fields[1...].joined(separator: " ")
                guard host == LocalProcess.host, !LocalProcess.isRunning(pid) else {
                    let place = host == LocalProcess.host ? "on this host" : "on host \(host)"
                    throw FootprintError(
                        .outputFailed,
                        "\(what) is being written by footprint process \(pid) \(place) (lock file \(path)); wait for it to finish, or remove the lock file if that process is not footprint"
                    )
                }
            } else if attempt < 10 {
                // Created a moment ago, its holder not yet written: look again shortly.
                usleep(100_000)
                continue
            }
            takeOver(path, holder: holder)
        }
        throw FootprintError(
            .outputFailed, "cannot take the lock file \(path) for \(what): other processes keep taking it")
    }

    /// Removes the lock if it is still this one.
    func release() {
        SignalCleanup.shared.atomically {
            if OutputPaths.contents(of: path, limit: 512) == content { OutputPaths.remove(path) }
            SignalCleanup.shared.withdraw(cleanupKey)
        }
    }

    /// Removes a stale lock: moved aside first, and removed only if it is still the one judged stale (another
    /// process may have taken it over meanwhile; that one is put back).
    private static func takeOver(_ path: String, holder: String) {
        let aside = path + ".stale.\(LocalProcess.id).\(UInt64.random(in: 0...UInt64.max))"
        guard (try? OutputPaths.rename(path, over: aside)) != nil else { return }
        if OutputPaths.contents(of: aside, limit: 512) != holder { _ = try? OutputPaths.link(aside, as: path) }
        OutputPaths.remove(aside)
    }
}
