/// What an experiment tracker's own summary file says about its runs (CodeCarbon's `emissions.csv`): the energy of
/// each component and the tracker's own emissions, kept beside the GPU energy it gave to the power log.
public struct TrackerTotals: Sendable, Hashable, Codable {
    /// The tracker and its version or schema, e.g. `CodeCarbon 2.4.3rc1`.
    public var producer: String
    /// Runs in the file (the last row of each `run_id`: rows of one run are cumulative), or in task mode's file
    /// (a `task_name` column) tasks, each row its own.
    public var runCount = 0
    /// The `run_id`s of the rows, and whether they are task mode's rows, which the run's total in another file
    /// (`emissions.csv`) sums.
    var runIDs: Set<String> = []
    var isPerTask = false
    /// Runs whose GPU energy became a device of the log.
    public var gpuRunCount = 0
    /// Runs that tracked a GPU but whose GPU energy is missing or not a number: unknown, not zero.
    public var unknownGPURunCount = 0
    /// Runs without a GPU (no `gpu_count`, no `gpu_model`, `gpu_energy` 0).
    public var noGPURunCount = 0
    /// The GPU energy of ``gpuRunCount`` runs, kWh.
    public var gpuKilowattHours = 0.0
    /// Whether that GPU energy is the log's (false when a finer power log of the run took its place).
    public var gpuEnergyUsed = true
    /// CPU and RAM energy (kWh) of the runs that give it; nil when none does. Never GPU energy.
    public var cpuKilowattHours: Double?
    public var ramKilowattHours: Double?
    /// `energy_consumed` (GPU + CPU + RAM, kWh), and the tracker's own `emissions` (kg CO2e), of the runs that give
    /// both.
    public var consumedKilowattHours: Double?
    public var emissionsKilograms: Double?
    /// The tracker's emissions for the GPU energy alone: each GPU run's `gpu_energy` × its own `emissions ÷
    /// energy_consumed`; nil when no GPU run gives both.
    public var gpuEmissionsKilograms: Double?
    /// Where the tracker placed the runs (`France (FRA), île-de-france`), and the PUE values it applied.
    public var locations: [String] = []
    public var pueValues: [Double] = []

    public init(producer: String) { self.producer = producer }

    /// The tracker's grid intensity implied by its own figures, gCO2e/kWh: emissions ÷ energy consumed.
    public var impliedGramsCO2ePerKWh: Double? {
        guard let emissionsKilograms, let consumedKilowattHours, consumedKilowattHours > 0 else { return nil }
        return emissionsKilograms * 1000 / consumedKilowattHours
    }
}
