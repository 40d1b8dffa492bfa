/// An MLflow file-store run's `meta.yaml`: its id, name, status and start and end (Unix milliseconds, as MLflow
/// writes them). Recognised by its keys: `run_id` (or `run_uuid`) with `experiment_id` and `artifact_uri`; an
/// experiment's `meta.yaml` has `artifact_location` instead and is not a run.
struct MLflowRunMeta: Sendable, Hashable {
    var runID: String
    var runName: String?
    /// MLflow's `RunStatus`: 1 RUNNING, 2 SCHEDULED, 3 FINISHED, 4 FAILED, 5 KILLED.
    var status: String?
    var startSeconds: Double?
    /// Nil while the run was still going (MLflow writes `end_time: null`).
    var endSeconds: Double?

    /// The run metadata in the first lines of a file, or nil when they are not a run's `meta.yaml`.
    init?(lines: [String]) {
        var values: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":"), !line.hasPrefix(" ") else { continue }
            var value = String(line[line.index(after: colon)...]).trimmingSpaces()
            if value.count >= 2, value.first == "'" || value.first == "\"", value.last == value.first {
                value = String(value.dropFirst().dropLast())
            }
            values[String(line[..<colon])] = value
        }
        guard values["experiment_id"] != nil, values["artifact_uri"] != nil,
            let runID = values["run_id"] ?? values["run_uuid"], !runID.isEmpty
        else { return nil }
        self.runID = runID
        runName = values["run_name"].flatMap { $0.isEmpty ? nil : $0 }
        status = values["status"].map { Self.statusNames[$0] ?? $0 }
        startSeconds = values["start_time"].flatMap(Self.seconds)
        endSeconds = values["end_time"].flatMap(Self.seconds)
    }

    /// The run metadata in the file at `path`, or nil when it cannot be read or is not a run's `meta.yaml`.
    static func read(path: String, limits: InputLimits) -> MLflowRunMeta? {
        guard
            let (bytes, _, _) = try? InputOpener.head(path: path, maximumBytes: FormatSniffer.headBytes, limits: limits)
        else { return nil }
        return MLflowRunMeta(lines: FileHead(bytes).lines)
    }

    /// A line for `inspect`: the run's id, name, status and times.
    var summary: String {
        var out = "run \(runID)"
        if let runName { out += " \"\(runName)\"" }
        if let status { out += ", \(status)" }
        if let startSeconds { out += ", started \(ReportFormatting.readableUTC(startSeconds))" }
        if let endSeconds { out += ", ended \(ReportFormatting.readableUTC(endSeconds))" }
        return out
    }

    private static let statusNames = [
        "1": "RUNNING", "2": "SCHEDULED", "3": "FINISHED", "4": "FAILED", "5": "KILLED",
    ]

    /// Unix milliseconds as seconds, when plausible.
    private static func seconds(_ text: String) -> Double? {
        guard let milliseconds = Int64(text) else { return nil }
        let seconds = Double(milliseconds) / 1000
        return PlausibleTime.contains(seconds) ? seconds : nil
    }
}
