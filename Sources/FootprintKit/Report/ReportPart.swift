internal import Foundation

/// One shard's share of a run split over machines (`report --shard K/N`), written as ``fileName``: everything read
/// from the run's files but the power logs, which every part reads alike, and the power logs of the shard's hosts
/// with the findings of reading them and their digests. ``merged(_:)`` puts N parts back together into the
/// readings one machine would have made.
struct ReportPart: Codable {
    static let fileName = "report-part.json"
    /// The largest part file read: 2 GiB, about 90,000 GPUs' traces at 22 KB each (a part holds 1/N of a run's).
    static let maximumBytes = 2 << 30
    /// The version of this layout: parts are merged only by the same layout and tool version.
    static let layout = 4

    var layout: Int
    var tool: String
    /// The bundled tables' digests (name → SHA-256), which must be the merging tool's.
    var tables: [String: String]
    var shard: Shard
    var runPath: String
    var options: ReportOptions
    /// The formats and model-card training type asked for, which `merge` writes.
    var formats: [String]
    var trainingType: String
    var files: [DiscoveredFile]
    var timeline: RunTimeline?
    var traces: [ProfilerTrace]
    var target: TargetOutcome?
    var series: IntensitySeries?
    var systemEnergy: SystemEnergy?
    var slurmJob: SlurmJob?
    /// The findings of reading everything but the power logs.
    var findings: FindingLog
    var logs: [PartPowerLog]
    /// The size and digest of the files this part is the one to read (its power logs; for part 1 also the other
    /// logs and the intensity series).
    var inputs: [Provenance.Input]
    /// The files among ``inputs`` that changed while this part read them.
    var inputChanges: [InputChange]

    init(
        shard: Shard, runPath: String, options: ReportOptions, formats: [String], trainingType: String,
        readings: RunReadings, logs: [PartPowerLog], inputs: [Provenance.Input], inputChanges: [InputChange]
    ) {
        layout = Self.layout
        (tool, tables) = Self.identity
        self.shard = shard
        self.runPath = runPath
        self.options = options
        self.formats = formats
        self.trainingType = trainingType
        files = readings.files
        timeline = readings.timeline
        traces = readings.traces
        target = readings.target
        series = readings.series
        systemEnergy = readings.systemEnergy
        slurmJob = readings.slurmJob
        findings = readings.findings
        self.logs = logs
        self.inputs = inputs
        self.inputChanges = inputChanges
    }

    /// The readings of the whole run from its N parts, as one machine reading every file would have made them:
    /// the power logs and their findings in file order, the clock of `--tz`, and the provenance from the parts'
    /// digests.
    ///
    /// - Parameter parts: the parts with the paths they were read from (for messages), in any order.
    /// - Throws: ``FootprintError/Code-swift.struct/invalidOption`` when the parts are not the N parts of one
    ///   run made with the same options, files and tool version (naming the part that differs), or a part is
    ///   missing or given twice.
    static func merged(_ parts: [(path: String, part: ReportPart)]) throws(FootprintError) -> RunReadings {
        guard let (firstPath, first) = parts.first else {
            throw FootprintError(.invalidOption, "no parts to merge")
        }
        let this = ReportPart.identity
        for (path, part) in parts {
            let location = InputLocation(path: path)
            if part.layout != Self.layout || part.tool != this.tool || part.tables != this.tables {
                throw FootprintError(
                    .invalidOption,
                    "made by \(part.tool) (part layout \(part.layout)), not by this \(this.tool) with the same tables: make every part and merge them with the same version",
                    location: location)
            }
            let differs = [
                (part.shard.count != first.shard.count, "its N (\(part.shard.count) parts, not \(first.shard.count))"),
                (part.runPath != first.runPath, "its run ('\(part.runPath)', not '\(first.runPath)')"),
                (part.options != first.options, "its options"), (part.formats != first.formats, "its formats"),
                (part.trainingType != first.trainingType, "its training type"),
                (
                    part.files != first.files,
                    "the files found in the run (they changed between the parts: write the parts outside the run folder, and keep its files as they are until all parts are made)"
                ),
            ].filter(\.0).map(\.1)
            if !differs.isEmpty {
                throw FootprintError(
                    .invalidOption,
                    "not a part of the same split run as \(firstPath): \(differs.joined(separator: ", ")) differ",
                    location: location)
            }
        }
        let count = first.shard.count
        var seen: [Int: String] = [:]
        for (path, part) in parts {
            if let earlier = seen[part.shard.index] {
                throw FootprintError(
                    .invalidOption, "part \(part.shard) is given twice (also \(earlier))",
                    location: InputLocation(path: path))
            }
            seen[part.shard.index] = path
        }
        let missing = (1...count).filter { seen[$0] == nil }
        // Part 1 read every file but the power logs, and hashed them: the run's readings are its own.
        guard missing.isEmpty, let one = parts.first(where: { $0.part.shard.index == 1 })?.part else {
            throw FootprintError(
                .invalidOption,
                "part\(missing.count == 1 ? "" : "s") \(missing.map { "\($0)/\(count)" }.joined(separator: ", ")) missing: merge all \(count) parts of the run"
            )
        }
        guard let zone = one.options.zone else {
            throw FootprintError(
                .invalidOption, "the parts were made without --tz", location: InputLocation(path: firstPath))
        }
        var findings = one.findings
        var logs: [PowerLog] = []
        for read in parts.flatMap(\.part.logs).sorted(by: { $0.fileIndex < $1.fileIndex }) {
            findings.append(contentsOf: read.findings)
            if let log = read.log { logs.append(log) }
        }
        // After the logs' findings, as one machine reading the whole run adds them.
        for change in parts.flatMap(\.part.inputChanges).sorted(by: { $0.fileIndex < $1.fileIndex }) {
            findings.add(change.finding)
        }
        let clock = ClockResolution.assumption(zone: zone).reading(logs)
        let pending = PendingProvenance()
        pending.result = Result { () throws(FootprintError) in
            try provenance(of: parts.map(\.part), files: one.files, options: one.options)
        }
        return RunReadings(
            files: one.files, provenance: pending, timeline: one.timeline, traces: one.traces,
            target: one.target, series: one.series, systemEnergy: one.systemEnergy,
            slurmJob: one.slurmJob, clock: clock, logs: logs,
            findings: findings)
    }

