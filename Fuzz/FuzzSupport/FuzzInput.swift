import Foundation
@testable import FootprintKit

@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// Helpers shared by the harnesses: libFuzzer's driver, one input file per process (in /dev/shm when it exists,
/// as the readers take paths), and tight limits so that each execution is quick.
public enum FuzzInput {
    nonisolated(unsafe) private static var body: ((String) -> Void)?

    /// Runs libFuzzer with the process's arguments, calling `body` with the path of a file holding each input.
    public static func run(_ body: @escaping (String) -> Void) -> Never {
        Self.body = body
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        let status = LLVMFuzzerRunDriver(&argc, &argv) { start, count in
            let data = start.map { Data(bytes: $0, count: count) } ?? Data()
            FileManager.default.createFile(atPath: FuzzInput.path, contents: data)
            FuzzInput.body?(FuzzInput.path)
            return 0
        }
        exit(status)
    }

    private static let path: String = {
        let folder = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        return folder + "/footprint-fuzz-\(getpid())"
    }()

    /// Limits that keep one execution short: 64 MiB inflated, 64 KiB lines and records, depth 256.
    public static var limits: InputLimits {
        var limits = InputLimits()
        limits.maximumInflatedBytes = 64 << 20
        limits.maximumLineBytes = 64 << 10
        limits.maximumRecordBytes = 64 << 10
        limits.maximumJSONDepth = 256
        return limits
    }
}
