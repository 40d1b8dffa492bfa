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

    @OptionGroup var emission: EmissionArguments

    @Option(help: "Without power samples: the GPU model to estimate from (its TDP from the bundled table), e.g. A100-SXM4-80GB.")
    var gpuModel: String?

    @Option(help: "Without power samples: how many GPUs the job used.")
    var gpuCount: Int = 1

    @Option(help: "Without power samples: the mean share of TDP drawn (0–1). Default 1.0, with a 50–100% range.")
    var utilization: Double?

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

    @Option(help: "The deepest JSON nesting read in a profiler trace.")
    var maxJsonDepth: Int = 512

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
        options.emission = try emission.emissionOptions()
        options.estimateGPUModel = gpuModel
        guard gpuCount >= 1 else { throw ValidationError("--gpu-count must be at least 1") }
        options.estimateGPUCount = gpuCount
        if let utilization {
            guard utilization > 0 && utilization <= 1 else { throw ValidationError("--utilization must be in (0, 1]") }
            options.estimateUtilization = utilization
        }
        options.stepTag = stepTag
        if let target {
            guard let parsed = TrainingTarget.parse(target) else {
                throw ValidationError("--target '\(target)' is not TAG<=VALUE, TAG>=VALUE, TAG<VALUE or TAG>VALUE (e.g. 'train/loss<=0.5')")
            }
            options.target = parsed
        }
        guard maxRecordBytes >= 1024 else { throw ValidationError("--max-record-bytes must be at least 1024") }
        options.limits.maximumRecordBytes = maxRecordBytes
        guard maxJsonDepth >= 8 else { throw ValidationError("--max-json-depth must be at least 8") }
        options.limits.maximumJSONDepth = maxJsonDepth
        guard maxLineBytes >= 1024 else { throw ValidationError("--max-line-bytes must be at least 1024") }
        options.limits.maximumInflatedBytes = maxInflatedBytes
        options.limits.maximumLineBytes = maxLineBytes
        return options
    }
}

/// Where emissions factors come from: place or intensity, PUE, and embodied carbon.
struct EmissionArguments: ParsableArguments {
    @Option(help: "Where the electricity came from: a country (ISO code such as FR or DEU, or a name) or a sub-national region (US-CA, CA-QC, SE-SE3). `footprint regions` lists them.")
    var region: String?

    @Option(help: "A cloud region as provider:region, e.g. gcp:europe-west4, aws:eu-west-1, azure:westeurope.")
    var cloud: String?

    @Option(help: "Grid carbon intensity in gCO2e/kWh; overrides --region and --cloud.")
    var intensity: Double?

    @Option(help: "A CSV of grid intensity over time (timestamp,g_co2e_per_kwh; Electricity Maps and WattTime exports load too): emissions integrate power × intensity.")
    var intensitySeries: String?

    @Option(help: "Power usage effectiveness of the data centre (1.0–5.0). Default 1.0, flagged as an assumption.")
    var pue: Double?

    @Option(help: "A bundled PUE: google, aws, azure, onprem or average (value, year and source in the report).")
    var puePreset: String?

    @Flag(help: "Also report the GPUs' embodied (manufacturing) carbon for the hours used, apart from operational emissions.")
    var embodied = false

    @Option(help: "The lifetime in years over which embodied carbon is amortised.")
    var lifetimeYears: Double = 5

    func emissionOptions() throws -> EmissionOptions {
        var options = EmissionOptions()
        options.region = region
        options.cloud = cloud
        options.gramsCO2ePerKWh = intensity
        options.intensitySeriesPath = intensitySeries
        options.pue = pue
        options.puePreset = puePreset
        options.includeEmbodied = embodied
        guard lifetimeYears > 0 && lifetimeYears <= 30 else { throw ValidationError("--lifetime-years must be in (0, 30]") }
        options.embodiedLifetimeYears = lifetimeYears
        return options
    }
}
