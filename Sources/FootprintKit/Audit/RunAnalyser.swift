/// How an audit analyses one run: in this process (``inProcess``, the library's default), or as the `footprint`
/// command does, in a child process, so that a crash on a hostile file ends only that run (see
/// ``ChildProcessAnalyser``).
public struct RunAnalyser: Sendable {
    /// A run's row, and whether the cache may keep it (a run whose analysis crashed is tried again next time).
    public typealias Outcome = (row: AuditRow, cacheable: Bool)

    let analyse: @Sendable (_ folder: String, _ relativePath: String, _ options: ReportOptions) -> Outcome

    /// An analyser calling `analyse` with the run's folder, its path relative to the audit's root, and the options.
    public init(
        _ analyse: @escaping @Sendable (_ folder: String, _ relativePath: String, _ options: ReportOptions) -> Outcome
    ) {
        self.analyse = analyse
    }

    /// `report`'s pipeline in this process (``Auditor/analyse(folder:relativePath:options:)``).
    public static let inProcess = RunAnalyser { folder, relativePath, options in
        (Auditor.analyse(folder: folder, relativePath: relativePath, options: options), true)
    }
}
