/// Joins each device's series across the run's power logs into one ``GPUReport``: matched by UUID, bus id or
/// index (``DeviceID/matchKey``), in time order, leaving out a file whose samples overlap an earlier one's.
enum DeviceJoining {
    /// One report entry per device with samples, in the order first seen; a device whose readings in a file
    /// were all invalid is left out of that file with a warning naming it.
    static func join(_ logs: [PowerLog], findings: inout FindingLog) -> [GPUReport] {
        var order: [String] = []
        var members: [String: [(log: PowerLog, series: PowerSeries)]] = [:]
        for log in logs {
            for series in log.gpus {
                guard series.trace.sampleCount > 0 else {
                    findings.add(
                        Finding(
                            .warning, .gpuSelection,
                            "GPU \(series.identity.label)\(series.identity.name.map { " (\($0))" } ?? ""): \(noSamples(series)); it is left out of this file's energy",
                            location: InputLocation(path: log.path)))
                    continue
                }
                let key = series.identity.matchKey
                if members[key] == nil { order.append(key) }
                members[key, default: []].append((log, series))
            }
        }
        return order.map { key in
            let parts = members[key] ?? []
            let (trace, overlapping) = EnergyTrace.joined(parts.map(\.series.trace))
            for index in overlapping {
                findings.add(
                    Finding(
                        .warning, .inputDuplicate,
                        "GPU \(parts[index].series.identity.label): samples overlap those of \(parts[0].log.path); this file's samples for it are left out",
                        location: InputLocation(path: parts[index].log.path)))
            }
            let kept = parts.indices.filter { !overlapping.contains($0) }.map { parts[$0] }
            var invalid: [String: Int] = [:]
            for part in kept { invalid.merge(part.series.invalidReasons, uniquingKeysWith: +) }
            let utilizations = kept.compactMap(\.series.maximumUtilizationPercent)
            var identity = kept[0].series.identity
            for part in kept.dropFirst() {
                identity.name = identity.name ?? part.series.identity.name
                identity.uuid = identity.uuid ?? part.series.identity.uuid
                identity.index = identity.index ?? part.series.identity.index
                identity.busID = identity.busID ?? part.series.identity.busID
            }
            let fields = Set(kept.compactMap(\.log.powerField)).sorted()
            return GPUReport(
                identity: identity, usedByJob: true, usageReason: "", trace: trace, invalidReasons: invalid,
                maximumUtilizationPercent: utilizations.max(), coverage: 0, files: kept.map(\.log.path),
                powerField: fields.isEmpty ? nil : fields.joined(separator: ", "))
        }
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
