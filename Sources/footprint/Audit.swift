import ArgumentParser
import FootprintKit

/// `footprint audit ROOT`: every run under a folder, in parallel, into one table.
struct Audit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Audit every run under a folder: one row per run (broken runs included, with the reason), totals and rollups.",
        discussion: """
            A run is a folder that directly holds a file named like a log (events.out.tfevents.*, *.pt.trace.json*, \
            dmon*, or a .csv/.log/.txt whose name mentions gpu, nvidia, smi, power, energy, metrics or monitor); \
            everything below it belongs to it. --run-depth or --run-glob override that rule.
            """)

    @Argument(help: "The folder holding the runs (optional with --sacct).")
    var root: String?

    @Option(
        help:
            "A Slurm accounting dump (sacct --parsable2 with JobID, Start, Elapsed, AllocTRES, ConsumedEnergyRaw, …): each job becomes a row, from its node energy where Slurm gathered it, else estimated from its GPU-hours (GPU model from its GRES type or --gpu-model); a run folder holding the job's sacct line and power logs gives that job's row instead."
    )
    var sacct: String?

    @Option(
        help:
            "Write audit.csv, audit.md, audit.json and audit.svg (CO2e per group) into this folder, all published together, locked against a second writer; without it, Markdown goes to stdout."
    )
    var output: String?

    @Option(
        parsing: .unconditional,
        help: "Runs analysed at once. Default: the number of cores. (default: \(AuditOptions().jobs))")
    var jobs: Int?

    @Option(
        help:
            "Remember each run's result with a fingerprint of its files, appended as each run finishes; a re-run (even after a kill) analyses only changed or unfinished runs."
    )
    var cache: String?

    @Option(help: "Keep runs that started on or after this date (YYYY-MM-DD, UTC).")
    var since: String?

    @Option(help: "Keep runs that started before this date (YYYY-MM-DD, UTC).")
    var until: String?

    @Option(
        help:
            "Analyse only shard K of N (K/N, 1-based): runs are split by a stable hash of their path, so job arrays on several machines cover every run once; combine the outputs with `footprint merge`."
    )
    var shard: String?

    @Option(
        help:
            "Roll runs up by parent, month, or a regular expression on the run's path (its first group). (default: \(AuditGrouping.default))"
    )
    var groupBy: String?

    @Option(parsing: .unconditional, help: "The runs are exactly the folders this many levels below ROOT.")
    var runDepth: Int?

    @Option(help: "The runs are the folders whose path below ROOT matches this shell pattern (e.g. 'exp*/seed_*').")
    var runGlob: String?

    @OptionGroup var runOptions: RunOptions

    /// Internal: serve runs to the audit that started this process (see `AuditWorker`).
    @Flag(help: .private)
    var worker = false

    func validate() throws {
        if root == nil, sacct == nil { throw ValidationError("give the folder holding the runs, or --sacct FILE") }
        _ = try auditOptions()
        _ = try grouping()
    }

    func grouping() throws -> AuditGrouping? {
        try usage { try groupBy.map(AuditGrouping.parse) }
    }

    func auditOptions() throws -> AuditOptions {
        let report = try runOptions.reportOptions()
        return try usage {
            var options = AuditOptions()
            options.report = report
            options.jobs = jobs ?? options.jobs
            options.cachePath = cache
            options.sacctPath = sacct
            options.since = since
            options.until = until
            try options.validate()
            options.shard = try shard.map(Shard.parse)
            options.rule = try AuditOptions.rule(runDepth: runDepth, runGlob: runGlob) ?? options.rule
            return options
        }
    }

    func run() throws {
        if worker { return try AuditWorker.serve(options: auditOptions().report).finish() }
        // Each run is analysed by a child `footprint audit --worker` with these same arguments.
        let arguments = Array(CommandLine.arguments.dropFirst())
        try AuditCommand.run(
            root: root, options: auditOptions(), grouping: grouping(), output: output,
            workerArguments: Array(arguments.prefix(1)) + ["--worker"] + arguments.dropFirst()
        ).finish()
    }
}
