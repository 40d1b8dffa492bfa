/// Line-by-line reading shared by the text power-log readers.
enum PowerLogLines {
    /// Opens a text power log and hands each line to `body`, then records what the stream and the line reader
    /// noticed (truncation, over-long lines) as findings on the file.
    ///
    /// - Returns: how the file's bytes were packaged.
    static func forEachLine(
        path: String, displayPath: String, options: PowerLogReadingOptions, findings: inout FindingLog,
        _ body: (TextLine, inout FindingLog) -> Bool
    ) throws(FootprintError) -> InputEncoding {
        let (stream, encoding) = try InputOpener.open(path: path, limits: options.limits)
        var lines = LineReader(stream: stream, maximumLineBytes: options.limits.maximumLineBytes)
        try lines.forEachLine { (line: TextLine) throws(FootprintError) -> Bool in body(line, &findings) }
        report(
            streamNotes: stream.notes, overlongLines: lines.overlongLines, displayPath: displayPath, options: options,
            findings: &findings)
        return encoding
    }

    /// Records what the stream and the line reader noticed (truncation, over-long lines) as findings on the file.
    static func report(
        streamNotes: [String], overlongLines: OverlongLines, displayPath: String, options: PowerLogReadingOptions,
        findings: inout FindingLog
    ) {
        for note in streamNotes {
            findings.add(Finding(.warning, .inputDamaged, note, location: InputLocation(path: displayPath)))
        }
        for number in overlongLines.numbers {
            findings.add(
                Finding(
                    .warning, .inputLimit,
                    "line longer than \(options.limits.maximumLineBytes) bytes skipped; raise --max-line-bytes if it is real data",
                    location: InputLocation(path: displayPath, line: number)),
                kind: "overlong", summary: "over-long lines")
        }
        if overlongLines.count > overlongLines.numbers.count {
            findings.add(
                Finding(
                    .warning, .inputLimit,
                    "\(overlongLines.count - overlongLines.numbers.count) further over-long lines skipped",
                    location: InputLocation(path: displayPath)))
        }
    }
}
