/// The share of the GPUs' manufacturing footprint for the time they were used, reported apart from operations.
public struct EmbodiedEmissions: Sendable, Hashable {
    public struct Card: Sendable, Hashable {
        public var gpu: String
        public var figure: EmbodiedFigure
        public var hours: Double
        public var kilogramsCO2e: Double
    }

    public var lifetimeYears: Double
    public var cards: [Card]
    public var kilogramsCO2e: Double { cards.reduce(0) { $0 + $1.kilogramsCO2e } }
}
