/// What identifies a device in telemetry: its host, its kind, and the ids the log gave (any may be missing).
public struct DeviceID: Sendable, Hashable, Codable {
    /// The host the device belongs to; empty for a run on one host.
    public var host: String
    public var kind: DeviceKind
    /// `index` (changes with `CUDA_VISIBLE_DEVICES` and reboots).
    public var index: String?
    /// `uuid` (stable across reboots).
    public var uuid: String?
    public var busID: String?
    public var name: String?
    /// Another id column of a user's own CSV (e.g. `gpu` beside an `index` that is always 0).
    public var otherID: String?

    public init(
        host: String = "", kind: DeviceKind = .gpu, index: String? = nil, uuid: String? = nil,
        busID: String? = nil, name: String? = nil, otherID: String? = nil
    ) {
        self.host = host
        self.kind = kind
        self.index = index
        self.uuid = uuid
        self.busID = busID
        self.name = name
        self.otherID = otherID
    }

    /// The key that matches the same device across logs: its host and kind, then UUID, else bus id, else index,
    /// else `0` (a log without any of them is one GPU).
    public var matchKey: String {
        let scope = (host.isEmpty ? "" : "host:" + host + "/") + (kind == .gpu ? "" : kind.rawValue + "/")
        if let uuid { return scope + "uuid:" + uuid }
        if let busID { return scope + "bus:" + DeviceID.normalizedBusID(busID) }
        if let otherID { return scope + "id:" + otherID + "/" + (index ?? "") }
        return scope + "index:" + (index ?? "0")
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
            DeviceID.normalizedBusID(busID) == DeviceID.normalizedBusID(trimmed)
        {
            return true
        }
        return false
    }

    /// The short label shown in reports: the varying id column, else the index, else `0`; after its host when
    /// it has one.
    /// How reports name the device: its host, then its own id column, index, bus id or UUID, else `0`.
    public var label: String { (host.isEmpty ? "" : host + "/") + (otherID ?? index ?? busID ?? uuid ?? "0") }
}
