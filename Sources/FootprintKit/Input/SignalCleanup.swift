internal import Foundation

/// What to undo when SIGINT, SIGTERM or SIGHUP ends the process: temporary files not yet published, lock files,
/// child processes. The signal is taken on a dispatch queue rather than in a signal handler, so the clean-up is
/// ordinary code that runs under the same lock as ``atomically(_:)``: it sees every registration either before or
/// after a step, never half-way. Then the process exits with 128 + the signal's number.
final class SignalCleanup: @unchecked Sendable {
    static let shared = SignalCleanup()

    /// Recursive: a step done atomically may register and withdraw actions.
    private let lock = NSRecursiveLock()
    private var actions: [Int: @Sendable () -> Void] = [:]
    private var nextKey = 0
    private var sources: [any DispatchSourceSignal] = []
    private let queue = DispatchQueue(label: "footprint.signals")

    /// Takes SIGINT, SIGTERM and SIGHUP from now on; ignores SIGPIPE and SIGXFSZ, so that a closed pipe or a file
    /// size limit is a failed write that is cleaned up like any other, not the end of the process.
    func install() {
        lock.withLock {
            guard sources.isEmpty else { return }
            signal(SIGPIPE, SIG_IGN)
            signal(SIGXFSZ, SIG_IGN)
            for signalNumber in [SIGINT, SIGTERM, SIGHUP] {
                signal(signalNumber, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: queue)
                source.setEventHandler { [self] in cleanUpAndExit(status: 128 + signalNumber) }
                source.resume()
                sources.append(source)
            }
        }
    }

    /// Registers `action` to run if a signal ends the process; the key withdraws it.
    func register(_ action: @escaping @Sendable () -> Void) -> Int {
        lock.withLock {
            nextKey += 1
            actions[nextKey] = action
            return nextKey
        }
    }

    func withdraw(_ key: Int) {
        lock.withLock { _ = actions.removeValue(forKey: key) }
    }

    /// Runs `body` with no clean-up running meanwhile.
    func atomically<Result, Failure: Error>(_ body: () throws(Failure) -> Result) throws(Failure) -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    /// Runs the actions, newest first, and exits; the lock is kept, so no step starts after.
    private func cleanUpAndExit(status: Int32) -> Never {
        lock.lock()
        for key in actions.keys.sorted(by: >) { actions[key]?() }
        _exit(status)
    }
}
