import ArgumentParser
import FootprintKit

/// `footprint merge OUT…`: shard outputs into one audit.
struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Combine the outputs of `audit --shard K/N` (folders holding audit.csv) into one audit.")

    @Argument(help: "Output folders of audit shards.")
    var shards: [String]

    @Option(
        help:
            "Write the merged audit.csv, audit.md, audit.json and audit.svg here, all published together (never over a shard's audit.csv); without it, Markdown goes to stdout."
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
