/// A published PUE figure.
public struct PUEFigure: Sendable, Hashable {
    public var entity: String
    public var category: String
    public var pue: Double
    public var year: Int
    public var source: String
}
