/// A TensorBoard run: the event files of one folder, merged as TensorBoard merges them.
///
/// Files are taken in the order of the timestamps in their names (then by name). A later file that logs a tag
/// again from step *s* supersedes the earlier files' points of that tag at or after *s* (a resumed job that
/// restarted from a checkpoint: TensorBoard's purge of orphaned data, which also leaves a step logged twice by the
/// later file only). A SessionLog START at step *s* supersedes every tag's earlier points at or after *s*.
public struct EventRun: Sendable, Hashable, Codable {
    /// A scalar tag's merged points.
    public struct Series: Sendable, Hashable, Codable {
        public var tag: String
        public var points: ScalarSeries
        public var distinctStepCount: Int
    }

    /// The time between one file's last event and the next file's first.
    public struct Downtime: Sendable, Hashable, Codable {
        public var afterFile: String
        public var beforeFile: String
        public var startSeconds: Double
        public var endSeconds: Double
        public var seconds: Double { endSeconds - startSeconds }
    }

    /// The folder relative to the run folder ("" for the run folder itself).
    public var folder: String
    /// The files in merge order; their tags keep counts but not points (those are in ``series``).
    public var files: [EventFile]
    /// Scalar tags in first-seen order.
    public var series: [Series]
    /// Points superseded by a later file or a restart.
    public var supersededCount: Int
    public var downtimes: [Downtime]

    /// Files whose wall times overlap the previous file's: written at the same time (several writers), not a resume.
    public var concurrentFilePairs: [(String, String)] {
        zip(files, files.dropFirst()).compactMap { earlier, later in
            guard let end = earlier.lastWallTime, let start = later.firstWallTime, start < end else { return nil }
            return (earlier.displayPath, later.displayPath)
        }
    }

    /// Merges `files` (all from `folder`) in name-timestamp order.
    static func merge(folder: String, files unordered: [EventFile]) -> EventRun {
        var files = unordered.sorted {
            ($0.nameSeconds ?? .infinity, $0.displayPath) < ($1.nameSeconds ?? .infinity, $1.displayPath)
        }
        var order: [String] = []
        var merged: [String: ScalarSeries] = [:]
        var superseded = 0
        for fileIndex in files.indices {
            superseded += files[fileIndex].supersededCount
            for step in files[fileIndex].sessionStartSteps where fileIndex > 0 {
                for tag in order { superseded += merged[tag]!.removePoints(fromStep: step) }
            }
            for tagIndex in files[fileIndex].tags.indices {
                let name = files[fileIndex].tags[tagIndex].name
                // Taken out of the file, so that a tag's first series moves into the run without a copy.
                let series = files[fileIndex].tags[tagIndex].series
                files[fileIndex].tags[tagIndex].series = ScalarSeries()
                guard series.count > 0 else { continue }
                if merged[name] == nil {
                    order.append(name)
                    merged[name] = ScalarSeries()
                } else if let firstStep = series.points.lazy.map(\.step).min() {
                    superseded += merged[name]!.removePoints(fromStep: firstStep)
                }
                merged[name]!.append(contentsOf: series, fileIndex: UInt16(clamping: fileIndex))
            }
        }
        var downtimes: [Downtime] = []
        for (earlier, later) in zip(files, files.dropFirst()) {
            if let end = earlier.lastWallTime, let start = later.firstWallTime, start > end {
                downtimes.append(
                    Downtime(
                        afterFile: earlier.displayPath, beforeFile: later.displayPath,
                        startSeconds: end, endSeconds: start))
            }
        }
        let series = order.map { tag in
            let points = merged[tag]!
            return Series(tag: tag, points: points, distinctStepCount: points.distinctStepCount)
        }
        return EventRun(folder: folder, files: files, series: series, supersededCount: superseded, downtimes: downtimes)
    }
}
