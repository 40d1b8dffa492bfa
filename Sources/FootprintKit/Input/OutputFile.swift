#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A file this process writes, always created new with `O_CREAT|O_EXCL|O_NOFOLLOW`: never an existing file, and
/// never through a symbolic link planted at its name. A failed call throws
/// ``FootprintError/Code-swift.struct/outputFailed`` whose message is the system's reason, for the caller to put in
/// context.
struct OutputFile: Sendable {
    let descriptor: Int32

    /// Creates `path` (mode 0644 less the umask) for writing; nil when something, a link included, has that name.
    static func createNew(_ path: String) throws(FootprintError) -> OutputFile? {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        if descriptor >= 0 { return OutputFile(descriptor: descriptor) }
        if errno == EEXIST { return nil }
        throw OutputPaths.failure()
    }

    /// Opens the existing file `path` for appending (not through a link).
    static func openForAppending(_ path: String) throws(FootprintError) -> OutputFile {
        let descriptor = open(path, O_WRONLY | O_APPEND | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { throw OutputPaths.failure() }
        return OutputFile(descriptor: descriptor)
    }

    /// Writes all of `bytes` at the file's end, retrying interrupted writes; a short line goes out in one `write`,
    /// so that a reader sees it whole or not at all once this process is gone.
    func write(_ bytes: [UInt8]) throws(FootprintError) {
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
            guard written > 0 else { throw OutputPaths.failure() }
            offset += written
        }
    }

    /// Flushes the data to storage.
    func sync() throws(FootprintError) {
        guard fsync(descriptor) == 0 else { throw OutputPaths.failure() }
    }

    func close() throws(FootprintError) {
        #if canImport(Darwin)
        let closed = Darwin.close(descriptor)
        #else
        let closed = Glibc.close(descriptor)
        #endif
        guard closed == 0 else { throw OutputPaths.failure() }
    }
}
