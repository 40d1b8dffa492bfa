internal import Foundation

/// The `wandb-metadata.json` of a run: its host, GPU model and count, for a run file that does not hold them.
///
/// Looked for beside the file, or in the `files/` folder beside it (where the SDK writes it): `wandb-metadata.json`
/// itself, or a renamed copy that keeps the rest of the file's name (`x_wandb-events.jsonl` →
/// `x_wandb-metadata.json`) or names the run id. `gpu` is one name or a bracketed list (`[NVIDIA A100, …]`);
/// a `gpu_nvidia` list gives each GPU's name.
enum WandBMetadata {
    static let fileName = "wandb-metadata.json"
    /// A metadata file larger than this is not read (real ones are a few kilobytes).
    static let maximumBytes = 1 << 20

    /// The metadata for the run file at `path` whose run id is `runID`, and the metadata file's name; nil when
    /// there is none that can be read.
    static func find(besideRunAt path: String, runID: String?) -> (info: WandBRunInfo, name: String)? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        let folder = parts.count > 1 ? parts.dropLast().joined(separator: "/") : "."
        let ownName = String(parts.last ?? "")
        var candidates = [folder + "/" + fileName, folder + "/files/" + fileName]
        if case .success(let listing) = DirectoryWalker.listing(of: folder) {
            for name in listing.files where name.hasSuffix(fileName) && name != fileName {
                let prefix = name.dropLast(fileName.count)
                if ownName.hasPrefix(prefix) || runID.map({ !$0.isEmpty && name.contains($0) }) == true {
                    candidates.append(folder + "/" + name)
                }
            }
        }
        for candidate in candidates {
            guard let metadata = DirectoryWalker.metadata(of: candidate), !metadata.isFolder,
                metadata.sizeBytes <= maximumBytes,
                let info = read(path: candidate)
            else { continue }
            return (info, String(candidate.split(separator: "/").last ?? ""))
        }
        return nil
    }

    /// The host, GPU model, names and count of the metadata file at `path`.
    private static func read(path: String) -> WandBRunInfo? {
        guard let (bytes, _, _) = try? InputOpener.head(path: path, maximumBytes: maximumBytes, limits: InputLimits()),
            let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any]
        else { return nil }
        var info = WandBRunInfo()
        info.host = (object["host"] as? String).flatMap { $0.isEmpty ? nil : $0 }
        info.gpuCount = object["gpu_count"] as? Int
        if let gpu = object["gpu"] as? String {
            let trimmed = gpu.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("["), trimmed.hasSuffix("]") {
                let names = trimmed.dropFirst().dropLast().split(separator: ",").map {
                    $0.trimmingCharacters(in: .whitespaces)
                }
                info.gpuNames = names.filter { !$0.isEmpty }.prefix(PowerRowAccumulator.maximumGPUs).map { $0 }
            } else if !trimmed.isEmpty {
                info.gpuModel = trimmed
            }
        }
        if let devices = object["gpu_nvidia"] as? [[String: Any]] {
            let names = devices.compactMap { $0["name"] as? String }
            if names.count == devices.count, !names.isEmpty {
                info.gpuNames = Array(names.prefix(PowerRowAccumulator.maximumGPUs))
            }
        }
        return info
    }
}
