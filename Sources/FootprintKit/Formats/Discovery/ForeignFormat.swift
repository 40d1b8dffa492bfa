/// A file of another producer (W&B, MLflow, MLPerf, DCGM, Slurm) recognised by its content and not
/// read yet: what it is and why it gives no GPU energy here.
public struct ForeignFormat: Sendable, Hashable, Codable {
    /// The producer and file, e.g. `MLPerf power server.json`.
    public var producer: String
    /// What the content says about the producer's version or layout, e.g. `SDK 0.18.3`.
    public var detail: String?
    /// Why it is not used, e.g. `not read yet — its power columns are …`.
    public var reason: String

    /// The note the report prints in "Not used": `producer (detail): reason`.
    public var note: String {
        producer + (detail.map { " (\($0))" } ?? "") + ": " + reason
    }
}
