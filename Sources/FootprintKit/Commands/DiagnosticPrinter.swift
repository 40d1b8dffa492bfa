internal import Foundation

/// Writes to standard error: findings and errors as compilers do (`footprint: path:line: warning: message`),
/// progress and notes as they are. Control characters from inputs are printed as visible escapes (an error's
/// own line breaks stay).
public enum DiagnosticPrinter {
    static func print(_ findings: [Finding]) {
        for finding in findings { write("footprint: " + finding.description + "\n") }
    }

    static func error(_ error: FootprintError) {
        write(
            "footprint: " + (error.location.map { "\($0): " } ?? "") + "error: "
                + TerminalText.sanitized(error.message, keepingNewlines: true) + "\n")
    }

    /// Writes `text` as it is; a closed or full standard error is ignored.
    public static func write(_ text: String) {
        try? FileHandle.standardError.write(contentsOf: Data(text.utf8))
    }
}
