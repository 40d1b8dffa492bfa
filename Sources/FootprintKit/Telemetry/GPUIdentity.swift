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
