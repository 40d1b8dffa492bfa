/// Reads a run's discovered files, each with the reader of its kind: power logs (nvidia-smi CSV or dmon, W&B,
/// MLflow system metrics, CodeCarbon's totals, and the Megatron-LM energy tags of an event file, read as a power
/// log too), TensorBoard event files and profiler traces. A file that cannot be read is a warning at its path, and the rest
/// are still read.
struct SourceReading {
    let files: [DiscoveredFile]
    let limits: InputLimits
    /// Power logs parsed so far: each file once per ``powerLogs(options:findings:)``.
    private(set) var powerLogReadCount = 0
    /// Event files found to hold no Megatron-LM energy tags, not read for power again.
    private var eventFilesWithoutEnergy: Set<String> = []
    /// Event files read by ``eventFiles(findings:)`` that hold Megatron-LM's energy tag, by path: their power log
    /// is taken from them rather than from a second read.
    private var eventFilesWithEnergy: [String: EventFile] = [:]

    init(files: [DiscoveredFile], limits: InputLimits) {
        self.files = files
        self.limits = limits
    }

    var hasPowerLogs: Bool { files.contains { $0.kind.isPowerLog } }

    /// The TensorBoard event files, read on all cores; without any, the training history of the W&B run files
    /// (read again here: their damage is reported once, by the power reading); without those, the MLflow runs'
    /// training metrics. Which event files hold Megatron-LM's energy is noted, so that each is read once.
    mutating func eventFiles(findings: inout FindingLog) -> [EventFile] {
        let limits = limits
        var eventFiles = each(.tensorBoardEvents, findings: &findings) { (file, findings) throws(FootprintError) in
            try EventFileReader.read(
                path: file.path, displayPath: file.displayPath, limits: limits, findings: &findings)
        }
        // A file that could not be read is not read again for power: it would fail the same way.
        eventFilesWithoutEnergy.formUnion(files.filter { $0.kind == .tensorBoardEvents }.map(\.path))
        for events in eventFiles where events.tags.contains(where: { $0.name == MegatronEnergyReader.energyTag }) {
            eventFilesWithoutEnergy.remove(events.path)
            var energy = events
            energy.tags = events.tags.filter { MegatronEnergyReader.tagNames.contains($0.name) }
            eventFilesWithEnergy[events.path] = energy
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
        guard eventFiles.isEmpty else { return eventFiles }
        return MLflowHistoryReader.read(files, limits: limits, findings: &findings)
    }

    /// The system's wall energy from MLPerf Power's analyzer log, in LoadGen's window when its log is there;
    /// readings further apart than `maxBridgeSeconds` leave their interval uncounted.
    func systemEnergy(zone: ClockZone?, maxBridgeSeconds: Double, findings: inout FindingLog) -> SystemEnergy? {
        MLPerfPowerReader.read(
            files, zone: zone, limits: limits, maxBridgeSeconds: maxBridgeSeconds, findings: &findings)
    }

    /// The Slurm jobs of the sacct files, their local times read in `zone`; a job listed in several files is
    /// taken from the first.
    func slurmJobs(zone: ClockZone, findings: inout FindingLog) -> [SlurmJob] {
        var seen: Set<String> = []
        let limits = limits
        return each(.slurmAccounting, findings: &findings) { (file, findings) throws(FootprintError) in
            try SacctReader.read(
                path: file.path, displayPath: file.displayPath, zone: zone, limits: limits, findings: &findings)
        }
        .joined().filter { seen.insert($0.identity).inserted }
    }

    /// The profiler traces.
    func profilerTraces(findings: inout FindingLog) -> [ProfilerTrace] {
        let limits = limits
        return each(.profilerTrace, findings: &findings) { (file, findings) throws(FootprintError) in
            try TraceReader.read(path: file.path, displayPath: file.displayPath, limits: limits, findings: &findings)
        }
    }

    /// What `read` gives for each file of `kind`, read on all cores, in file order, with the findings of each as if
    /// read one after another; a file it cannot read is left out with an `input.unreadable` warning at the file.
    private func each<Value: Sendable>(
        _ kind: InputKind, findings: inout FindingLog,
        _ read: @escaping @Sendable (DiscoveredFile, inout FindingLog) throws(FootprintError) -> Value
    ) -> [Value] {
        let results = files.filter { $0.kind == kind }.concurrentMap { file in
            var findings = FindingLog()
            do throws(FootprintError) {
                return (value: Optional(try read(file, &findings)), findings: findings)
            } catch {
                findings.add(
                    Finding(.warning, .inputUnreadable, error.message, location: InputLocation(path: file.displayPath)))
                return (value: nil, findings: findings)
            }
        }
        var values: [Value] = []
        for result in results {
            findings.append(contentsOf: result.findings)
            if let value = result.value { values.append(value) }
        }
        return values
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
        let units = readingUnits()
        powerLogReadCount += units.filter { files[$0[0]].kind.isPowerLog }.count
        var results: [(log: PowerLog?, findings: FindingLog)] = []
        if options.retainedSampleLimit == 0, units.count > 1 {
            results = read(units, options: options)
        } else {
            var options = options
            let eventFiles = eventFiles(for: options)
            for unit in units {
                let result = Self.read(unit.map { files[$0] }, options: options, eventFiles: eventFiles)
                if let log = result.log {
                    options.retainedSampleLimit = max(0, options.retainedSampleLimit - log.retainedSampleCount)
                }
                results.append(result)
            }
        }
        var logs: [PowerLog] = []
        for (unit, result) in zip(units, results) {
            findings.append(contentsOf: result.findings)
            if let log = result.log {
                logs.append(log)
            } else if files[unit[0]].kind == .tensorBoardEvents {
                eventFilesWithoutEnergy.insert(files[unit[0]].path)
            }
        }
        return CodeCarbonReader.withoutTasksOfTotals(logs, findings: &findings)
    }

    /// The power logs of the reading units whose first file `include` takes (by index in ``files``), read with
    /// `options` in parallel on all cores, in file order, each with that index and the findings of reading it.
    /// `options` must retain no samples.
    func powerLogsByUnit(
        options: PowerLogReadingOptions, including include: (Int) -> Bool
    ) -> [(fileIndex: Int, log: PowerLog?, findings: FindingLog)] {
        let units = readingUnits().filter { include($0[0]) }
        return zip(units, read(units, options: options)).map { ($0[0], $1.log, $1.findings) }
    }

    /// The files read for power, as indices into ``files`` grouped as their readers take them: an MLflow run's GPU
    /// power metrics of one folder together (one log, so that its GPUs are one host's), the dcgm-exporter scrapes
    /// of one folder together (one log over time), every other file alone (event files too, for Megatron-LM's energy
    /// tags, unless already found without them); in file order, each unit at the place of its first file.
    func readingUnits() -> [[Int]] {
        var units: [[Int]] = []
        var unitOfFolder: [String: Int] = [:]
        for (index, file) in files.enumerated()
        where file.kind.isPowerLog || file.kind == .tensorBoardEvents && !eventFilesWithoutEnergy.contains(file.path) {
            guard file.kind == .mlflowGPUPower || file.kind == .dcgmExporter else {
                units.append([index])
                continue
            }
            let folder =
                file.kind.rawValue + "\u{0}" + file.displayPath.split(separator: "/").dropLast().joined(separator: "/")
            if let unit = unitOfFolder[folder] {
                units[unit].append(index)
            } else {
                unitOfFolder[folder] = units.count
                units.append([index])
            }
        }
        return units
    }

    /// Each of `units` read with `options`, in parallel on all cores, in their order.
    private func read(_ units: [[Int]], options: PowerLogReadingOptions) -> [(log: PowerLog?, findings: FindingLog)] {
        let eventFiles = eventFiles(for: options)
        var options = options
        // Logs read side by side keep every core busy already: each integrates on its own reading thread.
        if units.count > 1 { options.integratesBesideReading = false }
        return units.map { $0.map { files[$0] } }.concurrentMap { [options] in
            Self.read($0, options: options, eventFiles: eventFiles)
        }
    }

    /// The event files already read that a power reading with `options` may take as they are: those read with the
    /// same limits.
    private func eventFiles(for options: PowerLogReadingOptions) -> [String: EventFile] {
        options.limits == limits ? eventFilesWithEnergy : [:]
    }

    /// One power log (of one file, or of an MLflow folder's metrics) and the findings of reading it; nil when it
    /// gave no log. An event file in `eventFiles` (by path) is not read again.
    private static func read(
        _ unit: [DiscoveredFile], options: PowerLogReadingOptions, eventFiles: [String: EventFile]
    ) -> (log: PowerLog?, findings: FindingLog) {
        var findings = FindingLog()
        guard let file = unit.first else { return (nil, findings) }
        do {
            let log: PowerLog?
            switch file.kind {
            case .nvidiaSMICSV:
                log = try NvidiaSMICSVReader.read(
                    path: file.path, displayPath: file.displayPath, options: options, findings: &findings)
            case .wandb:
                log = try WandBReader.read(
                    path: file.path, displayPath: file.displayPath, options: options, findings: &findings)
            case .mlflowGPUPower:
                log = try MLflowPowerMetricReader.read(files: unit, options: options, findings: &findings)
            case .codeCarbonEmissions:
                log = try CodeCarbonReader.read(
                    path: file.path, displayPath: file.displayPath, options: options, findings: &findings)
            case .tensorBoardEvents:
                if let events = eventFiles[file.path] {
                    log = MegatronEnergyReader.powerLog(of: events, options: options, findings: &findings)
                } else {
                    log = try MegatronEnergyReader.read(
                        path: file.path, displayPath: file.displayPath, options: options, findings: &findings)
                }
            case .dcgmDmon:
                log = try DCGMDmonReader.read(
                    path: file.path, displayPath: file.displayPath, options: options, findings: &findings)
            case .dcgmExporter:
                log = try DCGMExporterReader.read(files: unit, options: options, findings: &findings)
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
            // An event file that cannot be read is reported once, by ``eventFiles(findings:)``.
            if file.kind != .tensorBoardEvents {
                findings.add(
                    Finding(.warning, .inputUnreadable, error.message, location: InputLocation(path: file.displayPath)))
            }
            return (nil, findings)
        }
    }
}
