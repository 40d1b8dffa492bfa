internal import Foundation

/// What `footprint` sets up before it parses its arguments.
public enum ProcessSetup {
    /// Makes SIGINT, SIGTERM and SIGHUP remove a half-written output file, and, with `FOOTPRINT_PEAK_MEMORY` set,
    /// reports the process's own peak resident memory at exit (for measurements: a parent's rusage would count its
    /// own memory too).
    public static func prepare() {
        SignalCleanup.shared.install()
        guard ProcessInfo.processInfo.environment["FOOTPRINT_PEAK_MEMORY"] != nil else { return }
        atexit {
            let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
            let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") } ?? ""
            DiagnosticPrinter.write("footprint: peak memory \(String(line.filter(\.isNumber))) kB\n")
        }
    }
}
