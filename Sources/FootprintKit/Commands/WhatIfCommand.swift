/// `footprint whatif RUN_DIR`: the run's energy priced in other places and at other start times.
public enum WhatIfCommand {
    /// Analyses the run as `report` does, prints its findings to standard error, prices its energy and writes the
    /// result.
    ///
    /// - Parameters:
    ///   - formats: nil for ``WhatIfFormat/defaults``.
    ///   - output: the folder to write `whatif.md`, `whatif.csv`, … into (published together, never over an input);
    ///     nil for standard output.
    public static func run(
        runDirectory: String, options: ReportOptions, whatIf: WhatIfOptions, formats: [WhatIfFormat]?,
        output: String?
    ) -> ExitStatus {
        do throws(FootprintError) {
            try whatIf.validate(emission: options.emission)
            let report = try RunAnalyzer.analyze(runDirectory: runDirectory, options: options)
            DiagnosticPrinter.print(report.findings)
            let priced = try WhatIfReport.make(report, options: whatIf, emission: options.emission)
            let files = (formats ?? WhatIfFormat.defaults).map { (name: $0.fileName, text: $0.render(priced)) }
            guard let output else {
                print(files.map(\.text).joined(separator: "\n"), terminator: "")
                return .success
            }
            try ReportOutput.publish(
                files, into: output, logs: report.files, intensitySeries: report.intensitySeries?.path)
            return .success
        } catch {
            DiagnosticPrinter.error(error)
            return ExitStatus(error.code)
        }
    }
}
