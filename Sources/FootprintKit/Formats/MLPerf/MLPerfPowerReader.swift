/// Reads MLPerf Power's analyzer log (`spl.txt`: `Time,MM-DD-YYYY HH:MM:SS.fff,Watts,W,…` at 1 Hz, the top-level
/// Watts the sum of the channels; `-1` is an invalid reading) and LoadGen's `mlperf_log_detail.txt` for the scored
/// window (`power_begin` … `power_end`, the same time format): the system's wall energy of the readings strictly
/// inside the window, as MLPerf's compliance check counts them. Times are UTC for logs from 2021-03-31 on (the
/// MLCommons server starts the analyzer daemon with `TZ=UTC`); older ones are read in `--tz`, else UTC with a
/// finding.
enum MLPerfPowerReader {
    /// The day from which the analyzer's times are UTC.
    static let utcFromSeconds = 1_617_148_800.0  // 2021-03-31 00:00:00 UTC

    /// The system energy of the first analyzer log among `files` with two valid readings in its LoadGen window (the
    /// detail log of its own folder, else the run's only one) or at all; nil when there is none. MLPerf Power's
    /// client writes the calibration pass under `ranging/` and the scored run under `run_1/`: a log of the ranging
    /// pass is taken only when no other gives energy, with a warning. Readings further apart than
    /// `maxBridgeSeconds` leave their interval uncounted, with a warning.
    static func read(
        _ files: [DiscoveredFile], zone: ClockZone?, limits: InputLimits,
        maxBridgeSeconds: Double, findings: inout FindingLog
    ) -> SystemEnergy? {
        let detailLogs = files.filter { $0.kind == .mlperfLoadGenLog }
        let analyzerLogs = files.filter { $0.kind == .mlperfPowerLog }
        let scored = analyzerLogs.filter { !isRanging($0) }
        for log in scored + analyzerLogs.filter(isRanging) {
            let detail =
                detailLogs.first { folder(of: $0) == folder(of: log) } ?? (detailLogs.count == 1 ? detailLogs[0] : nil)
            let window = detail.flatMap { scoredWindow($0, zone: zone, limits: limits, findings: &findings) }
            guard
                let energy = read(
                    log, window: window, zone: zone, limits: limits, maxBridgeSeconds: maxBridgeSeconds,
                    findings: &findings)
            else { continue }
            if isRanging(log) {
                findings.add(
                    Finding(
                        .warning, .inputUnreadable,
                        "the only analyzer log with energy is the ranging (calibration) pass's; MLPerf scores the testing run (run_1/), which is missing here",
                        location: InputLocation(path: log.displayPath)))
            } else if let ranging = analyzerLogs.first(where: isRanging) {
                findings.add(
                    Finding(
                        .note, .inputDuplicate,
                        "the ranging (calibration) pass's analyzer log is not counted: the system energy is the testing run's, \(log.displayPath)",
                        location: InputLocation(path: ranging.displayPath)))
            }
            return energy
        }
        return nil
    }

    /// Whether `file` lies in a `ranging` folder, where MLPerf Power's client writes its calibration pass.
    private static func isRanging(_ file: DiscoveredFile) -> Bool {
        file.displayPath.split(separator: "/").dropLast().contains { $0 == "ranging" }
    }

    private static func folder(of file: DiscoveredFile) -> Substring {
        file.displayPath.split(separator: "/").dropLast().joined(separator: "/")[...]
    }

