/// An estimate for a run without power samples, as `--gpu-model`, `--gpu-count` and `--utilization` ask for it:
/// GPUs × hours × TDP × utilization.
struct GPUEstimate {
    /// GPUs an estimate may count: more than any training run has used (about 10⁴–10⁵); each becomes a card of
    /// the embodied figures.
    static let maximumGPUCount = 100_000
    /// GPU-hours an estimate may cover: 10⁹, some 30 times the largest published training run.
    static let maximumGPUHours = 1e9
    /// Mean watts per GPU `--watts` accepts: from an idle low-power card to about twice the highest TDP in the
    /// table (host and memory shares included, as published measured averages are).
    static let plausibleWatts: ClosedRange<Double> = 1...3000

    /// The GPU model; nil: no estimate.
    var gpuModel: String?
    var gpuCount = 1
    /// Nil means the default, 1.0 (TDP throughout).
    var utilization: Double?

    /// The estimate over the training window; nil without a GPU model.
    ///
    /// - Throws: ``FootprintError/Code-swift.struct/invalidOption`` for a GPU model not in the bundled table.
    func overWindow(
        _ window: TrainingWindow, factors: EmissionFactors
    ) throws(FootprintError) -> (basis: EstimateBasis, emissions: OperationalEmissions)? {
        guard let gpuModel else { return nil }
        return estimate(
            try Self.choice(named: gpuModel), count: gpuCount, hours: window.seconds / 3600,
            hoursSource: "the training window", factors: factors)
    }

    /// `count` × `choice` for `hours` at this estimate's utilization: its basis and emissions.
    private func estimate(
        _ choice: GPUChoice, count: Int, hours: Double, hoursSource: String, factors: EmissionFactors
    ) -> (basis: EstimateBasis, emissions: OperationalEmissions) {
        let basis = EstimateBasis(
            choice: choice, gpuCount: count, hours: hours, utilization: utilization, hoursSource: hoursSource)
        return (
            basis,
            EmissionsModel.estimated(
                gpuCount: count, hours: hours, tdpWatts: choice.spec.tdpWatts, tdpRangeWatts: choice.tdpRangeWatts,
                utilization: utilization, factors: factors)
        )
    }

    /// The estimate over a Slurm job's GPU-hours: its GPU count and elapsed time, the GPU model of `--gpu-model`,
    /// else of the job's typed GRES. Nil, with a finding saying what is missing, when the job has no GPUs, no
    /// elapsed time or no known model.
    ///
    /// - Throws: ``FootprintError/Code-swift.struct/invalidOption`` for a `--gpu-model` not in the bundled table.
    func overJob(
        _ job: SlurmJob, factors: EmissionFactors, findings: inout FindingLog
    ) throws(FootprintError) -> (basis: EstimateBasis, emissions: OperationalEmissions)? {
        let location = InputLocation(path: job.path, line: job.line)
        guard let count = job.gpuCount, count > 0, let seconds = job.elapsedSeconds, seconds > 0 else {
            let what =
                job.gpuCount == 0
                ? "allocated no GPUs" : job.gpuCount == nil ? "has no AllocTRES saying its GPUs" : "has no elapsed time"
            findings.add(
                Finding(
                    .note, .emissionsEstimate, "Slurm job \(job.jobID) \(what): no GPU estimate", location: location))
            return nil
        }
        let choice: GPUChoice
        if let gpuModel {
            choice = try Self.choice(named: gpuModel)
        } else if let type = job.gpuType,
            let found = GPUSpecTable.bundled.choice(forName: type.replacingOccurrences(of: "_", with: " "))
        {
            choice = found
        } else {
            findings.add(
                Finding(
                    .warning, .emissionsEstimate,
                    "Slurm job \(job.jobID) had \(count) GPUs for \(ReportFormatting.duration(seconds)), but \(job.gpuType.map { "its GRES type '\($0)' is no bundled GPU" } ?? "its GRES is untyped"); pass --gpu-model for an estimate",
                    location: location))
            return nil
        }
        guard count <= Self.maximumGPUCount, Double(count) * seconds / 3600 <= Self.maximumGPUHours else {
            findings.add(
                Finding(
                    .warning, .emissionsEstimate,
                    "Slurm job \(job.jobID)'s \(count) GPUs for \(ReportFormatting.duration(seconds)) are beyond what an estimate covers; no estimate",
                    location: location))
            return nil
        }
        return estimate(
            choice, count: count, hours: seconds / 3600, hoursSource: "Slurm job \(job.jobID)'s elapsed time",
            factors: factors)
    }

    /// The bundled model for a GPU or family name (``GPUSpecTable/choice(forName:)``), or an error listing close
    /// names.
    static func choice(named name: String) throws(FootprintError) -> GPUChoice {
        guard let choice = GPUSpecTable.bundled.choice(forName: name) else {
            let words = name.split { !$0.isLetter && !$0.isNumber }.map(String.init).filter { $0.count >= 2 }
            let close = GPUSpecTable.bundled.specs.filter { spec in
                words.contains { spec.model.lowercased().contains($0.lowercased()) }
            }
            let hint = close.isEmpty ? "" : " (close: \(close.prefix(6).map(\.model).joined(separator: ", ")))"
            throw FootprintError(.invalidOption, "no bundled GPU matches '\(name)'\(hint); `footprint gpus` lists them")
        }
        return choice
    }
}
