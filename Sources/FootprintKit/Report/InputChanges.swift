/// Files that changed while a report read them: a log still being written, rotated or replaced. The report's
/// figures come from one read of such a file and its SHA-256 from another, so neither may describe the file as
/// it is; each one is named in a warning.
enum InputChanges {
    /// A warning for each of `files` (with its index) that `inputs` hashed and whose size when found, size when
    /// hashed, or size and modification time now differ.
    static func findings(files: [DiscoveredFile], inputs: [Provenance.Input]) -> [(fileIndex: Int, finding: Finding)] {
        var hashedBytes: [String: Int] = [:]
        for input in inputs { hashedBytes[input.path] = hashedBytes[input.path] ?? input.bytes }
        return files.indices.compactMap { index in
            let file = files[index]
            guard let hashed = hashedBytes[file.displayPath],
                let change = change(of: file, hashedBytes: hashed, now: DirectoryWalker.metadata(of: file.path))
            else { return nil }
            return (
                index,
                Finding(
                    .warning, .inputChanged,
                    "changed while the report read it (\(change)): the figures and the SHA-256 may not describe the same bytes; report again once the log is complete, or on a copy",
                    location: InputLocation(path: file.displayPath))
            )
        }
    }

    /// How `file` changed, in words, given the bytes hashed and its metadata now (nil when it is gone); nil when
    /// it did not.
    static func change(of file: DiscoveredFile, hashedBytes: Int, now: DirectoryWalker.FileMetadata?) -> String? {
        let found = "\(ReportFormatting.grouped(file.sizeBytes)) bytes when found"
        guard let now else {
            return found + (hashedBytes == file.sizeBytes ? "" : ", \(ReportFormatting.grouped(hashedBytes)) hashed")
                + ", gone now"
        }
        let sizes = [file.sizeBytes, hashedBytes, now.sizeBytes]
        if Set(sizes).count > 1 {
            return found
                + ", \(ReportFormatting.grouped(hashedBytes)) hashed, \(ReportFormatting.grouped(now.sizeBytes)) now"
        }
        if let modified = file.modifiedSeconds, modified != now.modifiedUnixSeconds {
            return found + " and now, but written to since"
        }
        return nil
    }
}
