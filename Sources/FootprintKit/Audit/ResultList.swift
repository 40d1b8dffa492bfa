internal import Foundation

/// One value per index, set from several threads.
final class ResultList<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [Value?]

    init(count: Int) {
        stored = Array(repeating: nil, count: count)
    }

    func set(_ index: Int, _ value: Value) {
        lock.withLock { stored[index] = value }
    }

    /// The values, nil where none was set.
    var values: [Value?] {
        lock.withLock { stored }
    }
}
