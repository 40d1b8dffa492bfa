/// `footprint inspect PATH`: what the tool finds in a file or folder, before any accounting. For event files the
/// tags with their shapes, point counts and step and time ranges; for power logs the GPUs, samples, span and gaps.
public enum Inspector {
    /// Inspects `path` (a file or a folder, searched recursively) and renders plain text.
    ///
    /// - Throws: ``FootprintError`` when the path cannot be read at all.
    public static func inspect(path: String, options: ReportOptions) throws(FootprintError) -> (
        text: String, findings: [Finding]
    ) {
        var findings = FindingLog()
        let files = try RunDiscovery.discover(runDirectory: path, limits: options.limits, findings: &findings)
        var out = ""
        var eventFiles: [EventFile] = []
        var scrapeFolders: Set<String> = []
        var readingOptions = try RunAnalyzer.powerReadingOptions(options)
        readingOptions.zone = ClockResolution.assumption(zone: options.zone).zone
        for file in files {
            out +=
                "\(TerminalText.sanitized(file.displayPath)) — \(file.kind.rawValue)\(file.encoding?.isGzip == true ? ", gzip" : ""), \(ReportFormatting.grouped(file.sizeBytes)) B"
            switch file.kind {
            case .tensorBoardEvents:
                do {
                    let events = try EventFileReader.read(
                        path: file.path, displayPath: file.displayPath,
                        limits: options.limits, findings: &findings)
                    eventFiles.append(events)
                    out += "\n" + describe(events)
                    var energyFindings = FindingLog()
                    if let log = MegatronEnergyReader.powerLog(
                        of: events, options: readingOptions, findings: &energyFindings)
                    {
                        out += describe(log, zone: readingOptions.zone)
                    }
                } catch {
                    out += ": \(TerminalText.sanitized(error.message))\n"
                }
            case .nvidiaSMICSV, .nvidiaSMIDmon, .wandb, .mlflowGPUPower, .codeCarbonEmissions, .dcgmDmon, .dcgmExporter,
                .dcgmQueryRange:
                // A folder's scrapes are one log, described at the first of them.
                let folder = String(file.displayPath.split(separator: "/").dropLast().joined(separator: "/"))
                guard file.kind != .dcgmExporter || scrapeFolders.insert(folder).inserted else {
                    out += " (a scrape of the log above)\n"
                    continue
                }
                let group = files.filter {
                    $0 == file
                        || (file.kind == .dcgmExporter && $0.kind == .dcgmExporter
                            && $0.displayPath.split(separator: "/").dropLast().joined(separator: "/") == folder)
                }
                var reading = SourceReading(files: group, limits: readingOptions.limits)
                let logs = reading.powerLogs(options: readingOptions, findings: &findings)
                out +=
                    "\n" + (logs.first.map { describe($0, zone: readingOptions.zone) } ?? "  no valid power samples\n")
            case .profilerTrace:
                let trace = try? TraceReader.read(
                    path: file.path, displayPath: file.displayPath, limits: options.limits,
                    findings: &findings)
                out += "\n" + (trace.map(describe) ?? "  unreadable\n")
            case .mlperfPowerLog, .mlperfLoadGenLog:
                var systemFindings = FindingLog()
                let energy = MLPerfPowerReader.read(
                    [file], zone: options.zone, limits: options.limits,
                    maxBridgeSeconds: options.maxBridgeSeconds, findings: &systemFindings)
                out +=
                    "\n  "
                    + (energy.map {
                        "system (wall) power: \($0.sampleCount) readings, \(ReportFormatting.significant($0.joules, 6)) J from \(ReportFormatting.readableUTC($0.startSeconds)) to \(ReportFormatting.readableUTC($0.endSeconds))"
                    }
                        ?? (file.kind == .mlperfLoadGenLog
                            ? "LoadGen log: power_begin and power_end bound the scored window"
                            : "no two valid readings"))
                    + "\n"
            case .mlflowMetric:
                var metricFindings = FindingLog()
                let history = MLflowHistoryReader.read([file], limits: options.limits, findings: &metricFindings)
                let (_, name) = MLflowHistoryReader.runAndMetric(of: file.displayPath)
                let points = history.first?.tags.first?.series.count ?? 0
                out +=
                    "\n  MLflow metric \(TerminalText.sanitized(name)): \(points) point\(points == 1 ? "" : "s")"
                    + (name.hasPrefix("system/") ? " (a system metric, not read for the timeline)" : "") + "\n"
            case .mlflowRunMeta:
                let meta = MLflowRunMeta.read(path: file.path, limits: options.limits)
                out += "\n  " + TerminalText.sanitized(meta?.summary ?? "unreadable") + "\n"
            case .slurmAccounting:
                var jobFindings = FindingLog()
                let jobs =
                    (try? SacctReader.read(
                        path: file.path, displayPath: file.displayPath, zone: readingOptions.zone,
                        limits: options.limits, findings: &jobFindings)) ?? []
                out += "\n  " + describe(jobs) + "\n"
            case .other, .foreign:
                out += file.note.map { " (\(TerminalText.sanitized($0)))" } ?? ""
                out += "\n"
            }
        }
        if !eventFiles.isEmpty, let timeline = try? RunTimeline.build(files: eventFiles, stepTag: nil) {
            out += "\n" + describe(timeline)
        }
        return (out, findings.allFindings())
    }

