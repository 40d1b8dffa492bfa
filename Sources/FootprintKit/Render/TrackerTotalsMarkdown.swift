/// The Markdown section of the trackers' own totals: what each file's runs used besides the GPUs, and the
/// tracker's own emissions beside footprint's.
enum TrackerTotalsMarkdown {
    static func section(_ report: RunReport) -> String {
        let logs = report.powerLogs.filter { $0.trackerTotals != nil }
        guard !logs.isEmpty else { return "" }
        var out = "## Trackers' own figures\n\n"
        for log in logs {
            guard let totals = log.trackerTotals else { continue }
            out += "- \(MarkdownText.code(log.path)): \(MarkdownText.line(TrackerTotalsText.summary(totals)))."
            if let comparison = TrackerTotalsText.comparison(totals, report: report) {
                out += " " + MarkdownText.line(comparison.prefix(1).uppercased() + comparison.dropFirst())
            }
            out += "\n"
        }
        return out
            + "\nCPU and RAM energy are other energy: never added to the GPU energy above. A tracker's GPU energy is a total per run, drawn at the run's mean power.\n\n"
    }
}
