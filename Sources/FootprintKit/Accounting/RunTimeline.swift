/// The training run as its TensorBoard event files tell it: the scalar series of each event folder, the
/// training window taken from a step tag, and the pauses inside it.
public struct RunTimeline: Sendable, Hashable, Codable {
    public var runs: [EventRun]
    /// Nil when no scalar tag has two points at different times.
    public var training: TrainingWindow?

    /// A pause is an interval between two points of the step tag longer than this many typical intervals.
    static let pauseFactor = 4.0
    /// …and at least this many seconds longer than a typical interval.
    static let pauseMinimumExcessSeconds = 1.0

    /// Tags looked for first, in this order (case-insensitive), when `--step-tag` is not given.
    static let trainingLossTags = [
        "train/loss", "loss", "train_loss", "loss/train", "training/loss", "train/loss_step", "train_loss_step",
        "train/total_loss", "epoch_loss",
    ]

    /// Builds the timeline of the event files of a run folder, grouped by the folder each lies in.
    ///
    /// - Throws: ``FootprintError/Code-swift.struct/invalidOption`` when `stepTag` names no scalar tag.
    static func build(files: [EventFile], stepTag: String?) throws(FootprintError) -> RunTimeline {
        var byFolder: [String: [EventFile]] = [:]
        for file in files { byFolder[Self.folder(of: file.displayPath), default: []].append(file) }
        let runs = byFolder.keys.sorted().map { EventRun.merge(folder: $0, files: byFolder[$0]!) }
        var timeline = RunTimeline(runs: runs, training: nil)
        guard let chosen = try timeline.chooseStepSeries(stepTag: stepTag) else { return timeline }
        timeline.training = timeline.window(of: chosen.run, chosen.series, choice: chosen.choice)
        return timeline
    }

    /// The timeline of a run's event files, with the findings a report needs; nil when there are none.
    ///
    /// - Throws: ``FootprintError/Code-swift.struct/invalidOption`` when `stepTag` or `target` is given and there
    ///   are no event files, or when `stepTag` names no scalar tag.
    static func assemble(
        _ files: [EventFile], stepTag: String?, target: TrainingTarget?, findings: inout FindingLog
    ) throws(FootprintError) -> RunTimeline? {
        guard !files.isEmpty else {
            if stepTag != nil || target != nil {
                throw FootprintError(
                    .invalidOption,
                    "--step-tag and --target need TensorBoard event files (events.out.tfevents.*), and the run has none"
                )
            }
            return nil
        }
        let timeline = try build(files: files, stepTag: stepTag)
        if timeline.training == nil {
            findings.add(
                Finding(
                    .warning, .trainingWindow,
                    "the event files hold no scalar tag with two or more steps at different times: no training window"))
        }
        for run in timeline.runs {
            for (earlier, later) in run.concurrentFilePairs {
                findings.add(
                    Finding(
                        .note, .trainingWindow,
                        "\(later) was written while \(earlier) still was (several writers in one folder); their points are merged by step",
                        location: InputLocation(path: later)))
            }
        }
        return timeline
    }

    static func folder(of displayPath: String) -> String {
        guard let slash = displayPath.lastIndex(of: "/") else { return "" }
        return String(displayPath[..<slash])
    }

    /// A tag name as reports show it: `tag`, or `tag [folder]` for a tag of an event folder below the run folder.
    static func displayName(tag: String, folder: String) -> String {
        folder.isEmpty ? tag : "\(tag) [\(folder)]"
    }

    /// Whether a tag (or its folder) names evaluation: a word such as `val`, `eval`, `valid`, `test`.
    static func isEvaluation(tag: String, folder: String) -> Bool {
        let words = (folder + "/" + tag).lowercased().split { !$0.isLetter && !$0.isNumber }
        let evaluationWords: Set<Substring> = ["val", "valid", "validation", "eval", "evaluation", "test", "testing"]
        return words.contains { evaluationWords.contains($0) }
    }

    /// The series matching `tag`: exactly, or as `tag [folder]`; among several, non-evaluation folders first,
    /// then the most points.
    func series(named tag: String) -> (run: EventRun, series: EventRun.Series)? {
        var matches: [(run: EventRun, series: EventRun.Series)] = []
        for run in runs {
            for series in run.series
            where series.tag == tag || Self.displayName(tag: series.tag, folder: run.folder) == tag {
                matches.append((run, series))
            }
        }
        return matches.max { lhs, rhs in
            let left = (Self.isEvaluation(tag: "", folder: lhs.run.folder) ? 0 : 1, lhs.series.points.count)
            let right = (Self.isEvaluation(tag: "", folder: rhs.run.folder) ? 0 : 1, rhs.series.points.count)
            return left < right
        }
    }

    private func chooseStepSeries(stepTag: String?) throws(FootprintError) -> (
        run: EventRun, series: EventRun.Series, choice: TrainingWindow.TagChoice
    )? {
        if let stepTag {
            guard let found = series(named: stepTag) else {
                let known = runs.flatMap { run in run.series.map { Self.displayName(tag: $0.tag, folder: run.folder) } }
                throw FootprintError(
                    .invalidOption,
                    "--step-tag '\(stepTag)' names no scalar tag in the event files; they have: \(known.prefix(30).joined(separator: ", "))"
                )
            }
            return (found.run, found.series, .option)
        }
        var candidates: [(run: EventRun, series: EventRun.Series)] = []
        for run in runs {
            for series in run.series where series.distinctStepCount >= 2 && Self.spansTime(series.points) {
                candidates.append((run, series))
            }
        }
        let training = Self.lowestRank(
            candidates.filter { !Self.isEvaluation(tag: $0.series.tag, folder: $0.run.folder) })
        for name in Self.trainingLossTags {
            let named = training.filter { $0.series.tag.lowercased() == name }
            if let best = named.max(by: { $0.series.distinctStepCount < $1.series.distinctStepCount }) {
                return (best.run, best.series, .knownName)
            }
        }
        func mostSteps(_ list: [(run: EventRun, series: EventRun.Series)]) -> (run: EventRun, series: EventRun.Series)?
        {
            list.max { lhs, rhs in
                (lhs.series.distinctStepCount, rhs.series.tag) < (rhs.series.distinctStepCount, lhs.series.tag)
            }
        }
        if let best = mostSteps(training.filter({ $0.series.tag.lowercased().contains("loss") })) {
            return (best.run, best.series, .lossLike)
        }
        if let best = mostSteps(training) ?? mostSteps(Self.lowestRank(candidates)) {
            return (best.run, best.series, .mostSteps)
        }
        return nil
    }

