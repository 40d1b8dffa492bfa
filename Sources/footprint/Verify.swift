import ArgumentParser
import FootprintKit

/// `footprint verify REPORT.json RUN_DIR`: recompute a saved report from the logs and compare.
struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check that a run's logs still give the figures of a saved JSON report (same inputs, same numbers).",
        discussion:
            "Exit status \(ExitStatus.success.rawValue) when they agree, \(ExitStatus.verifyDiffers.rawValue) when they differ (the differences are listed), \(ExitStatus.invalidUsage.rawValue) or \(ExitStatus.nothingAnalysable.rawValue) as for report."
    )

    @Argument(help: "A report written with --format json.")
    var reportPath: String

    @Argument(help: "The run folder (or log file) it was made from.")
    var runDirectory: String

    func run() throws {
        try VerifyCommand.run(reportPath: reportPath, runDirectory: runDirectory).finish()
    }
}
