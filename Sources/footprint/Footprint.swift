import ArgumentParser
import FootprintKit

/// The `footprint` command: energy and carbon footprint of GPU training runs from the logs they left.
@main
struct Footprint: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Energy use and carbon footprint of GPU training runs, from the logs they left behind.",
        discussion: ExitStatus.documentation,
        version: ToolInfo.version,
        subcommands: [
            Report.self, Audit.self, Merge.self, Inspect.self, Estimate.self, WhatIf.self, Regions.self, GPUs.self,
            Verify.self,
        ])

    /// Parses and runs the command, reporting invalid usage with exit status 1 (argument-parser's default is 64).
    static func main() {
        ProcessSetup.prepare()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                DiagnosticPrinter.write(fullMessage(for: error) + "\n")
                Self.exit(withError: ExitCode(ExitStatus.invalidUsage.rawValue))
            }
            exit(withError: error)
        }
    }
}