    /// This tool's version and tables, as a part records them.
    private static var identity: (tool: String, tables: [String: String]) {
        (
            Provenance.toolName,
            Dictionary(uniqueKeysWithValues: Provenance.bundledTables.map { ($0.name, $0.sha256) })
        )
    }

    /// The provenance of the whole run: each input's digest from the part that read it, in the order one machine
    /// lists them.
    private static func provenance(
        of parts: [ReportPart], files: [DiscoveredFile], options: ReportOptions
    ) throws(FootprintError) -> Provenance {
        var byPath: [String: Provenance.Input] = [:]
        for input in parts.flatMap(\.inputs) { byPath[input.path] = input }
        let paths =
            Provenance.hashedFiles(files).map(\.file.displayPath)
            + (options.emission.intensitySeriesPath.map { [$0] } ?? [])
        var inputs: [Provenance.Input] = []
        for path in paths {
            guard let input = byPath[path] else {
                throw FootprintError(.invalidOption, "no part holds the digest of \(path)")
            }
            inputs.append(input)
        }
        return Provenance(
            tool: Provenance.toolName, inputs: inputs, tables: Provenance.bundledTables, options: options)
    }

    /// The part as JSON, keys sorted: the same part gives the same bytes.
    ///
    /// - Throws: ``FootprintError/Code-swift.struct/outputFailed`` if it cannot be encoded.
    func encoded() throws(FootprintError) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        do {
            return String(decoding: try encoder.encode(self), as: UTF8.self)
        } catch {
            throw FootprintError(.outputFailed, "the report part could not be encoded: \(error)")
        }
    }

    /// The part in the folder `folder` (``fileName``), or nil when the folder holds none.
    ///
    /// - Throws: ``FootprintError/Code-swift.struct/malformedInput`` when the file is not a part this tool wrote.
    static func read(inFolder folder: String) throws(FootprintError) -> ReportPart? {
        let path = folder + "/" + fileName
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
        if let size, size > maximumBytes {
            throw FootprintError(
                .malformedInput,
                "\(size) bytes, more than the 2 GiB a report part may hold (about 90,000 GPUs' traces): not a part this tool wrote; split the run into more parts",
                location: InputLocation(path: path))
        }
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let part: ReportPart
        do {
            part = try decoder.decode(ReportPart.self, from: data)
        } catch {
            throw FootprintError(
                .malformedInput,
                "not a report part written by `report --shard` (\(Self.describe(error))); make it again",
                location: InputLocation(path: path))
        }
        if let damage = part.damage {
            throw FootprintError(
                .malformedInput, "a damaged report part (\(damage)); make it again", location: InputLocation(path: path)
            )
        }
        return part
    }

    /// What in a decoded part breaks what the tool's own parts always keep (array lengths, indices, ranges);
    /// nil when nothing does.
    private var damage: String? {
        if shard.count < 1 || !(1...shard.count).contains(shard.index) { return "its shard is not K/N with 1 ≤ K ≤ N" }
        if logs.contains(where: { !files.indices.contains($0.fileIndex) }) { return "a log of a file it does not list" }
        let traces = logs.compactMap(\.log).flatMap(\.gpus).map(\.trace)
        if !traces.allSatisfy(\.isConsistent) { return "a GPU's integrated power is inconsistent" }
        for run in timeline?.runs ?? [] {
            let series = run.series.map(\.points) + run.files.flatMap(\.tags).map(\.series)
            if !series.allSatisfy({ $0.isConsistent(fileCount: run.files.count) }) {
                return "a scalar series names a file its run does not list"
            }
        }
        return nil
    }

    /// A decoding error in a few words: what was wrong, and where.
    private static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return String(describing: error) }
        let (context, what): (DecodingError.Context, String) =
            switch error {
            case .typeMismatch(_, let context): (context, "a value of the wrong type")
            case .valueNotFound(_, let context): (context, "a missing value")
            case .keyNotFound(let key, let context): (context, "no field '\(key.stringValue)'")
            case .dataCorrupted(let context): (context, context.debugDescription)
            @unknown default: (DecodingError.Context(codingPath: [], debugDescription: ""), "invalid")
            }
        let path = context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        return path.isEmpty ? what : what + " at " + path
    }
}
