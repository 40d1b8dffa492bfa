import ArgumentParser
import Foundation
import FootprintKit

/// `footprint audit ROOT`: every run under a folder, in parallel, into one table.
struct Audit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Audit every run under a folder: one row per run (broken runs included, with the reason), totals and rollups.",
        discussion: """
            A run is a folder that directly holds a file named like a log (events.out.tfevents.*, *.pt.trace.json*, \
            dmon*, or a .csv/.log/.txt whose name mentions gpu, nvidia, smi, power, energy, metrics or monitor); \
            everything below it belongs to it. --run-depth or --run-glob override that rule.
            """)

    @Argument(help: "The folder holding the runs.")
    var root: String

    @Option(help: "Write audit.csv, audit.md, audit.json and audit.svg (CO2e per group) into this folder (atomically); without it, Markdown goes to stdout.")
    var output: String?

    @Option(help: "Runs analysed at once. Default: the number of cores.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Remember each run's result with a fingerprint of its files; a re-run analyses only changed runs.")
    var cache: String?

    @Option(help: "Keep runs that started on or after this date (YYYY-MM-DD, UTC).")
    var since: String?

    @Option(help: "Keep runs that started before this date (YYYY-MM-DD, UTC).")
    var until: String?

    @Option(help: "Analyse only shard K of N (K/N, 1-based): runs are split by a stable hash of their path, so job arrays on several machines cover every run once; combine the outputs with `footprint merge`.")
    var shard: String?

    @Option(help: "Roll runs up by parent, month, or a regular expression on the run's path (its first group).")
    var groupBy: String = "parent"

    @Option(help: "The runs are exactly the folders this many levels below ROOT.")
    var runDepth: Int?

    @Option(help: "The runs are the folders whose path below ROOT matches this shell pattern (e.g. 'exp*/seed_*').")
    var runGlob: String?

    @OptionGroup var runOptions: RunOptions

    func validate() throws {
        _ = try auditOptions()
        _ = try grouping()
    }

    func grouping() throws -> AuditGrouping {
        do { return try AuditGrouping.parse(groupBy) } catch let error as FootprintError { throw ValidationError(error.message) }
    }

    func auditOptions() throws -> AuditOptions {
        var options = AuditOptions()
        options.report = try runOptions.reportOptions()
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        options.jobs = jobs
        options.cachePath = cache
        for (name, value) in [("--since", since), ("--until", until)] {
            if let value, value.count != 10 || value.split(separator: "-").count != 3 {
                throw ValidationError("\(name) '\(value)' is not a date such as 2024-03-05")
            }
        }
        options.since = since
        options.until = until
        if let shard {
            let parts = shard.split(separator: "/").compactMap { Int($0) }
            guard parts.count == 2, parts[1] >= 1, (1...parts[1]).contains(parts[0]) else {
                throw ValidationError("--shard '\(shard)' is not K/N with 1 ≤ K ≤ N (e.g. 3/8)")
            }
            options.shard = (parts[0], parts[1])
        }
        if runDepth != nil && runGlob != nil { throw ValidationError("give --run-depth or --run-glob, not both") }
        if let runDepth { options.rule = .depth(runDepth) }
        if let runGlob { options.rule = .glob(runGlob) }
        return options
    }

    func run() throws {
        let options = try auditOptions()
        let showProgress = isatty(2) == 1
        let started = Date()
        let result: AuditResult
        do {
            result = try Auditor.audit(root: root, options: options) { done, total, errors in
                guard showProgress else { return }
                let elapsed = Date().timeIntervalSince(started)
                let remaining = done > 0 ? elapsed / Double(done) * Double(total - done) : 0
                FileHandleWriter.standardError(String(format: "\r%d/%d runs, %d errors, %.0f s elapsed, ETA %.0f s   ", done, total, errors, elapsed, remaining))
            }
        } catch {
            DiagnosticPrinter.error(error)
            throw ExitCode(2)
        }
        if showProgress { FileHandleWriter.standardError("\n") }
        var notes: [String] = []
        if options.cachePath != nil { notes.append("\(result.reusedCount) runs reused from the cache, \(result.analysedCount) analysed") }
        if let shard = options.shard { notes.append("shard \(shard.index)/\(shard.count): \(result.otherShardCount) runs left to other shards") }
        if result.outsideDatesCount > 0 { notes.append("\(result.outsideDatesCount) runs outside --since/--until left out") }
        for folder in result.unreadableFolders { notes.append("folder `\(folder)` could not be read; skipped") }
        if showProgress { for note in notes { FileHandleWriter.standardError("footprint: note: \(note)\n") } }
        try Merge.write(result.rows, root: root, grouping: try grouping(), notes: notes, output: output)
    }
}

