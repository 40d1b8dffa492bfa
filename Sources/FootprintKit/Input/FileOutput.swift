#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The temporary file being written, for the signal handler to remove (a C string; nil when none).
nonisolated(unsafe) private var pendingTemporaryPath: UnsafeMutablePointer<CChar>?

/// The POSIX calls that writing output files takes, for ``AtomicFileWriter``: create, write, sync, rename,
/// remove, make folders, and removing a half-written temporary file when a signal ends the process. A failed call
/// throws ``FootprintError/Code-swift.struct/outputFailed`` whose message is the system's reason (`strerror`),
/// for the caller to put in context.
enum FileOutput {
    /// Installs handlers that remove the pending temporary file on SIGINT, SIGTERM and SIGHUP, then exit with
    /// 128 + the signal number.
    static func removePendingTemporaryOnSignals() {
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] {
            signal(signalNumber) { received in
                if let path = pendingTemporaryPath { unlink(path) }
                _exit(128 + received)
            }
        }
    }

    /// This process's id, which keeps temporary file names apart.
    static var processID: Int32 { getpid() }

    /// Calls `body` with `path` registered as the temporary file a signal removes.
    static func whilePending<R, E: Error>(temporary path: String, _ body: () throws(E) -> R) throws(E) -> R {
        let pending = strdup(path)
        pendingTemporaryPath = pending
        defer {
            pendingTemporaryPath = nil
            free(pending)
        }
        return try body()
    }

    /// A descriptor for writing `path`, created with mode 0644 or truncated.
    static func create(_ path: String) throws(FootprintError) -> Int32 {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw failure() }
        return descriptor
    }

    /// Writes all of `bytes` to `descriptor`, retrying interrupted writes.
    static func write(_ bytes: [UInt8], to descriptor: Int32) throws(FootprintError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { raw in
                #if canImport(Darwin)
                Darwin.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                #else
                Glibc.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                #endif
            }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { throw failure() }
            offset += written
        }
    }

    /// Flushes `descriptor`'s data to storage, then closes it.
    static func syncAndClose(_ descriptor: Int32) throws(FootprintError) {
        guard fsync(descriptor) == 0, close(descriptor) == 0 else { throw failure() }
    }

    static func closeDescriptor(_ descriptor: Int32) {
        close(descriptor)
    }

    static func removeFile(_ path: String) {
        unlink(path)
    }

    /// Moves `source` over `destination` in one step.
    static func move(_ source: String, over destination: String) throws(FootprintError) {
        guard rename(source, destination) == 0 else { throw failure() }
    }

    /// Creates the folder `path`; one that exists already is fine.
    static func makeFolder(_ path: String) throws(FootprintError) {
        guard mkdir(path, 0o755) == 0 || errno == EEXIST else { throw failure() }
    }

    /// The last call's failure, with the system's reason.
    private static func failure() -> FootprintError {
        FootprintError(.outputFailed, String(cString: strerror(errno)))
    }
}
