/// When several producers measured a run's power (nvidia-smi beside W&B, …), counts the GPUs once: the logs of
/// the producer with the highest precedence are counted, and those of another producer whose samples overlap
/// them in time are a cross-check, compared over the GPUs and time both measured and not counted.
///
/// Precedence: an energy counter (DCGM's, read between its readings) first, then power sampled at least once a
/// second over coarser power (W&B samples every 15 s by default, over
/// a mean of several readings); among equals, nvidia-smi before the trackers. A producer whose logs do not overlap
/// the primary one's in time measured something else and is counted too.
enum SourceSelection {
    /// A median interval up to this many seconds is sampling at (about) 1 Hz or faster.
    static let fineIntervalSeconds = 1.5

    /// The logs to count and every producer's source.
    static func choose(_ logs: [PowerLog], findings: inout FindingLog) -> (counted: [PowerLog], sources: [PowerSource])
    {
        var producers: [String] = []
        var byProducer: [String: [PowerLog]] = [:]
        for log in logs {
            let producer = log.format.producer
            if byProducer[producer] == nil { producers.append(producer) }
            byProducer[producer, default: []].append(log)
        }
        let ranked = producers.enumerated().sorted { lhs, rhs in
            let left = rank(byProducer[lhs.element]!)
            let right = rank(byProducer[rhs.element]!)
            return left != right ? left > right : lhs.offset < rhs.offset
        }.map(\.element)
        guard let primary = ranked.first else { return ([], []) }
        var counted = Set([primary])
        var sources: [PowerSource] = []
        for producer in ranked {
            let own = byProducer[producer]!
            var source = summary(producer, own)
            if producer != primary, let primarySpan = span(byProducer[primary]!), let ownSpan = span(own),
                ownSpan.overlaps(primarySpan)
            {
                source.role = .crossCheck
                source.comparison = compare(own, with: byProducer[primary]!, against: primary)
                note(source, primary: summary(primary, byProducer[primary]!), findings: &findings)
            } else {
                counted.insert(producer)
            }
            sources.append(source)
        }
        return (logs.filter { counted.contains($0.format.producer) }, sources)
    }

    /// A producer's precedence: energy from counters in all its logs first, then sampling at 1 Hz or faster.
    private static func rank(_ logs: [PowerLog]) -> Int {
        if logs.allSatisfy({ $0.energyCounterField != nil }) { return 2 }
        return medianInterval(logs) <= fineIntervalSeconds ? 1 : 0
    }

    private static func medianInterval(_ logs: [PowerLog]) -> Double {
        Median.of(logs.flatMap(\.gpus).map(\.trace).filter { $0.sampleCount > 1 }.map(\.medianIntervalSeconds))
    }

    private static func summary(_ producer: String, _ logs: [PowerLog]) -> PowerSource {
        let gpus = Set(logs.flatMap(\.gpus).map(\.identity.matchKey))
        return PowerSource(
            producer: producer, files: logs.map(\.path), gpuCount: gpus.count,
            joules: logs.flatMap(\.gpus).reduce(0) { $0 + $1.trace.joules },
            medianIntervalSeconds: medianInterval(logs),
            role: .primary, comparison: nil)
    }

    /// The span of the logs' valid samples, UTC seconds; nil without samples.
    private static func span(_ logs: [PowerLog]) -> ClosedRange<Double>? {
        let traces = logs.flatMap(\.gpus).map(\.trace).filter { $0.sampleCount > 0 }
        guard let first = traces.map(\.firstSeconds).min(), let last = traces.map(\.lastSeconds).max() else {
            return nil
        }
        return first...last
    }

    /// `own` against `primary` over the GPUs both hold (by id, and by host where both name hosts) and the time
    /// both cover; nil when they share no GPU or no time.
    private static func compare(_ own: [PowerLog], with primary: [PowerLog], against: String) -> PowerSource.Comparison?
    {
        let ownSeries = own.flatMap(\.gpus).filter { $0.trace.sampleCount > 1 }
        let primarySeries = primary.flatMap(\.gpus).filter { $0.trace.sampleCount > 1 }
        let hosted =
            ownSeries.allSatisfy { !$0.identity.host.isEmpty }
            && primarySeries.allSatisfy { !$0.identity.host.isEmpty }
        let key = { (series: PowerSeries) in
            (hosted ? series.identity.host + "/" : "")
                + (series.identity.uuid ?? series.identity.otherID ?? series.identity.index ?? "0")
        }
        let common = Set(ownSeries.map(key)).intersection(primarySeries.map(key))
        let ownCommon = ownSeries.filter { common.contains(key($0)) }
        let primaryCommon = primarySeries.filter { common.contains(key($0)) }
        guard !common.isEmpty, let ownSpan = spanOf(ownCommon), let primarySpan = spanOf(primaryCommon) else {
            return nil
        }
        let start = max(ownSpan.lowerBound, primarySpan.lowerBound)
        let end = min(ownSpan.upperBound, primarySpan.upperBound)
        guard end > start else { return nil }
        let energy = { (series: [PowerSeries]) in
            series.reduce(0) { $0 + $1.trace.profile.joules(from: start, to: end) }
        }
        return PowerSource.Comparison(
            against: against, commonGPUCount: common.count, commonSeconds: end - start, joules: energy(ownCommon),
            primaryJoules: energy(primaryCommon))
    }

    private static func spanOf(_ series: [PowerSeries]) -> ClosedRange<Double>? {
        guard let first = series.map(\.trace.firstSeconds).min(), let last = series.map(\.trace.lastSeconds).max()
        else { return nil }
        return first...last
    }

    /// A note that `source` is a cross-check and how it compares; a warning when it holds GPUs the primary one
    /// does not, which are then not counted.
    private static func note(_ source: PowerSource, primary: PowerSource, findings: inout FindingLog) {
        let files = source.files.count == 1 ? source.files[0] : "\(source.files.count) files"
        findings.add(
            Finding(
                .note, .sourceCrossCheck,
                "\(source.producer) measured the same run as \(primary.producer) (their samples overlap in time): \(primary.producer) is counted, \(source.producer) is a cross-check (\(source.agreement ?? "no GPUs and time in common to compare"))",
                location: InputLocation(path: source.files.first ?? "")))
        let missing = source.gpuCount - (source.comparison?.commonGPUCount ?? 0)
        if missing > 0 {
            findings.add(
                Finding(
                    .warning, .sourcePartial,
                    "\(source.producer) (\(files)) holds \(missing) GPU\(missing == 1 ? "" : "s") that \(primary.producer) does not measure; they are not counted: if they are other GPUs of the run, their energy is missing (report that source on its own to count it)",
                    location: InputLocation(path: source.files.first ?? "")))
        }
    }
}
