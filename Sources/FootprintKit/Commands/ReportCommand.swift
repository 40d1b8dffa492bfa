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
    ///   - shard: `--shard K/N`: write this shard's ``ReportPart`` into `output` instead, for `merge`.
    ///   - modelCard: `--model-card-into FILE`: the model card to merge the `co2_eq_emissions` block into (not with
    ///     `shard`: a part has no emissions).
    public static func run(
        runDirectory: String, options: ReportOptions, formats: [ReportFormat]?, output: String?, trainingType: String?,
        stamp: Bool, strict: Bool, shard: Shard? = nil, modelCard: String? = nil
    ) -> ExitStatus {
        if let shard {
            return writePart(
                runDirectory: runDirectory, options: options, shard: shard, formats: formats ?? ReportFormat.defaults,
                output: output, trainingType: trainingType ?? ModelCardWriter.defaultTrainingType, strict: strict)
        }
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
                trainingType: trainingType ?? ModelCardWriter.defaultTrainingType, modelCard: modelCard)
        } catch {
            DiagnosticPrinter.error(error)
            return ExitStatus(error.code)
        }
        let warnings = report.findings.filter { $0.severity == .warning }.count
        guard strict && warnings > 0 else { return .success }
        DiagnosticPrinter.write("footprint: --strict: \(warnings) warning\(warnings == 1 ? "" : "s")\n")
        return .strictWarnings
    }

    /// Reads shard `shard`'s part of the run and publishes it as `output`/``ReportPart/fileName``; prints the
    /// findings of reading it.
    private static func writePart(
        runDirectory: String, options: ReportOptions, shard: Shard, formats: [ReportFormat], output: String?,
        trainingType: String, strict: Bool
    ) -> ExitStatus {
        do throws(FootprintError) {
            guard let output else {
                throw FootprintError(
                    .invalidOption, "--shard needs --output: the part is a folder that `footprint merge` reads")
            }
            let part = try RunAnalyzer.readPart(
                runDirectory: runDirectory, options: options, shard: shard, formats: formats.map(\.rawValue),
                trainingType: trainingType)
            let text = try part.encoded()
            var findings = part.findings
            for log in part.logs { findings.append(contentsOf: log.findings) }
            let printed = findings.allFindings()
            DiagnosticPrinter.print(printed)
            try ReportOutput.publish(
                [(ReportPart.fileName, text)], into: output, logs: part.files, intensitySeries: part.series?.path)
            let warnings = printed.filter { $0.severity == .warning }.count
            return strict && warnings > 0 ? .strictWarnings : .success
        } catch {
            DiagnosticPrinter.error(error)
            return ExitStatus(error.code)
        }
    }
}
