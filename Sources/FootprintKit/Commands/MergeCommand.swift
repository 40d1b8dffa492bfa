internal import Foundation

/// `footprint merge OUT…`: the outputs of `audit --shard K/N` combined into one audit, or the parts of
/// `report --shard K/N` into the report of their run.
public enum MergeCommand {
    /// Reads each folder's audit.csv (``ShardReader``: every numeric cell checked) and writes the merged audit. A
    /// folder without a readable, valid audit.csv, or an invalid grouping, is invalid usage: these are the
    /// command's arguments, not a run's logs. A run found with different rows in two shards (or twice in one) is a
    /// warning naming both; the row of the shard given first is kept. The output must not replace a shard's
    /// audit.csv.
    ///
    /// - Parameters:
    ///   - groupBy: `--group-by`'s text; nil for ``AuditGrouping/default``.
    ///   - output: the folder to write into; nil for the Markdown on standard output.
    public static func run(shards: [String], groupBy: String?, output: String?) -> ExitStatus {
        if let first = shards.first, FileManager.default.fileExists(atPath: first + "/" + ReportPart.fileName) {
            return mergeParts(shards, groupBy: groupBy, output: output)
        }
        var kept: [String: (row: AuditRow, source: String, number: Int)] = [:]
        var notes = ["merged from \(shards.count) shard outputs"]
        var inputs = InputFiles()
        let grouping: AuditGrouping
        do throws(FootprintError) {
            for shard in shards {
                let path = shard + "/audit.csv"
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw FootprintError(
                        .unreadableInput, "no audit.csv here (run `audit --output` first)",
                        location: InputLocation(path: shard))
                }
                inputs.add(path, role: "a shard's audit.csv this merge reads")
                for (number, row) in try ShardReader.rows(fromCSV: String(decoding: data, as: UTF8.self), path: path) {
                    guard let first = kept[row.path] else {
                        kept[row.path] = (row, path, number)
                        continue
                    }
                    guard first.row != row else { continue }
                    let warning =
                        "run `\(row.path)` has different rows in \(first.source) (row \(first.number)) and \(path) (row \(number)); kept the row of \(first.source), the shard given first"
                    DiagnosticPrinter.write("footprint: warning: \(TerminalText.sanitized(warning))\n")
                    notes.append(warning)
                }
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
            try AuditOutput.write(
                kept.values.map(\.row).sorted { $0.path < $1.path }, root: shards.joined(separator: " + "),
                grouping: grouping, notes: notes, folder: folder, inputs: inputs)
            succeeded = true
            return .success
        } catch {
            DiagnosticPrinter.error(error)
            return ExitStatus(error.code)
        }
    }

    /// Reads the report parts in `folders`, puts the run's readings back together (``ReportPart/merged(_:)``) and
    /// writes the run's report in the formats the parts were made for (into a folder, JSON always among them). Folders that are
    /// not parts of one run are invalid usage.
    private static func mergeParts(_ folders: [String], groupBy: String?, output: String?) -> ExitStatus {
        var parts: [(path: String, part: ReportPart)] = []
        do throws(FootprintError) {
            if groupBy != nil {
                throw FootprintError(.invalidOption, "--group-by is for audits; these are parts of one run's report")
            }
            for folder in folders {
                guard let part = try ReportPart.read(inFolder: folder) else {
                    throw FootprintError(
                        .unreadableInput,
                        "no \(ReportPart.fileName) here: give only the output folders of `report --shard K/N`",
                        location: InputLocation(path: folder))
                }
                parts.append((folder + "/" + ReportPart.fileName, part))
            }
        } catch {
            DiagnosticPrinter.error(error)
            return .invalidUsage
        }
        do throws(FootprintError) {
            let readings = try ReportPart.merged(parts)
            let first = parts[0].part
            let report = try RunAnalyzer.account(readings, runDirectory: first.runPath, options: first.options)
            DiagnosticPrinter.print(report.findings)
            let formats = first.formats.compactMap(ReportFormat.init(rawValue:))
            try ReportOutput.write(
                report, formats: output == nil || formats.contains(.json) ? formats : formats + [.json], output: output,
                trainingType: first.trainingType)
            return .success
        } catch {
            DiagnosticPrinter.error(error)
            return ExitStatus(error.code)
        }
    }
}
