#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A file's device and inode: two paths name the same file exactly when these match, whatever links lead there.
struct FileIdentity: Sendable, Hashable {
    var device: UInt64
    var inode: UInt64

    /// The identity of what `path` names: the file a symbolic link leads to if `followingLinks`, else the link
    /// itself; nil when nothing is there.
    static func of(_ path: String, followingLinks: Bool) -> FileIdentity? {
        var info = stat()
        guard (followingLinks ? stat(path, &info) : lstat(path, &info)) == 0 else { return nil }
        return FileIdentity(
            device: UInt64(truncatingIfNeeded: info.st_dev), inode: UInt64(truncatingIfNeeded: info.st_ino))
    }
}
