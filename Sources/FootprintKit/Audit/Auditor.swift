internal import Foundation

/// `footprint audit ROOT`: every run under a folder through the same pipeline as `report`, in parallel, and with
/// `--sacct` every job of a Slurm accounting dump.
public enum Auditor {
    /// Audits the runs under `root` (none when nil) and the jobs of ``AuditOptions/sacctPath``: a job whose run
    /// folder holds its sacct line beside power logs is that run's row, not a second one. `progress` is called (from worker threads, serialised) with runs done,
    /// runs in all and errors so far.
    ///
    /// With ``AuditOptions/cachePath``, the cache is locked for the audit (a second audit with the same cache fails
    /// at once), and each run analysed is appended to it as it finishes (``AuditCacheLog``).
    ///
    /// - Parameters:
    ///   - analyser: how each run is analysed; ``RunAnalyser/inProcess`` unless a crash must be contained.
    ///   - outputs: the files the caller will write after the audit: like the cache, each must not be a log of a
    ///     run nor the intensity series, which is checked before anything is written.
    /// - Throws: ``FootprintError/Code-swift.struct/unreadableInput`` when `root` is not a folder,
    ///   ``FootprintError/Code-swift.struct/outputFailed`` when the cache is locked, cannot be written, or it or
    ///   an output is one of the audit's inputs.
    public static func audit(
        root: String?, options: AuditOptions, analyser: RunAnalyser = .inProcess, outputs: [String] = [],
        progress: (@Sendable (Int, Int, Int) -> Void)? = nil
    ) throws(FootprintError) -> AuditResult {
        var jobs: (rows: [AuditRow], notes: [String]) = ([], [])
        if let sacct = options.sacctPath {
            var inputs = InputFiles()
            inputs.add(sacct, role: "the --sacct file")
            for target in outputs + (options.cachePath.map { [$0] } ?? []) { try inputs.check(target) }
            jobs = try SacctAudit.rows(path: sacct, options: options)
            if let shard = options.shard { jobs.rows = jobs.rows.filter { shard.holds(runPath: $0.path) } }
        }
        guard let root else {
            return dated(jobs.rows, runs: nil, options: options, notes: jobs.notes)
        }
        try requireFolder(root)
        let discovered = AuditDiscovery.runs(under: root, rule: options.rule)
        let candidates =
            options.shard.map { shard in
                discovered.runs.filter { shard.holds(runPath: $0.relativePath) }
            } ?? discovered.runs
        let otherShard = discovered.runs.count - candidates.count
        let folders = candidates.map { $0.relativePath == "." ? root : root + "/" + $0.relativePath }
        let arguments = OptionFlags.of(options.report)
        let cacheLock = try options.cachePath.map { (path) throws(FootprintError) in
            try LockFile.acquire(AuditCache.lockPath(for: path), guarding: "the cache \(path)")
        }
        defer { cacheLock?.release() }
        let fingerprints = try fingerprintRuns(folders, candidates: candidates, options: options, outputs: outputs)
        let cache = options.cachePath.map { AuditCache.load(path: $0, arguments: arguments) } ?? [:]
        let log = try options.cachePath.map { (path) throws(FootprintError) in
            try AuditCacheLog.start(path: path, arguments: arguments, entries: cache)
        }
        let work = WorkQueue(count: candidates.count)
        let workers = max(1, min(options.jobs, candidates.count))
        let group = DispatchGroup()
        for _ in 0..<workers {
            DispatchQueue.global().async(group: group) {
                while let index = work.next() {
                    let candidate = candidates[index]
                    let fingerprint = fingerprints[index]
                    if let cached = cache[candidate.relativePath], cached.fingerprint == fingerprint {
                        work.finish(index, row: cached.row, fingerprint: fingerprint, reused: true, progress: progress)
                        continue
                    }
                    let outcome = analyser.analyse(folders[index], candidate.relativePath, options.report)
                    if outcome.cacheable { log?.append(outcome.row, fingerprint: fingerprint) }
                    work.finish(
                        index, row: outcome.row, fingerprint: outcome.cacheable ? fingerprint : nil, reused: false,
                        progress: progress)
                }
            }
        }
        group.wait()
        let rows = work.rows.compactMap { $0 }
        try log?.finish(rows: rows, fingerprints: work.fingerprints)
        let runJobs = Set(rows.map { $0.cell("slurm_job") }.filter { !$0.isEmpty })
        let jobRows = jobs.rows.filter { !runJobs.contains($0.cell("slurm_job")) }
        var notes = jobs.notes
        if jobRows.count < jobs.rows.count {
            notes.append(
                "\(jobs.rows.count - jobRows.count) jobs are rows of their run folders, whose sacct line they share")
        }
        var result = dated(
            rows + jobRows, runs: (work.reused, candidates.count - work.reused), options: options, notes: notes)
        result.unreadableFolders = discovered.unreadable
        result.otherShardCount = otherShard
        return result
    }

