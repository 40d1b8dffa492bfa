/// What a device of a ``DeviceID`` is. Whole-node (wall) power, when a reader brings it, is a kind of its own
/// and is never added to its GPUs' energy.
public enum DeviceKind: String, Sendable, Hashable, Codable {
    case gpu
    /// Several GPUs whose energy a tracker gives only together (a CodeCarbon run's GPUs, a Megatron-LM job's):
    /// one device drawing their sum, never taken for an idle GPU.
    case gpuGroup = "gpus"
}
