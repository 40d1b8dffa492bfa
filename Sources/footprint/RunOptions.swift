import ArgumentParser
import FootprintKit

/// Options that describe a run: its clock, GPUs, column hints, emission factors and input limits.
struct RunOptions: ParsableArguments {
    @Option(help: "Zone of the logs' local timestamps: an IANA zone (Europe/Berlin) or an offset (+05:30, UTC). Default: this machine's zone, flagged in the report.")
    var tz: String?

    @Option(help: "The job's GPUs, comma-separated: indices, UUIDs or bus ids. Default: every GPU not idle all log.")
    var gpus: String?

    @Option(help: "Intervals longer than this many seconds are gaps. Default: 3 s or 3 × the median interval, whichever is larger.")
    var gapThreshold: Double?

    @Option(help: "For headerless (noheader) nvidia-smi CSVs: the --query-gpu field list given to nvidia-smi, e.g. timestamp,index,power.draw.")
    var queryGPU: String?

    @Option(help: "For dmon logs without date/time columns: the first row's local time, 'YYYY-MM-DD HH:MM:SS'.")
    var dmonStart: String?

    @Option(help: "For dmon logs without date/time columns: seconds between ticks (dmon -d).")
    var dmonInterval: Double = 1

    @Option(help: "Country of the data centre for the grid intensity: ISO code (FR, DEU) or name.")
    var region: String?

    @Option(help: "Grid carbon intensity in gCO2e/kWh; overrides --region.")
    var intensity: Double?

    @Option(help: "Power usage effectiveness of the data centre (1.0–5.0). Default 1.0, flagged as an assumption.")
    var pue: Double?

    @Option(help: "The TensorBoard scalar tag whose points span training (its first to last point is the training window). Default: a training-loss tag, else the tag with the most steps.")
    var stepTag: String?

    @Option(help: "A metric goal, e.g. 'train/loss<=0.5' or 'val/acc>=0.9': the report gives the first step that met it and the energy used until then.")
    var target: String?

    @Option(help: "Stop inflating a compressed file after this many bytes.")
    var maxInflatedBytes: UInt64 = 64 << 30

    @Option(help: "Skip text lines longer than this many bytes.")
    var maxLineBytes: Int = 1 << 20

    @Option(help: "The largest TensorBoard record accepted; a longer length is taken as damage.")
    var maxRecordBytes: Int = 64 << 20

    func reportOptions() throws -> ReportOptions {
        var options = ReportOptions()
        if let tz {
            guard let zone = ClockZone.parse(tz) else {
                throw ValidationError("--tz '\(tz)' is neither an IANA zone (e.g. Europe/Berlin) nor an offset (e.g. +05:30)")
            }
            options.zone = zone
        }
        options.gpuSelectors = gpus.map { $0.split(separator: ",").map(String.init) }
        if let gapThreshold {
            guard gapThreshold > 0 else { throw ValidationError("--gap-threshold must be positive") }
            options.gapThresholdSeconds = gapThreshold
        }
        options.queryGPUFields = queryGPU.map { $0.split(separator: ",").map(String.init) }
        options.dmonStart = dmonStart
        guard dmonInterval > 0 else { throw ValidationError("--dmon-interval must be positive") }
        options.dmonIntervalSeconds = dmonInterval
        options.region = region
        options.gramsCO2ePerKWh = intensity
        options.pue = pue
        options.stepTag = stepTag
        if let target {
            guard let parsed = TrainingTarget.parse(target) else {
                throw ValidationError("--target '\(target)' is not TAG<=VALUE, TAG>=VALUE, TAG<VALUE or TAG>VALUE (e.g. 'train/loss<=0.5')")
            }
            options.target = parsed
        }
        guard maxRecordBytes >= 1024 else { throw ValidationError("--max-record-bytes must be at least 1024") }
        options.limits.maximumRecordBytes = maxRecordBytes
        guard maxLineBytes >= 1024 else { throw ValidationError("--max-line-bytes must be at least 1024") }
        options.limits.maximumInflatedBytes = maxInflatedBytes
        options.limits.maximumLineBytes = maxLineBytes
        return options
    }
}
