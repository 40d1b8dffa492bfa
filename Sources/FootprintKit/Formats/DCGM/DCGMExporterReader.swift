/// Reads dcgm-exporter `/metrics` scrapes saved to files: the scrapes of one folder together, in time order, as one
/// log over time.
///
/// The exporter writes no sample times, so each scrape is placed at a Unix time in its file name (a run of 10
/// digits for seconds or 13 for milliseconds, as in `metrics-1709647331.prom`), else at a time on a leading
/// comment line that wraps it (`# 2024-03-05T14:02:11Z` or `# 1709647331`), else at the file's modification time;
/// a finding says which. Such a comment line after samples starts the next scrape of a file that holds several.
/// A sample's own `timestamp_ms`, when written, wins. Reads the power, energy counter and
/// utilization metrics (``DCGMField``); a GPU is its `UUID` (else its host and `gpu` label), with its host from
/// `Hostname` or `hostname`, so that the device-level lines repeated once per MIG instance count once. Pods
/// (`pod`, `exported_pod`, `pod_name`) change with the jobs a GPU runs and are not part of its identity. `NaN`,
/// `±Inf` and blank sentinels (≥ 9.2e18) are missing values.
struct DCGMExporterReader {
    static let counterField = "DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION"

    /// Where a scrape's time came from.
    enum TimeSource: String {
        case fileName = "file names"
        case wrapper = "wrapper lines"
        case modificationTime = "modification times"
    }

    /// Reads `files` (scrapes of one folder) as one log named after the first of them in time.
    ///
    /// - Throws: ``FootprintError`` when a file cannot be opened.
    static func read(
        files: [DiscoveredFile], options: PowerLogReadingOptions, findings: inout FindingLog
    ) throws(FootprintError) -> PowerLog? {
        let placed = files.map { file in (file: file, seconds: timeInName(file.displayPath)) }
            .map { entry in
                (
                    file: entry.file,
                    seconds: entry.seconds ?? entry.file.modifiedSeconds,
                    fromName: entry.seconds != nil
                )
            }
            .sorted { ($0.seconds ?? 0, $0.file.displayPath) < ($1.seconds ?? 0, $1.file.displayPath) }
        guard let first = placed.first else { return nil }
        var table = DCGMDeviceTable(options: options)
        var encoding = InputEncoding(isGzip: false, isUTF16LE: false)
        var samples = 0
        var sources: [TimeSource: Int] = [:]
        var hasPower = false
        for scrape in placed {
            let displayPath = scrape.file.displayPath
            var scrapeSeconds = scrape.seconds
            var source: TimeSource = scrape.fromName ? .fileName : .modificationTime
            var seenSample = false
            var counted: Set<String> = []
            encoding = try PowerLogLines.forEachLine(
                path: scrape.file.path, displayPath: displayPath, options: options, findings: &findings
            ) { line, findings in
                let text = Substring(String(decoding: line.bytes, as: UTF8.self))
                let location = InputLocation(path: displayPath, line: line.number)
                if let wrapped = wrapperTime(text) {
                    if seenSample {
                        // After samples: the next scrape of a file that holds several.
                        sources[source, default: 0] += 1
                        (scrapeSeconds, source, counted) = (wrapped, .wrapper, [])
                    } else if !scrape.fromName {
                        (scrapeSeconds, source) = (wrapped, .wrapper)
                    }
                    return true
                }
                guard let sample = PrometheusSampleLine(text) else { return true }
                seenSample = true
                guard let field = DCGMField(metricName: sample.name) else { return true }
                guard line.isTerminated else {
                    findings.add(
                        Finding(
                            .warning, .inputDamaged, "the last line ends without a newline (cut short); skipped",
                            location: location))
                    return true
                }
                let host = sample.label("Hostname", "hostname") ?? ""
                let uuid = sample.label("UUID")
                let index = sample.label("gpu")
                let key = host + "/" + (uuid.map { "uuid:" + $0 } ?? "gpu:" + (index ?? "0"))
                let seconds = sample.timestampMilliseconds.map { $0 / 1000 } ?? scrapeSeconds
                // Under MIG the device-level lines repeat once per instance, at one time: the first counts.
                guard counted.insert(key + "/" + sample.name + "/" + (seconds.map { "\($0)" } ?? "")).inserted
                else { return true }
                samples += 1
                guard let seconds, let utc = table.utc(of: .absolute(seconds), at: location),
                    let device = table.device(
                        forKey: key,
                        makeIdentity: {
                            DeviceID(
                                host: host, index: index, uuid: uuid, busID: sample.label("pci_bus_id"),
                                name: sample.label("modelName"))
                        })
                else { return true }
                let reading = Self.reading(sample.value)
                switch field {
                case .power:
                    hasPower = true
                    table.addPower(reading, device: device, seconds: utc, utilizationPercent: nil)
                case .energyCounter:
                    table.addCounter(reading, device: device, seconds: utc, at: location)
                case .utilization:
                    table.addUtilization(reading, device: device)
                }
                return true
            }
            sources[source, default: 0] += 1
        }
        for (source, count) in sources.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            findings.add(
                Finding(
                    source == .modificationTime ? .warning : .note, .clockFromName,
                    "dcgm-exporter writes no sample times: \(count) scrape\(count == 1 ? "" : "s") placed at the times of their \(source.rawValue)",
                    location: InputLocation(path: first.file.displayPath)))
        }
        guard !table.isEmpty else {
            findings.add(
                Finding(
                    .warning, .inputUnreadable,
                    "no DCGM power or energy metric (DCGM_FI_DEV_POWER_USAGE, DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION)",
                    location: InputLocation(path: first.file.displayPath)))
            return nil
        }
        return table.finished(
            path: first.file.displayPath, format: .dcgm, encoding: encoding,
            powerField: hasPower ? "DCGM_FI_DEV_POWER_USAGE" : nil, counterField: counterField,
            dataRowCount: samples, findings: &findings)
    }

    /// A sample value's text as a reading: finite numbers are values, `NaN` and `±Inf` missing ones.
    static func reading(_ text: some StringProtocol) -> FieldReading {
        guard let value = Double(text) else { return .unreadable }
        return value.isFinite ? .number(value) : .unavailable(String(text))
    }

    /// The Unix time in a file name: the last run of 10 digits (seconds) or 13 (milliseconds).
    static func timeInName(_ path: String) -> Double? {
        let name = path.split(separator: "/").last ?? Substring(path)
        let runs = name.split(whereSeparator: { !$0.isASCIIDigit })
        for run in runs.reversed() where run.count == 10 || run.count == 13 {
            if let value = Double(run) { return run.count == 13 ? value / 1000 : value }
        }
        return nil
    }

    /// The time on a wrapper's comment line (`# <date and time>` or `# <Unix seconds>`), not `# HELP`/`# TYPE`.
    static func wrapperTime(_ line: Substring) -> Double? {
        guard line.hasPrefix("#"), !line.hasPrefix("# HELP"), !line.hasPrefix("# TYPE") else { return nil }
        let text = String(line.dropFirst()).trimmingSpaces()
        if let seconds = Double(text), seconds > 1e8 { return seconds }
        guard case .absolute(let seconds) = TimestampParser.parse(Array(text.utf8)) else { return nil }
        return seconds
    }
}
