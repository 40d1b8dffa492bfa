/// Grid intensity of places below country level and of cloud regions, bundled with the tool (`Data/SOURCES.md`).
public struct RegionIntensity: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case country, subnational, cloud
    }

    public var kind: Kind
    /// The code to pass: `FR`, `US-CA`, `gcp:europe-west4`.
    public var code: String
    public var name: String
    public var year: Int?
    public var gramsCO2ePerKWh: Double
    public var source: String

    /// How reports name it: `California (US-CA)`.
    public var label: String { "\(name) (\(code))" }
}
