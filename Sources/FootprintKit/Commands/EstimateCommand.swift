/// `footprint estimate`: a run's energy and emissions without a power log, from GPUs × hours × TDP × utilization
/// or a given mean power.
public enum EstimateCommand {
    /// Estimates and writes the report.
    ///
    /// - Parameters:
    ///   - gpuCount: nil for the default of ``ReportOptions/estimateGPUCount``.
    ///   - watts: the mean power per GPU, replacing TDP × utilization; nil for TDP × utilization.
    ///   - year: the run's year, to pick that year's country intensity; nil for the latest.
    ///   - formats: nil for ``ReportFormat/defaults``.
    ///   - output: the folder to write into; nil for standard output.
    public static func run(
        gpuName: String, gpuCount: Int?, hours: Double, utilization: Double?, watts: Double? = nil, year: Int?,
        emission: EmissionOptions, formats: [ReportFormat]?, output: String?
    ) -> ExitStatus {
        do {
            let report = try Estimator.report(
                EstimateRequest(
                    gpu: gpuName, count: gpuCount ?? ReportOptions().estimateGPUCount, hours: hours,
                    utilization: utilization, watts: watts, year: year, emission: emission))
            try ReportOutput.write(
                report, formats: formats ?? ReportFormat.defaults, output: output,
                trainingType: ModelCardWriter.defaultTrainingType)
            return .success
        } catch {
            DiagnosticPrinter.error(error)
            return ExitStatus(error.code)
        }
    }
}
