/// An output format of `report` and `estimate` (`--format`): its names, the files it writes and its writer.
public enum ReportFormat: String, CaseIterable, Sendable {
    case markdown = "md"
    case csv
    case json
    case latex = "tex"
    case svg
    case html
    case modelCard = "model-card"

    /// The formats written when none are asked for.
    public static let defaults: [ReportFormat] = [.markdown]

    /// Other names `--format` accepts.
    static let aliases: [String: ReportFormat] = ["markdown": .markdown, "latex": .latex]

    /// The formats as the help lists them: `md, csv, json, tex (with a .bib beside it), svg (power plot), …`.
    public static var helpList: String {
        allCases.map { format in format.note.map { "\(format.rawValue) (\($0))" } ?? format.rawValue }.joined(
            separator: ", ")
    }

    /// Parses `--format`'s comma-separated list; names are trimmed of spaces and case-insensitive.
    ///
    /// - Throws: ``FootprintError/Code-swift.struct/invalidOption`` for an unknown name or an empty list.
    public static func list(_ text: String) throws(FootprintError) -> [ReportFormat] {
        let names = text.split(separator: ",").map {
            String($0.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed()).lowercased()
        }
        let known = allCases.map(\.rawValue)
        var formats: [ReportFormat] = []
        for name in names {
            guard let format = ReportFormat(rawValue: name) ?? aliases[name] else {
                throw FootprintError(
                    .invalidOption,
                    "unknown format '\(name)'; use \(known.dropLast().joined(separator: ", ")) or \(known.last ?? "")")
            }
            formats.append(format)
        }
        guard !formats.isEmpty else {
            throw FootprintError(.invalidOption, "--format needs at least one of \(known.joined(separator: ", "))")
        }
        return formats
    }

    /// The file the format is written to in an output folder.
    public var fileName: String {
        switch self {
        case .modelCard: "model-card.yaml"
        default: "report.\(rawValue)"
        }
    }

    /// The files this format gives for `report`, by name: its own, and for LaTeX written into a folder the
    /// bibliography it cites beside it.
    ///
    /// - Parameter trainingType: the model card's `training_type`.
    /// - Throws: ``FootprintError/Code-swift.struct/invalidOption`` for a model card of a run without emissions:
    ///   it would state an emission nobody measured.
    public func files(for report: RunReport, trainingType: String, intoFolder: Bool) throws(FootprintError) -> [(
        name: String, text: String
    )] {
        switch self {
        case .markdown: [(fileName, MarkdownReportWriter.render(report))]
        case .csv: [(fileName, CSVReportWriter.render([report]))]
        case .json: [(fileName, JSONReportWriter.render(report))]
        case .latex:
            [(fileName, LaTeXReportWriter.render(report))]
                + (intoFolder ? [("report.bib", BibliographyWriter.render())] : [])
        case .svg: [(fileName, SVGPlotWriter.render(report))]
        case .html: [(fileName, HTMLReportWriter.render(report))]
        case .modelCard: [(fileName, try ModelCardWriter.render(report, trainingType: trainingType))]
        }
    }

    /// What the format holds, where its name does not say it.
    private var note: String? {
        switch self {
        case .latex: "with a .bib beside it"
        case .svg: "power plot"
        case .html: "one self-contained page with the plots"
        case .modelCard: "Hugging Face co2_eq_emissions YAML"
        case .markdown, .csv, .json: nil
        }
    }
}
