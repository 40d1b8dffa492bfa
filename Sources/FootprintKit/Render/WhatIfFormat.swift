/// An output format of `whatif` (`--format`): Markdown, CSV, JSON or an SVG bar chart.
public enum WhatIfFormat: String, CaseIterable, Sendable {
    case markdown = "md"
    case csv
    case json
    case svg

    /// The formats written when none are asked for.
    public static let defaults: [WhatIfFormat] = [.markdown]

    /// The formats as the help lists them.
    public static var helpList: String { allCases.map(\.rawValue).joined(separator: ", ") }

    /// Parses `--format`'s comma-separated list; names are trimmed of spaces and case-insensitive (`markdown`
    /// stands for `md`).
    ///
    /// - Throws: ``FootprintError/Code-swift.struct/invalidOption`` for an unknown name or an empty list.
    public static func list(_ text: String) throws(FootprintError) -> [WhatIfFormat] {
        let names = text.split(separator: ",").map { String($0).trimmingSpaces().lowercased() }
        var formats: [WhatIfFormat] = []
        for name in names {
            guard let format = WhatIfFormat(rawValue: name) ?? (name == "markdown" ? .markdown : nil) else {
                throw FootprintError(.invalidOption, "unknown format '\(name)' for whatif; use \(helpList)")
            }
            if !formats.contains(format) { formats.append(format) }
        }
        guard !formats.isEmpty else {
            throw FootprintError(.invalidOption, "--format needs at least one of \(helpList)")
        }
        return formats
    }

    /// The file the format is written to in an output folder: `whatif.md`, `whatif.csv`, …
    public var fileName: String { "whatif.\(rawValue)" }

    /// The text of `report` in this format.
    public func render(_ report: WhatIfReport) -> String {
        switch self {
        case .markdown: WhatIfMarkdownWriter.render(report)
        case .csv: WhatIfCSVWriter.render(report)
        case .json: WhatIfJSONWriter.render(report)
        case .svg: WhatIfSVGWriter.render(report)
        }
    }
}
