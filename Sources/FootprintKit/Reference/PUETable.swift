/// The bundled PUE table and the presets drawn from it.
public struct PUETable: Sendable {
    /// A `--pue-preset`: the figure used, and the range of the related figures in the table.
    public struct Preset: Sendable, Hashable {
        public var name: String
        public var figure: PUEFigure
        public var low: Double
        public var high: Double
    }

    public static let presetNames = ["google", "aws", "azure", "onprem", "average"]

    public let figures: [PUEFigure]

    public static let bundled = PUETable(csv: ReferenceData.pue)

    init(csv: String) {
        figures = ReferenceCSV.rows(csv).compactMap { row in
            guard row.count >= 6, let pue = Double(row[2]), let year = Int(row[3]) else { return nil }
            return PUEFigure(entity: row[0], category: row[1], pue: pue, year: year, source: row[5])
        }
    }

    /// The preset `name`: the latest figure of its main entity, with the range of the figures related to it
    /// (a provider's fleet and sites; the industry surveys for `average` and `onprem`).
    public func preset(_ name: String) -> Preset? {
        let main: (PUEFigure) -> Bool
        let related: (PUEFigure) -> Bool
        switch name.lowercased() {
        case "google":
            main = { $0.entity == "Google" && $0.category == "provider_fleet" }
            related = { $0.entity.hasPrefix("Google") }
        case "aws":
            main = { $0.entity == "AWS" && $0.category == "provider_fleet" }
            related = { $0.entity.hasPrefix("AWS") }
        case "azure":
            main = { $0.entity == "Microsoft" && $0.category == "provider_fleet" }
            related = { $0.entity.hasPrefix("Microsoft") }
        case "onprem":
            main = { $0.entity.hasPrefix("On-premises") }
            related = { $0.entity.hasPrefix("On-premises") || $0.category == "industry_survey" }
        case "average":
            main = { $0.category == "industry_survey" }
            related = { $0.category == "industry_survey" }
        default:
            return nil
        }
        guard let figure = figures.filter(main).max(by: { $0.year < $1.year }) else { return nil }
        let values = figures.filter(related).map(\.pue)
        return Preset(
            name: name.lowercased(), figure: figure, low: values.min() ?? figure.pue, high: values.max() ?? figure.pue)
    }
}
