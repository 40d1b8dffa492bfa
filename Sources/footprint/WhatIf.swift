import ArgumentParser
import FootprintKit

/// `footprint whatif RUN_DIR`: the run's energy priced in other places and, with an intensity series, at other
/// start times.
struct WhatIf: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "whatif",
        abstract: "Price a run's energy in other places and at other start times: kg CO2e per region, ranked.",
        discussion:
            "Reads the run as `report` does (same options), then prices its IT energy × PUE at each place's annual grid intensity (countries matched to the run's year). With --intensity-series and --shift H, also slides the job's power profile within ±H hours and gives the best and worst start and the saving. Without power samples, --gpu-model prices the estimate's energy, labelled as such."
    )

    @Argument(help: "The folder a training run left behind (searched recursively), or one log file.")
    var runDirectory: String

    @Option(
        help:
            "Places to price the run at, comma-separated, as --region and --cloud take them: FR,US-CA,gcp:europe-north1."
    )
    var regions: String?

    @Flag(help: "Price the run at every country, sub-national region and cloud region of the bundled tables.")
    var allRegions = false

    @Option(
        parsing: .unconditional,
        help:
            "With --intensity-series: try every start from H hours earlier to H hours later (±H), in steps of the series' interval (1 h when uneven)."
    )
    var shift: String?

    @Option(help: "Comma-separated output formats: \(WhatIfFormat.helpList). (default: md)")
    var format: String?

    @Option(
        help:
            "Write whatif.md/.csv/.json/.svg into this folder instead of printing to stdout: all published together, never replacing an input, locked against a second writer."
    )
    var output: String?

    @OptionGroup var runOptions: RunOptions

    func validate() throws {
        _ = try formats()
        let options = try runOptions.reportOptions()
        try usage { try whatIfOptions().validate(emission: options.emission) }
    }

    /// `--format`'s list; nil when not given.
    func formats() throws -> [WhatIfFormat]? {
        try usage { try format.map(WhatIfFormat.list) }
    }

    /// The places and window asked for.
    func whatIfOptions() throws -> WhatIfOptions {
        try usage {
            var options = WhatIfOptions()
            options.places = try regions.map(WhatIfOptions.places)
            options.allPlaces = allRegions
            options.shiftHours = try shift.map(WhatIfOptions.shiftHours)
            return options
        }
    }

    func run() throws {
        try WhatIfCommand.run(
            runDirectory: runDirectory, options: runOptions.reportOptions(), whatIf: whatIfOptions(),
            formats: formats(), output: output
        ).finish()
    }
}
