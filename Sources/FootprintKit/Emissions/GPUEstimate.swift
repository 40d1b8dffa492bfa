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
        let choice = try Self.choice(named: gpuModel)
        let basis = EstimateBasis(
            choice: choice, gpuCount: gpuCount, hours: window.seconds / 3600,
            utilization: utilization, hoursSource: "the training window")
        return (
            basis,
            EmissionsModel.estimated(
                gpuCount: basis.gpuCount, hours: basis.hours, tdpWatts: choice.spec.tdpWatts,
                tdpRangeWatts: choice.tdpRangeWatts, utilization: basis.utilization, factors: factors)
        )
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
