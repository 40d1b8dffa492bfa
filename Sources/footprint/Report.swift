import ArgumentParser
import Foundation
import FootprintKit

/// `footprint report RUN_DIR`: one run's energy and emissions as Markdown, CSV or JSON.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Report the GPU energy and CO2e of one run folder (or one log file).")

    @Argument(help: "The folder a training run left behind (searched recursively), or one log file.")
    var runDirectory: String

    @Option(help: "Comma-separated output formats: md, csv, json, tex (with a .bib beside it), svg (power plot), model-card (Hugging Face co2_eq_emissions YAML).")
    var format: String = "md"

    @Option(help: "For --format model-card: the training_type to record (pre-training, fine-tuning, …).")
    var trainingType: String = "pre-training"

    @Option(help: "Write report.md/.csv/.json into this folder (atomically) instead of printing to stdout.")
    var output: String?

    @Flag(help: "Record when the report was made (without it, reruns are byte-identical).")
    var stamp = false

    @Flag(help: "Exit with status 4 when the report has warnings (for CI): the report is still written.")
    var strict = false

    @OptionGroup var runOptions: RunOptions

    func validate() throws {
        _ = try Self.formats(format)
        _ = try runOptions.reportOptions()
    }

    static func formats(_ text: String) throws -> [String] {
        let formats = text.split(separator: ",").map { $0.trimmingCharacters(in: " ").lowercased() }
        let known = ["md", "markdown", "csv", "json", "tex", "latex", "svg", "model-card"]
        for name in formats where !known.contains(name) {
            throw ValidationError("unknown format '\(name)'; use md, csv, json, tex, svg or model-card")
        }
        guard !formats.isEmpty else { throw ValidationError("--format needs at least one of md, csv, json, tex, svg, model-card") }
        return formats.map { $0 == "markdown" ? "md" : $0 == "latex" ? "tex" : $0 }
    }

    func run() throws {
        let options = try runOptions.reportOptions()
        var report: RunReport
        do {
            report = try RunAnalyzer.analyze(runDirectory: runDirectory, options: options)
            if stamp { report.generatedAtSeconds = Date().timeIntervalSince1970 }
        } catch {
            DiagnosticPrinter.error(error)
            throw ExitCode(error.code == .invalidOption ? 1 : 2)
        }
        DiagnosticPrinter.print(report.findings)
        try Self.write(report, formats: try Self.formats(format), output: output, trainingType: trainingType)
        let warnings = report.findings.filter { $0.severity == .warning }.count
        if strict && warnings > 0 {
            FileHandleWriter.standardError("footprint: --strict: \(warnings) warning\(warnings == 1 ? "" : "s")\n")
            throw ExitCode(4)
        }
    }

    /// Renders `report` in each format, to stdout or atomically into `output`.
    static func write(_ report: RunReport, formats: [String], output: String?, trainingType: String = "pre-training") throws {
        var rendered: [(file: String, text: String)] = []
        for name in formats {
            switch name {
            case "csv": rendered.append(("report.csv", CSVReportWriter.render([report])))
            case "json": rendered.append(("report.json", JSONReportWriter.render(report)))
            case "tex":
                rendered.append(("report.tex", LaTeXReportWriter.render(report)))
                if output != nil { rendered.append(("report.bib", BibliographyWriter.render())) }
            case "svg": rendered.append(("report.svg", SVGPlotWriter.render(report)))
            case "model-card": rendered.append(("model-card.yaml", ModelCardWriter.render(report, trainingType: trainingType)))
            default: rendered.append(("report.md", MarkdownReportWriter.render(report)))
            }
        }
        if let output {
            do {
                try AtomicFileWriter.makeFolder(output)
                for (file, text) in rendered {
                    try AtomicFileWriter.write(text, to: output + "/" + file)
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
