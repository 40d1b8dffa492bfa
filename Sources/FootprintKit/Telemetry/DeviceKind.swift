/// What a device of a ``DeviceID`` is. Whole-node (wall) power, when a reader brings it, is a kind of its own
/// and is never added to its GPUs' energy.
public enum DeviceKind: String, Sendable, Hashable, Codable {
    case gpu
}
