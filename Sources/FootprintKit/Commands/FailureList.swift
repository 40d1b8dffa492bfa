internal import Foundation

/// Errors collected from writes on several threads.
final class FailureList: @unchecked Sendable {
    private let lock = NSLock()
    private var errors: [FootprintError] = []

    func append(_ error: FootprintError) {
        lock.lock()
        errors.append(error)
        lock.unlock()
    }

    var first: FootprintError? {
        lock.lock()
        defer { lock.unlock() }
        return errors.first
    }
}
