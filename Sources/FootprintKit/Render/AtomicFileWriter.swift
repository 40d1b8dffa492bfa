#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The temporary file being written, for the signal handler to remove (a C string; nil when none).
nonisolated(unsafe) private var pendingTemporaryPath: UnsafeMutablePointer<CChar>?

/// Writes files so that readers see either the old file or the complete new one: write a temporary file in the
/// same folder, flush it, then rename it over the target. SIGINT, SIGTERM or SIGHUP during a write remove the
/// temporary file before the process exits, so an interrupted run leaves no partial output.
public enum AtomicFileWriter {
    /// Installs the handlers that remove a half-written temporary file on SIGINT, SIGTERM and SIGHUP.
    public static func removeTemporaryFilesOnInterrupt() {
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] {
            signal(signalNumber) { received in
                if let path = pendingTemporaryPath { unlink(path) }
                _exit(128 + received)
            }
        }
    }

    public static func write(_ text: String, to path: String) throws(FootprintError) {
        let folder = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let temporary = (folder.isEmpty ? "" : folder + "/") + ".\(name).\(getpid()).tmp"
        let pending = strdup(temporary)
        pendingTemporaryPath = pending
        defer {
            pendingTemporaryPath = nil
            free(pending)
        }
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw FootprintError(.outputFailed, "cannot create \(temporary): \(String(cString: strerror(errno)))")
        }
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { raw in
                #if canImport(Darwin)
                Darwin.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                #else
                Glibc.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                #endif
            }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else {
                let reason = String(cString: strerror(errno))
                close(descriptor)
                unlink(temporary)
                throw FootprintError(.outputFailed, "cannot write \(path): \(reason)")
            }
            offset += written
        }
        bytes.removeAll()
        guard fsync(descriptor) == 0, close(descriptor) == 0 else {
            unlink(temporary)
            throw FootprintError(.outputFailed, "cannot write \(path): \(String(cString: strerror(errno)))")
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw FootprintError(.outputFailed, "cannot move the report into place at \(path): \(reason)")
        }
    }

    /// Creates `path` and its parents if missing.
    public static func makeFolder(_ path: String) throws(FootprintError) {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for part in path.split(separator: "/") {
            prefix += part + "/"
            if mkdir(prefix, 0o755) != 0 && errno != EEXIST {
                throw FootprintError(.outputFailed, "cannot create folder \(prefix): \(String(cString: strerror(errno)))")
            }
        }
    }
}
