/// Finds hosts and GPUs whose power stands far from their peers' while the job ran: a straggler draws less (it
/// waits) or more (the others wait for it), and either way the job spends energy waiting.
///
/// The test is robust: a value is far when it lies more than 3.5 scaled median absolute deviations
/// (1.4826 × MAD) and more than 10% from the median of its peers: the run's hosts (at least 3), or the job GPUs
/// of its own host (at least 4).
enum StragglerCheck {
    static let deviations = 3.5
    static let minimumShare = 0.10

    /// Adds a `host.straggler` finding for each host, and each job GPU, whose mean power per GPU is far from
    /// its peers'; over the training window (`window`, UTC seconds, its edges registered as boundaries) when
    /// there is one, else over each GPU's own span.
    static func note(_ gpus: [GPUReport], window: ClosedRange<Double>?, findings: inout FindingLog) {
        let job = gpus.filter(\.usedByJob)
        let perGPU: [(gpu: GPUReport, joules: Double, seconds: Double)] = job.compactMap { gpu in
            if let window {
                let seconds = gpu.trace.overlapSeconds(from: window.lowerBound, to: window.upperBound)
                guard seconds > 0, let joules = gpu.trace.joules(from: window.lowerBound, to: window.upperBound)
                else { return nil }
                return (gpu, joules, seconds)
            }
            return gpu.trace.spanSeconds > 0 ? (gpu, gpu.trace.joules, gpu.trace.spanSeconds) : nil
        }
        let byHost = Dictionary(grouping: perGPU, by: \.gpu.identity.host)
        let hosts = byHost.keys.sorted(by: HostName.precedes).map { host in
            let members = byHost[host] ?? []
            let watts = members.reduce(0) { $0 + $1.joules } / members.reduce(0) { $0 + $1.seconds }
            return (name: host, watts: watts)
        }
        if hosts.count >= 3 {
            for (index, outlier) in outliers(hosts.map(\.watts)) {
                findings.add(
                    Finding(
                        .warning, .hostStraggler,
                        "host \(hosts[index].name): its job GPUs drew \(ReportFormatting.fixed(hosts[index].watts, 1)) W each on average, against a median of \(ReportFormatting.fixed(outlier.median, 1)) W across \(hosts.count) hosts (\(signedPercent(outlier.share))): a straggler, or the others waited for it"
                    ))
            }
        }
        for host in hosts.map(\.name) {
            let members = byHost[host] ?? []
            guard members.count >= 4 else { continue }
            let watts = members.map { $0.joules / $0.seconds }
            for (index, outlier) in outliers(watts) {
                let gpu = members[index].gpu
                findings.add(
                    Finding(
                        .warning, .hostStraggler,
                        "GPU \(gpu.identity.label): drew \(ReportFormatting.fixed(watts[index], 1)) W on average, against a median of \(ReportFormatting.fixed(outlier.median, 1)) W across the \(members.count) job GPUs of \(host.isEmpty ? "the run" : "its host") (\(signedPercent(outlier.share)))",
                        location: gpu.files.first.map { InputLocation(path: $0) }))
            }
        }
    }

    /// The values far from the median, each with the median and its relative distance from it.
    static func outliers(_ values: [Double]) -> [(index: Int, (median: Double, share: Double))] {
        let median = Median.of(values)
        guard median > 0 else { return [] }
        let spread = 1.4826 * Median.of(values.map { abs($0 - median) })
        return values.indices.compactMap { index in
            let distance = abs(values[index] - median)
            guard distance > deviations * spread, distance > minimumShare * median else { return nil }
            return (index, (median, (values[index] - median) / median))
        }
    }

    private static func signedPercent(_ share: Double) -> String {
        (share >= 0 ? "+" : "−") + ReportFormatting.percent(abs(share))
    }
}
