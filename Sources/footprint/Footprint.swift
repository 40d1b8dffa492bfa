import ArgumentParser
import Foundation
import FootprintKit

/// The `footprint` command: energy and carbon footprint of GPU training runs from the logs they left.
@main
struct Footprint: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Energy use and carbon footprint of GPU training runs, from the logs they left behind.",
        discussion: """
            Exit status: 0 success (warnings allowed), 1 invalid usage, 2 nothing analysable in the run folder, \
            3 the report could not be written, 4 warnings under --strict (the report is still written), \
            128 + N killed by signal N (no partial output is left).
            """,
        version: ToolInfo.version,
        subcommands: [Report.self, Audit.self, Merge.self, Inspect.self, Estimate.self, Regions.self, GPUs.self, Verify.self])

    /// Parses and runs the command, reporting invalid usage with exit status 1 (argument-parser's default is 64).
    static func main() {
        AtomicFileWriter.removeTemporaryFilesOnInterrupt()
        if ProcessInfo.processInfo.environment["FOOTPRINT_PEAK_MEMORY"] != nil {
            // For measurements: the process's own peak resident memory (this program's, not a parent's).
            atexit {
                let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
                let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") } ?? ""
                FileHandleWriter.standardError("footprint: peak memory \(String(line.filter(\.isNumber))) kB\n")
            }
        }
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                let message = fullMessage(for: error)
                FileHandleWriter.standardError(message + "\n")
                Self.exit(withError: ExitCode(1))
            }
            exit(withError: error)
        }
    }
}
