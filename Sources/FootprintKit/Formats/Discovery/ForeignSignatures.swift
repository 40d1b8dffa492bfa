/// The files of other producers that footprint recognises by content but does not read yet: one row per file
/// kind, with its signature (header columns, JSON keys, line prefixes or magic bytes; never the file's name or
/// folder). A reader for one of them replaces its row with an ``InputKind`` of its own.
enum ForeignSignatures {
    /// The table, tried in order; the first match wins.
    static let all: [ForeignSignature] = [
        ForeignSignature(
            producer: "W&B config.yaml",
            reason: "the run's configuration, no power samples"
        ) { head in
            head.lines.first == "wandb_version: 1" ? "" : nil
        },
        ForeignSignature(
            producer: "W&B wandb-summary.json",
            reason: "a run summary (final values of the logged metrics), no power samples"
        ) { head in
            head.isJSON && head.hasJSONKey("_runtime") && (head.hasJSONKey("_step") || head.hasJSONKey("_wandb"))
                ? "" : nil
        },
        ForeignSignature(
            producer: "W&B wandb-metadata.json",
            reason:
                "run metadata (host, GPU model and count, start time), no power samples; read beside the run's W&B file"
        ) { head in
            guard head.isJSON, head.hasJSONKey("startedAt") else { return nil }
            return ["program", "host", "gpu_count", "heartbeatAt", "codePath", "python"].contains(
                where: head.hasJSONKey)
                ? "" : nil
        },
        ForeignSignature(
            producer: "MLflow meta.yaml",
            reason: "MLflow experiment metadata, no power samples"
        ) { head in
            head.lines.contains(where: { $0.hasPrefix("experiment_id:") })
                && head.lines.contains(where: { $0.hasPrefix("artifact_location:") }) ? "experiment" : nil
        },
        ForeignSignature(
            producer: "MLPerf power server.json",
            reason: "a summary of an MLPerf power run (phases, analyzer, file digests), no power samples"
        ) { head in
            head.isJSON && head.hasJSONKey("timezone")
                && (head.hasJSONKey("ptd_config") || head.hasJSONKey("ptd_messages") || head.hasJSONKey("phases"))
                ? "" : nil
        },
        ForeignSignature(
            producer: "MLPerf LoadGen summary (mlperf_log_summary.txt)",
            reason: "LoadGen's results summary, no power samples"
        ) { head in
            head.lines.count > 1 && head.lines[0].allSatisfy({ $0 == "=" })
                && head.lines[1].hasPrefix("MLPerf Results Summary")
                ? "" : nil
        },
        ForeignSignature(
            producer: "Prometheus query result (JSON)",
            reason: "not read yet — Prometheus query results other than DCGM metrics are not read"
        ) { head in
            guard head.isJSON, head.hasJSONKey("resultType"), head.hasJSONKey("result") else { return nil }
            return ""
        },
        ForeignSignature(
            producer: "Slurm sacct output",
            reason: "fixed-width columns, which cut long values; run sacct with --parsable2 to have it read"
        ) { head in
            // Any column set, in any order: a header naming JobID (or JobIDRaw) over a line of dashes.
            guard head.lines.count > 1 else { return nil }
            let isJobID: (Substring) -> Bool = { ["jobid", "jobidraw"].contains($0.lowercased().trimmingSpaces()) }
            return head.lines[0].split(separator: " ").contains(where: isJobID)
                && head.lines[1].allSatisfy({ $0 == "-" || $0 == " " })
                ? "fixed-width columns" : nil
        },
    ]

    /// The foreign format `head` is, or nil when no row recognises it.
    static func match(_ head: FileHead) -> ForeignFormat? {
        for signature in all {
            if let format = signature.match(head) { return format }
        }
        return nil
    }
}
