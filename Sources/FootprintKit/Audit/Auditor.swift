internal import Foundation

/// What an audit is asked to do besides the per-run options.
public struct AuditOptions: Sendable {
    public var rule: AuditDiscovery.Rule = .logsByName
    /// Runs analysed at once (`--jobs`); memory is bounded by this, not by the number of runs.
    public var jobs = ProcessInfo.processInfo.activeProcessorCount
    /// A cache of earlier results keyed by each run's file fingerprint (`--cache`).
    public var cachePath: String?
    /// Keep runs whose start (UTC) is on or after / before these `YYYY-MM-DD` dates; error rows are kept.
    public var since: String?
    public var until: String?
    /// Analyse only the runs that hash to shard `index` of `count` (1-based, `--shard K/N`).
    public var shard: (index: Int, count: Int)?
    public var report = ReportOptions()

    public init() {}
}

/// The audit's rows and what happened on the way.
public struct AuditResult: Sendable {
    public var rows: [AuditRow]
    /// Runs whose cached result was reused, and runs analysed now.
    public var reusedCount: Int
    public var analysedCount: Int
    /// Folders that could not be read during discovery.
    public var unreadableFolders: [String]
    /// Runs left to other shards, and left out by `--since`/`--until`.
    public var otherShardCount: Int
    public var outsideDatesCount: Int
}

/// `footprint audit ROOT`: every run under a folder through the same pipeline as `report`, in parallel.
public enum Auditor {
    /// Audits the runs under `root`. `progress` is called (from worker threads, serialised) with runs done,
    /// runs in all and errors so far.
    public static func audit(
        root: String, options: AuditOptions, progress: (@Sendable (Int, Int, Int) -> Void)? = nil
    ) throws(FootprintError) -> AuditResult {
        var info = stat()
        guard stat(root, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
            throw FootprintError(.unreadableInput, "not a folder", location: InputLocation(path: root))
        }
        let discovered = AuditDiscovery.runs(under: root, rule: options.rule)
        let candidates = options.shard.map { shard in
            discovered.runs.filter { shardIndex(of: $0.relativePath, count: shard.count) == shard.index }
        } ?? discovered.runs
        let otherShard = discovered.runs.count - candidates.count
        let arguments = options.report.commandLineArguments
        let cache = options.cachePath.map { AuditCache.load(path: $0, arguments: arguments) } ?? [:]
        let work = WorkQueue(count: candidates.count)
        let workers = max(1, min(options.jobs, candidates.count))
        let group = DispatchGroup()
        for _ in 0..<workers {
            DispatchQueue.global().async(group: group) {
                while let index = work.next() {
                    let candidate = candidates[index]
                    let folder = candidate.relativePath == "." ? root : root + "/" + candidate.relativePath
                    let fingerprint = AuditCache.fingerprint(of: folder)
                    if let cached = cache[candidate.relativePath], cached.fingerprint == fingerprint {
                        work.finish(index, row: cached.row, fingerprint: fingerprint, reused: true, progress: progress)
                        continue
                    }
                    let row = analyse(folder: folder, relativePath: candidate.relativePath, options: options.report)
                    work.finish(index, row: row, fingerprint: fingerprint, reused: false, progress: progress)
                }
            }
        }
        group.wait()
        var rows = work.rows.compactMap { $0 }
        if let cachePath = options.cachePath {
            try AuditCache.save(path: cachePath, arguments: arguments, rows: rows, fingerprints: work.fingerprints)
        }
        let before = rows.count
        rows = rows.filter { row in
            guard row.status == .ok, !row.startUTC.isEmpty else { return true }
            let day = String(row.startUTC.prefix(10))
            return (options.since.map { day >= $0 } ?? true) && (options.until.map { day < $0 } ?? true)
        }
        return AuditResult(rows: rows, reusedCount: work.reused, analysedCount: candidates.count - work.reused,
                           unreadableFolders: discovered.unreadable, otherShardCount: otherShard,
                           outsideDatesCount: before - rows.count)
    }

    /// One run through `report`'s pipeline, as a row; any failure becomes an error row with the reason.
    static func analyse(folder: String, relativePath: String, options: ReportOptions) -> AuditRow {
        do {
            var report = try RunAnalyzer.analyze(runDirectory: folder, options: options)
            report.runPath = relativePath
            return AuditRow(path: relativePath, status: .ok, error: "", cells: CSVReportWriter.row(report))
        } catch {
            let oneLine = error.message.split(separator: "\n").map { String($0).trimmingSpaces() }.joined(separator: " ")
            return AuditRow(path: relativePath, status: .error, error: oneLine, cells: [])
        }
    }

    /// The shard (1…count) a run belongs to: FNV-1a of its relative path, the same on every machine.
    public static func shardIndex(of relativePath: String, count: Int) -> Int {
        Int(ByteKeys.fnv1a(relativePath.utf8) % UInt64(count)) + 1
    }
}

/// Hands out run indices to worker threads and collects their rows.
private final class WorkQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var nextIndex = 0
    private let count: Int
    private(set) var rows: [AuditRow?]
    private(set) var fingerprints: [String: String] = [:]
    private(set) var reused = 0
    private var done = 0
    private var errors = 0

    init(count: Int) {
        self.count = count
        rows = Array(repeating: nil, count: count)
    }

    func next() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard nextIndex < count else { return nil }
        nextIndex += 1
        return nextIndex - 1
    }

    func finish(_ index: Int, row: AuditRow, fingerprint: String, reused wasReused: Bool,
                progress: (@Sendable (Int, Int, Int) -> Void)?) {
        lock.lock()
        defer { lock.unlock() }
        rows[index] = row
        fingerprints[row.path] = fingerprint
        if wasReused { reused += 1 }
        done += 1
        if row.status == .error { errors += 1 }
        progress?(done, count, errors)
    }
}
