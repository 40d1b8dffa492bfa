/// Reads CodeCarbon's `emissions.csv` (and the `.bak` it leaves when its column set changes) into a
/// ``PowerLog`` whose devices are its runs' GPUs, each at the run's mean GPU power (`../shared/FORMATS.md` §7).
///
/// Accepts every column set from 1.x (12 columns) to 3.x (38), read by header name in any order; rows shorter than
/// the header (3.2.9 and later) have their missing cells empty. Rows of one `run_id` are cumulative: the last one
/// is the run's. A run that tracked a GPU becomes one device of kind ``DeviceKind/gpuGroup`` (its GPUs together,
/// named by `gpu_model`) with two samples at `gpu_energy × 3.6 MJ ÷ duration` W, at `timestamp − duration` and
/// `timestamp` (local time without a zone), so that its energy is CodeCarbon's exactly, and a window inside the run
/// gets a share prorated at constant power (an `energy.tracker` note says so: it is not a measured power curve).
/// The gap threshold is 1.5 × the longest run, so that no run is a gap. A missing or unreadable `gpu_energy` of a
/// run with a GPU leaves its GPU energy unknown (a warning), never 0; a run without a GPU (no count, no model, 0
/// kWh) has none. `cpu_energy`, `ram_energy`, `energy_consumed` and CodeCarbon's own `emissions` are kept in
/// ``TrackerTotals``, never added to GPU energy. `emissions_rate` is not used: it was g/s in 2.0–2.1 and kg/s
/// later, and `emissions ÷ duration` gives it without doubt. `cpu_power`, `gpu_power` and `ram_power` are not used
/// either (the last sample or an estimate before 3.1.2).
struct CodeCarbonReader {
    /// Distinct runs kept; past this, further runs are left out with a warning.
    static let maximumRuns = 1_000_000
    private static let maximumFields = 256

    static func read(
        path: String, displayPath: String, options: PowerLogReadingOptions, findings: inout FindingLog
    ) throws(FootprintError) -> PowerLog? {
        var parser = Parser(displayPath: displayPath)
        let encoding = try PowerLogLines.forEachLine(
            path: path, displayPath: displayPath, options: options, findings: &findings
        ) { line, findings in
            parser.consume(line, findings: &findings)
            return true
        }
        return parser.finish(encoding: encoding, options: options, findings: &findings)
    }

    /// `logs` without task mode's files whose runs all have their totals in another CodeCarbon file of the run (the
    /// tasks of a run sum to its total): each run is counted once, from its total.
    static func withoutTasksOfTotals(_ logs: [PowerLog], findings: inout FindingLog) -> [PowerLog] {
        let totals = logs.compactMap { log in log.trackerTotals.flatMap { $0.isPerTask ? nil : (log.path, $0.runIDs) } }
        return logs.filter { log in
            guard let tasks = log.trackerTotals, tasks.isPerTask, !tasks.runIDs.isEmpty,
                let total = totals.first(where: { tasks.runIDs.isSubset(of: $0.1) })
            else { return true }
            findings.add(
                Finding(
                    .note, .inputDuplicate,
                    "task mode's rows of runs whose totals \(total.0) holds (the tasks of a run sum to its total): counted once, from the totals",
                    location: InputLocation(path: log.path)))
            return false
        }
    }

    private struct Parser {
        let displayPath: String
        var header: [String] = []
        var columns: [String: Int] = [:]
        var fields = LineFields(maximumCount: CodeCarbonReader.maximumFields)
        var firstRow: [String]?
        var runs: [String: CodeCarbonRow] = [:]
        var runOrder: [String] = []
        /// Runs that any of their rows shows with a GPU (a later row may have lost its GPU cells to damage).
        var runsWithGPU: Set<String> = []
        var dataRows = 0
        var shortRows = 0
        var runsOverLimit = 0

        init(displayPath: String) { self.displayPath = displayPath }

