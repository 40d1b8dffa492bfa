/// Joins each device's series across the run's power logs into one ``GPUReport``: matched by UUID, bus id or
/// index (``DeviceID/matchKey``), in time order, leaving out a file whose samples overlap an earlier one's.
enum DeviceJoining {
    /// One report entry per device with samples, in the order first seen; a device whose readings in a file
    /// were all invalid is left out of that file with a warning naming it, and one whose valid readings are all of
    /// one instant is left out, its energy unknown (not 0: energy needs readings at two instants).
    static func join(_ logs: [PowerLog], findings: inout FindingLog) -> [GPUReport] {
        var order: [String] = []
        var members: [String: [(log: PowerLog, series: PowerSeries)]] = [:]
        for log in logs {
            let keys = log.gpus.map(\.identity.matchKey)
            let keyCounts = keys.reduce(into: [String: Int]()) { $0[$1, default: 0] += 1 }
            for (position, series) in log.gpus.enumerated() {
                guard series.trace.sampleCount > 0 else {
                    findings.add(
                        Finding(
                            .warning, .gpuSelection,
                            "\(named(series.identity)): \(noSamples(series)); it is left out of this file's energy",
                            location: InputLocation(path: log.path)))
                    continue
                }
                var key = keys[position]
                var series = series
                // One log never lists a device twice: devices it tells apart by name only are distinct, and named by it.
                if keyCounts[key, default: 0] > 1, let name = series.identity.name {
                    key += "/name:" + name
                    series.identity.otherID = series.identity.otherID ?? name
                }
                if members[key] == nil { order.append(key) }
                members[key, default: []].append((log, series))
            }
        }
        return order.compactMap { key in
            let parts = members[key] ?? []
            let (series, overlapping) = PowerSeries.joined(parts.map { ($0.series, $0.log.powerField) })
            let trace = series.trace
            guard trace.lastSeconds > trace.firstSeconds else {
                findings.add(
                    Finding(
                        .warning, .gpuSelection,
                        "\(named(series.identity)): \(trace.sampleCount == 1 ? "one valid reading" : "all \(trace.sampleCount) valid readings are of one instant"), at \(ReportFormatting.readableUTC(trace.firstSeconds)); its energy needs readings at two instants and is left out as unknown",
                        location: InputLocation(path: parts[0].log.path)))
                return nil
            }
            for index in overlapping {
                findings.add(
                    Finding(
                        .warning, .inputDuplicate,
                        "GPU \(parts[index].series.identity.label): samples overlap those of \(parts[0].log.path); this file's samples for it are left out",
                        location: InputLocation(path: parts[index].log.path)))
            }
            return GPUReport(
                identity: series.identity, usedByJob: true, usageReason: "", trace: trace,
                invalidReasons: series.invalidReasons, maximumUtilizationPercent: series.maximumUtilizationPercent,
                coverage: 0, files: parts.indices.filter { !overlapping.contains($0) }.map { parts[$0].log.path },
                powerField: series.powerField)
        }
    }

    /// `GPU 0 (NVIDIA A100-SXM4-80GB)`: the device's label, and its model when known.
    private static func named(_ identity: DeviceID) -> String {
        "GPU \(identity.label)" + (identity.name.map { " (\($0))" } ?? "")
    }

    /// Why a series has no sample: `all 12 readings were '[N/A]'`, or each reason with its count.
    private static func noSamples(_ series: PowerSeries) -> String {
        let reasons = series.invalidReasons.sorted { $0.key < $1.key }
        if reasons.count == 1, let (reason, count) = reasons.first { return "all \(count) readings were '\(reason)'" }
        if reasons.isEmpty { return "no power readings" }
        return "all \(series.invalidSampleCount) readings were invalid ("
            + reasons.map { "\($0.value) '\($0.key)'" }.joined(separator: ", ") + ")"
    }
}
