import FuzzSupport
@testable import FootprintKit

// sacct output read in a zone with daylight-saving changes, each job priced from its accounting (node energy or
// GPU-hours estimate) and made an audit row, as `audit --sacct` does.
FuzzInput.run { path in
    var findings = FindingLog()
    let zone = ClockZone.parse("America/New_York") ?? .utc
    guard
        let jobs = try? SacctReader.read(
            path: path, displayPath: "sacct.txt", zone: zone, limits: FuzzInput.limits, findings: &findings)
    else { return }
    var options = ReportOptions()
    options.emission.gramsCO2ePerKWh = 400
    let clock = ClockAssumption(zone: zone, source: .option, wasNeeded: true)
    for job in jobs.prefix(50) {
        if let report = try? SlurmJobReport.report(job, name: "slurm:\(job.jobID)", clock: clock, options: options) {
            _ = AuditRow(path: "slurm:\(job.jobID)", report: report)
            _ = JSONReportWriter.render(report)
        }
    }
}
