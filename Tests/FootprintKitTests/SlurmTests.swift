import Foundation
import Testing
@testable import FootprintKit
import FootprintTestSupport

/// Slurm's `sacct --parsable2` output: jobs read by column name, steps never added, node energy reported as system
/// energy, GPU-hours estimates, and `audit --sacct` over a dump of many jobs. Expected figures are worked out by
/// hand in the comments from the values the files hold.
@Suite struct SlurmTests {
    /// `Fixtures/slurm/sacct-cluster.txt`: eight jobs of every kind, with steps.
    private static let cluster = TestPaths.fixture("slurm/sacct-cluster.txt")

    private static func read(_ path: String, zone: ClockZone = .utc) throws -> (jobs: [SlurmJob], findings: [Finding]) {
        var findings = FindingLog()
        let jobs = try SacctReader.read(
            path: path, displayPath: "sacct.txt", zone: zone, limits: InputLimits(), findings: &findings)
        return (jobs, findings.allFindings())
    }

    private static func write(_ lines: [String]) -> String {
        TestPaths.write(Array((lines.joined(separator: "\n") + "\n").utf8), named: "sacct.txt")
    }

    /// `2024-03-05T08:00:00` as UTC seconds.
    private static let march5At8 = 1_709_625_600.0

    @Test func allocationLinesAreJobsAndStepsAreNeverAdded() throws {
        let (jobs, findings) = try Self.read(Self.cluster)
        #expect(jobs.map(\.jobID) == ["1001", "1002", "1003", "1004", "1005", "1006_3", "1007", "1008"])
        let job = jobs[0]
        // The allocation's 86,400,000 J; the steps' 43,000,000 + 86,400,000 + 86,000,000 J are not added.
        #expect(job.consumedJoules == 86_400_000)
        #expect(job.gpuCount == 16 && job.gpuType == "a100" && job.nodeCount == 2 && job.nodeList == "gpu[01-02]")
        #expect(job.startSeconds == Self.march5At8 && job.endSeconds == Self.march5At8 + 21_600)
        #expect(job.elapsedSeconds == 21_600 && job.gpuHours == 96)
        #expect(job.name == "llama-pretrain" && job.state == "COMPLETED" && job.line == 2)
        // `0` (energy accounting off), blank and NO_VAL64 are unknown, never zero.
        #expect(jobs[1].consumedJoules == nil && jobs[2].consumedJoules == nil && jobs[7].consumedJoules == nil)
        #expect(jobs[2].gpuCount == 2 && jobs[2].gpuType == nil)
        #expect(jobs[3].gpuCount == 0)
        #expect(jobs[4].startSeconds == nil && jobs[4].elapsedSeconds == 0)
        #expect(jobs[5].elapsedSeconds == 90_000)  // 1-01:00:00
        // Job 1007's energy is only on its batch step: said, not used.
        let stepOnly = try #require(findings.first { $0.message.hasPrefix("job 1007 has no ConsumedEnergy") })
        #expect(stepOnly.code == .energySystem && stepOnly.location?.line == 12)
    }

    @Test func startAndEndAreTheClustersLocalTime() throws {
        let berlin = try #require(ClockZone.parse("Europe/Berlin"))
        let (jobs, _) = try Self.read(Self.cluster, zone: berlin)
        // Berlin is UTC+1 in March (before the change on the last Sunday).
        #expect(jobs[0].startSeconds == Self.march5At8 - 3600)
    }

    @Test(arguments: [
        ("1-02:03:04", 93_784.0), ("02:03:04", 7_384), ("05:07", 307), ("05:07.250", 307.25), ("3600", 3_600),
        ("00:00:00", 0),
    ])
    func elapsedTimes(text: String, seconds: Double) {
        #expect(SlurmDuration.seconds(text) == seconds)
    }

    @Test(arguments: ["INVALID", "", "-5", "1-", "12:60:00", "1:2:3:4", "99999999999-00:00:00"])
    func notElapsedTimes(text: String) {
        #expect(SlurmDuration.seconds(text) == nil)
    }

    @Test func gpusOfTheTrackableResources() throws {
        let typed = try #require(SlurmTRES("billing=8,cpu=8,gres/gpu:a100=8,gres/gpu=8,mem=64G,node=1"))
        #expect(typed.gpuCount == 8 && typed.gpuType == "a100")
        let mixed = try #require(SlurmTRES("cpu=8,gres/gpu:a100=4,gres/gpu:v100=2,mem=1G"))
        #expect(mixed.gpuCount == 6 && mixed.gpuType == nil)
        #expect(SlurmTRES("billing=4,cpu=4,mem=8G,node=1")?.gpuCount == 0)
        #expect(SlurmTRES("cpu=4,gres/gpu=lots") == nil)
        #expect(SlurmTRES("cpu=4,gres/gpu:a=9223372036854775807,gres/gpu:b=9223372036854775807") == nil)
        #expect(SlurmTRES("") == nil)
    }

