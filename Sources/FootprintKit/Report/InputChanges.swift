/// Files that changed while a report read them: a log still being written, rotated or replaced. The report's
/// figures come from one read of such a file and its SHA-256 from another, so neither may describe the file as
/// it is; each one is named in a warning.
enum InputChanges {
    /// A warning for each of `hashed` (``Provenance/hashedFiles(_:)``, or those of them a part hashed: the files
    /// `inputs` begins with, in its order) whose size when found, size when hashed, or size and modification time
    /// now differ.
    static func changes(hashed: [(index: Int, file: DiscoveredFile)], inputs: [Provenance.Input]) -> [InputChange] {
        zip(hashed, inputs).compactMap { hashed, input in
            let file = hashed.file
            guard let change = change(of: file, hashedBytes: input.bytes, now: DirectoryWalker.metadata(of: file.path))
            else { return nil }
            return InputChange(
                fileIndex: hashed.index,
                finding: Finding(
                    .warning, .inputChanged,
                    "changed while the report read it (\(change)): the figures and the SHA-256 may not describe the same bytes; report again once the log is complete, or on a copy",
                    location: InputLocation(path: file.displayPath)))
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
