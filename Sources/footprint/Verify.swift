import ArgumentParser
import FootprintKit

/// `footprint verify REPORT.json RUN_DIR`: recompute a saved report from the logs and compare.
struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check that a run's logs still give the figures of a saved JSON report (same inputs, same numbers).",
        discussion: "Exit status 0 when they agree, 5 when they differ (the differences are listed), 1 or 2 as for report.")

    @Argument(help: "A report written with --format json.")
    var reportPath: String

    @Argument(help: "The run folder (or log file) it was made from.")
    var runDirectory: String

    func run() throws {
        do {
            let saved = try ReportVerifier.load(reportPath)
            let report = try RunAnalyzer.analyze(runDirectory: runDirectory, options: saved.options)
            let differences = try ReportVerifier.differences(saved, recomputed: report)
            guard differences.isEmpty else {
                print("differs from \(reportPath):")
                for difference in differences { print("  " + difference) }
                throw ExitCode(5)
            }
            print("verified: \(runDirectory) gives the figures of \(reportPath) (\(ReportVerifier.summary(report)))")
        } catch let error as FootprintError {
            DiagnosticPrinter.error(error)
            throw ExitCode(error.code == .nothingAnalysable ? 2 : 1)
        }
    }
}
