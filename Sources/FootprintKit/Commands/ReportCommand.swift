internal import Foundation

/// `footprint report RUN_DIR`: one run's energy and emissions, in the formats asked for.
public enum ReportCommand {
    /// Analyses the run, prints its findings to standard error and writes the report.
    ///
    /// - Parameters:
    ///   - formats: nil for ``ReportFormat/defaults``.
    ///   - output: the folder to write into; nil for standard output.
    ///   - trainingType: the model card's; nil for ``ModelCardWriter/defaultTrainingType``.
    ///   - stamp: whether to record when the report was made (reruns are otherwise byte-identical).
    ///   - strict: whether warnings give ``ExitStatus/strictWarnings`` (the report is still written).
    public static func run(
        runDirectory: String, options: ReportOptions, formats: [ReportFormat]?, output: String?, trainingType: String?,
        stamp: Bool, strict: Bool
    ) -> ExitStatus {
        var report: RunReport
        do {
            report = try RunAnalyzer.analyze(runDirectory: runDirectory, options: options)
        } catch {
            DiagnosticPrinter.error(error)
            return ExitStatus(error.code)
        }
        if stamp { report.generatedAtSeconds = Date().timeIntervalSince1970 }
        DiagnosticPrinter.print(report.findings)
        do {
            try ReportOutput.write(
                report, formats: formats ?? ReportFormat.defaults, output: output,
                trainingType: trainingType ?? ModelCardWriter.defaultTrainingType)
        } catch {
            DiagnosticPrinter.error(error)
            return ExitStatus(error.code)
        }
        let warnings = report.findings.filter { $0.severity == .warning }.count
        guard strict && warnings > 0 else { return .success }
        DiagnosticPrinter.write("footprint: --strict: \(warnings) warning\(warnings == 1 ? "" : "s")\n")
        return .strictWarnings
    }
}
