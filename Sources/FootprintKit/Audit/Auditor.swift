internal import Foundation

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
        let arguments = OptionFlags.of(options.report)
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
