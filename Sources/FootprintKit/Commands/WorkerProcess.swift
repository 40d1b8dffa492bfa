internal import Foundation

/// One child process serving runs to analyse (``AuditWorker``): a request is a JSON array `[folder, path]` on a
/// line of its standard input, the answer the run's audit fields as a JSON array on a line of its standard output.
final class WorkerProcess: @unchecked Sendable {
    private let process = Process()
    private let requests = Pipe()
    private let answers = Pipe()
    private var pending = Data()
    private let cleanupKey: Int

    /// Starts `executable` with `arguments`; its standard error is discarded.
    init(executable: String, arguments: [String]) throws {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardInput = requests
        process.standardOutput = answers
        process.standardError = FileHandle.nullDevice
        try process.run()
        let process = process
        cleanupKey = SignalCleanup.shared.register { process.terminate() }
    }

    /// The fields of the run at `folder`; nil when the child ended (or answered nonsense) instead of answering.
    func analyse(folder: String, relativePath: String) -> [String]? {
        guard let request = try? JSONSerialization.data(withJSONObject: [folder, relativePath]),
            (try? requests.fileHandleForWriting.write(contentsOf: request + Data("\n".utf8))) != nil,
            let line = nextLine()
        else { return nil }
        return (try? JSONSerialization.jsonObject(with: line)) as? [String]
    }

    /// Closes the child's input, so that it exits once done (its end is collected by `Process`).
    func finish() {
        try? requests.fileHandleForWriting.close()
        SignalCleanup.shared.withdraw(cleanupKey)
    }

    /// Waits for a child that stopped answering to end; what ended it, as an error row says it.
    func ending() -> String {
        finish()
        process.waitUntilExit()
        let status = process.terminationStatus
        // A child ended by a signal it handles (SIGTERM …) exits with 128 + the signal's number.
        if process.terminationReason == .uncaughtSignal { return "crashed (signal \(status))" }
        return status > 128 ? "crashed (signal \(status - 128))" : "ended (exit status \(status))"
    }

    private func nextLine() -> Data? {
        while true {
            if let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = pending[pending.startIndex..<newline]
                pending.removeSubrange(pending.startIndex...newline)
                return Data(line)
            }
            let chunk = answers.fileHandleForReading.availableData
            guard !chunk.isEmpty else { return nil }
            pending.append(chunk)
        }
    }
}
