internal import Dispatch
internal import Synchronization

extension Array where Element: Sendable {
    /// `map` with `transform` run on all cores at once, the results in the elements' order: how the readers take
    /// a run's files.
    func concurrentMap<Result: Sendable>(_ transform: @Sendable (Element) -> Result) -> [Result] {
        let results = Mutex([Result?](repeating: nil, count: count))
        DispatchQueue.concurrentPerform(iterations: count) { index in
            let value = transform(self[index])
            results.withLock { $0[index] = value }
        }
        return results.withLock { $0 }.map { $0! }
    }

    /// Starts ``concurrentMap(_:)`` on other threads and returns at once, with a function that waits for the
    /// results: the caller works meanwhile (a reader accumulates one round of blocks while the next is parsed).
    func concurrentMapInBackground<Result: Sendable>(
        _ transform: @escaping @Sendable (Element) -> Result
    ) -> @Sendable () -> [Result] {
        let results = BackgroundResults<Result>()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) {
            let mapped = self.concurrentMap(transform)
            results.value.withLock { $0 = mapped }
        }
        return {
            group.wait()
            return results.value.withLock { $0 } ?? []
        }
    }
}

/// Where ``Array/concurrentMapInBackground(_:)`` leaves its results.
private final class BackgroundResults<Result: Sendable>: Sendable {
    let value = Mutex<[Result]?>(nil)
}
