#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The calls on names that publishing output files takes: rename, hard-link, remove, make and remove folders, and
/// what a name is. None follows a symbolic link at the last component: a link is renamed, linked or removed itself.
/// A failed call throws ``FootprintError/Code-swift.struct/outputFailed`` whose message is the system's reason.
enum OutputPaths {
    /// What a name is, without following a link there.
    enum Kind: Sendable, Hashable {
        case folder
        /// A symbolic link.
        case link
        /// A file, or anything else that is neither a folder nor a link.
        case other
    }

    /// What `path` is; nil when nothing has that name.
    static func kind(of path: String) -> Kind? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: return .folder
        case S_IFLNK: return .link
        default: return .other
        }
    }

    /// Moves `source` over `destination` in one step; a link at `destination` is replaced, not written through.
    static func rename(_ source: String, over destination: String) throws(FootprintError) {
        #if canImport(Darwin)
        let renamed = Darwin.rename(source, destination)
        #else
        let renamed = Glibc.rename(source, destination)
        #endif
        guard renamed == 0 else { throw failure() }
    }

    /// Gives what `path` names (a link itself, not its target) the second name `newName`; false when `newName`
    /// exists.
    static func link(_ path: String, as newName: String) throws(FootprintError) -> Bool {
        if linkat(AT_FDCWD, path, AT_FDCWD, newName, 0) == 0 { return true }
        if errno == EEXIST { return false }
        throw failure()
    }

    /// Removes the name `path` (a link itself, not its target); a missing name is fine.
    static func remove(_ path: String) {
        unlink(path)
    }

    /// Creates the folder `path`; false when it exists already.
    static func makeFolder(_ path: String) throws(FootprintError) -> Bool {
        if mkdir(path, 0o755) == 0 { return true }
        if errno == EEXIST { return false }
        throw failure()
    }

    /// Removes the folder `path` if it is empty.
    static func removeFolderIfEmpty(_ path: String) {
        rmdir(path)
    }

    /// Up to `limit` bytes of the file `path` as text, not following a link there; nil when it cannot be read.
    static func contents(of path: String, limit: Int) -> String? {
        bytes(of: path, limit: limit).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Up to `limit` bytes of the file `path`, not following a link there; nil when it cannot be read.
    static func bytes(of path: String, limit: Int) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: max(0, limit))
        var count = 0
        while count < bytes.count {
            let read = bytes.withUnsafeMutableBytes { raw in
                #if canImport(Darwin)
                Darwin.read(descriptor, raw.baseAddress! + count, raw.count - count)
                #else
                Glibc.read(descriptor, raw.baseAddress! + count, raw.count - count)
                #endif
            }
            if read < 0 && errno == EINTR { continue }
            if read < 0 { return nil }
            guard read > 0 else { break }
            count += read
        }
        return Array(bytes.prefix(count))
    }

    /// The last call's failure, with the system's reason.
    static func failure() -> FootprintError {
        FootprintError(.outputFailed, String(cString: strerror(errno)))
    }
}
