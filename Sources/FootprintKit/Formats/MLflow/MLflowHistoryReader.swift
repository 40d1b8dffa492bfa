/// Reads an MLflow file-store run's training metrics (`metrics/loss`, `metrics/train/accuracy`, … — not
/// `metrics/system/`) as the scalar tags of one ``EventFile`` per run, so that a run without TensorBoard files
/// still has a training timeline. Each line `<timestamp_ms> <value> <step>` is a point of the tag named by the
/// file's path below `metrics/`, at its step and time; lines that are not three such fields, values that are not
/// finite numbers and times outside ``PlausibleTime`` have no point (a counted warning per file).
enum MLflowHistoryReader {
    /// The runs' metrics among `files` (``InputKind/mlflowMetric``), one event file per run folder (the folder
    /// above `metrics/`), in the order of the files; runs without a point are left out.
    static func read(_ files: [DiscoveredFile], limits: InputLimits, findings: inout FindingLog) -> [EventFile] {
        var runs: [String: EventFile] = [:]
        var order: [String] = []
        var tagIndices: [String: [String: Int]] = [:]
        var pointCount = 0
        for file in files where file.kind == .mlflowMetric {
            let (run, name) = runAndMetric(of: file.displayPath)
            guard !name.hasPrefix("system/") else { continue }
            if runs[run] == nil {
                order.append(run)
                runs[run] = EventFile(path: file.path, displayPath: run.isEmpty ? "metrics" : run + "/metrics")
            }
            var event = runs[run]!
            defer { runs[run] = event }
            var options = PowerLogReadingOptions()
            options.limits = limits
            var fields = LineFields(maximumCount: 4)
            do {
                _ = try PowerLogLines.forEachLine(
                    path: file.path, displayPath: file.displayPath, options: options, findings: &findings
                ) { line, findings in
                    guard !line.bytes.isEmpty else { return true }
                    guard let metric = MLflowMetricLine(line.bytes, fields: &fields),
                        case .number(let value) = metric.value, value.isFinite,
                        PlausibleTime.contains(Double(metric.timestampMilliseconds) / 1000),
                        EventDecoder.plausibleSteps.contains(metric.step)
                    else {
                        findings.add(
                            Finding(
                                .warning, .inputDamaged,
                                "not a '<timestamp_ms> <value> <step>' line with a finite value and a plausible time; no point",
                                location: InputLocation(path: file.displayPath, line: line.number)),
                            kind: "mlflow-metric", summary: "MLflow metric lines without a point")
                        return true
                    }
                    guard pointCount < EventDecoder.maximumPoints,
                        let index = event.scalarTagIndex(named: name, indices: &tagIndices[run, default: [:]])
                    else { return false }
                    let seconds = Double(metric.timestampMilliseconds) / 1000
                    pointCount &+= 1
                    event.eventCount &+= 1
                    event.firstWallTime = min(event.firstWallTime ?? seconds, seconds)
                    event.lastWallTime = max(event.lastWallTime ?? seconds, seconds)
                    event.addScalar(tag: index, step: metric.step, wallTime: seconds, value: value)
                    return true
                }
            } catch {
                findings.add(
                    Finding(.warning, .inputUnreadable, error.message, location: InputLocation(path: file.displayPath)))
            }
        }
        return order.compactMap { runs[$0] }.filter { $0.tags.contains(where: \.isScalar) }
    }

    /// The run folder (the path before the last `metrics` folder) and the metric's name (the path after it); the
    /// file's name alone for a metric file outside a `metrics` folder.
    static func runAndMetric(of displayPath: String) -> (run: String, metric: String) {
        let parts = displayPath.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard let metrics = parts.dropLast().lastIndex(of: "metrics") else {
            return (parts.dropLast().joined(separator: "/"), parts.last ?? displayPath)
        }
        return (parts[..<metrics].joined(separator: "/"), parts[(metrics + 1)...].joined(separator: "/"))
    }
}