/// `footprint merge OUT…`: shard outputs into one audit.
struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Combine the outputs of `audit --shard K/N` (folders holding audit.csv) into one audit.")

    @Argument(help: "Output folders of audit shards.")
    var shards: [String]

    @Option(help: "Write the merged audit.csv, audit.md and audit.json here; without it, Markdown goes to stdout.")
    var output: String?

    @Option(help: "Roll runs up by parent, month, or a regular expression on the run's path.")
    var groupBy: String = "parent"

    func run() throws {
        var rows: [String: AuditRow] = [:]
        do {
            for shard in shards {
                let path = shard + "/audit.csv"
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw FootprintError(.unreadableInput, "no audit.csv here (run `audit --output` first)", location: InputLocation(path: shard))
                }
                for row in try AuditWriter.rows(fromCSV: String(decoding: data, as: UTF8.self), path: path) { rows[row.path] = row }
            }
            let grouping = try AuditGrouping.parse(groupBy)
            try Self.write(rows.values.sorted { $0.path < $1.path }, root: shards.joined(separator: " + "), grouping: grouping,
                           notes: ["merged from \(shards.count) shard outputs"], output: output)
        } catch let error as FootprintError {
            DiagnosticPrinter.error(error)
            throw ExitCode(error.code == .outputFailed ? 3 : 1)
        }
    }

    /// Writes an audit's three files into `output`, or its Markdown to stdout.
    static func write(_ rows: [AuditRow], root: String, grouping: AuditGrouping, notes: [String], output: String?) throws {
        let markdown = AuditWriter.markdown(rows, root: root, grouping: grouping, notes: notes)
        guard let output else { return print(markdown, terminator: "") }
        do {
            try AtomicFileWriter.makeFolder(output)
        } catch {
            DiagnosticPrinter.error(error)
            throw ExitCode(3)
        }
        // The three files are rendered and flushed to disk at once: fsync dominates the time of small audits.
        let files: [(name: String, render: @Sendable () -> String)] = [
            ("audit.csv", { AuditWriter.csv(rows) }),
            ("audit.md", { markdown }),
            ("audit.json", { AuditWriter.json(rows, root: root, grouping: grouping) }),
            ("audit.svg", { SVGPlotWriter.renderAudit(rows, root: root, grouping: grouping) }),
        ]
        let failures = FailureList()
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            do throws(FootprintError) {
                try AtomicFileWriter.write(files[index].render(), to: output + "/" + files[index].name)
            } catch {
                failures.append(error)
            }
        }
        if let failure = failures.first {
            DiagnosticPrinter.error(failure)
            throw ExitCode(3)
        }
    }
}

/// Errors collected from concurrent writes.
private final class FailureList: @unchecked Sendable {
    private let lock = NSLock()
    private var errors: [FootprintError] = []

    func append(_ error: FootprintError) {
        lock.lock()
        errors.append(error)
        lock.unlock()
    }

    var first: FootprintError? {
        lock.lock()
        defer { lock.unlock() }
        return errors.first
    }
}
