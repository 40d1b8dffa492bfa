/// Maps header names to roles: nvidia-smi's own field names first, then the names people give columns in their
/// own logging scripts (`gpu_index`, `power_w`, `power_W`, `time`, …).
enum CSVColumnRoles {
    static let nvidiaSMIFieldPrefixes = [
        "timestamp", "index", "name", "uuid", "pci.", "power.", "utilization.", "memory.", "temperature.",
        "clocks.", "pstate", "fan.", "driver_version", "serial", "enforced.power", "count", "persistence_mode",
    ]

    private static let timeNames: Set<String> = [
        "timestamp", "time", "datetime", "date_time", "ts", "time_utc", "timestamp_utc", "utc", "wall_time",
        "walltime", "time_stamp", "date", "time_unix", "unix_time", "unixtime", "unix_timestamp", "timestamp_unix",
        "epoch", "epoch_time", "time_epoch", "time_s", "timestamp_s", "time_ms", "timestamp_ms", "time_iso",
    ]
    private static let indexNames: Set<String> = [
        "index", "gpu_index", "gpu_id", "gpu_idx", "gpuid", "gpu index", "device_index", "device_id", "idx",
    ]
    private static let otherIDNames: Set<String> = ["gpu", "device", "id", "gpu_num", "rank", "local_rank"]
    private static let uuidNames: Set<String> = ["uuid", "gpu_uuid"]
    /// nvidia-smi takes `gpu_bus_id` as another name of `pci.bus_id` (`--help-query-gpu`).
    private static let busNames: Set<String> = ["pci.bus_id", "gpu_bus_id", "pci.bus", "bus_id", "pci_bus_id", "busid"]
    private static let nameNames: Set<String> = ["name", "gpu_name", "model", "gpu_model", "product_name"]
    private static let utilizationNames: Set<String> = [
        "utilization.gpu", "util", "gpu_util", "utilization", "utilization_gpu", "utilization_gpu_percent",
        "gpu_util_percent", "gpu_utilization", "util_gpu", "gpu_utilization_percent", "gpu_util_pct", "sm",
    ]
    private static let excludedPowerWords = [
        "limit", "cap", "max", "min", "default", "management", "percent", "pct", "state", "module", "memory",
        "enforced", "req",
    ]
    /// Words that make a power column another component's (CodeCarbon's `cpu_power`, `ram_power`, a wall
    /// meter's `system_power`) unless it also says `gpu`: never GPU power.
    private static let otherComponentWords: Set<String> = [
        "cpu", "ram", "dram", "package", "pkg", "socket", "uncore", "psu", "wall", "system", "node", "host",
        "server", "total",
    ]

    /// The role of a column named `cell`; `scale` comes from a unit in the name or brackets (`mW`, `kW`).
    static func role(of cell: CSVHeaderCell) -> CSVColumnRole {
        let name = cell.name.lowercased()
        if timeNames.contains(name) { return .time }
        if indexNames.contains(name) { return .index }
        if otherIDNames.contains(name) { return .otherID }
        if uuidNames.contains(name) { return .uuid }
        if busNames.contains(name) { return .busID }
        if nameNames.contains(name) { return .name }
        if utilizationNames.contains(name) { return .utilization }
        switch name {
        case "power.draw.average": return .power(field: "power.draw.average", preference: 0, scale: scale(cell))
        case "power.draw": return .power(field: "power.draw", preference: 1, scale: scale(cell))
        case "power.draw.instant": return .power(field: "power.draw.instant", preference: 2, scale: scale(cell))
        default: break
        }
        if name.contains("power") || name == "watts" || name == "pwr" || name == "w" {
            guard !excludedPowerWords.contains(where: { name.contains($0) }),
                name.contains("gpu")
                    || !name.split(whereSeparator: { !$0.isLetter }).contains(where: {
                        otherComponentWords.contains(String($0))
                    })
            else { return .other }
            return .power(
                field: cell.unit.map { "\(cell.name) [\($0)]" } ?? cell.name, preference: 3, scale: scale(cell))
        }
        return .other
    }

    private static func scale(_ cell: CSVHeaderCell) -> Double {
        let unit = (cell.unit ?? "").lowercased()
        let name = cell.name.lowercased()
        if unit == "mw" || name.hasSuffix("_mw") || name.hasSuffix("milliwatts") { return 0.001 }
        if unit == "kw" || name.hasSuffix("_kw") { return 1000 }
        return 1
    }

    /// The GPU a power column of a wide log names (`GPU0 Power (W)`, `gpu_1_power_w`, `power.gpu.2`): the number
    /// after `gpu`; nil for other columns.
    static func wideGPUNumber(of cell: CSVHeaderCell) -> String? {
        guard case .power(_, let preference, _) = role(of: cell), preference == 3 else { return nil }
        let name = Array(cell.name.lowercased())
        guard name.count >= 4 else { return nil }
        for start in 0...(name.count - 3) where String(name[start..<(start + 3)]) == "gpu" {
            var index = start + 3
            while index < name.count, " _-.#".contains(name[index]) { index += 1 }
            let digits = name[index...].prefix { $0.isASCII && $0.isNumber }
            if !digits.isEmpty, digits.count <= 5 { return String(digits) }
        }
        return nil
    }

