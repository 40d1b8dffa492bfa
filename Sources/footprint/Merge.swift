import ArgumentParser
import FootprintKit

/// `footprint merge OUT…`: shard outputs into one audit.
struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Combine the outputs of `audit --shard K/N` into one audit, or the parts of `report --shard K/N` into their run's report."
    )

    @Argument(help: "Output folders of audit shards (holding audit.csv) or of report parts (holding report-part.json).")
    var shards: [String]

    @Option(
        help:
            "Write the merged audit (audit.csv, .md, .json, .svg) or report (report.json and the formats the parts were made for) here, all published together (never over a shard's file); without it, Markdown goes to stdout."
    )
    var output: String?

    @Option(
        help:
            "Roll runs up by parent, month, or a regular expression on the run's path. (default: \(AuditGrouping.default))"
    )
    var groupBy: String?

    func run() throws {
        try MergeCommand.run(shards: shards, groupBy: groupBy, output: output).finish()
    }
}
