/// The Hugging Face model-card `co2_eq_emissions` block, filled from the measurement.
public enum ModelCardWriter {
    /// The `training_type` recorded when none is given (`--training-type`).
    public static let defaultTrainingType = "pre-training"

    public static func render(_ report: RunReport, trainingType: String) -> String {
        let grams = (report.emissions?.kilogramsCO2e ?? 0) * 1000
        let names = Dictionary(grouping: report.jobGPUs, by: { $0.identity.name ?? "GPU" })
            .sorted { $0.key < $1.key }.map { "\($0.value.count) x \($0.key)" }
        let hardware = report.estimate.map { ["\($0.gpuCount) x \($0.gpu.model)"] } ?? names
        let method =
            report.emissions?.method == .estimated
            ? "estimated from GPU-hours x TDP" : "measured GPU power (nvidia-smi) integrated over time"
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
