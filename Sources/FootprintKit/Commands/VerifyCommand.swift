/// `footprint verify REPORT.json RUN_DIR`: a saved report recomputed from the logs with the options it records,
/// and compared.
public enum VerifyCommand {
    /// Prints that the run gives the report's figures, or what differs (``ExitStatus/verifyDiffers``). A file that
    /// is not a JSON report, whose options cannot be read or name an input outside the run folder, is invalid usage;
    /// the run folder fails as for `report`.
    public static func run(reportPath: String, runDirectory: String) -> ExitStatus {
        let saved: ReportVerifier.SavedReport
        do {
            saved = try ReportVerifier.load(reportPath)
            try ReportVerifier.checkInputPaths(saved, runDirectory: runDirectory)
        } catch {
            DiagnosticPrinter.error(error)
            return .invalidUsage
        }
        do {
            let report = try RunAnalyzer.analyze(runDirectory: runDirectory, options: saved.options)
            let differences = try ReportVerifier.differences(saved, recomputed: report)
            guard differences.isEmpty else {
                print("differs from \(reportPath):")
                for difference in differences { print("  " + difference) }
                return .verifyDiffers
            }
            print("verified: \(runDirectory) gives the figures of \(reportPath) (\(ReportVerifier.summary(report)))")
            return .success
        } catch  where error.code == .invalidOption && error.location == nil {
            // Options that passed validation but do not fit the run (or the factors): they are the report's.
            DiagnosticPrinter.error(
                FootprintError(
                    .invalidOption, "the options in its provenance: \(error.message)",
                    location: InputLocation(path: reportPath)))
            return .invalidUsage
        } catch {
            DiagnosticPrinter.error(error)
            return ExitStatus(error.code)
        }
    }
}