    /// The candidates of the lowest rank when their folders name ranks (`rank0/`, `rank_3/`): every rank of a
    /// distributed job logs the same steps, and rank 0 is the one that times them; all of them otherwise.
    private static func lowestRank(
        _ candidates: [(run: EventRun, series: EventRun.Series)]
    ) -> [(run: EventRun, series: EventRun.Series)] {
        guard let lowest = candidates.compactMap({ rank(ofFolder: $0.run.folder) }).min() else { return candidates }
        return candidates.filter { rank(ofFolder: $0.run.folder) == lowest }
    }

    /// The rank a folder names: the number after `rank` in its last component that has one (`rank0`, `rank_3`,
    /// `global-rank-12`); nil when none does.
    static func rank(ofFolder folder: String) -> Int? {
        for component in folder.lowercased().split(separator: "/").reversed() {
            let characters = Array(component)
            var start = characters.count - 4
            while start >= 0 {
                defer { start -= 1 }
                guard String(characters[start..<(start + 4)]) == "rank" else { continue }
                let digits = characters[(start + 4)...].drop { "_-.=".contains($0) }.prefix {
                    $0.isASCII && $0.isNumber
                }
                if !digits.isEmpty, let rank = Int(String(digits.prefix(9))) { return rank }
            }
        }
        return nil
    }

    /// The folders of the other ranks whose event files hold the step tag, not used for the window.
    private func otherRankFolders(than run: EventRun, tag: String) -> [String] {
        guard Self.rank(ofFolder: run.folder) != nil else { return [] }
        return runs.filter { other in
            other.folder != run.folder && Self.rank(ofFolder: other.folder) != nil
                && other.series.contains { $0.tag == tag }
        }.map(\.folder)
    }

    private static func spansTime(_ series: ScalarSeries) -> Bool {
        guard let first = series.points.first else { return false }
        return series.points.contains { $0.wallTime != first.wallTime }
    }

    /// The training window of a step series, with its pauses.
    private func window(of run: EventRun, _ series: EventRun.Series, choice: TrainingWindow.TagChoice) -> TrainingWindow
    {
        let points = series.points.points
        // The points in time order (ties by position); the sort finds a run already in order in one pass.
        let order = points.indices.sorted { (points[$0].wallTime, $0) < (points[$1].wallTime, $1) }
        let intervals = zip(order, order.dropFirst()).map { points[$1].wallTime - points[$0].wallTime }
        let positive = intervals.filter { $0 > 0 }
        let typical = positive.isEmpty ? 0 : Median.value(atRank: positive.count / 2, of: positive)
        var evaluationTimes: [Double] = []
        var evaluationTags: [String] = []
        for evaluationRun in runs {
            for other in evaluationRun.series where Self.isEvaluation(tag: other.tag, folder: evaluationRun.folder) {
                evaluationTags.append(Self.displayName(tag: other.tag, folder: evaluationRun.folder))
                evaluationTimes.append(contentsOf: other.points.points.lazy.map(\.wallTime))
            }
        }
        evaluationTimes.sort()
        var pauses: [TrainingPause] = []
        let threshold = max(Self.pauseFactor * typical, typical + Self.pauseMinimumExcessSeconds)
        for (earlier, later) in zip(order, order.dropFirst()) where typical > 0 {
            let start = points[earlier].wallTime
            let next = points[later].wallTime
            guard next - start > threshold else { continue }
            let kind: TrainingPause.Kind
            if series.points.fileIndex(ofPoint: earlier) != series.points.fileIndex(ofPoint: later) {
                kind = .restart
            } else if Self.contains(evaluationTimes, after: start, upTo: next) {
                kind = .evaluation
            } else {
                kind = .other
            }
            pauses.append(
                TrainingPause(
                    kind: kind, startSeconds: start, endSeconds: next - typical,
                    afterStep: points[earlier].step))
        }
        let start = points[order.first!].wallTime
        let end = points[order.last!].wallTime
        let evaluationPoints = evaluationTimes.filter { $0 >= start && $0 <= end }.count
        return TrainingWindow(
            tag: series.tag, folder: run.folder, choice: choice, firstStep: points.lazy.map(\.step).min()!,
            lastStep: points.lazy.map(\.step).max()!, pointCount: points.count,
            distinctStepCount: series.distinctStepCount,
            startSeconds: start, endSeconds: end, typicalIntervalSeconds: typical, pauses: pauses,
            evaluationTags: evaluationTags, evaluationPointCount: evaluationPoints,
            otherRankFolders: otherRankFolders(than: run, tag: series.tag))
    }

    /// Whether sorted `times` has a value in `(start, end]`.
    private static func contains(_ times: [Double], after start: Double, upTo end: Double) -> Bool {
        let first = times.partitionPoint { $0 <= start }
        return first < times.count && times[first] <= end
    }
}
