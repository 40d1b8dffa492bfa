/// Reads a run's discovered files, each with the reader of its kind: power logs (nvidia-smi CSV or dmon),
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

    /// The power logs, read with `options`. ``PowerLogReadingOptions/retainedSampleLimit`` bounds the samples that
    /// all of them retain together: what one log retains is taken off what the logs after it may.
    mutating func powerLogs(options: PowerLogReadingOptions, findings: inout FindingLog) -> [PowerLog] {
        var options = options
        var logs: [PowerLog] = []
        for file in files where file.kind.isPowerLog {
            powerLogReadCount += 1
            do {
                let log =
                    file.kind == .nvidiaSMICSV
                    ? try NvidiaSMICSVReader.read(
                        path: file.path, displayPath: file.displayPath,
                        options: options, findings: &findings)
                    : try NvidiaSMIDmonReader.read(
                        path: file.path, displayPath: file.displayPath,
                        options: options, findings: &findings)
                if let log {
                    if let warning = log.implausibleTimes.warning(
                        .clockImplausible,
                        "rows are dated outside \(PlausibleTime.rangeDescription) (the first here; as written, before their zone); their readings are not samples"
                    ) {
                        findings.add(warning)
                    }
                    options.retainedSampleLimit = max(0, options.retainedSampleLimit - log.retainedSampleCount)
                    logs.append(log)
                }
            } catch {
                findings.add(
                    Finding(.warning, .inputUnreadable, error.message, location: InputLocation(path: file.displayPath)))
            }
        }
        return logs
    }
}