    /// The system energy of the analyzer log `log` in `window` (all of it when nil); nil without two valid readings.
    private static func read(
        _ log: DiscoveredFile, window: ClosedRange<Double>?, zone: ClockZone?, limits: InputLimits,
        maxBridgeSeconds: Double, findings: inout FindingLog
    ) -> SystemEnergy? {
        var options = PowerLogReadingOptions()
        options.limits = limits
        var samples: [(seconds: Double, watts: Double)] = []
        var invalid = 0
        var assumedUTC = false
        var resolver = zone.map(LocalTimeResolver.init)
        var fields = LineFields(maximumCount: 64)
        do {
            _ = try PowerLogLines.forEachLine(
                path: log.path, displayPath: log.displayPath, options: options, findings: &findings
            ) { line, findings in
                guard fields.split(line.bytes, at: UInt8(ascii: ",")), fields.count >= 4,
                    line.bytes.string(in: fields[0]) == "Time", line.bytes.string(in: fields[2]) == "Watts",
                    let time = localSeconds(line.bytes.string(in: fields[1]))
                else {
                    if !line.bytes.isEmpty {
                        findings.add(
                            Finding(
                                .warning, .inputDamaged, "not a 'Time,MM-DD-YYYY HH:MM:SS.fff,Watts,…' line; skipped",
                                location: InputLocation(path: log.displayPath, line: line.number)),
                            kind: "spl-line", summary: "analyzer lines that are not readings")
                    }
                    return true
                }
                let seconds: Double
                if time >= utcFromSeconds {
                    seconds = time
                } else if resolver != nil {
                    seconds = resolver!.utc(fromLocal: time, previousUTC: samples.last?.seconds)
                } else {
                    assumedUTC = true
                    seconds = time
                }
                guard case .number(let watts) = FieldBytes.reading(line.bytes, fields[3]), watts >= 0, watts.isFinite
                else {
                    invalid += 1
                    return true
                }
                if let window, !(seconds > window.lowerBound && seconds < window.upperBound) { return true }
                samples.append((seconds, watts))
                return true
            }
        } catch {
            findings.add(
                Finding(.warning, .inputUnreadable, error.message, location: InputLocation(path: log.displayPath)))
            return nil
        }
        if assumedUTC {
            findings.add(
                Finding(
                    .warning, .clockAssumed,
                    "the analyzer log is from before 2021-03-31, when its times were the analyzer host's local time; read as UTC — pass --tz",
                    location: InputLocation(path: log.displayPath)))
        }
        samples.sort { $0.seconds < $1.seconds }
        guard let first = samples.first, let last = samples.last, samples.count > 1 else { return nil }
        var joules = 0.0
        var unbridged: (count: Int, seconds: Double, longest: Double, longestStart: Double) = (0, 0, 0, 0)
        for (earlier, later) in zip(samples, samples.dropFirst()) {
            let interval = later.seconds - earlier.seconds
            guard interval <= maxBridgeSeconds else {
                unbridged.count += 1
                unbridged.seconds += interval
                if interval > unbridged.longest {
                    (unbridged.longest, unbridged.longestStart) = (interval, earlier.seconds)
                }
                continue
            }
            joules += interval * (earlier.watts + later.watts) / 2
        }
        if unbridged.count > 0 {
            findings.add(
                Finding(
                    .warning, .gapUnbridged,
                    "\(unbridged.count) interval\(unbridged.count == 1 ? "" : "s") without readings longer than the bridge limit (\(ReportFormatting.duration(maxBridgeSeconds)), --max-bridge), \(ReportFormatting.duration(unbridged.seconds)) in all, the longest \(ReportFormatting.duration(unbridged.longest)) from \(ReportFormatting.readableUTC(unbridged.longestStart)): unmeasured, their energy not counted",
                    location: InputLocation(path: log.displayPath)))
        }
        return SystemEnergy(
            path: log.displayPath, joules: joules, startSeconds: window?.lowerBound ?? first.seconds,
            endSeconds: window?.upperBound ?? last.seconds, isScoredWindow: window != nil,
            sampleCount: samples.count, invalidCount: invalid)
    }

    /// LoadGen's `power_begin` … `power_end`, UTC seconds; nil when the log lacks either.
    private static func scoredWindow(
        _ file: DiscoveredFile, zone: ClockZone?, limits: InputLimits, findings: inout FindingLog
    ) -> ClosedRange<Double>? {
        var options = PowerLogReadingOptions()
        options.limits = limits
        var begin: Double?
        var end: Double?
        var resolver = zone.map(LocalTimeResolver.init)
        _ = try? PowerLogLines.forEachLine(
            path: file.path, displayPath: file.displayPath, options: options, findings: &findings
        ) { line, _ in
            let text = String(decoding: line.bytes, as: UTF8.self)
            for (key, assign) in [("\"power_begin\"", { begin = $0 }), ("\"power_end\"", { end = $0 })]
            where text.contains("\"key\": " + key) || text.contains("\"key\":" + key) {
                if let value = text.split(separator: "\"value\"").last?.split(separator: "\"").dropFirst().first,
                    let local = localSeconds(String(value))
                {
                    assign(
                        local >= utcFromSeconds || resolver == nil
                            ? local : resolver!.utc(fromLocal: local, previousUTC: nil))
                }
            }
            return begin == nil || end == nil
        }
        guard let begin, let end, end > begin else { return nil }
        return begin...end
    }

    /// `MM-DD-YYYY HH:MM:SS.fff` as seconds since the epoch, as if it were UTC; nil when it is not one.
    static func localSeconds(_ text: String) -> Double? {
        let parts = text.split(separator: " ")
        guard parts.count == 2 else { return nil }
        let date = parts[0].split(separator: "-")
        guard date.count == 3 else { return nil }
        guard let stamp = TimestampParser.parse(Array("\(date[2])-\(date[0])-\(date[1]) \(parts[1])".utf8)),
            case .local(let seconds) = stamp
        else { return nil }
        return seconds
    }
}