    /// Any column order, `-p`'s trailing `|`, a repeated header, and lines that do not fit the header: each bad
    /// line is named and skipped, and the rest is read.
    @Test func anyColumnSetAndDamagedLines() throws {
        let path = Self.write([
            "State|ConsumedEnergyRaw|JobID|Elapsed|",
            "COMPLETED|7200000|77|02:00:00|",
            "State|ConsumedEnergyRaw|JobID|Elapsed|",
            "COMPLETED|oops|78|01:00:00|extra|more|",
            "COMPLETED|18000000|79|00:30:00|",
            "FAILED||80|00:10:00|",
        ])
        let (jobs, findings) = try Self.read(path)
        #expect(jobs.map(\.jobID) == ["77", "79", "80"])
        #expect(jobs[0].consumedJoules == 7_200_000 && jobs[0].elapsedSeconds == 7_200)
        // 18,000,000 J over 30 min is a mean of 10 kW: believable for one node.
        #expect(jobs[1].consumedJoules == 18_000_000)
        let damaged = try #require(findings.first { $0.code == .inputDamaged })
        #expect(damaged.location?.line == 4 && damaged.message.contains("7 fields where the header has 5"))
    }

    @Test func implausibleEnergyIsLeftOut() throws {
        // 3.6e11 J in one hour on one node is a mean of 100 MW.
        let path = Self.write(["JobID|NNodes|Elapsed|ConsumedEnergyRaw", "5|1|01:00:00|360000000000"])
        let (jobs, findings) = try Self.read(path)
        #expect(jobs.count == 1 && jobs[0].consumedJoules == nil)
        #expect(findings.contains { $0.code == .energySystem && $0.location?.line == 2 })
    }

    @Test func aFileWithoutHeaderIsAnErrorNamingIt() throws {
        let path = Self.write(["12345|train|01:00:00"])
        #expect(throws: FootprintError.self) { try Self.read(path) }
    }

    /// The emission options of the audits below: a fixed intensity and PUE, so that every figure is worked out by
    /// hand.
    private static func auditOptions() -> AuditOptions {
        var options = AuditOptions()
        options.report.zone = .utc
        options.report.emission.gramsCO2ePerKWh = 400
        options.report.emission.pue = 1.2
        options.sacctPath = cluster
        return options
    }