        mutating func consume(_ line: TextLine, findings: inout FindingLog) {
            guard !line.bytes.isEmpty else { return }
            let location = InputLocation(path: displayPath, line: line.number)
            guard fields.split(line.bytes, at: UInt8(ascii: ",")) else {
                findings.add(
                    Finding(
                        .warning, .inputDamaged, "more than \(fields.maximumCount) fields; row skipped",
                        location: location),
                    kind: "codecarbon-fields", summary: "rows with too many fields")
                return
            }
            let cells = (0..<fields.count).map { line.bytes.string(in: fields[$0]) }
            guard !header.isEmpty else {
                header = cells.map { $0.lowercased() }
                for (index, name) in header.enumerated() where columns[name] == nil { columns[name] = index }
                return
            }
            if cells.map({ $0.lowercased() }) == header { return }
            guard cells.count <= header.count else {
                findings.add(
                    Finding(
                        .warning, .inputDamaged,
                        "row has \(cells.count) fields but the header has \(header.count); skipped", location: location),
                    kind: "codecarbon-fields", summary: "rows with more fields than the header")
                return
            }
            dataRows += 1
            guard line.isTerminated || cells.count == header.count else {
                findings.add(
                    Finding(.warning, .inputDamaged, "last row cut short; skipped", location: location),
                    kind: "codecarbon-cut", summary: "rows cut short")
                return
            }
            if firstRow == nil { firstRow = cells }
            if cells.count < header.count { shortRows += 1 }
            let row = CodeCarbonRow(line: line.number) { name in
                guard let index = columns[name], index < cells.count else { return nil }
                return cells[index]
            }
            if row.end == nil || row.durationSeconds.number == nil {
                findings.add(
                    Finding(
                        .warning, .inputDamaged,
                        "no readable timestamp or duration; the row cannot be placed in time\(line.isTerminated ? "" : " (cut short)")",
                        location: location),
                    kind: "codecarbon-time", summary: "rows without a readable timestamp or duration")
            }
            if runs[row.runKey] == nil {
                guard runOrder.count < CodeCarbonReader.maximumRuns else {
                    runsOverLimit += 1
                    return
                }
                runOrder.append(row.runKey)
            }
            if row.hasGPU { runsWithGPU.insert(row.runKey) }
            runs[row.runKey] = row
        }

        mutating func finish(
            encoding: InputEncoding, options: PowerLogReadingOptions, findings: inout FindingLog
        ) -> PowerLog? {
            let fileLocation = InputLocation(path: displayPath)
            guard CodeCarbonSchema.requiredColumns.allSatisfy({ columns[$0] != nil }) else {
                let missing = CodeCarbonSchema.requiredColumns.filter { columns[$0] == nil }
                findings.add(
                    Finding(
                        .warning, .inputUnreadable,
                        "no \(missing.joined(separator: ", ")) column in the header; not a CodeCarbon emissions.csv it can read",
                        location: fileLocation))
                return nil
            }
            if runsOverLimit > 0 {
                findings.add(
                    Finding(
                        .warning, .inputLimit,
                        "more than \(CodeCarbonReader.maximumRuns) runs; \(runsOverLimit) rows of further runs left out",
                        location: fileLocation))
            }
            let rows = runOrder.compactMap { runs[$0] }
            var totals = TrackerTotals(producer: CodeCarbonSchema.description(header: header, firstRow: firstRow))
            totals.runCount = rows.count
            totals.runIDs = Set(rows.compactMap(\.runID))
            totals.isPerTask = columns["task_name"] != nil
            var readingOptions = options
            let longest = rows.compactMap(\.durationSeconds.number).max() ?? 0
            readingOptions.gapThresholdSeconds = max(options.gapThresholdSeconds ?? 3, 1.5 * longest)
            var accumulator = PowerRowAccumulator(powerFields: ["gpu_energy"], options: readingOptions)
            var unknown: [Int] = []
            // CodeCarbon's own emissions per kWh of each GPU run, for its emissions of the GPU energy alone.
            var kilogramsPerKWh: [String: Double] = [:]
            for row in rows {
                add(row, to: &totals)
                let hasGPU = runsWithGPU.contains(row.runKey)
                switch row.gpuKilowattHours {
                case .number(let kilowattHours) where hasGPU:
                    guard let end = row.end, let duration = row.durationSeconds.number, duration > 0 else {
                        unknown.append(row.line)
                        continue
                    }
                    let identity = DeviceID(kind: .gpuGroup, name: row.gpuModel, otherID: row.runKey)
                    let key = Array(row.runKey.utf8)
                    guard
                        let slot = key.withByteView({
                            accumulator.slotIndex(forKey: $0, deviceCount: row.deviceCount) { identity }
                        })
                    else {
                        unknown.append(row.line)
                        continue
                    }
                    let start: LogTimestamp
                    switch end {
                    case .local(let seconds): start = .local(seconds - duration)
                    case .absolute(let seconds): start = .absolute(seconds - duration)
                    }
                    let startSeconds = accumulator.utc(of: start, line: row.line)
                    let endSeconds = accumulator.utc(of: end, line: row.line)
                    // The power over the span the samples will have on the UTC clock, so that their integral is
                    // CodeCarbon's energy to the last bits (and across a daylight-saving change).
                    let span = endSeconds - startSeconds
                    let joules = kilowattHours * EnergyUnit.joulesPerKilowattHour
                    let watts = FieldReading.number(span > 0 ? joules / span : joules / duration)
                    for seconds in [startSeconds, endSeconds] {
                        accumulator.add(watts, field: 0, slot: slot, seconds: seconds)
                    }
                    accumulator.countRow()
                    if let emissions = row.emissionsKilograms.number, let consumed = row.consumedKilowattHours.number,
                        consumed > 0
                    {
                        kilogramsPerKWh[row.runKey] = emissions / consumed
                    }
                case .number:
                    totals.noGPURunCount += 1
                case .absent where !hasGPU && columns["gpu_energy"] != nil:
                    totals.noGPURunCount += 1
                case .absent, .invalid:
                    unknown.append(row.line)
                }
            }
            var log = accumulator.finished(path: displayPath, format: .codeCarbon, encoding: encoding)
            log.dataRowCount = dataRows
            // The GPU energy used is what the log holds: a run whose power was rejected (not finite, dated outside
            // the plausible years) is unknown, its GPU left without samples, with its own warning.
            for gpu in log.gpus {
                guard gpu.trace.sampleCount > 0 else {
                    totals.unknownGPURunCount += 1
                    continue
                }
                let kilowattHours = gpu.trace.joules / EnergyUnit.joulesPerKilowattHour
                totals.gpuRunCount += 1
                totals.gpuKilowattHours += kilowattHours
                if let ratio = gpu.identity.otherID.flatMap({ kilogramsPerKWh[$0] }) {
                    totals.gpuEmissionsKilograms = (totals.gpuEmissionsKilograms ?? 0) + kilowattHours * ratio
                }
            }
            totals.unknownGPURunCount += unknown.count
            note(totals, unknownLines: unknown, hasGPUColumn: columns["gpu_energy"] != nil, findings: &findings)
            log.trackerTotals = totals
            return log
        }

