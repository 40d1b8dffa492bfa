import ArgumentParser
import FootprintKit

/// `footprint report RUN_DIR`: one run's energy and emissions as Markdown, CSV or JSON.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Report the GPU energy and CO2e of one run folder (or one log file).")

    @Argument(help: "The folder a training run left behind (searched recursively), or one log file.")
    var runDirectory: String

    @Option(help: "Comma-separated output formats: md, csv, json.")
    var format: String = "md"

    @Option(help: "Write report.md/.csv/.json into this folder (atomically) instead of printing to stdout.")
    var output: String?

    @Flag(help: "Exit with status 4 when the report has warnings (for CI): the report is still written.")
    var strict = false

    @OptionGroup var runOptions: RunOptions

    func validate() throws {
        _ = try Self.formats(format)
        _ = try runOptions.reportOptions()
    }

    static func formats(_ text: String) throws -> [String] {
        let formats = text.split(separator: ",").map { $0.trimmingCharacters(in: " ").lowercased() }
        for name in formats where !["md", "markdown", "csv", "json"].contains(name) {
            throw ValidationError("unknown format '\(name)'; use md, csv or json")
        }
        guard !formats.isEmpty else { throw ValidationError("--format needs at least one of md, csv, json") }
        return formats.map { $0 == "markdown" ? "md" : $0 }
    }

    func run() throws {
        let options = try runOptions.reportOptions()
        let report: RunReport
        do {
            report = try RunAnalyzer.analyze(runDirectory: runDirectory, options: options)
        } catch {
            DiagnosticPrinter.error(error)
            throw ExitCode(error.code == .invalidOption ? 1 : 2)
        }
        DiagnosticPrinter.print(report.findings)
        try Self.write(report, formats: try Self.formats(format), output: output)
        let warnings = report.findings.filter { $0.severity == .warning }.count
        if strict && warnings > 0 {
            FileHandleWriter.standardError("footprint: --strict: \(warnings) warning\(warnings == 1 ? "" : "s")\n")
            throw ExitCode(4)
        }
    }

    /// Renders `report` in each format, to stdout or atomically into `output`.
    static func write(_ report: RunReport, formats: [String], output: String?) throws {
        var rendered: [(extension: String, text: String)] = []
        for name in formats {
            switch name {
            case "csv": rendered.append(("csv", CSVReportWriter.render([report])))
            case "json": rendered.append(("json", JSONReportWriter.render(report)))
            default: rendered.append(("md", MarkdownReportWriter.render(report)))
            }
        }
        if let output {
            do {
                try AtomicFileWriter.makeFolder(output)
                for (fileExtension, text) in rendered {
                    try AtomicFileWriter.write(text, to: output + "/report." + fileExtension)
                }
            } catch {
                DiagnosticPrinter.error(error)
                throw ExitCode(3)
            }
        } else {
            print(rendered.map(\.text).joined(separator: "\n"), terminator: "")
        }
    }
}

extension Substring {
    func trimmingCharacters(in set: Character) -> String {
        String(drop { $0 == set }.reversed().drop { $0 == set }.reversed())
    }
}
