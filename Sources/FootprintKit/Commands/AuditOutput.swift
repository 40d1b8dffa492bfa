/// Writes an audit (of `audit` or `merge`): its Markdown to standard output, or audit.csv, audit.md, audit.json
/// and audit.svg into a folder, published together (``OutputFolder``).
enum AuditOutput {
    /// The files written into an output folder.
    static let fileNames = ["audit.csv", "audit.md", "audit.json", "audit.svg"]

    /// Writes the audit to standard output (`folder` nil) or into `folder`, checking its files against `inputs`.
    static func write(
        _ rows: [AuditRow], root: String, grouping: AuditGrouping, notes: [String], folder: OutputFolder?,
        inputs: InputFiles
    ) throws(FootprintError) {
        let markdown = AuditWriter.markdown(rows, root: root, grouping: grouping, notes: notes)
        guard let folder else { return print(markdown, terminator: "") }
        let renderers: [@Sendable () -> String] = [
            { AuditWriter.csv(rows) },
            { markdown },
            { AuditWriter.json(rows, root: root, grouping: grouping) },
            { SVGPlotWriter.renderAudit(rows, root: root, grouping: grouping) },
        ]
        try folder.publish(Array(zip(fileNames, renderers)), inputs: inputs)
    }
}
