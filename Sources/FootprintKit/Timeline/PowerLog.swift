/// What identifies a GPU in a power log; any of the fields may be missing.
public struct GPUIdentity: Sendable, Hashable {
    /// `index` (changes with `CUDA_VISIBLE_DEVICES` and reboots).
    public var index: String?
    /// `uuid` (stable across reboots).
    public var uuid: String?
    public var busID: String?
    public var name: String?
    /// Another id column of a user's own CSV (e.g. `gpu` beside an `index` that is always 0).
    public var otherID: String?

    public init(index: String? = nil, uuid: String? = nil, busID: String? = nil, name: String? = nil,
                otherID: String? = nil) {
        self.index = index
        self.uuid = uuid
        self.busID = busID
        self.name = name
        self.otherID = otherID
    }

    /// The key that matches the same GPU across logs: UUID, else bus id, else index, else `0` (a log without
    /// any of them is one GPU).
    public var matchKey: String {
        if let uuid { return "uuid:" + uuid }
        if let busID { return "bus:" + GPUIdentity.normalizedBusID(busID) }
        if let otherID { return "id:" + otherID + "/" + (index ?? "") }
        return "index:" + (index ?? "0")
    }

    /// `00000000:01:00.0` and `01:00.0` name the same bus address.
    static func normalizedBusID(_ busID: String) -> String {
        var parts = busID.lowercased().split(separator: ":").map(String.init)
        if parts.count == 3 {
            parts[0] = String(parts[0].drop { $0 == "0" })
            if parts[0].isEmpty { parts[0] = "0" }
        } else if parts.count == 2 {
            parts.insert("0", at: 0)
        }
        return parts.joined(separator: ":")
    }

    /// Whether `selector` (an index, a UUID or its prefix, or a bus id) names this GPU.
    public func matches(selector: String) -> Bool {
        let trimmed = selector.trimmingSpaces()
        if let otherID, otherID == trimmed { return true }
        if otherID == nil, let index, index == trimmed { return true }
        if otherID == nil, index == nil, uuid == nil, busID == nil, trimmed == "0" { return true }
        if let uuid, trimmed.count >= 8, uuid.lowercased().hasPrefix(trimmed.lowercased()) { return true }
        if let uuid, !uuid.lowercased().hasPrefix("gpu-"), ("gpu-" + uuid.lowercased()).hasPrefix(trimmed.lowercased()),
            trimmed.count >= 12
        {
            return true
        }
        if let busID, trimmed.contains(":"),
            GPUIdentity.normalizedBusID(busID) == GPUIdentity.normalizedBusID(trimmed)
        {
            return true
        }
        return false
    }

    /// The short label shown in reports: the varying id column, else the index, else `0`.
    public var label: String { otherID ?? index ?? "0" }
}

/// One GPU's samples from one power log.
public struct GPUPowerSeries: Sendable, Hashable {
    public var identity: GPUIdentity
    public var trace: EnergyTrace
    /// Rows of this GPU whose power reading was not a usable number, by reason (`[N/A]`, `negative`, …).
    public var invalidReasons: [String: Int]
    /// The highest `utilization.gpu` seen, when the log has that column.
    public var maximumUtilizationPercent: Double?

    public var invalidSampleCount: Int { invalidReasons.values.reduce(0, +) }
}

/// How a log's times were put on the UTC clock.
public enum LogClock: Sendable, Hashable {
    /// Local wall-clock times without a zone, read in `zone`.
    case local(ClockZone)
    /// The timestamps carry their own zone or offset, or are Unix epoch times.
    case embedded
}

/// The power samples one file yielded, per GPU.
public struct PowerLog: Sendable, Hashable {
    public enum Format: String, Sendable, Hashable {
        case nvidiaSMICSV = "nvidia-smi --query-gpu CSV"
        case ownCSV = "CSV with its own columns"
        case dmon = "nvidia-smi dmon"
    }

    /// The path relative to the run folder.
    public var path: String
    public var format: Format
    public var encoding: InputEncoding
    /// The power column the energy was computed from (`power.draw.average`, `power.draw`, `pwr`, …), or nil when
    /// the log has none.
    public var powerField: String?
    public var clock: LogClock
    public var dataRowCount: Int
    public var gpus: [GPUPowerSeries]
    /// Local times that occurred twice (DST fall-back) or never (spring-forward) under the zone.
    public var ambiguousTimeCount: Int
    public var nonexistentTimeCount: Int
}
