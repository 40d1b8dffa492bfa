/// Recognises the experiment trackers' files that footprint reads, by content and, where the tracker names a file
/// after what it holds, by that name: an MLflow metric file is named after its metric.
enum TrackerSniffing {
    /// The kind of a tracker's file with this head and file name, or nil when it is none that is read.
    static func kind(of head: FileHead, fileName: Substring) -> InputKind? {
        // A GPU's power metric with a damaged first line is still that GPU's: any metric line of the head will do.
        if MLflowPowerMetricReader.gpuIndex(fileName: fileName) != nil,
            head.lines.contains(where: MLflowMetricLine.matches)
        {
            return .mlflowGPUPower
        }
        if let first = head.lines.first, MLflowMetricLine.matches(first) { return .mlflowMetric }
        if !head.isJSON, MLflowRunMeta(lines: head.lines) != nil { return .mlflowRunMeta }
        if CodeCarbonSchema.matches(header: head.firstLineCells.map { $0.lowercased() }) { return .codeCarbonEmissions }
        return nil
    }
}
