internal import Foundation

/// Writes an audit (of `audit` or `merge`): its Markdown to standard output, or audit.csv, audit.md, audit.json
/// and audit.svg into a folder, each atomically.
enum AuditOutput {
    static func write(_ rows: [AuditRow], root: String, grouping: AuditGrouping, notes: [String], output: String?) throws(FootprintError) {
        let markdown = AuditWriter.markdown(rows, root: root, grouping: grouping, notes: notes)
        guard let output else { return print(markdown, terminator: "") }
        try AtomicFileWriter.makeFolder(output)
        // The files are rendered and flushed to disk at once: fsync dominates the time of small audits.
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
        if let failure = failures.first { throw failure }
    }
}
