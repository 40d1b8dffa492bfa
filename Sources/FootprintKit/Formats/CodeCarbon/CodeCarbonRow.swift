/// One row of CodeCarbon's `emissions.csv`: one `stop()` or `flush()` of a run, its figures cumulative since the
/// run's start; or, in task mode's file (a `task_name` column), one task's own figures. Units
/// (`docs/reference/output.md`): duration s, energies kWh, emissions kg CO2e.
struct CodeCarbonRow {
    /// The line it came from.
    var line: Int
    /// `run_id` (1.x: `experiment_id`, which named the run then), when given.
    var runID: String?
    /// The run, or the task of a run, whose last row counts: the `run_id` and `task_name`; a row without a
    /// `run_id` is a run of its own.
    var runKey: String
    /// `timestamp`: when the row was written, the run's end so far (local time without a zone).
    var end: LogTimestamp?
    var durationSeconds: CodeCarbonCell
    var gpuKilowattHours: CodeCarbonCell
    var cpuKilowattHours: CodeCarbonCell
    var ramKilowattHours: CodeCarbonCell
    var consumedKilowattHours: CodeCarbonCell
    var emissionsKilograms: CodeCarbonCell
    /// `gpu_count` (`1`, `1.0`, or empty) and `gpu_model` (`8 x NVIDIA H20`, `Apple M1`, or empty).
    var gpuCount: Double?
    var gpuModel: String?
    var location: String?
    var pue: Double?

    /// The row of `cell`, which gives each column's text by name (nil for a column the header lacks or a row too
    /// short to reach).
    init(line: Int, cell: (String) -> String?) {
        self.line = line
        runID = (cell("run_id") ?? cell("experiment_id")).flatMap { $0.isEmpty ? nil : $0 }
        runKey = runID ?? "line \(line)"
        // Task mode writes the tasks of a run (each row its own, not cumulative) under the run's id.
        if let task = cell("task_name"), !task.isEmpty { runKey += " task " + task }
        end = cell("timestamp").flatMap { TimestampParser.parse(Array($0.utf8)) }
        durationSeconds = CodeCarbonCell(cell("duration"))
        gpuKilowattHours = CodeCarbonCell(cell("gpu_energy"))
        cpuKilowattHours = CodeCarbonCell(cell("cpu_energy"))
        ramKilowattHours = CodeCarbonCell(cell("ram_energy"))
        consumedKilowattHours = CodeCarbonCell(cell("energy_consumed"))
        emissionsKilograms = CodeCarbonCell(cell("emissions"))
        gpuCount = cell("gpu_count").flatMap { Double($0) }.flatMap { $0.isFinite && $0 >= 0 ? $0 : nil }
        gpuModel = cell("gpu_model").flatMap { $0.isEmpty ? nil : $0 }
        let country = [cell("country_name"), cell("country_iso_code").map { "(\($0))" }]
            .compactMap { $0 }.filter { !$0.isEmpty && $0 != "()" }.joined(separator: " ")
        let place = [country, cell("region") ?? ""].filter { !$0.isEmpty }.joined(separator: ", ")
        location = place.isEmpty ? nil : place
        pue = cell("pue").flatMap { Double($0) }.flatMap { $0.isFinite ? $0 : nil }
    }

    /// Whether the run tracked a GPU: a GPU count or model, or GPU energy above 0.
    var hasGPU: Bool {
        (gpuCount ?? 0) > 0 || gpuModel != nil || (gpuKilowattHours.number ?? 0) > 0
    }

    /// The GPUs the row stands for: the larger of `gpu_count` and the `N x` of `gpu_model` (the two can
    /// disagree), at least 1.
    var deviceCount: Int {
        var fromModel = 1
        if let gpuModel, let cross = gpuModel.firstRange(of: " x "), let count = Int(gpuModel[..<cross.lowerBound]) {
            fromModel = count
        }
        let counted = Int(min(100_000, gpuCount ?? 1))
        return max(1, min(100_000, max(fromModel, counted)))
    }
}
