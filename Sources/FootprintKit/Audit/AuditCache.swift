internal import Foundation

/// `--cache FILE`: each run's row with a fingerprint of its files (paths, sizes, modification times), so that a
/// re-run analyses only the runs that changed. The file is rewritten atomically after every audit; a cache
/// made with other options is ignored.
enum AuditCache {
    struct Entry {
        var fingerprint: String
        var row: AuditRow
    }

    /// FNV-1a over the sorted `path size mtime` lines of every file under `folder` as discovery sees it (hidden
    /// entries skipped; a symbolic link to a file stands for its target, so a changed target changes the print).
    static func fingerprint(of folder: String) -> String {
        var lines: [String] = []
        DirectoryWalker.forEachFile(under: folder) { relative in
            guard let metadata = DirectoryWalker.metadata(of: folder + "/" + relative) else { return }
            lines.append("\(relative)\t\(metadata.sizeBytes)\t\(metadata.modifiedSeconds).\(metadata.modifiedNanoseconds)")
        }
        return String(ByteKeys.fnv1a(lines.sorted().joined(separator: "\n").utf8), radix: 16)
    }

    /// The cached entries by run path; empty when the file is missing, unreadable or made with other options.
    static func load(path: String, arguments: [String]) -> [String: Entry] {
        guard let data = FileManager.default.contents(atPath: path),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              object["arguments"] as? [String] == arguments, let runs = object["runs"] as? [[String: Any]]
        else { return [:] }
        var entries: [String: Entry] = [:]
        for run in runs {
            guard let fingerprint = run["fingerprint"] as? String, let fields = run["fields"] as? [String],
                  let row = AuditRow(fields: fields) else { continue }
            entries[row.path] = Entry(fingerprint: fingerprint, row: row)
        }
        return entries
    }

    static func save(path: String, arguments: [String], rows: [AuditRow], fingerprints: [String: String]) throws(FootprintError) {
        let root: JSONValue = .object([
            ("arguments", .array(arguments.map(JSONValue.string))),
            ("runs", .array(rows.map { row in
                .object([("fingerprint", .string(fingerprints[row.path] ?? "")), ("fields", .array(row.fields.map(JSONValue.string)))])
            })),
        ])
        try AtomicFileWriter.write(root.rendered(), to: path)
    }
}
