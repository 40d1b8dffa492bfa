internal import Foundation

/// The child side of ``ChildProcessAnalyser``: analyses the runs asked for on standard input, one JSON line
/// `[folder, path]` each, and answers each with its audit fields as a JSON line on standard output, until the
/// input ends.
public enum AuditWorker {
    /// For the tests only: a worker asked for the run at this path (relative to the root) traps, as a bug would.
    static let trapVariable = "FOOTPRINT_TEST_TRAP_RUN"

    /// Serves requests until standard input ends.
    public static func serve(options: ReportOptions) -> ExitStatus {
        let trapRun = ProcessInfo.processInfo.environment[trapVariable]
        var pending = Data()
        while true {
            guard let newline = pending.firstIndex(of: UInt8(ascii: "\n")) else {
                let chunk = FileHandle.standardInput.availableData
                if chunk.isEmpty { return .success }
                pending.append(chunk)
                continue
            }
            let line = Data(pending[pending.startIndex..<newline])
            pending.removeSubrange(pending.startIndex...newline)
            guard let request = (try? JSONSerialization.jsonObject(with: line)) as? [String], request.count == 2 else {
                return .invalidUsage
            }
            if request[1] == trapRun { fatalError("\(trapVariable) asked this worker to trap on \(request[1])") }
            let row = Auditor.analyse(folder: request[0], relativePath: request[1], options: options)
            guard let answer = try? JSONSerialization.data(withJSONObject: row.fields),
                (try? FileHandle.standardOutput.write(contentsOf: answer + Data("\n".utf8))) != nil
            else { return .outputFailed }
        }
    }
}
