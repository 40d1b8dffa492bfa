/// One host's share of a run: its GPUs and the energy of those that were the job's.
public struct HostSummary: Sendable, Hashable {
    /// The host's name; empty for a single-host run.
    public var name: String
    public var gpuCount: Int
    public var jobGPUCount: Int
    /// Energy of the host's job GPUs over the whole log.
    public var jobJoules: Double
    /// Time-weighted mean power of one of its job GPUs: its job GPUs' energy over the sum of their spans.
    public var meanWattsPerJobGPU: Double?

    /// The hosts of `gpus`, in natural order of their names (`node2` before `node10`).
    static func summaries(of gpus: [GPUReport]) -> [HostSummary] {
        let byHost = Dictionary(grouping: gpus, by: \.identity.host)
        return byHost.keys.sorted(by: HostName.precedes).map { name in
            let members = byHost[name] ?? []
            let job = members.filter(\.usedByJob)
            let joules = job.reduce(0) { $0 + $1.trace.joules }
            let seconds = job.reduce(0) { $0 + $1.trace.spanSeconds }
            return HostSummary(
                name: name, gpuCount: members.count, jobGPUCount: job.count, jobJoules: joules,
                meanWattsPerJobGPU: seconds > 0 ? joules / seconds : nil)
        }
    }
}
