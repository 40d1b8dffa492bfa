/// Reads one GPU's power from an MLflow file-store metric, `metrics/system/gpu_{i}_power_usage_watts` (MLflow's
/// system-metrics logger), into a ``PowerLog`` of one GPU, streaming.
///
/// Accepts one `<timestamp_ms> <value> <step>` line per sample (``MLflowMetricLine``): the time is Unix
/// milliseconds (the log's clock is ``LogClock/embedded``), the value watts. The GPU index is the metric's, from
/// the file's name (the store names each metric file after its metric); a node id folder
/// (`system/<node_id>/gpu_0_…`) is left to host naming from paths. Lines that are not three fields, and values
/// that are not numbers, are located `input.damaged` warnings and no sample; samples go through the same
/// ``PowerRowAccumulator`` as nvidia-smi's, with its plausibility checks.
struct MLflowPowerMetricReader {
    /// The power metric's name after `gpu_{i}_`.
    static let metricSuffix = "_power_usage_watts"

    /// The GPU index in a power metric's file name `gpu_{i}_power_usage_watts`, or nil for another name.
    static func gpuIndex(fileName: Substring) -> String? {
        guard fileName.hasPrefix("gpu_"), fileName.hasSuffix(metricSuffix) else { return nil }
        let digits = fileName.dropFirst(4).dropLast(metricSuffix.count)
        guard !digits.isEmpty, digits.count <= 6, digits.allSatisfy(\.isASCIIDigit) else { return nil }
        return String(digits)
    }

    /// Reads the power metrics of one folder (a run's `metrics/system/`, or a node's folder below it) into one
    /// log, one GPU per file, so that the GPUs of one run are one host's; the log's path is the first file's.
    ///
    /// - Returns: nil when no file has a metric line (each such file is a warning); a GPU whose readings are all
    ///   invalid stays in the log without samples, so that accounting says why it has no energy.
    static func read(
        files: [DiscoveredFile], options: PowerLogReadingOptions, findings: inout FindingLog
    ) throws(FootprintError) -> PowerLog? {
        guard let first = files.first else { return nil }
        var accumulator = PowerRowAccumulator(powerFields: ["gpu_{i}" + metricSuffix], options: options)
        var fields = LineFields(maximumCount: 4)
        var dataRows = 0
        var encoding: InputEncoding?
        for file in files {
            let fileName = file.path.split(separator: "/").last ?? Substring(file.path)
            let index = gpuIndex(fileName: fileName) ?? "0"
            let key = Array(index.utf8)
            let displayPath = file.displayPath
            var metricLines = 0
            let fileEncoding = try PowerLogLines.forEachLine(
                path: file.path, displayPath: displayPath, options: options, findings: &findings
            ) { line, findings in
                guard !line.bytes.isEmpty else { return true }
                dataRows += 1
                guard let metric = MLflowMetricLine(line.bytes, fields: &fields) else {
                    findings.add(
                        Finding(
                            .warning, .inputDamaged,
                            "not a '<timestamp_ms> <value> <step>' line\(line.isTerminated ? "" : " (cut short)"); skipped",
                            location: InputLocation(path: displayPath, line: line.number)),
                        kind: "mlflow-line", summary: "lines that are not '<timestamp_ms> <value> <step>'")
                    return true
                }
                metricLines += 1
                let seconds = accumulator.utc(
                    of: .absolute(Double(metric.timestampMilliseconds) / 1000), line: line.number)
                let slot = key.withByteView { key in accumulator.slotIndex(forKey: key) { DeviceID(index: index) } }
                guard let slot else { return true }
                accumulator.countRow()
                accumulator.add(metric.value, field: 0, slot: slot, seconds: seconds)
                return true
            }
            encoding = encoding ?? fileEncoding
            if metricLines == 0 {
                findings.add(
                    Finding(
                        .warning, .inputUnreadable,
                        "no '<timestamp_ms> <value> <step>' line: GPU \(index)'s power is unknown",
                        location: InputLocation(path: displayPath)))
            }
        }
        var log = accumulator.finished(
            path: first.displayPath, format: .mlflowSystemMetrics,
            encoding: encoding ?? InputEncoding(isGzip: false, isUTF16LE: false))
        log.dataRowCount = dataRows
        log.sourcePaths = files.map(\.displayPath)
        return log.gpus.isEmpty ? nil : log
    }
}