    /// The result of `rows` kept to `--since`/`--until` (error rows and rows without a start are kept).
    ///
    /// - Parameter runs: the runs reused from the cache and analysed; nil without run folders.
    private static func dated(
        _ rows: [AuditRow], runs: (reused: Int, analysed: Int)?, options: AuditOptions, notes: [String]
    ) -> AuditResult {
        let kept = rows.filter { row in
            guard row.status != .error, !row.startUTC.isEmpty else { return true }
            let day = String(row.startUTC.prefix(10))
            return (options.since.map { day >= $0 } ?? true) && (options.until.map { day < $0 } ?? true)
        }
        return AuditResult(
            rows: kept, reusedCount: runs?.reused ?? 0, analysedCount: runs?.analysed ?? 0, unreadableFolders: [],
            otherShardCount: 0, outsideDatesCount: rows.count - kept.count, notes: notes)
    }

    /// - Throws: ``FootprintError/Code-swift.struct/unreadableInput`` unless `root` is a folder.
    public static func requireFolder(_ root: String) throws(FootprintError) {
        var info = stat()
        guard stat(root, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
            throw FootprintError(.unreadableInput, "not a folder", location: InputLocation(path: root))
        }
    }

    /// Each run's fingerprint, computed in parallel before any run is analysed; meanwhile every file of the runs is
    /// compared with the files about to be written (the outputs and the cache, where they exist), and a log among
    /// them — or the intensity series, or the cache among the outputs — stops the audit before it writes anything.
    private static func fingerprintRuns(
        _ folders: [String], candidates: [AuditDiscovery.Candidate], options: AuditOptions, outputs: [String]
    ) throws(FootprintError) -> [String] {
        let targets = outputs + (options.cachePath.map { [$0] } ?? [])
        var inputs = InputFiles()
        if let series = options.report.emission.intensitySeriesPath {
            inputs.add(series, role: "the --intensity-series file")
        }
        if let cache = options.cachePath {
            try inputs.check(cache)
            inputs.add(cache, role: "the --cache file")
        }
        for target in outputs { try inputs.check(target) }
        var existing: [FileIdentity: String] = [:]
        for target in targets {
            if let identity = FileIdentity.of(target, followingLinks: false) { existing[identity] = target }
        }
        let watching = existing
        let results = Array(folders.indices).concurrentMap { index in
            var conflict: FootprintError?
            let fingerprint = AuditCache.fingerprint(of: folders[index], watching: watching) { file, target in
                // Only a file read as a log is an input; another file of the run (an earlier output) may be replaced.
                guard conflict == nil, FormatSniffer.classify(path: file, limits: options.report.limits).kind != .other
                else { return }
                conflict = InputFiles.refusal(
                    target: target, input: file, role: "a log of the run \(candidates[index].relativePath)")
            }
            return (fingerprint: fingerprint, conflict: conflict)
        }
        if let conflict = results.compactMap(\.conflict).first { throw conflict }
        return results.map(\.fingerprint)
    }

    /// One run through `report`'s pipeline, as a row; any failure becomes an error row with the reason, except a
    /// run with nothing analysable: unreadable when it holds a GPU power log or a file named like one that could
    /// not be read (damaged, cut short, without a power column), else no-energy (only files of other producers, or
    /// a tracker's totals without GPU energy, such as a CodeCarbon file of CPU-only runs).
    static func analyse(folder: String, relativePath: String, options: ReportOptions) -> AuditRow {
        do {
            var report = try RunAnalyzer.analyze(runDirectory: folder, options: options)
            report.runPath = relativePath
            return AuditRow(path: relativePath, report: report)
        } catch {
            let oneLine = error.message.split(separator: "\n").map { String($0).trimmingSpaces() }.joined(
                separator: " ")
            var scratch = FindingLog()
            let files =
                error.code == .nothingAnalysable
                ? (try? RunDiscovery.discover(runDirectory: folder, limits: options.limits, findings: &scratch)) ?? []
                : []
            let hasPowerLog = files.contains { file in
                file.kind.isPowerLog && file.kind != .codeCarbonEmissions
                    || (file.kind == .other
                        && AuditDiscovery.looksLikeLog(String(file.displayPath.split(separator: "/").last ?? "")))
            }
            let status: AuditRow.Status =
                error.code == .nothingAnalysable ? (hasPowerLog ? .unreadable : .noEnergy) : .error
            return AuditRow(path: relativePath, status: status, error: oneLine, cells: [])
        }
    }
}
