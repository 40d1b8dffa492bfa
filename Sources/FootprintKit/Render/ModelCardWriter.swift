/// The Hugging Face model-card `co2_eq_emissions` block, filled from the measurement.
public enum ModelCardWriter {
    /// The `training_type` recorded when none is given (`--training-type`).
    public static let defaultTrainingType = "pre-training"

    /// - Throws: ``FootprintError/Code-swift.struct/invalidOption`` when the run has no emissions (no measured
    ///   energy and no estimate asked for): a model card would state 0 g.
    public static func render(_ report: RunReport, trainingType: String) throws(FootprintError) -> String {
        guard let emissions = report.emissions else {
            let reason = report.energyMissingReason?.text() ?? "no emissions were computed"
            throw FootprintError(
                .invalidOption,
                "--format model-card: no measured GPU energy (\(reason)); a model card would state an emission nobody measured. Make the power log readable, or pass --gpu-model and --gpu-count for an estimate labelled as one"
            )
        }
        let grams = emissions.kilogramsCO2e * 1000
        let names = Dictionary(grouping: report.jobGPUs, by: { $0.identity.name ?? "GPU" })
            .sorted { $0.key < $1.key }.map { "\($0.value.count) x \($0.key)" }
        let hardware = report.estimate.map { ["\($0.gpuCount) x \($0.gpu.model)"] } ?? names
        let method =
            switch emissions.method {
            case .estimated: "estimated from GPU-hours x TDP"
            case .systemEnergy: "measured node or system energy (no GPU power log)"
            case .measured: "measured GPU power (nvidia-smi) integrated over time"
            }
        return """
            co2_eq_emissions:
              emissions: \(ReportFormatting.fixed(grams, 1))
              source: "footprint \(ToolInfo.version): \(method) x PUE \(ReportFormatting.fixed(report.factors.pue, 2)) x grid intensity (\(yaml(report.factors.intensitySource)))"
              training_type: "\(yaml(trainingType))"
              geographical_location: "\(yaml(report.factors.location ?? "unknown"))"
              hardware_used: "\(yaml(hardware.joined(separator: ", ")))"

            """
    }

    /// `text` inside a YAML double-quoted scalar: backslash and quote escaped, control characters as YAML's own
    /// `\xHH` escapes.
    private static func yaml(_ text: String) -> String {
        TerminalText.sanitized(
            text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\""))
    }
}
