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
}
