import ArgumentParser
import FootprintKit

/// `footprint estimate --gpu GPU --count N --hours H`: emissions without a power log.
struct Estimate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Estimate the energy and CO2e of a run without a power log: GPUs × hours × TDP × utilization, or × --watts."
    )

    @Option(help: "The GPU model, as nvidia-smi names it or as `footprint gpus` lists it (e.g. A100-SXM4-80GB).")
    var gpu: String

    @Option(parsing: .unconditional, help: "How many GPUs. \(defaultNote(\.estimateGPUCount))")
    var count: Int?

    @Option(parsing: .unconditional, help: "Wall-clock hours each GPU ran.")
    var hours: Double

    @Option(parsing: .unconditional, help: "Mean share of TDP drawn (0–1). Default 1.0, with a 50–100% range.")
    var utilization: Double?

    @Option(
        parsing: .unconditional,
        help:
            "Mean power per GPU in watts (1–3,000), e.g. a published measured average; replaces TDP × utilization, range ±5%."
    )
    var watts: Double?

    @Option(
        parsing: .unconditional,
        help: "The year of the run, to pick that year's country intensity. Default: the latest in the table.")
    var year: Int?

    @Option(help: Report.formatHelp)
    var format: String?

    @Option(help: "Write report.md/.csv/.json into this folder (atomically) instead of printing to stdout.")
    var output: String?

    @OptionGroup var emission: EmissionArguments

    func validate() throws {
        _ = try Report.formats(format)
        _ = try emission.emissionOptions()
    }

    func run() throws {
        try EstimateCommand.run(
            gpuName: gpu, gpuCount: count, hours: hours, utilization: utilization, watts: watts, year: year,
            emission: emission.emissionOptions(), formats: Report.formats(format), output: output
        ).finish()
    }
}
