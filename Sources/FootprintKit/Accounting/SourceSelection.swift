/// When several producers measured a run's power (nvidia-smi beside W&B, …), counts the GPUs once: the logs of
/// the producer with the highest precedence are counted, and those of another producer whose samples overlap
/// them in time are a cross-check, compared over the GPUs and time both measured and not counted.
///
/// Precedence: an energy counter (DCGM's, read between its readings) over power sampled at least once a second
/// over coarser power (W&B samples every 15 s by default, over a mean of several readings) over a tracker's totals
/// (CodeCarbon's per-run energy); among equals, the order of the files. A sampled producer whose logs do not overlap
/// the primary one's in time measured something else and is counted too; a tracker's totals are counted only when
/// no producer sampled power (its file gathers a project's runs, often others than the one beside it), else they are
/// a cross-check, marked as not used.
enum SourceSelection {
    /// A median interval up to this many seconds is sampling at (about) 1 Hz or faster.
    static let fineIntervalSeconds = 1.5

    /// The logs (a tracker's totals marked as not used when they are a cross-check), those to count, and every
    /// producer's source.
    static func choose(
        _ logs: [PowerLog], findings: inout FindingLog
    ) -> (logs: [PowerLog], counted: [PowerLog], sources: [PowerSource]) {
        var producers: [String] = []
        var byProducer: [String: [PowerLog]] = [:]
        for log in logs {
            let producer = log.format.producer
            if byProducer[producer] == nil { producers.append(producer) }
            byProducer[producer, default: []].append(log)
        }
        let ranks = producers.map { rank(byProducer[$0]!) }
        let ranked = producers.indices.sorted { lhs, rhs in
            ranks[lhs] != ranks[rhs] ? ranks[lhs] > ranks[rhs] : lhs < rhs
        }.map { producers[$0] }
        guard let primary = ranked.first else { return (logs, [], []) }
        var counted = Set([primary])
        var sources: [PowerSource] = []
        for producer in ranked {
            let own = byProducer[producer]!
            var source = summary(producer, own)
            let overlaps =
                span(byProducer[primary]!).flatMap { primarySpan in span(own)?.overlaps(primarySpan) } ?? false
            if producer != primary, overlaps || isTotals(own) {
                source.role = .crossCheck
                source.comparison = compare(own, with: byProducer[primary]!, against: primary)
                note(
                    source, primary: summary(primary, byProducer[primary]!), isTotals: isTotals(own),
                    findings: &findings)
            } else {
                counted.insert(producer)
            }
            sources.append(source)
        }
        let marked = logs.map { log in
            guard !counted.contains(log.format.producer), var totals = log.trackerTotals else { return log }
            var marked = log
            totals.gpuEnergyUsed = false
            marked.trackerTotals = totals
            return marked
        }
        return (marked, marked.filter { counted.contains($0.format.producer) }, sources)
    }

    /// A producer's precedence: energy from counters in all its logs, then sampling at 1 Hz or faster, then
    /// coarser sampling, then a tracker's totals.
    private static func rank(_ logs: [PowerLog]) -> Int {
        if isTotals(logs) { return -1 }
        if logs.allSatisfy({ $0.energyCounterField != nil }) { return 2 }
        return medianInterval(logs) <= fineIntervalSeconds ? 1 : 0
    }

    /// Whether the logs are a tracker's totals (drawn at each run's mean power), not sampled power.
    private static func isTotals(_ logs: [PowerLog]) -> Bool { logs.allSatisfy { $0.trackerTotals != nil } }

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
        EnergyTrace.span(of: logs.flatMap(\.gpus).map(\.trace))
    }

    /// `own` against `primary` over the GPUs both hold (by id, and by host where both name the same hosts) and the
    /// time both cover; nil when they share no GPU or no time.
    private static func compare(_ own: [PowerLog], with primary: [PowerLog], against: String) -> PowerSource.Comparison?
    {
        let ownSeries = own.flatMap(\.gpus).filter { $0.trace.sampleCount > 1 }
        let primarySeries = primary.flatMap(\.gpus).filter { $0.trace.sampleCount > 1 }
        // By host and id when both name hosts and some names are the same; by id alone otherwise (one tool may
        // name a host `node1`, another `node1.cluster`).
        let id = { (series: PowerSeries) in
            series.identity.uuid ?? series.identity.otherID ?? series.identity.index ?? "0"
        }
        let hostedKey = { (series: PowerSeries) in series.identity.host + "/" + id(series) }
        let sharesHosts = !Set(ownSeries.map(\.identity.host)).isDisjoint(with: primarySeries.map(\.identity.host))
        let hosted =
            sharesHosts && ownSeries.allSatisfy { !$0.identity.host.isEmpty }
            && primarySeries.allSatisfy { !$0.identity.host.isEmpty }
        let key = hosted ? hostedKey : id
        // A tracker's totals stand for all the GPUs it saw together: compared with all of the primary ones.
        let totals = isTotals(own)
        let common = totals ? Set(primarySeries.map(key)) : Set(ownSeries.map(key)).intersection(primarySeries.map(key))
        let ownCommon = totals ? ownSeries : ownSeries.filter { common.contains(key($0)) }
        let primaryCommon = primarySeries.filter { common.contains(key($0)) }
        guard !common.isEmpty, let ownSpan = EnergyTrace.span(of: ownCommon.map(\.trace)),
            let primarySpan = EnergyTrace.span(of: primaryCommon.map(\.trace))
        else {
            return nil
        }
        let start = max(ownSpan.lowerBound, primarySpan.lowerBound)
        let end = min(ownSpan.upperBound, primarySpan.upperBound)
        guard end > start else { return nil }
        let energy = { (series: [PowerSeries]) in
            series.reduce(0) { $0 + $1.trace.profile.joules(from: start, to: end) }
        }
        return PowerSource.Comparison(
            against: against, commonGPUCount: Set(primaryCommon.map(\.identity.matchKey)).count,
            commonSeconds: end - start, joules: energy(ownCommon),
            primaryJoules: energy(primaryCommon))
    }

    /// A note that `source` is a cross-check and how it compares; a warning when it holds GPUs the primary one
    /// does not, which are then not counted.
    private static func note(
        _ source: PowerSource, primary: PowerSource, isTotals: Bool, findings: inout FindingLog
    ) {
        let files = source.files.count == 1 ? source.files[0] : "\(source.files.count) files"
        findings.add(
            Finding(
                .note, .sourceCrossCheck,
                "\(source.producer) measured the same run as \(primary.producer) (their samples overlap in time): \(primary.producer) is counted, \(source.producer) is a cross-check (\(source.agreement ?? "no GPUs and time in common to compare"))",
                location: InputLocation(path: source.files.first ?? "")))
        let missing = source.gpuCount - (source.comparison?.commonGPUCount ?? 0)
        if missing > 0, !isTotals {
            findings.add(
                Finding(
                    .warning, .sourcePartial,
                    "\(source.producer) (\(files)) holds \(missing) GPU\(missing == 1 ? "" : "s") that \(primary.producer) does not measure; they are not counted: if they are other GPUs of the run, their energy is missing (report that source on its own to count it)",
                    location: InputLocation(path: source.files.first ?? "")))
        }
    }
}
