/// Gives each power log's devices their host, so that GPU 0 of one host is never taken for GPU 0 of another:
/// copies of one log are counted once, and logs that ran at the same time from different places are different
/// hosts, named from their paths (or by `--host-from`).
///
/// A host is named only when the run has several: logs whose times overlap and whose paths differ where a host
/// name would be (a folder `node01/`, a file-name part `gpu-node-017.csv`, a `host=gpu12` folder). Logs one
/// after another in time (a resumed job) are one host's. A single-host run keeps an empty host.
///
/// A log whose own content names its host (a W&B run's host name) keeps that name: its path does not rename
/// it. Two such logs of the same host, GPUs and time are the same node's samples logged twice (W&B logs the
/// whole node in each rank's run): the node is counted once, from the log that spans the longer time; the time
/// only the other spans is not counted, and a warning says how much.
enum HostAssignment {
    /// Folder names of the form `KEY=VALUE` whose value is the host, by key.
    static let hostKeys: Set<String> = ["host", "hostname", "node", "nodename", "server", "machine"]
    /// File-name words that label the part after them (`node-017`, `host_a`): kept with it in the host name.
    static let labelWords: Set<String> = ["node", "host", "server", "worker", "machine", "compute"]

    /// The logs with hosts set on their devices, copies left out (each with an `input.duplicate` finding).
    ///
    /// - Parameter hostPattern: `--host-from`: a regular expression whose one capture group over a log's
    ///   relative path is its host; logs it does not match keep an empty host, with a finding. Logs that name their
    ///   own host keep it.
    static func assign(_ logs: [PowerLog], hostPattern: HostPattern?, findings: inout FindingLog) -> [PowerLog] {
        var kept: [PowerLog] = []
        for log in logs {
            if let original = kept.first(where: { isCopy(log, of: $0) }) {
                findings.add(
                    Finding(
                        .warning, .inputDuplicate,
                        "a copy of \(original.path) (the same GPUs with the same samples): counted once",
                        location: InputLocation(path: log.path)))
                continue
            }
            if let index = kept.firstIndex(where: { isSameNode(log, as: $0) }) {
                let (counted, dropped) = length(log) > length(kept[index]) ? (log, kept[index]) : (kept[index], log)
                kept[index] = counted
                noteSameNode(dropped, countedFrom: counted, findings: &findings)
                continue
            }
            kept.append(log)
        }
        // Logs that name their own host keep it; the others are named from their paths.
        let ownHosts = kept.map(ownHost)
        let unnamed = kept.indices.filter { ownHosts[$0] == nil }
        var names = ownHosts.map { $0 ?? "" }
        if let hostPattern {
            for index in unnamed {
                let log = kept[index]
                guard let host = hostPattern.host(in: log.path) else {
                    findings.add(
                        Finding(
                            .warning, .hostUnnamed,
                            "--host-from '\(hostPattern.pattern)' does not match this path; its GPUs have no host",
                            location: InputLocation(path: log.path)))
                    continue
                }
                names[index] = host
            }
        } else {
            for (index, name) in zip(unnamed, namesFromPaths(unnamed.map { kept[$0].path })) { names[index] = name }
            // Logs that ran at the same time, from different places: then the names are hosts.
            let concurrent = concurrentPairs(kept)
            guard concurrent.contains(where: { names[$0.first] != names[$0.second] }) else {
                noteUnnamedHosts(kept, concurrent: concurrent, findings: &findings)
                return kept
            }
        }
        return zip(kept, names).map { log, host in
            var hosted = log
            for index in hosted.gpus.indices { hosted.gpus[index].identity.host = host }
            return hosted
        }
    }

    /// The host that all of `log`'s devices carry from its content, or nil when they carry none (or differ).
    private static func ownHost(_ log: PowerLog) -> String? {
        guard let host = log.gpus.first?.identity.host, !host.isEmpty,
            log.gpus.allSatisfy({ $0.identity.host == host })
        else { return nil }
        return host
    }

