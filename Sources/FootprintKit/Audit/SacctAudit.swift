/// `audit --sacct FILE`: one row per Slurm job of a sacct dump, from its accounting alone — its node energy where
/// Slurm gathered it, else an estimate from its GPU-hours — so that a cluster's past can be audited without logs.
enum SacctAudit {
    /// The rows of the jobs, in file order, named `slurm:JOBID` (a job listed again with another start, as
    /// `sacct --duplicates` shows a requeued job, gets `#2`, `#3`, …), and notes on what was left out. Jobs that
    /// never started are left out.
    ///
    /// - Throws: ``FootprintError`` when the file cannot be read or is not sacct output, or for options that do
    ///   not resolve.
    static func rows(path: String, options: AuditOptions) throws(FootprintError) -> (rows: [AuditRow], notes: [String])
    {
        var findings = FindingLog()
        let clock = ClockResolution.assumption(zone: options.report.zone)
        let display = path.split(separator: "/").last.map(String.init) ?? path
        let jobs = try SacctReader.read(
            path: path, displayPath: display, zone: clock.zone, limits: options.report.limits, findings: &findings)
        var rows: [AuditRow] = []
        var notStarted = 0
        var seen: [String: Int] = [:]
        var jobClock = clock
        jobClock.wasNeeded = true
        for job in jobs {
            guard job.startSeconds != nil else {
                notStarted += 1
                continue
            }
            let count = (seen[job.jobID] ?? 0) + 1
            seen[job.jobID] = count
            let name = "slurm:\(job.jobID)" + (count > 1 ? "#\(count)" : "")
            let report = try SlurmJobReport.report(job, name: name, clock: jobClock, options: options.report)
            var row = AuditRow(path: name, report: report)
            if row.status == .noEnergy {
                let why = report.findings.first { $0.code == .emissionsEstimate }?.message
                row.error = "no ConsumedEnergy" + (why.map { "; " + $0 } ?? "")
            }
            rows.append(row)
        }
        var notes = [
            "\(display): \(ReportFormatting.grouped(jobs.count)) Slurm jobs, their times read in \(clock.zone)"
                + (clock.source == .machine ? " (this machine's zone: pass --tz with the cluster's)" : "")
        ]
        if notStarted > 0 {
            notes.append("\(ReportFormatting.grouped(notStarted)) jobs that never started (no Start) left out")
        }
        for finding in findings.allFindings() where finding.severity == .warning {
            notes.append(finding.description.split(separator: "\n").joined(separator: " "))
        }
        return (rows, notes)
    }
}
