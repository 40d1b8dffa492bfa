internal import Dispatch
internal import Synchronization

/// Power integrators at work on another thread, each on the samples queued for it (``PowerRowAccumulator``): the
/// reader goes on with the next rows meanwhile. Each integrator is held by one thread at a time, and moved rather
/// than copied, so its arrays are never duplicated.
final class BackgroundIntegration: Sendable {
    /// Samples in row order, each with whether the log's ``SampleRetention`` admitted it for keeping.
    typealias Samples = [(sample: PowerSample, isKept: Bool)]
    /// One power column of one GPU: where its integrator belongs in the accumulator, the integrator, and its
    /// samples (emptied, their storage kept, once integrated).
    typealias Work = (slot: Int, field: Int, integrator: PowerIntegrator, samples: Samples)

    private let work: Mutex<[Work?]>
    private let count: Int
    private let group = DispatchGroup()

    /// Starts integrating `work` on another thread.
    init(_ work: consuming [Work?]) {
        count = work.count
        self.work = Mutex(work)
        DispatchQueue.global().async(group: group) { [self] in integrate() }
    }

    private func integrate() {
        for index in 0..<count {
            guard var item = work.withLock({ $0[index].take() }) else { continue }
            Self.integrate(&item.samples, into: &item.integrator)
            work.withLock { $0[index] = item }
        }
    }

    /// Gives `samples` to `integrator` in order, and empties them, keeping their storage: here, or on the reading
    /// thread (``PowerRowAccumulator``).
    static func integrate(_ samples: inout Samples, into integrator: inout PowerIntegrator) {
        for queued in samples { integrator.add(queued.sample, isKept: queued.isKept) }
        samples.removeAll(keepingCapacity: true)
    }

    /// The work, once integrated.
    func finished() -> [Work] {
        group.wait()
        return work.withLock { work in
            var done: [Work] = []
            for index in work.indices {
                if let item = work[index].take() { done.append(item) }
            }
            return done
        }
    }
}
