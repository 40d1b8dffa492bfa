/// `footprint inspect PATH`: what a log file or folder holds, before any accounting.
public enum InspectCommand {
    /// Prints the description to standard output and the findings to standard error.
    public static func run(path: String, options: ReportOptions) -> ExitStatus {
        do {
            let (text, findings) = try Inspector.inspect(path: path, options: options)
            print(text, terminator: "")
            DiagnosticPrinter.print(findings)
            return .success
        } catch {
            DiagnosticPrinter.error(error)
            return ExitStatus(error.code)
        }
    }
}
