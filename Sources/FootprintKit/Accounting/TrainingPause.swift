/// An interval inside the training window when the step tag stopped advancing.
public struct TrainingPause: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// An evaluation tag logged a point in it.
        case evaluation
        /// The points on either side come from different event files: the job stopped and was resumed.
        case restart = "restart between files"
        /// Nothing logged says why (checkpointing, data loading, a stall).
        case other = "other pause"
    }

    public var kind: Kind
    /// From the last point before the pause to one typical interval before the next point (the work that
    /// produced the next point is training, not pause).
    public var startSeconds: Double
    public var endSeconds: Double
    public var afterStep: Int64

    public var seconds: Double { endSeconds - startSeconds }
}
