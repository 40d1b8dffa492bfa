/// Classifies a file by its first bytes (after gzip and UTF-16 are undone), never by the folders it is in.
enum FormatSniffer {
    static let headBytes = 16 * 1024

    /// What `path` holds, judged by its content alone; its own file name only words the reason when the content is
    /// nothing recognised, and its folders play no part. `foreign` names another producer's file.
    static func classify(path: String, limits: InputLimits) -> (
        kind: InputKind, encoding: InputEncoding?, note: String?, foreign: ForeignFormat?
    ) {
        let bytes: [UInt8]
        let encoding: InputEncoding
        let notes: [String]
        do {
            (bytes, encoding, notes) = try InputOpener.head(path: path, maximumBytes: headBytes, limits: limits)
        } catch {
            return (.other, nil, error.message, nil)
        }
        guard !bytes.isEmpty else {
            // A damaged header (CRC, flags, method) is not a cut: say what the inflater found.
            if encoding.isGzip, let damage = notes.first(where: { !$0.contains("truncated") }) {
                return (.other, encoding, "a gzip stream with nothing readable: \(damage)", nil)
            }
            // An empty power metric of an MLflow run is a GPU whose power is unknown: its reader says so.
            if MLflowPowerMetricReader.gpuIndex(fileName: fileName(of: path)) != nil {
                return (.mlflowGPUPower, encoding, nil, nil)
            }
            let note = encoding.isGzip ? "a gzip stream with no content (cut short?)" : "empty file"
            return (.other, encoding, note, nil)
        }
        if isTFRecord(bytes) { return (.tensorBoardEvents, encoding, nil, nil) }
        let head = FileHead(bytes)
        if head.isJSON, isProfilerTrace(head) { return (.profilerTrace, encoding, nil, nil) }
        if WandBLogReader.hasHeader(bytes) || isWandBSystemMetrics(head) { return (.wandb, encoding, nil, nil) }
        if let kind = TrackerSniffing.kind(of: head, fileName: fileName(of: path)) { return (kind, encoding, nil, nil) }
        if let kind = DCGMSniffing.kind(of: head, fileName: fileName(of: path)) { return (kind, encoding, nil, nil) }
        if let kind = MLPerfSniffing.kind(of: head) { return (kind, encoding, nil, nil) }
        if SlurmSniffing.isSacct(head) { return (.slurmAccounting, encoding, nil, nil) }
        if let foreign = ForeignSignatures.match(head) { return (.foreign, encoding, foreign.note, foreign) }
        if let reason = UnsupportedContent.reason(bytes, encoding: encoding) { return (.other, encoding, reason, nil) }
        let (kind, note) = classifyText(head, fileName: fileName(of: path))
        if kind == .other, fileName(of: path).contains("tfevents") {
            return (
                .other, encoding,
                "named like a TensorBoard event file, but the first record's length checksum does not match: not TFRecord data, or damaged at its start",
                nil
            )
        }
        return (kind, encoding, note, nil)
    }

    /// The last component of `path`: the file's own name, without its folders.
    private static func fileName(of path: String) -> Substring {
        path.split(separator: "/", omittingEmptySubsequences: true).last ?? Substring(path)
    }

    /// A Chrome-trace JSON as the PyTorch profiler writes it.
    private static func isProfilerTrace(_ head: FileHead) -> Bool {
        head.text.contains("\"traceEvents\"") || head.text.contains("\"schemaVersion\"")
            || head.text.contains("\"deviceProperties\"")
    }

    /// W&B system metrics as text: `wandb-events.jsonl` lines (`_wandb` or `_timestamp` beside `system.*` keys), or
    /// a CSV export of `run.history(stream="system")` (`system.*` columns beside `_timestamp` or `_runtime`).
    private static func isWandBSystemMetrics(_ head: FileHead) -> Bool {
        if head.isJSON {
            return (head.hasJSONKey("_wandb") || head.hasJSONKey("_timestamp")) && head.text.contains("\"system.")
        }
        let header = head.firstLineCells
        return header.contains { $0.hasPrefix("system.") }
            && (header.contains("_timestamp") || header.contains("_runtime"))
    }

    /// The kind of a text file that no foreign signature matched: a GPU power CSV (a column is GPU power), a
    /// headerless nvidia-smi CSV, an nvidia-smi dmon log, or nothing read.
    private static func classifyText(_ head: FileHead, fileName: Substring) -> (kind: InputKind, note: String?) {
        if head.isJSON { return (.other, "JSON, but not a profiler trace (no traceEvents)") }
        let controlBytes = head.bytes.prefix(4096).filter { ($0 > 0 && $0 < 0x09) || ($0 > 0x0d && $0 < 0x20) }.count
        if controlBytes > 0 { return (.other, "binary content") }
        guard let firstLine = head.lines.first else { return (.other, "blank") }
        if firstLine.hasPrefix("#") {
            let words = firstLine.dropFirst().split(whereSeparator: { $0 == " " || $0 == "\t" }).map { $0.lowercased() }
            if words.contains("gpu") {
                guard words.contains("pwr") else {
                    return (
                        .other,
                        "nvidia-smi dmon log without the pwr column: no GPU energy in it (run nvidia-smi dmon -s pu -o DT to log power)"
                    )
                }
                return (.nvidiaSMIDmon, nil)
            }
        }
        if firstLine.contains(",") {
            let cells = firstLine.split(separator: ",", omittingEmptySubsequences: false).map {
                CSVHeaderCell(String($0))
            }
            if CSVColumnRoles.looksLikeHeader(cells) {
                let hasTime = cells.contains { CSVColumnRoles.role(of: $0) == .time }
                if hasTime && CSVColumnRoles.hasGPUPower(cells, fileName: fileName) { return (.nvidiaSMICSV, nil) }
                return (.other, CSVColumnRoles.whyNotGPUPower(cells, hasTime: hasTime, fileName: fileName))
            }
            // A headerless (noheader) nvidia-smi log starts with a timestamp.
            let firstField = Array(cells[0].name.utf8)
            if TimestampParser.parse(firstField) != nil, cells.count >= 2 { return (.nvidiaSMICSV, nil) }
            if looksLikeClockTime(cells[0].name) { return (.nvidiaSMICSV, nil) }
        }
        return (.other, "not a recognised log format")
    }

    /// `HH:MM:SS[.fff]` optionally followed by a value: a headerless log whose times lack a date.
    private static func looksLikeClockTime(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.count >= 8 && bytes[2] == UInt8(ascii: ":") && bytes[5] == UInt8(ascii: ":")
            && [0, 1, 3, 4, 6, 7].allSatisfy { bytes[$0] >= 0x30 && bytes[$0] <= 0x39 }
    }

    /// A TFRecord starts with a little-endian length whose masked CRC-32C follows it.
    static func isTFRecord(_ head: [UInt8]) -> Bool {
        guard head.count >= 12 else { return false }
        let stored = UInt32(head[8]) | UInt32(head[9]) << 8 | UInt32(head[10]) << 16 | UInt32(head[11]) << 24
        return CRC32C.masked(Array(head[0..<8])) == stored
    }
}
