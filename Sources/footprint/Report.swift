import ArgumentParser
import FootprintKit

/// `footprint report RUN_DIR`: one run's energy and emissions as Markdown, CSV, JSON, LaTeX, SVG, HTML or a model
/// card, and optionally merged into a model card's front matter.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Report the GPU energy and CO2e of one run folder (or one log file).")

    /// `--format`'s help, shared with `estimate`.
    static let formatHelp = ArgumentHelp(
        "Comma-separated output formats: \(ReportFormat.helpList). (default: \(ReportFormat.defaults.map(\.rawValue).joined(separator: ",")))"
    )

    @Argument(help: "The folder a training run left behind (searched recursively), or one log file.")
    var runDirectory: String

    @Option(help: formatHelp)
    var format: String?

    @Option(
        help:
            "For --format model-card: the training_type to record (pre-training, fine-tuning, …). (default: \(ModelCardWriter.defaultTrainingType))"
    )
    var trainingType: String?

    @Option(
        name: .customLong("model-card-into"),
        help: ArgumentHelp(
            "Merge the co2_eq_emissions block into this Hugging Face model card's YAML front matter (created when absent), keeping every other key and the body byte for byte; written in one step, never through a link.",
            valueName: "file"))
    var modelCardInto: String?

    @Option(
        help:
            "Write report.md/.csv/.json into this folder instead of printing to stdout: all published together, never replacing an input, locked against a second writer."
    )
    var output: String?

    @Flag(help: "Record when the report was made (without it, reruns are byte-identical).")
    var stamp = false

    @Flag(
        help:
            "Exit with status \(ExitStatus.strictWarnings.rawValue) when the report has warnings (for CI): the report is still written."
    )
    var strict = false

    @Option(
        help:
            "Read only part K of N of a run split over machines (K/N, 1-based): the power logs of a deterministic 1/N of its hosts, written as a part into --output (needs --tz); combine the N parts with `footprint merge`."
    )
    var shard: String?

    @OptionGroup var runOptions: RunOptions

    func validate() throws {
        _ = try Self.formats(format)
        _ = try runOptions.reportOptions()
        _ = try usage { try shard.map(Shard.parse) }
        if shard != nil && modelCardInto != nil {
            throw ValidationError(
                "--model-card-into needs the whole run's emissions: merge the parts with `footprint merge`, then report without --shard"
            )
        }
    }

    /// `--format`'s list; nil when not given.
    static func formats(_ text: String?) throws -> [ReportFormat]? {
        try usage { try text.map(ReportFormat.list) }
    }

    func run() throws {
        try ReportCommand.run(
            runDirectory: runDirectory, options: runOptions.reportOptions(), formats: Self.formats(format),
            output: output, trainingType: trainingType, stamp: stamp, strict: strict,
            shard: usage { try shard.map(Shard.parse) }, modelCard: modelCardInto
        ).finish()
    }
}
