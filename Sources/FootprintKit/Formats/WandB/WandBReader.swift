/// Reads a W&B file of any layout into GPU power traces: a run file (`run-<id>.wandb`,
/// ``WandBRunFileReader``), a legacy `wandb-events.jsonl` (``WandBEventsReader``), or a CSV export of a run's
/// system metrics (``WandBHistoryCSVReader``), chosen by content.
///
/// Each GPU `i` is one ``PowerSeries`` from its `gpu.{i}.powerWatts` samples at their epoch-second times, named
/// by the run's own host and GPU model (its records, else the `wandb-metadata.json` beside it, ``WandBMetadata``).
/// A note describes what the file held: its layout, SDK, samples, host and GPUs, and where each came from.
enum WandBReader {
    /// Reads the file at `path`; nil when it holds no GPU power (a warning says so).
    ///
    /// - Throws: ``FootprintError`` when the file cannot be opened or read at all.
    static func read(
        path: String, displayPath: String, options: PowerLogReadingOptions, findings: inout FindingLog
    ) throws(FootprintError) -> PowerLog? {
        let head = try InputOpener.head(path: path, maximumBytes: WandBLogReader.headerBytes, limits: options.limits)
        var info = WandBRunInfo()
        var log: PowerLog
        var layout: String
        if WandBLogReader.hasHeader(head.bytes) {
            let read = try WandBRunFileReader.read(
                path: path, displayPath: displayPath, options: options, info: &info, findings: &findings)
            log = read.log
            // SDK 0.18 and later write one record per asset per tick: most stats records then hold no GPU power.
            let perAsset = log.dataRowCount > 0 && read.statsRecords >= 2 * log.dataRowCount
            layout =
                "W&B run file\(info.sdkVersion.map { " (SDK \(sdkVersion($0)))" } ?? ""), \(read.statsRecords) stats records"
                + (perAsset ? " (one per asset per tick)" : " (one per tick)")
        } else if head.bytes.first == UInt8(ascii: "{") {
            log = try WandBEventsReader.read(
                path: path, displayPath: displayPath, options: options, findings: &findings)
            layout = "W&B wandb-events.jsonl, \(log.dataRowCount) lines with GPU power"
        } else {
            log = try WandBHistoryCSVReader.read(
                path: path, displayPath: displayPath, options: options, findings: &findings)
            layout = "W&B system-metrics CSV export, \(log.dataRowCount) rows with GPU power"
        }
        if info.host == nil || (info.gpuModel == nil && info.gpuNames.isEmpty),
            let metadata = WandBMetadata.find(besideRunAt: path, runID: info.runID)
        {
            info.complete(from: metadata.info, source: metadata.name)
        }
        log = named(log, info: info)
        let location = InputLocation(path: displayPath)
        guard !log.gpus.isEmpty else {
            findings.add(
                Finding(
                    .warning, .inputUnreadable,
                    "\(layout): no gpu.N.powerWatts samples (a run without GPUs, or with system metrics turned off)",
                    location: location))
            return nil
        }
        findings.add(Finding(.note, .inputColumns, describe(layout: layout, log: log, info: info), location: location))
        return log
    }

    /// `log` with each GPU's host and model from `info`.
    private static func named(_ log: PowerLog, info: WandBRunInfo) -> PowerLog {
        var named = log
        for position in named.gpus.indices {
            named.gpus[position].identity.host = info.host ?? ""
            named.gpus[position].identity.name = named.gpus[position].identity.index.flatMap(Int.init).flatMap(
                info.gpuName(index:))
        }
        return named
    }

    /// The version without its build suffix (`0.18.3+5720e97…` → `0.18.3`).
    private static func sdkVersion(_ version: String) -> String {
        String(version.split(separator: "+").first ?? Substring(version))
    }

    /// One line on what the file held and where its names came from.
    private static func describe(layout: String, log: PowerLog, info: WandBRunInfo) -> String {
        let models = Set(log.gpus.compactMap(\.identity.name)).sorted()
        var text =
            layout
            + "; \(log.gpus.count) GPU\(log.gpus.count == 1 ? "" : "s") with \(log.powerField ?? "gpu.N.powerWatts")"
        if !models.isEmpty { text += " (\(models.joined(separator: ", ")))" }
        if let count = info.gpuCount, count != log.gpus.count { text += " of the \(count) the run lists" }
        text += "; host " + (info.host ?? "not named")
        if !info.sources.isEmpty { text += "; host and GPUs named by: " + info.sources.joined(separator: ", ") }
        return text
    }
}
