import ArgumentParser
import FootprintKit

/// `footprint regions [QUERY]`: the bundled grid intensities.
struct Regions: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "List the bundled grid intensities: countries, sub-national regions and cloud regions, with year and source."
    )

    @Argument(help: "Show only codes or names containing this text (e.g. 'gcp', 'US-', 'france').")
    var query: String = ""

    func run() {
        print(ReferenceListing.regions(matching: query), terminator: "")
    }
}
