#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import FootprintKit

/// Prints findings and errors to standard error as `path:line: warning: message`.
enum DiagnosticPrinter {
    static func print(_ findings: [Finding]) {
        for finding in findings { write("footprint: " + finding.description + "\n") }
    }

    static func error(_ error: FootprintError) {
        write("footprint: " + (error.location.map { "\($0): " } ?? "") + "error: " + error.message + "\n")
    }

    private static func write(_ text: String) { FileHandleWriter.standardError(text) }
}

/// Writes text to a file descriptor without Foundation or C stdio globals.
enum FileHandleWriter {
    static func standardError(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { raw in
                #if canImport(Darwin)
                Darwin.write(2, raw.baseAddress! + offset, raw.count - offset)
                #else
                Glibc.write(2, raw.baseAddress! + offset, raw.count - offset)
                #endif
            }
            if written <= 0 { return }
            offset += written
        }
        bytes.removeAll()
    }
}