    @Test func auditOfAClusterDumpGivesEachJobARow() throws {
        let result = try Auditor.audit(root: nil, options: Self.auditOptions())
        let rows = Dictionary(uniqueKeysWithValues: result.rows.map { ($0.path, $0) })
        // The pending job 1005 never started: left out, and said.
        #expect(
            result.rows.map(\.path) == [
                "slurm:1001", "slurm:1002", "slurm:1003", "slurm:1004", "slurm:1006_3",
                "slurm:1007", "slurm:1008",
            ])
        #expect(result.notes.contains("1 jobs that never started (no Start) left out"))
        // 1001: 86,400,000 J = 24 kWh of node energy × 1.2 × 400 g = 11.52 kg.
        let measured = try #require(rows["slurm:1001"])
        #expect(measured.status == .systemEnergy && measured.cell("method") == "system-energy")
        #expect(measured.cell("energy_kwh") == "24.000000000" && measured.cell("system_energy_kwh") == "24.000000000")
        #expect(relativeError(try #require(measured.kilogramsCO2e), 11.52) < 1e-9)
        #expect(measured.cell("slurm_job") == "1001" && measured.startUTC == "2024-03-05T08:00:00.000Z")
        // Its GPUs are its allocation's (no GPU log names them).
        #expect(measured.cell("gpus") == "16")
        // Estimates: 4 × H100 (the family's SXM5 board, 700 W) × 2.5 h = 7 kWh; 1 × A100 (SXM4 80GB, 400 W)
        // × 25 h = 10 kWh; × 1 h = 0.4 kWh for each of 1007 and 1008.
        let estimates: [(String, Double)] = [
            ("slurm:1002", 7), ("slurm:1006_3", 10), ("slurm:1007", 0.4), ("slurm:1008", 0.4),
        ]
        for (path, kWh) in estimates {
            let row = try #require(rows[path])
            #expect(row.status == .estimate && row.cell("method") == "estimated", "\(path)")
            #expect(relativeError(try #require(row.energyKWh), kWh) < 1e-9, "\(path)")
            #expect(relativeError(try #require(row.kilogramsCO2e), kWh * 1.2 * 0.4) < 1e-9, "\(path)")
            #expect(row.cell("system_energy_kwh").isEmpty)
        }
        // Unknown stays unknown: an untyped GRES without --gpu-model, and a job without GPUs.
        #expect(rows["slurm:1003"]?.status == .noEnergy && rows["slurm:1003"]?.error.contains("untyped") == true)
        #expect(rows["slurm:1004"]?.status == .noEnergy && rows["slurm:1004"]?.error.contains("no GPUs") == true)
        #expect(rows["slurm:1003"]?.kilogramsCO2e == nil && rows["slurm:1004"]?.energyKWh == nil)
        let totals = AuditWriter.Totals(result.rows)
        #expect(totals.withEnergy == 0 && totals.kilowattHours == 0)
        #expect(relativeError(try #require(totals.apart[.systemEnergy]).kWh, 24) < 1e-12)
        #expect(relativeError(try #require(totals.apart[.estimate]).kWh, 17.8) < 1e-12)
        let markdown = AuditWriter.markdown(result.rows, root: "sacct", grouping: .parent, notes: result.notes)
        #expect(markdown.contains("(0 ok, 1 system-energy, 4 estimate, 2 no-energy, 0 unreadable, 0 error)"))
        #expect(markdown.contains("**4 runs** estimated from GPU-hours × TDP (no power log): 17.80 kWh, 8.544 kg CO2e"))
        // --gpu-model prices the untyped job: 2 × 400 W × 20 min = 0.2666… kWh.
        var withModel = Self.auditOptions()
        withModel.report.estimateGPUModel = "A100-SXM4-80GB"
        let priced = try Auditor.audit(root: nil, options: withModel).rows.first { $0.path == "slurm:1003" }
        #expect(priced?.status == .estimate)
        // The CSV cell has 9 decimals: 0.266666667.
        #expect(relativeError(try #require(priced?.energyKWh), 0.8 / 3) < 2e-9)
    }

    /// A dump of 10,000 jobs (each with its batch and extern steps) audited from accounting alone: a row per job,
    /// the node energies and GPU-hours summed exactly as written.
    @Test func auditOfTenThousandJobs() throws {
        var lines = ["JobID|JobName|State|NNodes|AllocTRES|Start|End|ElapsedRaw|ConsumedEnergyRaw"]
        var nodeJoules = 0.0
        var gpuHours = 0.0
        for index in 0..<10_000 {
            let start = Int(Self.march5At8) + index * 600
            let elapsed = 600 + index % 7 * 60
            let gpus = 1 + index % 8
            let stamp = { (seconds: Int) in
                ReportFormatting.isoUTC(Double(seconds)).prefix(19)
            }
            let energy = index % 2 == 0 ? 1_000_000 + index * 10 : 0
            if energy > 0 { nodeJoules += Double(energy) } else { gpuHours += Double(gpus * elapsed) / 3600 }
            let tres = "billing=\(gpus),cpu=\(8 * gpus),gres/gpu:a100=\(gpus),gres/gpu=\(gpus),mem=64G,node=1"
            let times = "\(stamp(start))|\(stamp(start + elapsed))|\(elapsed)"
            let id = 500_000 + index
            lines.append("\(id)|job\(index)|COMPLETED|1|\(tres)|\(times)|\(energy)")
            lines.append("\(id).batch|batch|COMPLETED|1|\(tres)|\(times)|\(energy / 2)")
            lines.append("\(id).extern|extern|COMPLETED|1|\(tres)|\(times)|\(energy)")
        }
        var options = Self.auditOptions()
        options.sacctPath = Self.write(lines)
        let rows = try Auditor.audit(root: nil, options: options).rows
        #expect(rows.count == 10_000)
        #expect(Set(rows.map(\.path)).count == 10_000)
        let system = rows.filter { $0.status == .systemEnergy }
        let estimated = rows.filter { $0.status == .estimate }
        #expect(system.count == 5_000 && estimated.count == 5_000)
        let systemKWh = system.compactMap(\.energyKWh).reduce(0, +)
        #expect(relativeError(systemKWh, nodeJoules / 3.6e6) < 1e-9)
        // A100 (the family's 400 W board) × GPU-hours.
        let estimatedKWh = estimated.compactMap(\.energyKWh).reduce(0, +)
        #expect(relativeError(estimatedKWh, gpuHours * 0.4) < 1e-9)
    }

    /// A run folder holding the job's sacct line beside its nvidia-smi log: the GPU energy counts, the node
    /// energy stands beside it with the GPUs' share, and the audit's job row is the run's.
    @Test func aRunFolderWithItsJobsPowerLogs() throws {
        let root = TestPaths.temporaryFolder()
        let run = root + "/llama"
        try FileManager.default.createDirectory(atPath: run, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: TestPaths.fixture("runs/example/nvidia-smi.csv"), toPath: run + "/nvidia-smi.csv")
        let line =
            "1001|llama|COMPLETED|1|gres/gpu:a100=3,gres/gpu=3,node=1|2024-03-05T13:59:00|2024-03-05T14:21:00|00:22:00|2000000"
        _ = FileManager.default.createFile(
            atPath: run + "/sacct.txt",
            contents: Data(("JobID|JobName|State|NNodes|AllocTRES|Start|End|Elapsed|ConsumedEnergyRaw\n" + line).utf8))
        var options = ReportOptions()
        options.zone = .utc
        options.emission.gramsCO2ePerKWh = 400
        let report = try RunAnalyzer.analyze(runDirectory: run, options: options)
        // The example's job GPUs 0–2 (Fixtures/expected.json): 341468.784 + 342382.615 + 341251.419 J, all inside
        // the job's 13:59–14:21.
        let gpuJoules = 341468.7843797609 + 342382.61453582474 + 341251.4185753454
        #expect(report.emissions?.method == .measured)
        #expect(relativeError(report.jobJoules, gpuJoules) < 1e-6)
        #expect(report.systemEnergy?.meter == .slurmAccounting && report.systemEnergy?.joules == 2_000_000)
        #expect(relativeError(try #require(report.gpuShareOfSystemEnergy), gpuJoules / 2_000_000) < 1e-6)
        #expect(report.slurmJob?.jobID == "1001")
        // sources[]: nvidia-smi counted; Slurm's total beside it, one reading over the job's 22 min, compared with
        // the GPUs' energy over the same window.
        let system = try #require(report.sources.first { $0.role == .system })
        #expect(system.producer == "Slurm sacct" && system.medianIntervalSeconds == 1_320 && system.gpuCount == 0)
        let comparison = try #require(system.comparison)
        #expect(comparison.against == "nvidia-smi" && comparison.commonGPUCount == 3)
        #expect(relativeError(try #require(comparison.difference), 2_000_000 / gpuJoules - 1) < 1e-6)
        let json = JSONReportWriter.render(report)
        #expect(json.contains("\"meter\": \"Slurm accounting\"") && json.contains("\"job_id\": \"1001\""))
        #expect(json.contains("\"kind\": \"Slurm sacct\"") && json.contains("\"role\": \"system\""))
        #expect(MarkdownReportWriter.render(report).contains("Node energy, from Slurm's accounting"))
        // The dump's job 1001 is the run's row, not a second one.
        var audit = Self.auditOptions()
        audit.jobs = 1
        let result = try Auditor.audit(root: root, options: audit)
        let rows = result.rows.filter { $0.cell("slurm_job") == "1001" }
        #expect(rows.count == 1 && rows.first?.path == "llama" && rows.first?.status == .ok)
        #expect(result.notes.contains("1 jobs are rows of their run folders, whose sacct line they share"))
        #expect(result.rows.count == 7)
    }

    /// A run folder with only its job's sacct line and no --tz: the node energy prices the run, and the zone its
    /// times were read in is said to be assumed.
    @Test func aJobAloneWithoutZone() throws {
        let run = TestPaths.temporaryFolder()
        let lines = try String(contentsOfFile: Self.cluster, encoding: .utf8).split(separator: "\n")
        _ = FileManager.default.createFile(
            atPath: run + "/job.txt", contents: Data(lines.prefix(5).joined(separator: "\n").utf8))
        var options = ReportOptions()
        options.emission.gramsCO2ePerKWh = 400
        let report = try RunAnalyzer.analyze(runDirectory: run, options: options)
        #expect(report.emissions?.method == .systemEnergy && report.emissions?.itJoules == 86_400_000)
        #expect(relativeError(try #require(report.emissions?.kilogramsCO2e), 24 * 0.4) < 1e-12)
        #expect(report.findings.contains { $0.code == .clockAssumed && $0.location?.line == 2 })
        #expect(report.clock.wasNeeded)
        let csv = CSVReportWriter.render([report])
        #expect(csv.contains(",system-energy,") && csv.hasSuffix(",24.000000000,1001\n"))
    }
}