    /// Whether `log` holds the devices of the host that `other` holds (both named by their content), over the same
    /// time: spans that overlap, or, for a run of a single tick, that meet once widened by a gap threshold (ranks'
    /// runs sample the node milliseconds apart). Runs one after another on the node are not the same time.
    static func isSameNode(_ log: PowerLog, as other: PowerLog) -> Bool {
        guard let host = ownHost(log), host == ownHost(other),
            Set(log.gpus.map(\.identity.matchKey)) == Set(other.gpus.map(\.identity.matchKey)),
            let mine = span(log), let theirs = span(other)
        else { return false }
        guard mine.lowerBound < mine.upperBound, theirs.lowerBound < theirs.upperBound else {
            let slack = max(threshold(log), threshold(other))
            return mine.lowerBound - slack <= theirs.upperBound && theirs.lowerBound - slack <= mine.upperBound
        }
        return min(mine.upperBound, theirs.upperBound) > max(mine.lowerBound, theirs.lowerBound)
    }

    /// The seconds a log's samples span (0 without samples).
    private static func length(_ log: PowerLog) -> Double { span(log).map { $0.upperBound - $0.lowerBound } ?? 0 }

    /// The finding of a log of the same node as `counted`, left out: a note, or a warning with the seconds that
    /// only it spans, which are not counted.
    private static func noteSameNode(_ dropped: PowerLog, countedFrom counted: PowerLog, findings: inout FindingLog) {
        let host = dropped.gpus.first?.identity.host ?? ""
        let message =
            "holds the same GPUs of host \(host) at the same time as \(counted.path) (each rank's W&B run logs the whole node): counted once, from \(counted.path)"
        let outside = span(dropped).flatMap { mine in
            span(counted).map { theirs in
                max(0, theirs.lowerBound - mine.lowerBound) + max(0, mine.upperBound - theirs.upperBound)
            }
        }
        if let outside, outside > threshold(dropped) {
            findings.add(
                Finding(
                    .warning, .inputDuplicate,
                    message
                        + "; its \(ReportFormatting.duration(outside)) outside that log's span are not counted",
                    location: InputLocation(path: dropped.path)))
        } else {
            findings.add(Finding(.note, .inputDuplicate, message, location: InputLocation(path: dropped.path)))
        }
    }

    /// The largest gap threshold of a log's traces with samples.
    private static func threshold(_ log: PowerLog) -> Double {
        log.gpus.filter { $0.trace.sampleCount > 0 }.map(\.trace.gapThresholdSeconds).max() ?? 0
    }

    /// Whether `log` holds the same devices with the same samples as `other` (times, energy and extremes equal
    /// to the last bit): a file copied twice into the run, not a second host.
    static func isCopy(_ log: PowerLog, of other: PowerLog) -> Bool {
        guard log.gpus.count == other.gpus.count, log.gpus.contains(where: { $0.trace.sampleCount > 0 }) else {
            return false
        }
        return zip(log.gpus, other.gpus).allSatisfy { mine, theirs in
            let a = mine.trace
            let b = theirs.trace
            return mine.identity.matchKey == theirs.identity.matchKey && a.sampleCount == b.sampleCount
                && a.firstSeconds == b.firstSeconds && a.lastSeconds == b.lastSeconds && a.joules == b.joules
                && a.leftRuleJoules == b.leftRuleJoules && a.minimumWatts == b.minimumWatts
                && a.maximumWatts == b.maximumWatts
        }
    }

    /// The pairs of logs (indices, first < second) whose samples' spans overlap in time.
    private static func concurrentPairs(_ logs: [PowerLog]) -> [(first: Int, second: Int)] {
        let spans = logs.map(span)
        var pairs: [(first: Int, second: Int)] = []
        for first in logs.indices {
            for second in logs.indices where second > first {
                guard let a = spans[first], let b = spans[second],
                    min(a.upperBound, b.upperBound) > max(a.lowerBound, b.lowerBound)
                else { continue }
                pairs.append((first, second))
            }
        }
        return pairs
    }

    /// When logs without host names hold the same GPU ids with different samples at the same time, they cannot
    /// be one host's: say so (``DeviceJoining`` keeps the first file's samples) and how to name the hosts.
    private static func noteUnnamedHosts(
        _ logs: [PowerLog], concurrent: [(first: Int, second: Int)], findings: inout FindingLog
    ) {
        for (first, second) in concurrent {
            let shared = Set(logs[first].gpus.map(\.identity.matchKey))
                .intersection(logs[second].gpus.map(\.identity.matchKey))
            guard !shared.isEmpty else { continue }
            findings.add(
                Finding(
                    .warning, .hostUnnamed,
                    "\(logs[first].path) and \(logs[second].path) hold the same GPU ids at the same time but their paths name no host: if they come from different hosts, pass --host-from with a regular expression whose capture group is the host",
                    location: InputLocation(path: logs[second].path)))
        }
    }

