/// Why a run has no measured GPU energy: the power logs that could not be read, with the first problem each had,
/// or none at all. The headline and the JSON report say it in the same words.
public struct EnergyMissingReason: Sendable, Hashable {
    /// A power log that gave no samples, and its first problem.
    public struct UnreadLog: Sendable, Hashable {
        /// Relative to the run folder.
        public var path: String
        public var problem: String
    }

    /// Power logs named before "and N more".
    static let namedLogs = 3

    /// The first ``namedLogs`` power logs without samples; empty when the run holds no power log.
    public var unreadLogs: [UnreadLog]
    /// Power logs without samples beyond those named.
    public var moreUnreadLogs: Int

    /// The reason for a run whose `files` gave no GPU samples; `findings` are those of reading them.
    init(files: [DiscoveredFile], findings: [Finding]) {
        let powerLogs = files.filter(\.kind.isPowerLog)
        unreadLogs = powerLogs.prefix(Self.namedLogs).map { file in
            UnreadLog(
                path: file.displayPath,
                problem: Finding.firstWarning(about: file.displayPath, in: findings)?.message
                    ?? "no valid power samples")
        }
        moreUnreadLogs = powerLogs.count - unreadLogs.count
    }

    /// The reason in words, each path formatted by `path` and each problem by `prose` (for Markdown: a code
    /// span and escaped text; as they are in JSON).
    public func text(path: (String) -> String = { "`\($0)`" }, prose: (String) -> String = { $0 }) -> String {
        guard !unreadLogs.isEmpty else {
            return
                "no GPU power log in this run (looked for nvidia-smi --query-gpu CSVs, CSVs with time and GPU power columns and nvidia-smi dmon logs)"
        }
        return unreadLogs.map { "\(path($0.path)) could not be read: \(prose($0.problem))" }.joined(separator: "; ")
            + (moreUnreadLogs > 0 ? "; and \(moreUnreadLogs) more power logs without samples" : "")
    }
}
