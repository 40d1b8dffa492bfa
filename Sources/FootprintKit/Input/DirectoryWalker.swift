#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The one set of rules for looking into folders, shared by run discovery, audit discovery and the audit cache.
///
/// Entries come in byte order of their names, so every listing is deterministic. Hidden entries (names starting
/// with `.`) are skipped. A symbolic link to a file is that file (its size and time are the target's); a link to
/// a folder is not followed (which also rules out loops) and a broken link is skipped, each reported; anything
/// else that is neither a regular file nor a folder (FIFOs, sockets, devices) is skipped and reported. A regular
/// file whose name is not valid UTF-8 is opened by its raw name and handed out as `/dev/fd/N` (on Linux, where
/// opening that path opens the file anew), its name shown with its bytes escaped; elsewhere it is skipped and
/// reported.
enum DirectoryWalker {
    /// What one folder holds under these rules.
    struct Listing {
        /// Names of the regular files (or links to them), in byte order.
        var files: [String] = []
        /// Names of the real (not linked) subfolders, in byte order.
        var folders: [String] = []
        /// Regular files whose names are not valid UTF-8: the name with its bytes escaped, and a `/dev/fd/N`
        /// path that opens the file (its descriptor stays open for the life of the process).
        var openedByDescriptor: [(name: String, path: String)] = []
        /// Entries left out that a user should hear about, with why.
        var skipped: [(name: String, reason: SkipReason)] = []
    }

    /// The most files of one folder opened by descriptor (each keeps a descriptor open).
    static let maximumOpenedByDescriptor = 64

    enum SkipReason: Sendable, Hashable {
        case linkToFolder
        case brokenLink
        case vanished
        /// A FIFO, socket or device (named: "a FIFO"), which could block or never end.
        case notRegularFile(String)
        /// A name that is not valid UTF-8 (shown with its bytes escaped), which no `String` path can open.
        case nameNotUTF8
    }

    /// A file's size and modification time, of the link's target for a symbolic link.
    struct FileMetadata: Sendable, Hashable {
        var sizeBytes: Int
        var modifiedSeconds: Int
        var modifiedNanoseconds: Int
        var isFolder: Bool

        /// The modification time in Unix seconds, with its fraction.
        var modifiedUnixSeconds: Double { Double(modifiedSeconds) + Double(modifiedNanoseconds) / 1e9 }
    }

    /// The listing of `folder`, or nil when it cannot be opened (with the system's reason).
    static func listing(of folder: String) -> Result<Listing, WalkError> {
        guard let handle = opendir(folder) else { return .failure(WalkError(reason: String(cString: strerror(errno)))) }
        defer { closedir(handle) }
        var listing = Listing()
        while let entry = readdir(handle) {
            let bytes = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
            if bytes.first == UInt8(ascii: ".") { continue }
            guard let name = String(validating: bytes, as: UTF8.self) else {
                if listing.openedByDescriptor.count < maximumOpenedByDescriptor,
                    let path = descriptorPath(ofEntry: bytes, in: handle)
                {
                    listing.openedByDescriptor.append((escapedName(bytes), path))
                } else {
                    listing.skipped.append((escapedName(bytes), .nameNotUTF8))
                }
                continue
            }
            // The entry's type usually comes with it; lstat only when it does not.
            var type = entry.pointee.d_type
            if type == UInt8(DT_UNKNOWN) {
                var info = stat()
                guard lstat(folder + "/" + name, &info) == 0 else {
                    listing.skipped.append((name, .vanished))
                    continue
                }
                switch info.st_mode & S_IFMT {
                case S_IFDIR: type = UInt8(DT_DIR)
                case S_IFREG: type = UInt8(DT_REG)
                case S_IFLNK: type = UInt8(DT_LNK)
                default:
                    listing.skipped.append((name, .notRegularFile(typeName(info.st_mode))))
                    continue
                }
            }
            switch type {
            case UInt8(DT_DIR): listing.folders.append(name)
            case UInt8(DT_REG): listing.files.append(name)
            case UInt8(DT_LNK):
                var target = stat()
                guard stat(folder + "/" + name, &target) == 0 else {
                    listing.skipped.append((name, .brokenLink))
                    continue
                }
                switch target.st_mode & S_IFMT {
                case S_IFREG: listing.files.append(name)
                case S_IFDIR: listing.skipped.append((name, .linkToFolder))
                default: listing.skipped.append((name, .notRegularFile(typeName(target.st_mode))))
                }
            default:
                var info = stat()
                let mode = lstat(folder + "/" + name, &info) == 0 ? info.st_mode : 0
                listing.skipped.append((name, .notRegularFile(typeName(mode))))
            }
        }
        let byBytes: (String, String) -> Bool = { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        listing.files.sort(by: byBytes)
        listing.folders.sort(by: byBytes)
        listing.skipped.sort { byBytes($0.name, $1.name) }
        listing.openedByDescriptor.sort { byBytes($0.name, $1.name) }
        return .success(listing)
    }

    /// Opens the regular file named by the raw bytes `name` in the folder of `handle`, read-only, and returns a
    /// `/dev/fd/N` path for it; nil elsewhere than on Linux, or when it is not a regular file.
    private static func descriptorPath(ofEntry name: [UInt8], in handle: OpaquePointer) -> String? {
        #if os(Linux)
        let descriptor = (name.map { CChar(bitPattern: $0) } + [0]).withUnsafeBufferPointer { raw in
            openat(dirfd(handle), raw.baseAddress!, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        }
        guard descriptor >= 0 else { return nil }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            close(descriptor)
            return nil
        }
        return "/dev/fd/\(descriptor)"
        #else
        return nil
        #endif
    }

    /// What `mode` says a file is, for a message: "a FIFO", "a socket", "a device", "a folder" or "a regular file".
    static func typeName(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFREG: return "a regular file"
        case S_IFDIR: return "a folder"
        case S_IFIFO: return "a FIFO"
        case S_IFSOCK: return "a socket"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        default: return "not a regular file"
        }
    }

