#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds the runs under an audit's root folder.
///
/// The rule: walking down from the root, a folder that directly holds a file named like a log is a run, and
/// everything below it belongs to that run (a `tb/` or `lightning_logs/` folder inside a run is part of it).
/// A folder without such files is not a run; its subfolders are looked at instead. Names that look like logs:
/// `events.out.tfevents.*`, `*.pt.trace.json[.gz]` and `*trace*.json[.gz]`, `dmon*` files, W&B run files
/// (`*.wandb[.gz]`, so that each `wandb/run-*` folder is a run) and `wandb-events.jsonl`, `dcgm*` files and
/// `*.prom` scrapes, and `.csv`/`.log`/`.txt` files (optionally `.gz`) whose name mentions gpu, nvidia, smi,
/// power, energy, metrics or monitor; and any file whose first bytes are a log's (the first 64 other files of a
/// folder are looked at).
/// `--run-depth N` makes the folders exactly N levels below the root the runs; `--run-glob PATTERN` the folders
/// whose path relative to the root matches the shell pattern. Folders are read under ``DirectoryWalker``'s rules
/// (the same as a run's discovery); unreadable folders are reported and skipped.
public enum AuditDiscovery {
    /// How runs are told apart.
    public enum Rule: Sendable, Hashable {
        case logsByName
        case depth(Int)
        case glob(String)
    }

    /// A run found: its path relative to the root ("." for the root itself) and the files named like logs in it.
    public struct Candidate: Sendable, Hashable {
        public var relativePath: String
        public var logLikeFileCount: Int
    }

    /// The runs under `root`, sorted by path, and the folders that could not be read.
    public static func runs(under root: String, rule: Rule) -> (runs: [Candidate], unreadable: [String]) {
        var runs: [Candidate] = []
        var unreadable: [String] = []
        var pending: [(relative: String, depth: Int)] = [("", 0)]
        while let (relative, depth) = pending.popLast() {
            let folder = relative.isEmpty ? root : root + "/" + relative
            guard case .success(let entries) = DirectoryWalker.listing(of: folder) else {
                unreadable.append(relative.isEmpty ? "." : relative)
                continue
            }
            var sniffed = 0
            let logLike = entries.files.filter { name in
                if looksLikeLog(name) { return true }
                // Content decides, not names: a log named `data.csv` makes a run too. The first files only,
                // so that a folder of a million checkpoints costs little.
                sniffed += 1
                guard sniffed <= sniffedPerFolder else { return false }
                return FormatSniffer.classify(path: folder + "/" + name, limits: InputLimits()).kind.isRead
            }.count
            let display = relative.isEmpty ? "." : relative
            switch rule {
            case .logsByName:
                if logLike > 0 {
                    runs.append(Candidate(relativePath: display, logLikeFileCount: logLike))
                    continue
                }
            case .depth(let wanted):
                if depth == wanted {
                    runs.append(Candidate(relativePath: display, logLikeFileCount: logLike))
                    continue
                }
            case .glob(let pattern):
                if !relative.isEmpty && fnmatch(pattern, relative, 0) == 0 {
                    runs.append(Candidate(relativePath: display, logLikeFileCount: logLike))
                    continue
                }
            }
            for child in entries.folders.reversed() {
                pending.append((relative.isEmpty ? child : relative + "/" + child, depth + 1))
            }
        }
        return (runs.sorted { $0.relativePath < $1.relativePath }, unreadable.sorted())
    }

    /// Files per folder whose content is looked at when their names do not look like logs.
    static let sniffedPerFolder = 64

    /// Whether a file name looks like a log this tool reads.
    static func looksLikeLog(_ name: String) -> Bool {
        let lower = name.lowercased()
        if lower.hasPrefix("events.out.tfevents.") { return true }
        let base = lower.hasSuffix(".gz") ? String(lower.dropLast(3)) : lower
        if base.hasSuffix(".json") && (base.contains("trace") || base.hasSuffix(".pt.trace.json")) { return true }
        if base.hasPrefix("dmon") || base.hasSuffix(".wandb") || base == "wandb-events.jsonl" { return true }
        if base.hasPrefix("dcgm") || base.hasSuffix(".prom") { return true }
        guard base.hasSuffix(".csv") || base.hasSuffix(".log") || base.hasSuffix(".txt") else { return false }
        return ["gpu", "nvidia", "smi", "power", "energy", "metrics", "monitor"].contains { base.contains($0) }
    }
}
