internal import Foundation

/// `footprint merge OUT…`: the outputs of `audit --shard K/N` combined into one audit.
public enum MergeCommand {
    /// Reads each folder's audit.csv and writes the merged audit. A folder without a readable audit.csv, or an
    /// invalid grouping, is invalid usage: these are the command's arguments, not a run's logs. The output must not
    /// replace a shard's audit.csv.
    ///
    /// - Parameters:
    ///   - groupBy: `--group-by`'s text; nil for ``AuditGrouping/default``.
    ///   - output: the folder to write into; nil for the Markdown on standard output.
    public static func run(shards: [String], groupBy: String?, output: String?) -> ExitStatus {
        var rows: [String: AuditRow] = [:]
        var inputs = InputFiles()
        let grouping: AuditGrouping
        do throws(FootprintError) {
            for shard in shards {
                let path = shard + "/audit.csv"
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw FootprintError(.unreadableInput, "no audit.csv here (run `audit --output` first)", location: InputLocation(path: shard))
                }
                inputs.add(path, role: "a shard's audit.csv this merge reads")
                for row in try AuditWriter.rows(fromCSV: String(decoding: data, as: UTF8.self), path: path) { rows[row.path] = row }
            }
            grouping = try groupBy.map(AuditGrouping.parse) ?? .default
        } catch {
            DiagnosticPrinter.error(error)
            return .invalidUsage
        }
        let folder: OutputFolder?
        do {
            folder = try output.map { (path) throws(FootprintError) in try OutputFolder.open(path) }
        } catch {
            DiagnosticPrinter.error(error)
            return ExitStatus(error.code)
        }
        var succeeded = false
        defer { folder?.close(succeeded: succeeded) }
        do {
            try AuditOutput.write(rows.values.sorted { $0.path < $1.path }, root: shards.joined(separator: " + "), grouping: grouping,
                                  notes: ["merged from \(shards.count) shard outputs"], folder: folder, inputs: inputs)
            succeeded = true
            return .success
        } catch {
            DiagnosticPrinter.error(error)
            return ExitStatus(error.code)
        }
    }
}
