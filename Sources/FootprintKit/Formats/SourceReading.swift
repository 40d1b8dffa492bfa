internal import Dispatch
internal import Synchronization

/// Reads a run's discovered files, each with the reader of its kind: power logs (nvidia-smi CSV or dmon, MLflow
/// system metrics, and the Megatron-LM energy tags of an event file, read as a power log too),
/// TensorBoard event files and profiler traces. A file that cannot be read is a warning at its path, and the rest
/// are still read.
struct SourceReading {
    let files: [DiscoveredFile]
    let limits: InputLimits
    /// Power logs parsed so far: each file once per ``powerLogs(options:findings:)``.
    private(set) var powerLogReadCount = 0
    /// Event files found to hold no Megatron-LM energy tags, not read for power again.
    private var eventFilesWithoutEnergy: Set<String> = []

    init(files: [DiscoveredFile], limits: InputLimits) {
        self.files = files
        self.limits = limits
    }

    var hasPowerLogs: Bool { files.contains { $0.kind.isPowerLog } }

    /// The TensorBoard event files.
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
        let powerFiles = Self.readingUnits(
            files.filter {
                $0.kind.isPowerLog || $0.kind == .tensorBoardEvents && !eventFilesWithoutEnergy.contains($0.path)
            })
        powerLogReadCount += powerFiles.filter { $0.first?.kind.isPowerLog == true }.count
        var results: [(log: PowerLog?, findings: FindingLog)] = []
        if options.retainedSampleLimit == 0, powerFiles.count > 1 {
            let shared = Mutex<[(log: PowerLog?, findings: FindingLog)?]>(
                Array(repeating: nil, count: powerFiles.count))
            DispatchQueue.concurrentPerform(iterations: powerFiles.count) { index in
                let result = Self.read(powerFiles[index], options: options)
                shared.withLock { $0[index] = result }
            }
            results = shared.withLock { $0 }.map { $0 ?? (nil, FindingLog()) }
        } else {
            var options = options
            for file in powerFiles {
                let result = Self.read(file, options: options)
                if let log = result.log {
                    options.retainedSampleLimit = max(0, options.retainedSampleLimit - log.retainedSampleCount)
                }
                results.append(result)
            }
        }
        var logs: [PowerLog] = []
        for (unit, result) in zip(powerFiles, results) {
            findings.append(contentsOf: result.findings)
            if let log = result.log {
                logs.append(log)
            } else if let file = unit.first, file.kind == .tensorBoardEvents {
                eventFilesWithoutEnergy.insert(file.path)
            }
        }
        return Self.preferringSamples(logs, findings: &findings)
    }

    /// The logs with the GPU devices of trackers' totals (CodeCarbon) left out when another log of the run has
    /// power samples: a finer source of the same GPUs' energy, which the totals would count again. Their totals
    /// stay, marked as not used for GPU energy.
    private static func preferringSamples(_ logs: [PowerLog], findings: inout FindingLog) -> [PowerLog] {
        let hasSamples = logs.contains { log in
            log.trackerTotals == nil && log.gpus.contains { $0.trace.sampleCount > 0 }
        }
        guard hasSamples else { return logs }
        return logs.map { log in
            guard var totals = log.trackerTotals, !log.gpus.isEmpty else { return log }
            var kept = log
            kept.gpus = []
            totals.gpuEnergyUsed = false
            kept.trackerTotals = totals
            findings.add(
                Finding(
                    .note, .energyTracker,
                    "the run has power samples of its GPUs: \(totals.producer)'s GPU totals are not added to them (shown beside the report)",
                    location: InputLocation(path: log.path)))
            return kept
        }
    }

    /// The power files grouped as their readers take them: an MLflow run's GPU power metrics of one folder
    /// together (one log, so that its GPUs are one host's), every other file alone; in the order of the files.
    private static func readingUnits(_ files: [DiscoveredFile]) -> [[DiscoveredFile]] {
        var units: [[DiscoveredFile]] = []
        var unitOfFolder: [Substring: Int] = [:]
        for file in files {
            guard file.kind == .mlflowGPUPower else {
                units.append([file])
                continue
            }
            let folder = file.displayPath.split(separator: "/").dropLast().joined(separator: "/")
            if let unit = unitOfFolder[Substring(folder)] {
                units[unit].append(file)
            } else {
                unitOfFolder[Substring(folder)] = units.count
                units.append([file])
            }
        }
        return units
    }

    /// One power log (of one file, or of an MLflow folder's metrics) and the findings of reading it; nil when it
    /// gave no log.
    private static func read(
        _ unit: [DiscoveredFile], options: PowerLogReadingOptions
    ) -> (log: PowerLog?, findings: FindingLog) {
        var findings = FindingLog()
        guard let file = unit.first else { return (nil, findings) }
        do {
            let log: PowerLog?
            switch file.kind {
            case .nvidiaSMICSV:
                log = try NvidiaSMICSVReader.read(
                    path: file.path, displayPath: file.displayPath, options: options, findings: &findings)
            case .mlflowGPUPower:
                log = try MLflowPowerMetricReader.read(files: unit, options: options, findings: &findings)
            case .codeCarbonEmissions:
                log = try CodeCarbonReader.read(
                    path: file.path, displayPath: file.displayPath, options: options, findings: &findings)
            case .tensorBoardEvents:
                log = try MegatronEnergyReader.read(
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
            // An event file that cannot be read is reported once, by ``eventFiles(findings:)``.
            if file.kind != .tensorBoardEvents {
                findings.add(
                    Finding(.warning, .inputUnreadable, error.message, location: InputLocation(path: file.displayPath)))
            }
            return (nil, findings)
        }
    }
}
