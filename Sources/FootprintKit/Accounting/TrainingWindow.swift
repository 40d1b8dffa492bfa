/// The span of training: from the first to the last point of the step tag, on the UTC clock of the event files.
public struct TrainingWindow: Sendable, Hashable, Codable {
    /// How the step tag was chosen.
    public enum TagChoice: String, Sendable, Hashable, Codable {
        case option = "given by --step-tag"
        case knownName = "a training-loss tag"
        case lossLike = "the loss tag with the most steps"
        case mostSteps = "the scalar tag with the most steps"
    }

    public var tag: String
    /// The event folder of the tag, relative to the run folder.
    public var folder: String
    public var choice: TagChoice
    public var firstStep: Int64
    public var lastStep: Int64
    public var pointCount: Int
    public var distinctStepCount: Int
    /// UTC seconds of the earliest and latest point.
    public var startSeconds: Double
    public var endSeconds: Double
    /// The median time between consecutive points of the step tag.
    public var typicalIntervalSeconds: Double
    public var pauses: [TrainingPause]
    /// The evaluation tags found (`val/…`, `eval/…`, `test/…`, or in an evaluation folder).
    public var evaluationTags: [String]
    /// Points of evaluation tags inside the window.
    public var evaluationPointCount: Int
    /// The event folders of the job's other ranks that log the step tag too (`rank1/`, …): the window is the
    /// lowest rank's, and these are not used for it.
    public var otherRankFolders: [String]

    public var seconds: Double { endSeconds - startSeconds }
    /// Steps trained in the window: last step − first step.
    public var steps: Int64 { lastStep - firstStep }
    public var displayTag: String { RunTimeline.displayName(tag: tag, folder: folder) }
}
