import ArgumentParser
import FootprintKit

/// `footprint gpus [QUERY]`: the bundled GPU specifications.
struct GPUs: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gpus", abstract: "List the bundled GPU models with TDP, memory and source.")

    @Argument(help: "Show only models whose name contains this text (e.g. 'A100').")
    var query: String = ""

    func run() {
        print(ReferenceListing.gpus(matching: query), terminator: "")
    }
}
