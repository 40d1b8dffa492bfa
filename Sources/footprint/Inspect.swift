import ArgumentParser
import FootprintKit

/// `footprint inspect PATH`: what was found in a file or folder.
struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "List what a log file or folder holds: event-file tags, point counts and ranges; power-log GPUs, samples, span and gaps."
    )

    @Argument(help: "A log file, or a folder (searched recursively).")
    var path: String

    @OptionGroup var runOptions: RunOptions

    func validate() throws {
        _ = try runOptions.reportOptions()
    }

    func run() throws {
        try InspectCommand.run(path: path, options: runOptions.reportOptions()).finish()
    }
}
