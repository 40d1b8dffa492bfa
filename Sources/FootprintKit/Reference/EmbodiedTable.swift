/// Per-card embodied carbon: the whole-card figures derived per GPU family, else a generic per-card estimate.
public struct EmbodiedTable: Sendable {
    public let cards: [EmbodiedFigure]
    public let generic: EmbodiedFigure?

    public static let bundled = EmbodiedTable(csv: ReferenceData.embodied)

    init(csv: String) {
        var cards: [EmbodiedFigure] = []
        var generic: EmbodiedFigure?
        for row in ReferenceCSV.rows(csv) where row.count >= 8 {
            guard let value = Double(row[2]) else { continue }
            let figure = EmbodiedFigure(
                item: row[0], kilogramsCO2e: value, sourceLifetimeYears: Double(row[4]),
                year: Int(row[5]), basis: row[6], source: row[7], isGeneric: false)
            if row[3] == "kgCO2e per card" && row[1] == "whole graphics card" { cards.append(figure) }
            if row[0] == "Additional GPU card" {
                generic = figure
                generic?.isGeneric = true
            }
        }
        self.cards = cards
        self.generic = generic
    }

    /// The figure for a GPU name: the card whose family (`A100`, `H100`, `V100`, `T4`) the name contains as a word,
    /// else the generic per-card figure.
    public func figure(forGPUName name: String?) -> EmbodiedFigure? {
        if let name {
            let key = name.lowercased()
            for card in cards {
                let family = card.item.split(separator: " ").dropFirst().first.map { $0.lowercased() } ?? ""
                if !family.isEmpty, GPUSpecTable.containsWord(key, family) || key.contains(family + "-") {
                    return card
                }
            }
        }
        return generic
    }
}
