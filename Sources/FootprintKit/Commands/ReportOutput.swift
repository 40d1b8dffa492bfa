/// Writes a report in the formats asked for: to standard output one after another, or into a folder, all files
/// published together (``OutputFolder``) after checking that none replaces a log the report read or its intensity
/// series; then, with `--model-card-into`, the model card with the run's emissions merged in (``ModelCardOutput``).
enum ReportOutput {
    /// - Parameter modelCard: the model card to merge the `co2_eq_emissions` block into; nil for none. It is
    ///   locked, read and merged before anything is written, so that a card that cannot be merged changes nothing.
    static func write(
        _ report: RunReport, formats: [ReportFormat], output: String?, trainingType: String, modelCard: String? = nil
    ) throws(FootprintError) {
        var files: [(name: String, text: String)] = []
        for format in formats {
            files += try format.files(for: report, trainingType: trainingType, intoFolder: output != nil)
        }
        let lock = try modelCard.map(ModelCardOutput.lock)
        defer { lock?.release() }
        let card = try modelCard.map { path throws(FootprintError) in
            (path, try ModelCardOutput.merged(report, into: path, trainingType: trainingType))
        }
        if let output {
            try publish(files, into: output, logs: report.files, intensitySeries: report.intensitySeries?.path)
        } else {
            print(files.map(\.text).joined(separator: "\n"), terminator: "")
        }
        if let (path, text) = card { try AtomicFileWriter.write(text, to: path) }
    }

    /// Publishes `files` into the folder `output`, all together, after checking that none replaces one of `logs`
    /// (the files found in the run) or the intensity series.
    static func publish(
        _ files: [(name: String, text: String)], into output: String, logs: [DiscoveredFile], intensitySeries: String?
    ) throws(FootprintError) {
        var inputs = InputFiles()
        for file in logs where file.kind != .other { inputs.add(file.path, role: "a log this report reads") }
        if let intensitySeries { inputs.add(intensitySeries, role: "the --intensity-series file") }
        let folder = try OutputFolder.open(output)
        var succeeded = false
        defer { folder.close(succeeded: succeeded) }
        try folder.publish(files.map { file in (file.name, { file.text }) }, inputs: inputs)
        succeeded = true
    }
}
