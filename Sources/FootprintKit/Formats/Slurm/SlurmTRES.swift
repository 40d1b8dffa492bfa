/// The GPUs of a trackable-resources list (`AllocTRES`: `billing=8,cpu=8,gres/gpu:a100=8,gres/gpu=8,mem=64G,node=1`,
/// sorted by name, the typed GRES before the untyped one): the untyped count, else the typed counts summed.
struct SlurmTRES {
    /// GPUs allocated; 0 when the list names no GPU GRES.
    var gpuCount: Int
    /// The GPU type, when one typed GRES names it; nil when untyped or of several types.
    var gpuType: String?

    /// The GPUs of `list`, or nil when it is empty or a count is not a whole number.
    init?(_ list: String) {
        guard !list.isEmpty else { return nil }
        var untyped: Int?
        var typed: [(type: String, count: Int)] = []
        for item in list.split(separator: ",") {
            let pair = item.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            let key = pair[0].lowercased()
            guard key == "gres/gpu" || key.hasPrefix("gres/gpu:") else { continue }
            guard let count = Int(pair[1]), count >= 0 else { return nil }
            if key == "gres/gpu" {
                untyped = count
            } else {
                typed.append((String(key.dropFirst("gres/gpu:".count)), count))
            }
        }
        var sum = 0
        for (_, count) in typed {
            let (total, overflow) = sum.addingReportingOverflow(count)
            guard !overflow else { return nil }
            sum = total
        }
        gpuCount = untyped ?? sum
        let types = Set(typed.filter { $0.count > 0 }.map(\.type))
        gpuType = types.count == 1 ? types.first : nil
    }
}
