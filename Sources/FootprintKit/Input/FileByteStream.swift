#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file read-only with POSIX `read`, in whatever chunk sizes the caller asks for.
final class FileByteStream: ByteStream {
    private let descriptor: Int32
    private let path: String
    private let progress: ReadProgress?
    let notes: [String] = []

    /// Opens `path` read-only; `progress`, when given, follows the reading.
    ///
    /// - Throws: ``FootprintError/Code-swift.struct/unreadableInput`` when the file cannot be opened.
    init(path: String, progress: ReadProgress? = nil) throws(FootprintError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw FootprintError(
                .unreadableInput, "cannot open for reading: \(String(cString: strerror(errno)))",
                location: InputLocation(path: path))
        }
        self.descriptor = descriptor
        self.path = path
        self.progress = progress
        progress?.recordSize(of: descriptor)
    }

    deinit { close(descriptor) }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(FootprintError) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            #if canImport(Darwin)
            let count = Darwin.read(descriptor, base, buffer.count)
            #else
            let count = Glibc.read(descriptor, base, buffer.count)
            #endif
            if count >= 0 {
                progress?.add(bytesRead: count)
                return count
            }
            if errno == EINTR { continue }
            throw FootprintError(
                .unreadableInput, "read failed: \(String(cString: strerror(errno)))",
                location: InputLocation(path: path))
        }
    }
}
