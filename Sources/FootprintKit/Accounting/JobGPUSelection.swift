/// Decides which GPUs were the job's: those named by `--gpus`, else every GPU that was not idle all log.
enum JobGPUSelection {
    /// A GPU counts as idle all log when its utilization never exceeds this…
    static let idleUtilizationPercent = 1.0
    /// …and 99% of its samples lie within this many watts (or 5% of it, if larger) of its minimum.
    static let idlePowerBandWatts = 5.0

    /// Sets each GPU's `usedByJob` and `usageReason`.
    ///
    /// - Throws: ``FootprintError/Code-swift.struct/invalidOption`` when a selector names no GPU of the logs.
    static func select(_ gpus: inout [GPUReport], selectors: [String]?, findings: inout FindingLog)
        throws(FootprintError)
    {
        if let selectors {
            for selector in selectors where !gpus.contains(where: { $0.identity.matches(selector: selector) }) {
                let known = gpus.map { gpu in
                    [gpu.identity.label, gpu.identity.uuid, gpu.identity.busID].compactMap { $0 }.joined(
                        separator: " / ")
                }
                throw FootprintError(
                    .invalidOption,
                    "--gpus '\(selector)' names no GPU in the logs; they have: \(known.joined(separator: "; "))")
            }
            for index in gpus.indices {
                let selected = selectors.contains { gpus[index].identity.matches(selector: $0) }
                gpus[index].usedByJob = selected
                gpus[index].usageReason = selected ? "--gpus" : "not in --gpus"
            }
            return
        }
        let idle = gpus.map(isIdleAllLog)
        for index in gpus.indices {
            let gpu = gpus[index]
            var isIdle = idle[index]
            if isIdle && gpu.maximumUtilizationPercent == nil {
                // Without utilization, a flat power trace could also be a GPU busy all log: call it idle only
                // beside a GPU that clearly worked harder.
                let p99 = gpu.trace.wattsQuantile(0.99)
                isIdle = gpus.indices.contains { other in
                    !idle[other] && gpus[other].trace.wattsQuantile(0.99) >= p99 + 20
                }
            }
            gpus[index].usedByJob = !isIdle
            gpus[index].usageReason = isIdle ? idleDescription(gpu) : "active"
        }
        if !gpus.contains(where: \.usedByJob) {
            for index in gpus.indices {
                gpus[index].usedByJob = true
                gpus[index].usageReason = "all GPUs look idle: all counted"
            }
            if gpus.count > 1 {
                findings.add(
                    Finding(
                        .warning, .gpuSelection,
                        "every GPU looks idle all log; all are counted as the job's (pass --gpus to choose)"))
            }
        }
    }

    static func isIdleAllLog(_ gpu: GPUReport) -> Bool {
        // A tracker's GPUs together, at their mean power: flat by construction, and the tracker's run's own.
        if gpu.identity.kind == .gpuGroup { return false }
        let band = max(idlePowerBandWatts, 0.05 * gpu.trace.minimumWatts)
        let quietPower = gpu.trace.wattsQuantile(0.99) - gpu.trace.minimumWatts <= band
        let quietUtilization = (gpu.maximumUtilizationPercent ?? 0) <= idleUtilizationPercent
        return quietPower && quietUtilization
    }

    static func idleDescription(_ gpu: GPUReport) -> String {
        let band = ReportFormatting.fixed(gpu.trace.wattsQuantile(0.99) - gpu.trace.minimumWatts, 1)
        let utilization =
            gpu.maximumUtilizationPercent.map { "utilization at most \(ReportFormatting.fixed($0, 0))%, " } ?? ""
        return "idle all log by the rule in Method (here \(utilization)99% of samples within \(band) W of its minimum)"
    }
}