    /// `3 jobs (2 with ConsumedEnergy, 2 with GPUs: 24 GPU-hours), from … to …`.
    private static func describe(_ jobs: [SlurmJob]) -> String {
        let withEnergy = jobs.filter { $0.consumedJoules != nil }.count
        let withGPUs = jobs.filter { ($0.gpuCount ?? 0) > 0 }
        let gpuHours = withGPUs.compactMap(\.gpuHours).reduce(0, +)
        var out =
            "Slurm accounting: \(ReportFormatting.grouped(jobs.count)) job\(jobs.count == 1 ? "" : "s") (\(ReportFormatting.grouped(withEnergy)) with ConsumedEnergy, \(ReportFormatting.grouped(withGPUs.count)) with GPUs: \(ReportFormatting.grouped(gpuHours, 2)) GPU-hours)"
        let starts = jobs.compactMap(\.startSeconds)
        if let first = starts.min(), let last = starts.max() {
            out += ", started \(ReportFormatting.readableUTC(first)) → \(ReportFormatting.readableUTC(last))"
        }
        return out
    }

    private static func describe(_ file: EventFile) -> String {
        var out =
            "  \(ReportFormatting.grouped(file.records.recordCount)) records, \(ReportFormatting.grouped(file.eventCount)) events"
        if let version = file.fileVersion { out += ", \(TerminalText.sanitized(version))" }
        if let writer = file.writer { out += ", writer \(TerminalText.sanitized(writer))" }
        if let first = file.firstWallTime, let last = file.lastWallTime {
            out += "\n  wall time \(ReportFormatting.readableUTC(first)) → \(ReportFormatting.readableUTC(last))"
        }
        let others = [
            ("graphs", file.graphCount), ("run metadata", file.runMetadataCount),
            ("log messages", file.logMessageCount), ("session logs", file.sessionLogCount),
        ]
        .filter { $0.1 > 0 }.map { "\($0.1) \($0.0)" }
        if !others.isEmpty { out += "\n  " + others.joined(separator: ", ") }
        if file.records.corruptRecordCount + file.undecodableCount > 0 || file.records.truncatedTailBytes > 0 {
            out +=
                "\n  damaged: \(file.records.corruptRecordCount) bad checksums, \(file.undecodableCount) undecodable, "
                + "\(file.records.skippedBytes) B skipped, \(file.records.truncatedTailBytes) B partial tail"
        }
        out += "\n"
        var rows: [[String]] = []
        for tag in file.tags {
            let kinds = tag.valueCounts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key.rawValue)" }.joined(
                separator: ", ")
            let points = tag.series.points
            var steps = ""
            var times = ""
            if let low = points.lazy.map(\.step).min(), let high = points.lazy.map(\.step).max() {
                steps = "\(low)…\(high)"
            }
            if let low = points.lazy.map(\.wallTime).min(), let high = points.lazy.map(\.wallTime).max() {
                times = "\(ReportFormatting.readableUTC(low)) → \(ReportFormatting.readableUTC(high))"
            }
            rows.append([tag.name, tag.isScalar ? tag.scalarShape : (tag.plugin ?? "-"), kinds, steps, times])
        }
        if !rows.isEmpty {
            out += TextTable.render(
                header: ["tag", "shape/plugin", "values", "steps", "wall time (UTC)"], rows: sanitized(rows),
                indent: "  ")
        }
        return out
    }

    private static func describe(_ log: PowerLog, zone: ClockZone) -> String {
        var out =
            "  \(log.format.rawValue), \(ReportFormatting.grouped(log.dataRowCount)) rows, power field \(TerminalText.sanitized(log.powerField ?? "none"))"
        if case .local = log.clock { out += ", local times read in \(zone)" }
        if let counter = log.energyCounterField {
            out += ", energy from the counter \(TerminalText.sanitized(counter))"
        }
        out += "\n"
        if let totals = log.trackerTotals {
            out += "  " + TerminalText.sanitized(TrackerTotalsText.summary(totals)) + "\n"
        }
        let rows = log.gpus.map { series -> [String] in
            let trace = series.trace
            return [
                series.identity.label, series.identity.name ?? "—", ReportFormatting.grouped(trace.sampleCount),
                "\(ReportFormatting.readableUTC(trace.firstSeconds)) → \(ReportFormatting.readableUTC(trace.lastSeconds))",
                ReportFormatting.fixed(trace.medianIntervalSeconds, 3) + " s",
                trace.gapCount == 0 ? "0" : "\(trace.gapCount) (\(ReportFormatting.duration(trace.gapSeconds)))",
                ReportFormatting.grouped(series.invalidSampleCount),
                ReportFormatting.fixed(trace.meanWatts, 1),
            ]
        }
        return out
            + TextTable.render(
                header: ["GPU", "name", "samples", "span (UTC)", "median interval", "gaps", "invalid", "mean W"],
                rows: sanitized(rows), indent: "  ")
    }

    private static func describe(_ trace: ProfilerTrace) -> String {
        var out = "  \(ReportFormatting.grouped(trace.eventCount)) events"
        switch trace.clock {
        case .base: out += ", times from baseTimeNanoseconds"
        case .epoch: out += ", Unix-microsecond times"
        case .relative: out += ", relative times (no base)"
        }
        if let rank = trace.rank { out += ", rank \(rank)\(trace.worldSize.map { " of \($0)" } ?? "")" }
        if !trace.devices.isEmpty {
            out +=
                ", \(trace.devices.count) GPUs listed (\(Set(trace.devices.map(\.name)).sorted().map(TerminalText.sanitized).joined(separator: ", ")))"
        }
        out += "\n  \(trace.steps.count) profiled steps"
        if let first = trace.steps.first?.number, let last = trace.steps.last?.number { out += " (#\(first)…#\(last))" }
        if let window = trace.profiledWindow {
            out += " over \(ReportFormatting.fixed((window.upperBound - window.lowerBound) / 1000, 1)) ms"
        }
        out +=
            trace.isCPUOnly
            ? "; CPU-only (no GPU kernels)"
            : "; GPU busy: "
                + trace.busy.map { device in
                    let share = trace.profiledWindow.map {
                        device.busyMicroseconds(within: $0) / max(1e-9, $0.upperBound - $0.lowerBound)
                    }
                    return "device \(device.device) \(ReportFormatting.fixed(device.busyMicroseconds / 1000, 1)) ms"
                        + (share.map { " (\(ReportFormatting.percent($0)) of the window)" } ?? "")
                }.joined(separator: ", ")
        if let problem = trace.problem { out += "\n  read up to a problem: \(TerminalText.sanitized(problem))" }
        return out + "\n"
    }

    private static func describe(_ timeline: RunTimeline) -> String {
        var out = ""
        for run in timeline.runs {
            let superseded = run.supersededCount > 0 ? ", \(run.supersededCount) points superseded" : ""
            out +=
                "event folder `\(TerminalText.sanitized(run.folder.isEmpty ? "." : run.folder))`: \(run.files.count) file\(run.files.count == 1 ? "" : "s")\(superseded)"
            for downtime in run.downtimes {
                out +=
                    "\n  break of \(ReportFormatting.duration(downtime.seconds)) before \(TerminalText.sanitized(downtime.beforeFile))"
            }
            out += "\n"
        }
        if let window = timeline.training {
            out +=
                "training window: `\(TerminalText.sanitized(window.displayTag))` (\(window.choice.rawValue)), steps \(window.firstStep)…\(window.lastStep), "
                + "\(ReportFormatting.readableUTC(window.startSeconds)) → \(ReportFormatting.readableUTC(window.endSeconds)) (\(ReportFormatting.duration(window.seconds)))"
                + ", \(window.pauses.count) pause\(window.pauses.count == 1 ? "" : "s")\n"
        } else {
            out += "training window: none (no scalar tag with two or more steps at different times)\n"
        }
        return out
    }

    /// Table cells from inputs with control characters as visible escapes.
    private static func sanitized(_ rows: [[String]]) -> [[String]] {
        rows.map { $0.map(TerminalText.sanitized) }
    }
}
