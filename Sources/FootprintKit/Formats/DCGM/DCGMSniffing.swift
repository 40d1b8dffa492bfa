/// Recognises the three DCGM shapes by their first bytes.
enum DCGMSniffing {
    /// The DCGM shape `head` starts, or nil: `dcgmi dmon` text (an `#Entity` header among the first lines, after any
    /// prefix a user added to it; lines before it a job script's, or rows whose header was cut off), a dcgm-exporter scrape (`# HELP`/`# TYPE` or sample lines of `DCGM_FI_…`/`dcgm_…` metrics), or a
    /// Prometheus query result whose series are DCGM's (a metric name, or the exporter's `UUID` and `modelName`
    /// labels, or a DCGM metric in `fileName`, when a function dropped `__name__`).
    static func kind(of head: FileHead, fileName: Substring) -> InputKind? {
        if head.lines.contains(where: { DCGMDmonReader.headerStart($0) != nil }) { return .dcgmDmon }
        if head.isJSON {
            guard head.hasJSONKey("resultType"), head.hasJSONKey("result") else { return nil }
            let isDCGM =
                head.text.contains("DCGM_FI_") || head.text.contains("\"dcgm_")
                || (head.hasJSONKey("UUID") && head.hasJSONKey("modelName"))
                || DCGMField.named(in: String(fileName)) != nil
            return isDCGM ? .dcgmQueryRange : nil
        }
        let isScrape = head.lines.contains { line in
            if line.hasPrefix("# HELP ") || line.hasPrefix("# TYPE ") {
                let name = line.dropFirst(7)
                return name.hasPrefix("DCGM_FI_") || name.hasPrefix("dcgm_")
            }
            return (line.hasPrefix("DCGM_FI_") || line.hasPrefix("dcgm_")) && line.contains("{")
        }
        return isScrape ? .dcgmExporter : nil
    }
}
