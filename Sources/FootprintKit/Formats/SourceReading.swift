internal import Dispatch
internal import Synchronization

/// Reads a run's discovered files, each with the reader of its kind: power logs (nvidia-smi CSV or dmon, W&B),
/// TensorBoard event files and profiler traces. A file that cannot be read is a warning at its path, and the rest
/// are still read.
struct SourceReading {
    let files: [DiscoveredFile]
    let limits: InputLimits
    /// Power logs parsed so far: each file once per ``powerLogs(options:findings:)``.
    private(set) var powerLogReadCount = 0

    init(files: [DiscoveredFile], limits: InputLimits) {
        self.files = files
        self.limits = limits
    }

    var hasPowerLogs: Bool { files.contains { $0.kind.isPowerLog } }

    /// The TensorBoard event files; without any, the training history of the W&B run files (read again here: their
    /// damage is reported once, by the power reading).
    func eventFiles(findings: inout FindingLog) -> [EventFile] {
        var eventFiles: [EventFile] = []
        for file in files where file.kind == .tensorBoardEvents {
            do {
                eventFiles.append(
                    try EventFileReader.read(
                        path: file.path, displayPath: file.displayPath,
                        limits: limits, findings: &findings))
            } catch {
                findings.add(
                    Finding(.warning, .inputUnreadable, error.message, location: InputLocation(path: file.displayPath)))
            }
        }
        guard eventFiles.isEmpty else { return eventFiles }
        for file in files where file.kind == .wandb {
            // Only run files hold history; the text layouts fail the header check and are passed over.
            if let history = try? WandBHistoryReader.read(
                path: file.path, displayPath: file.displayPath, limits: limits)
            {
                eventFiles.append(history)
            }
        }
        return eventFiles
    }

    /// The profiler traces.
    func profilerTraces(findings: inout FindingLog) -> [ProfilerTrace] {
        var traces: [ProfilerTrace] = []
        for file in files where file.kind == .profilerTrace {
            do {
                traces.append(
                    try TraceReader.read(
                        path: file.path, displayPath: file.displayPath, limits: limits,
                        findings: &findings))
            } catch {
                findings.add(
                    Finding(.warning, .inputUnreadable, error.message, location: InputLocation(path: file.displayPath)))
            }
        }
        return traces
    }

    /// Refuses an `--intensity-series` that is a FIFO, socket or device before anything opens it (to read or to
    /// hash it): reading one could block forever.
    ///
    /// - Throws: ``FootprintError`` naming the file and what it is.
    static func refuseSpecialFile(intensitySeries path: String?) throws(FootprintError) {
        guard let path, let type = DirectoryWalker.specialFileType(of: path) else { return }
        throw FootprintError(
            .unreadableInput, "--intensity-series names \(type), not a regular file; give a CSV file",
            location: InputLocation(path: path))
    }

    /// The grid-intensity series of `--intensity-series`, when given.
    ///
    /// - Throws: ``FootprintError`` when it cannot be read: the option names one file, so it is not a warning.
    func intensitySeries(path: String?, findings: inout FindingLog) throws(FootprintError) -> IntensitySeries? {
        guard let path else { return nil }
        return try IntensitySeries.read(path: path, limits: limits, findings: &findings)
    }

    /// The power logs, read with `options`, in the order of the files; their findings too, as if read one after
    /// another. Without retained samples the files are read in parallel on all cores (each reader keeps per-GPU
    /// state only). ``PowerLogReadingOptions/retainedSampleLimit`` bounds the samples that all of them retain
    /// together: what one log retains is taken off what the logs after it may, so those are read in turn.
    mutating func powerLogs(options: PowerLogReadingOptions, findings: inout FindingLog) -> [PowerLog] {
        let powerFiles = Self.readingGroups(files.filter(\.kind.isPowerLog))
        powerLogReadCount += powerFiles.reduce(0) { $0 + $1.count }
        guard options.retainedSampleLimit == 0, powerFiles.count > 1 else {
            var options = options
            var logs: [PowerLog] = []
            for group in powerFiles {
                let (log, fileFindings) = Self.read(group, options: options)
                findings.append(contentsOf: fileFindings)
                if let log {
                    options.retainedSampleLimit = max(0, options.retainedSampleLimit - log.retainedSampleCount)
                    logs.append(log)
                }
            }
            return logs
        }
        var logs: [PowerLog] = []
        for result in Self.read(powerFiles, options: options) {
            findings.append(contentsOf: result.findings)
            if let log = result.log { logs.append(log) }
        }
        return logs
    }