    /// The span of a log's valid samples, UTC seconds; nil without samples.
    private static func span(_ log: PowerLog) -> ClosedRange<Double>? { EnergyTrace.span(of: log.gpus.map(\.trace)) }

    /// A host name for each path: a `host=NAME` folder; else the first folder level where the paths differ;
    /// else the part of the file names (without extensions) that differs, with a label word before it
    /// (`node-017`); empty when all paths are the same but for nothing a host could be.
    static func namesFromPaths(_ paths: [String]) -> [String] {
        let components = paths.map { $0.split(separator: "/").map(String.init) }
        let keyed = components.compactMap(keyedHost)
        if keyed.count == paths.count, Set(keyed).count > 1 { return keyed }
        let folders = components.map { $0.dropLast() }
        let depth = folders.map(\.count).max() ?? 0
        for level in 0..<depth {
            let atLevel = folders.map { level < $0.count ? $0[$0.startIndex + level] : nil }
            if Set(atLevel).count > 1 {
                return zip(atLevel, components).map { folder, parts in folder ?? stem(parts.last ?? "") }
            }
        }
        return differingParts(components.map { stem($0.last ?? "") })
    }

    /// The value of a `host=NAME` component, if the path has one.
    private static func keyedHost(_ components: [String]) -> String? {
        for component in components {
            let pair = component.split(separator: "=", maxSplits: 1).map(String.init)
            if pair.count == 2, hostKeys.contains(pair[0].lowercased()), !pair[1].isEmpty { return pair[1] }
        }
        return nil
    }

    /// A file name without the extensions logs carry (`.csv.gz`, `.log`, `.txt`, …).
    static func stem(_ name: String) -> String {
        var stem = Substring(name)
        let extensions = [".gz", ".csv", ".tsv", ".log", ".txt", ".out", ".json", ".jsonl"]
        while let ext = extensions.first(where: { stem.lowercased().hasSuffix($0) }), stem.count > ext.count {
            stem = stem.dropLast(ext.count)
        }
        return String(stem)
    }

    /// The words of each stem (split at `-`, `_`, `.`) left once the words all stems share at the start and
    /// the end are taken off, joined by their own separators, with a label word (`node`, `host`) kept before
    /// them. Stems that share no word at either end follow no naming pattern (`nvidia-smi` beside `dmon`: one
    /// host's logs in two formats): no names.
    static func differingParts(_ stems: [String]) -> [String] {
        let words = stems.map(split)
        guard words.count > 1 else { return stems.map { _ in "" } }
        var prefix = 0
        while words.allSatisfy({ prefix < $0.count }), Set(words.map { $0[prefix].word }).count == 1 { prefix += 1 }
        var suffix = 0
        while words.allSatisfy({ suffix < $0.count - prefix }),
            Set(words.map { $0[$0.count - 1 - suffix].word }).count == 1
        {
            suffix += 1
        }
        guard prefix > 0 || suffix > 0 else { return stems.map { _ in "" } }
        return words.map { parts in
            var start = prefix
            if start > 0, labelWords.contains(parts[start - 1].word.lowercased()) { start -= 1 }
            let middle = parts[start..<(parts.count - suffix)]
            guard let first = middle.first else { return "" }
            return middle.dropFirst().reduce(first.word) { $0 + $1.separator + $1.word }
        }
    }

    /// A stem's words, each with the separator before it.
    private static func split(_ stem: String) -> [(separator: String, word: String)] {
        var parts: [(separator: String, word: String)] = []
        var separator = ""
        var word = ""
        for character in stem {
            guard character == "-" || character == "_" || character == "." else {
                word.append(character)
                continue
            }
            if !word.isEmpty { parts.append((separator, word)) }
            word = ""
            separator = String(character)
        }
        if !word.isEmpty { parts.append((separator, word)) }
        return parts
    }
}
