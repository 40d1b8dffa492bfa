internal import Foundation

/// `--cache FILE`: each run's row with a fingerprint of its files (paths, sizes, modification times), so that a
/// re-run analyses only the runs that changed. The file is JSON Lines: a header with the options' flags, then one
/// line per run, appended as each run finishes (``AuditCacheLog``); it is read back tolerantly (a line that does
/// not parse, such as one cut by a kill, is skipped; a later line for a run wins), and a cache made with other
/// options is ignored.
enum AuditCache {
    struct Entry {
        var fingerprint: String
        var row: AuditRow
    }

    /// The header's format marker; a file without it (an older cache) is ignored.
    static let format = "footprint-audit-cache-2"

    /// FNV-1a over the sorted `path size mtime` lines of every file under `folder` as discovery sees it (hidden
    /// entries skipped; a symbolic link to a file stands for its target, so a changed target changes the print).
    /// Each file that is one of `watching`'s (by device and inode, as read or as the link read through) is passed
    /// to `found` with the watched path.
    static func fingerprint(
        of folder: String, watching: [FileIdentity: String] = [:],
        found: (_ file: String, _ watched: String) -> Void = { _, _ in }
    ) -> String {
        var lines: [String] = []
        DirectoryWalker.forEachFile(under: folder) { relative in
            let path = folder + "/" + relative
            guard let metadata = DirectoryWalker.metadata(of: path) else { return }
            lines.append(
                "\(relative)\t\(metadata.sizeBytes)\t\(metadata.modifiedSeconds).\(metadata.modifiedNanoseconds)")
            guard !watching.isEmpty else { return }
            for following in [true, false] {
                if let identity = FileIdentity.of(path, followingLinks: following), let watched = watching[identity] {
                    return found(path, watched)
                }
            }
        }
        return String(ByteKeys.fnv1a(lines.sorted().joined(separator: "\n").utf8), radix: 16)
    }

    /// The lock file of the cache at `path`: `.NAME.lock` beside it.
    static func lockPath(for path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return ".\(path).lock" }
        return String(path[...slash]) + "." + path[path.index(after: slash)...] + ".lock"
    }

    /// The first line: the format and the options' flags.
    static func header(arguments: [String]) -> String {
        line(["format": format, "arguments": arguments])
    }

    /// One run's line.
    static func line(_ row: AuditRow, fingerprint: String) -> String {
        line(["fingerprint": fingerprint, "fields": row.fields])
    }

    /// The cached entries by run path; empty when the file is missing, unreadable or made with other options.
    static func load(path: String, arguments: [String]) -> [String: Entry] {
        guard let data = FileManager.default.contents(atPath: path) else { return [:] }
        let lines = data.split(separator: UInt8(ascii: "\n"))
        guard let first = lines.first, let header = object(first), header["format"] as? String == format,
            header["arguments"] as? [String] == arguments
        else { return [:] }
        var entries: [String: Entry] = [:]
        for line in lines.dropFirst() {
            guard let run = object(line), let fingerprint = run["fingerprint"] as? String,
                let fields = run["fields"] as? [String], let row = AuditRow(fields: fields)
            else { continue }
            entries[row.path] = Entry(fingerprint: fingerprint, row: row)
        }
        return entries
    }

    private static func object(_ line: Data.SubSequence) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(line))) as? [String: Any]
    }

    /// `object` as one line of JSON, keys sorted.
    private static func line(_ object: [String: Any]) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
