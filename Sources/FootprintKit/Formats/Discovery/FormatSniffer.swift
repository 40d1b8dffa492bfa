/// Classifies a file by its first bytes (after gzip and UTF-16 are undone), not by its name.
enum FormatSniffer {
    static let headBytes = 16 * 1024

    static func classify(path: String, limits: InputLimits) -> (
        kind: InputKind, encoding: InputEncoding?, note: String?
    ) {
        let head: [UInt8]
        let encoding: InputEncoding
        let notes: [String]
        do {
            (head, encoding, notes) = try InputOpener.head(path: path, maximumBytes: headBytes, limits: limits)
        } catch {
            return (.other, nil, error.message)
        }
        guard !head.isEmpty else {
            // A damaged header (CRC, flags, method) is not a cut: say what zlib found.
            if encoding.isGzip, let damage = notes.first(where: { !$0.contains("truncated") }) {
                return (.other, encoding, "a gzip stream with nothing readable: \(damage)")
            }
            return (.other, encoding, encoding.isGzip ? "a gzip stream with no content (cut short?)" : "empty file")
        }
        if isTFRecord(head) { return (.tensorBoardEvents, encoding, nil) }
        if path.contains("tfevents") {
            return (
                .other, encoding,
                "named like a TensorBoard event file, but the first record's length checksum does not match: not TFRecord data, or damaged at its start"
            )
        }
        if let reason = UnsupportedContent.reason(head, encoding: encoding) { return (.other, encoding, reason) }
        // NUL bytes are dropped for sniffing: a log on a filesystem that crashed can hold runs of them.
        let text = String(decoding: head.filter { $0 != 0 }, as: UTF8.self)
        let trimmed = text.drop { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" }
        if trimmed.first == "{" || trimmed.first == "[" {
            if text.contains("\"traceEvents\"") || text.contains("\"schemaVersion\"")
                || text.contains("\"deviceProperties\"")
            {
                return (.profilerTrace, encoding, nil)
            }
            return (.other, encoding, "JSON, but not a profiler trace (no traceEvents)")
        }
        let controlBytes = head.prefix(4096).filter { ($0 > 0 && $0 < 0x09) || ($0 > 0x0d && $0 < 0x20) }.count
        if controlBytes > 0 { return (.other, encoding, "binary content") }
        let lines = text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }).prefix(20).map {
            String($0).trimmingSpaces()
        }
        guard let firstLine = lines.first(where: { !$0.isEmpty }) else { return (.other, encoding, "blank") }
        if firstLine.hasPrefix("#") {
            let words = firstLine.dropFirst().split(whereSeparator: { $0 == " " || $0 == "\t" }).map { $0.lowercased() }
            if words.contains("gpu") { return (.nvidiaSMIDmon, encoding, nil) }
            if words.first == "entity" { return (.other, encoding, "dcgmi dmon output, which is not read yet") }
        }
        if firstLine.contains(",") {
            let cells = firstLine.split(separator: ",", omittingEmptySubsequences: false).map {
                CSVHeaderCell(String($0))
            }
            let roles = cells.map(CSVColumnRoles.role(of:))
            if CSVColumnRoles.looksLikeHeader(cells) {
                let hasTime = roles.contains(.time)
                let hasPower = roles.contains { if case .power = $0 { return true } else { return false } }
                let isNvidiaSMI = CSVColumnRoles.isNvidiaSMIHeader(cells)
                if hasTime && (hasPower || isNvidiaSMI) { return (.nvidiaSMICSV, encoding, nil) }
                return (.other, encoding, "CSV without time and GPU power columns")
            }
            // A headerless (noheader) nvidia-smi log starts with a timestamp.
            let firstField = Array(cells[0].name.utf8)
            if TimestampParser.parse(firstField) != nil, cells.count >= 2 {
                return (.nvidiaSMICSV, encoding, nil)
            }
            if looksLikeClockTime(cells[0].name) { return (.nvidiaSMICSV, encoding, nil) }
        }
        return (.other, encoding, "not a recognised log format")
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
