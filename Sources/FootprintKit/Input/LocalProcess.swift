#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// This process and its host, as temporary and lock file names record them, and whether another process of this
/// host still runs.
enum LocalProcess {
    static var id: Int32 { getpid() }

    /// The host's name (`gethostname`), or `localhost` when it has none.
    static let host: String = {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return name.isEmpty ? "localhost" : name
    }()

    /// Whether process `id` of this host exists: `kill(id, 0)` succeeds or is refused (EPERM: it runs as another
    /// user); only ESRCH says that it is gone.
    static func isRunning(_ id: Int32) -> Bool {
        guard id > 0 else { return false }
        return kill(id, 0) == 0 || errno != ESRCH
    }
}