    /// The power logs among the files that `include` takes (by index in ``files``), read with `options` in
    /// parallel on all cores, in file order, each with its index and the findings of reading it. `options` must
    /// retain no samples.
    func powerLogsByFile(
        options: PowerLogReadingOptions, including include: (Int) -> Bool
    ) -> [(fileIndex: Int, log: PowerLog?, findings: FindingLog)] {
        let indices = files.indices.filter { files[$0].kind.isPowerLog && include($0) }
        return zip(indices, Self.read(indices.map { [files[$0]] }, options: options)).map {
            ($0, $1.log, $1.findings)
        }
    }

    /// The power files as they are read: one by one, but the dcgm-exporter scrapes of one folder together (one log
    /// over time, at the place of the first of them).
    private static func readingGroups(_ powerFiles: [DiscoveredFile]) -> [[DiscoveredFile]] {
        var groups: [[DiscoveredFile]] = []
        var scrapeGroupByFolder: [Substring: Int] = [:]
        for file in powerFiles {
            guard file.kind == .dcgmExporter else {
                groups.append([file])
                continue
            }
            let folder = file.displayPath.split(separator: "/").dropLast().joined(separator: "/")
            if let index = scrapeGroupByFolder[Substring(folder)] {
                groups[index].append(file)
            } else {
                scrapeGroupByFolder[Substring(folder)] = groups.count
                groups.append([file])
            }
        }
        return groups
    }

    /// Each group of `powerFiles` read with `options`, in parallel on all cores, in their order.
    private static func read(
        _ powerFiles: [[DiscoveredFile]], options: PowerLogReadingOptions
    ) -> [(log: PowerLog?, findings: FindingLog)] {
        let results = Mutex<[(log: PowerLog?, findings: FindingLog)?]>(Array(repeating: nil, count: powerFiles.count))
        DispatchQueue.concurrentPerform(iterations: powerFiles.count) { index in
            let result = Self.read(powerFiles[index], options: options)
            results.withLock { $0[index] = result }
        }
        return results.withLock { $0 }.map { $0 ?? (nil, FindingLog()) }
    }

    /// One power log (of one file, or of a folder's scrapes) and the findings of reading it; nil when it gave no
    /// log.
    private static func read(_ group: [DiscoveredFile], options: PowerLogReadingOptions) -> (PowerLog?, FindingLog) {
        var findings = FindingLog()
        guard let file = group.first else { return (nil, findings) }
        do {
            let log: PowerLog?
            switch file.kind {
            case .nvidiaSMICSV:
                log = try NvidiaSMICSVReader.read(
                    path: file.path, displayPath: file.displayPath, options: options, findings: &findings)
            case .wandb:
                log = try WandBReader.read(
                    path: file.path, displayPath: file.displayPath, options: options, findings: &findings)
            case .dcgmDmon:
                log = try DCGMDmonReader.read(
                    path: file.path, displayPath: file.displayPath, options: options, findings: &findings)
            case .dcgmExporter:
                log = try DCGMExporterReader.read(files: group, options: options, findings: &findings)
            case .dcgmQueryRange:
                log = try DCGMQueryRangeReader.read(
                    path: file.path, displayPath: file.displayPath, options: options, findings: &findings)
            default:
                log = try NvidiaSMIDmonReader.read(
                    path: file.path, displayPath: file.displayPath, options: options, findings: &findings)
            }
            if let log,
                let warning = log.implausibleTimes.warning(
                    .clockImplausible,
                    "rows are dated outside \(PlausibleTime.rangeDescription) (the first here; as written, before their zone); their readings are not samples"
                )
            {
                findings.add(warning)
            }
            return (log, findings)
        } catch {
            findings.add(
                Finding(.warning, .inputUnreadable, error.message, location: InputLocation(path: file.displayPath)))
            return (nil, findings)
        }
    }
}