    /// What `path` is when it exists and is neither a regular file nor a folder ("a FIFO", …), following a
    /// symbolic link; nil otherwise. Checked before opening: opening a FIFO or reading a device can block forever.
    static func specialFileType(of path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        let type = info.st_mode & S_IFMT
        return type == S_IFREG || type == S_IFDIR ? nil : typeName(info.st_mode)
    }

    /// A name that is not valid UTF-8, its valid characters kept and every other byte as `\xHH`.
    static func escapedName(_ bytes: [UInt8]) -> String {
        var out = ""
        var index = 0
        while index < bytes.count {
            // The shortest prefix of up to 4 bytes that is one valid character.
            let length = (1...min(4, bytes.count - index)).first {
                String(validating: bytes[index..<index + $0], as: UTF8.self) != nil
            }
            if let length {
                out += String(decoding: bytes[index..<index + length], as: UTF8.self)
                index += length
            } else {
                let hex = String(bytes[index], radix: 16)
                out += "\\x" + (hex.count < 2 ? "0" + hex : hex)
                index += 1
            }
        }
        return out
    }

    /// Size and modification time of `path`, following a symbolic link; nil when it cannot be read.
    static func metadata(of path: String) -> FileMetadata? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return FileMetadata(info)
    }

    /// Calls `visit` with the path (relative to `root`) of every file below `root` under these rules, depth
    /// first in name order; unreadable folders are passed to `unreadable` and skipped.
    static func forEachFile(
        under root: String, visit: (String) -> Void, unreadable: (String) -> Void = { _ in }
    ) {
        var pending = [""]
        while let relative = pending.popLast() {
            let folder = relative.isEmpty ? root : root + "/" + relative
            guard case .success(let listing) = listing(of: folder) else {
                unreadable(relative.isEmpty ? "." : relative)
                continue
            }
            let prefix = relative.isEmpty ? "" : relative + "/"
            for name in listing.files { visit(prefix + name) }
            pending.append(contentsOf: listing.folders.reversed().map { prefix + $0 })
        }
    }
}

extension DirectoryWalker.FileMetadata {
    /// The size and modification time that `stat` gave.
    init(_ info: stat) {
        #if canImport(Darwin)
        let modified = info.st_mtimespec
        #else
        let modified = info.st_mtim
        #endif
        self.init(
            sizeBytes: Int(info.st_size), modifiedSeconds: Int(modified.tv_sec),
            modifiedNanoseconds: Int(modified.tv_nsec), isFolder: (info.st_mode & S_IFMT) == S_IFDIR)
    }
}
