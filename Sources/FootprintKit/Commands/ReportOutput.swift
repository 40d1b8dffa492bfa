/// Writes a report in the formats asked for: to standard output one after another, or into a folder, each file
/// atomically.
enum ReportOutput {
    static func write(_ report: RunReport, formats: [ReportFormat], output: String?, trainingType: String) throws(FootprintError) {
        let files = formats.flatMap { $0.files(for: report, trainingType: trainingType, intoFolder: output != nil) }
        guard let output else { return print(files.map(\.text).joined(separator: "\n"), terminator: "") }
        try AtomicFileWriter.makeFolder(output)
        for file in files {
            try AtomicFileWriter.write(file.text, to: output + "/" + file.name)
        }
    }
}