        /// Adds a run's other energies, emissions, place and PUE to the totals.
        private func add(_ row: CodeCarbonRow, to totals: inout TrackerTotals) {
            if let cpu = row.cpuKilowattHours.number { totals.cpuKilowattHours = (totals.cpuKilowattHours ?? 0) + cpu }
            if let ram = row.ramKilowattHours.number { totals.ramKilowattHours = (totals.ramKilowattHours ?? 0) + ram }
            if let consumed = row.consumedKilowattHours.number, let emissions = row.emissionsKilograms.number {
                totals.consumedKilowattHours = (totals.consumedKilowattHours ?? 0) + consumed
                totals.emissionsKilograms = (totals.emissionsKilograms ?? 0) + emissions
            }
            if let location = row.location, !totals.locations.contains(location), totals.locations.count < 10 {
                totals.locations.append(location)
            }
            if let pue = row.pue, !totals.pueValues.contains(pue), totals.pueValues.count < 10 {
                totals.pueValues.append(pue)
            }
        }

        /// The findings that say how the file's GPU energy was drawn and what is unknown.
        private func note(
            _ totals: TrackerTotals, unknownLines: [Int], hasGPUColumn: Bool, findings: inout FindingLog
        ) {
            let fileLocation = InputLocation(path: displayPath)
            let runs = "\(totals.runCount) run\(totals.runCount == 1 ? "" : "s")"
            if !hasGPUColumn {
                findings.add(
                    Finding(
                        .warning, .energyTracker,
                        "no gpu_energy column (\(totals.producer)): the GPU energy of its \(runs) is unknown (energy_consumed mixes CPU, GPU and RAM)",
                        location: fileLocation))
            } else if let first = unknownLines.first {
                findings.add(
                    Finding(
                        .warning, .energyTracker,
                        "\(unknownLines.count) of \(runs) tracked a GPU but have no readable gpu_energy, duration or timestamp (the first here): their GPU energy is unknown, not 0",
                        location: InputLocation(path: displayPath, line: first)))
            }
            if totals.gpuRunCount > 0 {
                findings.add(
                    Finding(
                        .note, .energyTracker,
                        "GPU energy from CodeCarbon's gpu_energy totals of \(totals.gpuRunCount) of \(runs) (the last row of each run_id): each run's GPUs are drawn at their mean power from timestamp − duration to timestamp, so energy in a window inside a run is prorated at constant power, not measured",
                        location: fileLocation))
            }
            if totals.noGPURunCount > 0 {
                findings.add(
                    Finding(
                        .note, .energyTracker,
                        "\(totals.noGPURunCount) of \(runs) tracked no GPU (no gpu_count or gpu_model, gpu_energy 0 or empty)",
                        location: fileLocation))
            }
            if shortRows > 0 {
                findings.add(
                    Finding(
                        .note, .inputColumns,
                        "\(shortRows) rows are shorter than the header (CodeCarbon 3.2.9 and later leave trailing empty cells out); their missing cells are empty",
                        location: fileLocation))
            }
        }
    }
}