    /// Whether a header looks like nvidia-smi's own (every name a known nvidia-smi field) rather than a
    /// script's.
    static func isNvidiaSMIHeader(_ cells: [CSVHeaderCell]) -> Bool {
        cells.allSatisfy { cell in nvidiaSMIFieldPrefixes.contains { cell.name.lowercased().hasPrefix($0) } }
            || cells.contains { $0.name == "timestamp" } && cells.contains { $0.unit != nil }
    }

    /// Whether a line's fields look like a header rather than data: no field is a timestamp or a number, and
    /// at least one names a known column.
    static func looksLikeHeader(_ cells: [CSVHeaderCell]) -> Bool {
        cells.contains { cell in
            if case .other = role(of: cell) { return false }
            return true
        } && !cells.contains { cell in cell.name.first.map { $0.isNumber } ?? false }
    }

    /// Whether a header has a GPU power column: an nvidia-smi power field (`power.draw`, `.average`, `.instant`),
    /// a column whose name says GPU power (`gpu_power_w`), or a plain power column (`power_W`, `watts`) beside a
    /// GPU id column or another GPU column (`gpu_util`). A plain power column alone says nothing of whose power it
    /// is (a wall meter's, a node's): only the file's own name breaks that tie, when it names a GPU
    /// (`gpu_power.csv`, `nvidia-smi.csv`) and no column names another component (`cpu_util`).
    static func hasGPUPower(_ cells: [CSVHeaderCell], fileName: Substring? = nil) -> Bool {
        let roles = cells.map(role(of:))
        for (cell, role) in zip(cells, roles) {
            guard case .power(_, let preference, _) = role else { continue }
            if preference < 3 || cell.name.lowercased().contains("gpu") { return true }
            let hasGPUID = roles.contains { [.index, .uuid, .busID, .otherID, .name].contains($0) }
            let namesGPU = cells.contains { $0.name.lowercased().contains("gpu") }
            if hasGPUID || namesGPU || isNvidiaSMIHeader(cells) { return true }
            if !namesOtherComponent(cells), let fileName, fileNameSaysGPU(fileName) { return true }
        }
        return false
    }

    /// Whether a file's own name says it is about GPUs (`gpu_power.csv`, `nvidia-smi.log`, `cuda_metrics.csv`).
    static func fileNameSaysGPU(_ fileName: Substring) -> Bool {
        let name = fileName.lowercased()
        return ["gpu", "nvidia", "smi", "cuda"].contains { name.contains($0) }
    }

    /// Whether a column of the header names a component other than a GPU (`cpu_…`, `ram_…`).
    private static func namesOtherComponent(_ cells: [CSVHeaderCell]) -> Bool {
        cells.contains { cell in
            let words = cell.name.lowercased().split { !$0.isLetter }
            return words.contains {
                ["cpu", "ram", "dram", "package", "pkg", "psu", "wall", "system", "node"].contains($0)
            }
        }
    }

    /// Why a CSV with a header is not a GPU power log, for the report's "Not used" list.
    static func whyNotGPUPower(_ cells: [CSVHeaderCell], hasTime: Bool, fileName: Substring? = nil) -> String {
        let powerNamed = cells.filter { cell in
            let name = cell.name.lowercased()
            return name.contains("power") || name.contains("watt")
        }.map(\.name)
        let nvidiaSMI = isNvidiaSMIHeader(cells)
        if nvidiaSMI && hasTime {
            return
                "nvidia-smi CSV without a power column: no GPU energy in it (log with --query-gpu=timestamp,index,uuid,power.draw,utilization.gpu to measure energy)"
        }
        if !powerNamed.isEmpty, !hasGPUPower(cells, fileName: fileName) {
            if !namesOtherComponent(cells), !powerNamed.contains(where: { $0.lowercased().contains("gpu") }) {
                return
                    "CSV whose power column (\(powerNamed.prefix(4).joined(separator: ", "))) does not say whose power it is (a GPU's, a node's, a wall meter's): not read as GPU power; name the column gpu_power, add a GPU id column, or name the file for its GPU (gpu_power.csv)"
            }
            return
                "CSV whose power columns (\(powerNamed.prefix(4).joined(separator: ", "))) are not GPU power (named for another component, or beside another component's columns without a GPU id column): not a GPU power log"
        }
        if !hasTime {
            return
                "CSV without a time column\(nvidiaSMI ? " (nvidia-smi fields, but no timestamp)" : ""): not a GPU power log"
        }
        return "CSV without a GPU power column: not a GPU power log"
    }
}
