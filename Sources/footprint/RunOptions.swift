import ArgumentParser
import FootprintKit

/// Options that describe a run: its clock, GPUs, column hints, emission factors and input limits. An option not
/// given leaves the library's default.
struct RunOptions: ParsableArguments {
    /// Taken unconditionally, so that a negative offset (`--tz -05:00`) is the value, not another option.
    @Option(
        parsing: .unconditional,
        help:
            "Zone of the logs' local timestamps: an IANA zone (Europe/Berlin) or an offset (+05:30, -05:00, UTC). Default: inferred from the event files, else this machine's zone, flagged in the report."
    )
    var tz: String?

    @Option(help: "The job's GPUs, comma-separated: indices, UUIDs or bus ids. Default: every GPU not idle all log.")
    var gpus: String?

    @Option(
        parsing: .unconditional,
        help:
            "Intervals longer than this many seconds are gaps. Default: 3 s or 3 × the median interval, whichever is larger."
    )
    var gapThreshold: Double?

    @Option(
        parsing: .unconditional,
        help:
            "Gaps up to this many seconds are bridged linearly; a longer one is unmeasured time, its energy not counted. Default: 300."
    )
    var maxBridge: Double?

    @Option(
        help:
            "For headerless (noheader) nvidia-smi CSVs: the --query-gpu field list given to nvidia-smi, e.g. timestamp,index,power.draw."
    )
    var queryGPU: String?

    @Option(help: "For dmon logs without date/time columns: the first row's local time, 'YYYY-MM-DD HH:MM:SS'.")
    var dmonStart: String?

    @Option(
        parsing: .unconditional,
        help:
            "For dmon logs without date/time columns: seconds between ticks (dmon -d). \(defaultNote(\.dmonIntervalSeconds))"
    )
    var dmonInterval: Double?

    @Option(
        help:
            "A regular expression with one capture group: its match in a log's path (relative to the run folder) is the host of the log's GPUs, e.g. '^(node[0-9]+)/'. Default: hosts are named from the paths when logs of several hosts ran at the same time."
    )
    var hostFrom: String?

    @OptionGroup var emission: EmissionArguments

    @Option(
        help:
            "Without power samples: the GPU model to estimate from (its TDP from the bundled table), e.g. A100-SXM4-80GB."
    )
    var gpuModel: String?

    @Option(
        parsing: .unconditional,
        help: "Without power samples: how many GPUs the job used. \(defaultNote(\.estimateGPUCount))")
    var gpuCount: Int?

    @Option(
        parsing: .unconditional,
        help: "Without power samples: the mean share of TDP drawn (0–1). Default 1.0, with a 50–100% range.")
    var utilization: Double?

    @Option(
        help:
            "The TensorBoard scalar tag whose points span training (its first to last point is the training window). Default: a training-loss tag, else the tag with the most steps."
    )
    var stepTag: String?

    @Option(
        help:
            "A metric goal, e.g. 'train/loss<=0.5' or 'val/acc>=0.9': the report gives the first step that met it and the energy used until then."
    )
    var target: String?

    @Option(
        parsing: .unconditional,
        help: "Stop inflating a compressed file after this many bytes. \(defaultNote(\.limits.maximumInflatedBytes))")
    var maxInflatedBytes: UInt64?

    @Option(
        parsing: .unconditional,
        help: "Skip text lines longer than this many bytes. \(defaultNote(\.limits.maximumLineBytes))")
    var maxLineBytes: Int?

    @Option(
        parsing: .unconditional,
        help:
            "The largest TensorBoard record accepted; a longer length is taken as damage. \(defaultNote(\.limits.maximumRecordBytes))"
    )
    var maxRecordBytes: Int?

    @Option(
        parsing: .unconditional,
        help: "The deepest JSON nesting read in a profiler trace. \(defaultNote(\.limits.maximumJSONDepth))")
    var maxJsonDepth: Int?

    /// The options given, checked by the library; an invalid value is a usage error.
    func reportOptions() throws -> ReportOptions {
        try usage {
            var options = ReportOptions()
            options.zone = try tz.map(ReportOptions.zone)
            options.gpuSelectors = gpus.map(list)
            options.gapThresholdSeconds = gapThreshold
            options.maxBridgeSeconds = maxBridge ?? options.maxBridgeSeconds
            options.queryGPUFields = queryGPU.map(list)
            options.dmonStart = dmonStart
            options.dmonIntervalSeconds = dmonInterval ?? options.dmonIntervalSeconds
            options.hostPattern = hostFrom
            options.emission = try emission.emissionOptions()
            options.estimateGPUModel = gpuModel
            options.estimateGPUCount = gpuCount ?? options.estimateGPUCount
            options.estimateUtilization = utilization
            options.stepTag = stepTag
            options.target = try target.map(ReportOptions.target)
            options.limits.maximumInflatedBytes = maxInflatedBytes ?? options.limits.maximumInflatedBytes
            options.limits.maximumLineBytes = maxLineBytes ?? options.limits.maximumLineBytes
            options.limits.maximumRecordBytes = maxRecordBytes ?? options.limits.maximumRecordBytes
            options.limits.maximumJSONDepth = maxJsonDepth ?? options.limits.maximumJSONDepth
            try options.validate()
            return options
        }
    }
}

/// A comma-separated list's items.
private func list(_ text: String) -> [String] {
    text.split(separator: ",").map(String.init)
}

/// `(default: …)` for a library default, as argument-parser writes the defaults it knows.
func defaultNote(_ keyPath: KeyPath<ReportOptions, some Any>) -> String {
    "(default: \(ReportOptions()[keyPath: keyPath]))"
}
