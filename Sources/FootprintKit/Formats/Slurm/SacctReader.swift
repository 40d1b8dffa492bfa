/// Reads `sacct --parsable2` (or `-p`) output, any column set, by name: one ``SlurmJob`` per allocation line.
/// Step lines (`12345.batch`, `12345.extern`, `12345.0`) overlap their allocation and are never added to it; a
/// step's energy is only mentioned when its allocation has none. `Start` and `End` are the cluster's local time,
/// read in `zone`.
enum SacctReader {
    /// The most jobs one file may hold.
    static let maximumJobs = 2_000_000
    /// The highest mean power a node may have drawn for its ConsumedEnergy to be believed (a DGX H100 is rated at
    /// 10.2 kW).
    static let maximumWattsPerNode = 50_000.0
    /// Slurm prints values of 2⁶³ and above (`NO_VAL64` and its kin) for energy it has no value for.
    static let noValueFloor = 9.2e18

    /// The jobs of the sacct file `path`, in file order.
    ///
    /// - Throws: ``FootprintError`` when the file cannot be opened or has no sacct header.
    static func read(
        path: String, displayPath: String, zone: ClockZone, limits: InputLimits, findings: inout FindingLog
    ) throws(FootprintError) -> [SlurmJob] {
        var options = PowerLogReadingOptions()
        options.limits = limits
        var header: SacctHeader?
        var jobs: [SlurmJob] = []
        var seen: Set<String> = []
        var stepEnergy: Set<String> = []
        var resolver = LocalTimeResolver(zone: zone)
        _ = try PowerLogLines.forEachLine(path: path, displayPath: displayPath, options: options, findings: &findings) {
            line, findings in
            let text = String(decoding: line.bytes, as: UTF8.self)
            guard !text.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) else { return true }
            let fields = text.split(separator: "|", omittingEmptySubsequences: false).map {
                String($0).trimmingSpaces()
            }
            let location = InputLocation(path: displayPath, line: line.number)
            guard let columns = header else {
                header = SacctHeader(fields)
                return header != nil
            }
            // A repeated header (one per cluster with `-M`) is passed over.
            if fields.count == columns.count, fields[columns.jobID].lowercased().hasPrefix("jobid") { return true }
            guard fields.count == columns.count || (fields.count == columns.count + 1 && fields.last == "") else {
                findings.add(
                    Finding(
                        .warning, .inputDamaged,
                        "\(fields.count) fields where the header has \(columns.count) (a job name holding '|'?); skipped",
                        location: location),
                    kind: "sacct-fields", summary: "sacct lines whose fields do not match the header")
                return true
            }
            let jobID = fields[columns.jobID]
            guard !jobID.isEmpty else { return true }
            if let dot = jobID.firstIndex(of: ".") {
                if let energy = columns.consumedEnergyRaw.flatMap({ joules(fields[$0]) }), energy > 0 {
                    stepEnergy.insert(String(jobID[..<dot]))
                }
                return true
            }
            guard jobs.count < maximumJobs else {
                findings.add(
                    Finding(
                        .warning, .inputLimit,
                        "more than \(ReportFormatting.grouped(maximumJobs)) jobs; the rest of the file is left out",
                        location: location))
                return false
            }
            let job = Self.job(
                fields, columns: columns, path: displayPath, line: line.number, resolver: &resolver,
                findings: &findings)
            guard seen.insert(job.identity).inserted else {
                findings.add(
                    Finding(.note, .inputDamaged, "job \(job.jobID) is listed again; counted once", location: location),
                    kind: "sacct-duplicate", summary: "jobs listed more than once")
                return true
            }
            jobs.append(job)
            return true
        }
        guard let header else {
            throw FootprintError(
                .malformedInput,
                "no sacct header (a '|'-separated line naming JobID); run sacct with --parsable2 and without --noheader",
                location: InputLocation(path: displayPath))
        }
        if !header.tellsEnergyOrGPUs {
            findings.add(
                Finding(
                    .warning, .inputUnreadable,
                    "the sacct columns include neither ConsumedEnergyRaw nor AllocTRES, so no job's energy or GPUs can be known; add them with --format",
                    location: InputLocation(path: displayPath)))
        }
        for index in jobs.indices where jobs[index].consumedJoules == nil && stepEnergy.contains(jobs[index].jobID) {
            findings.add(
                Finding(
                    .note, .energySystem,
                    "job \(jobs[index].jobID) has no ConsumedEnergy on its allocation line, only on its steps, which overlap and are not added",
                    location: InputLocation(path: displayPath, line: jobs[index].line)),
                kind: "sacct-step-energy", summary: "jobs with energy only on their steps")
        }
        return jobs
    }

    /// The job of one allocation line.
    private static func job(
        _ fields: [String], columns: SacctHeader, path: String, line: Int, resolver: inout LocalTimeResolver,
        findings: inout FindingLog
    ) -> SlurmJob {
        let value = { (index: Int?) -> String? in index.flatMap { fields[$0].isEmpty ? nil : fields[$0] } }
        let location = InputLocation(path: path, line: line)
        var job = SlurmJob(jobID: fields[columns.jobID], path: path, line: line)
        job.name = value(columns.jobName)
        job.state = value(columns.state)
        job.nodeCount = value(columns.nodeCount).flatMap { Int($0) }.flatMap { $0 >= 0 ? $0 : nil }
        job.nodeList = value(columns.nodeList)
        if let list = value(columns.allocTRES) {
            if let tres = SlurmTRES(list) {
                job.gpuCount = tres.gpuCount
                job.gpuType = tres.gpuType
            } else {
                findings.add(
                    Finding(
                        .warning, .inputDamaged, "AllocTRES '\(list)' has a GPU count that is not a whole number",
                        location: location),
                    kind: "sacct-tres", summary: "unreadable AllocTRES values")
            }
        }
        job.startSeconds = value(columns.start).flatMap { utc($0, resolver: &resolver) }
        job.endSeconds = value(columns.end).flatMap { utc($0, resolver: &resolver) }
        job.elapsedSeconds =
            value(columns.elapsedRaw).flatMap(SlurmDuration.seconds)
            ?? value(columns.elapsed).flatMap(SlurmDuration.seconds)
        if job.elapsedSeconds == nil, let start = job.startSeconds, let end = job.endSeconds, end >= start {
            job.elapsedSeconds = end - start
        }
        job.consumedJoules = consumedJoules(fields, columns: columns, job: job, location: location, findings: &findings)
        return job
    }

    /// ConsumedEnergyRaw (else a plain-number ConsumedEnergy) in joules, when gathered and believable.
    private static func consumedJoules(
        _ fields: [String], columns: SacctHeader, job: SlurmJob, location: InputLocation, findings: inout FindingLog
    ) -> Double? {
        let text: String
        if let index = columns.consumedEnergyRaw {
            text = fields[index]
        } else if let index = columns.consumedEnergy {
            text = fields[index]
            if !text.isEmpty, joules(text) == nil {
                findings.add(
                    Finding(
                        .warning, .inputColumns,
                        "ConsumedEnergy '\(text)' is rounded to a unit prefix; ask sacct for ConsumedEnergyRaw to read it",
                        location: location),
                    kind: "sacct-rounded-energy", summary: "ConsumedEnergy values with unit prefixes")
                return nil
            }
        } else {
            return nil
        }
        guard let value = joules(text), value > 0 else { return nil }
        let nodes = Double(max(1, job.nodeCount ?? 1))
        if let elapsed = job.elapsedSeconds, elapsed > 0, value / elapsed / nodes > maximumWattsPerNode {
            findings.add(
                Finding(
                    .warning, .energySystem,
                    "job \(job.jobID)'s ConsumedEnergy \(ReportFormatting.grouped(value, 0)) J is a mean of \(ReportFormatting.grouped(value / elapsed / nodes, 0)) W per node over \(ReportFormatting.duration(elapsed)), more than \(ReportFormatting.grouped(maximumWattsPerNode, 0)) W; left out as not a measurement",
                    location: location),
                kind: "sacct-implausible-energy", summary: "implausible ConsumedEnergy values")
            return nil
        }
        return value
    }

    /// Joules of a whole-number energy field; nil for blank, non-numbers and Slurm's no-value markers.
    private static func joules(_ text: String) -> Double? {
        guard !text.isEmpty, text.allSatisfy(\.isASCIIDigit), let value = Double(text),
            value < noValueFloor
        else { return nil }
        return value
    }

    /// The UTC instant of a `YYYY-MM-DDTHH:MM:SS` local time; nil for `Unknown`, `None` and other non-times.
    private static func utc(_ text: String, resolver: inout LocalTimeResolver) -> Double? {
        switch TimestampParser.parse(Array(text.utf8)) {
        case .local(let seconds)?:
            let utc = resolver.utc(fromLocal: seconds, previousUTC: nil)
            return PlausibleTime.contains(utc) ? utc : nil
        case .absolute(let seconds)?:
            return PlausibleTime.contains(seconds) ? seconds : nil
        case nil:
            return nil
        }
    }
}
