internal import Foundation

/// Analyses an audit's runs in child processes running this executable (`footprint audit --worker`, see
/// ``AuditWorker``), one per worker thread and reused from run to run, so that a crash — a trap on a hostile
/// file, a bug — ends only the child: the run becomes an error row "crashed (signal N) while analysing; please
/// report", which the cache does not keep, and the audit carries on with a new child.
public final class ChildProcessAnalyser: @unchecked Sendable {
    private let executable: String
    private let arguments: [String]
    private let lock = NSLock()
    private var idle: [WorkerProcess] = []

    /// Children will run this process's executable with `arguments`; they must serve ``AuditWorker`` with the same
    /// root and options as the audit.
    public init(arguments: [String]) {
        executable = Bundle.main.executablePath ?? CommandLine.arguments[0]
        self.arguments = arguments
    }

    /// The analyser to give ``Auditor/audit(root:options:analyser:outputs:progress:)``.
    public var analyser: RunAnalyser {
        RunAnalyser { [self] folder, relativePath, _ in analyse(folder: folder, relativePath: relativePath) }
    }

    /// Stops the idle children (each exits when its input closes).
    public func close() {
        let children = lock.withLock {
            defer { idle = [] }
            return idle
        }
        for child in children { child.finish() }
    }

    private func analyse(folder: String, relativePath: String) -> RunAnalyser.Outcome {
        let child: WorkerProcess
        do {
            child = try lock.withLock { () throws -> WorkerProcess in
                if let reused = idle.popLast() { return reused }
                return try WorkerProcess(executable: executable, arguments: arguments)
            }
        } catch {
            return (
                AuditRow(
                    path: relativePath, status: .error,
                    error: "could not start a worker process (\(error)); please report", cells: []), false
            )
        }
        if let fields = child.analyse(folder: folder, relativePath: relativePath), let row = AuditRow(fields: fields) {
            lock.withLock { idle.append(child) }
            return (row, true)
        }
        let message = "\(child.ending()) while analysing; please report"
        DiagnosticPrinter.error(FootprintError(.malformedInput, message, location: InputLocation(path: folder)))
        return (AuditRow(path: relativePath, status: .error, error: message, cells: []), false)
    }
}
