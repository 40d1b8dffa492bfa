#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Walks a run folder under ``DirectoryWalker``'s rules and classifies every file in it by content; links to
/// folders, broken links, FIFOs, sockets, devices, names that are not UTF-8 and unreadable folders are reported.
/// Empty files do not count towards ``maximumFiles``, so that a flood of them cannot hide a log.
enum RunDiscovery {
    /// The most files looked at under one run folder.
    static let maximumFiles = 100_000

    static func discover(
        runDirectory: String, limits: InputLimits, findings: inout FindingLog
    ) throws(FootprintError) -> [DiscoveredFile] {
        var info = stat()
        guard stat(runDirectory, &info) == 0 else {
            throw FootprintError(
                .unreadableInput, "no such file or folder", location: InputLocation(path: runDirectory))
        }
        if let type = DirectoryWalker.specialFileType(of: runDirectory) {
            throw FootprintError(
                .unreadableInput, "\(type), not a regular file or folder; footprint reads only files and folders",
                location: InputLocation(path: runDirectory))
        }
        if (info.st_mode & S_IFMT) != S_IFDIR {
            // A single file given directly is a run of one file.
            let name = runDirectory.split(separator: "/").last.map(String.init) ?? runDirectory
            return [
                classified(
                    path: runDirectory, displayPath: name, metadata: DirectoryWalker.FileMetadata(info),
                    limits: limits, findings: &findings)
            ]
        }
        var steps: [DiscoveryStep] = []
        var countedFiles = 0
        var pending: [String] = [""]
        while let relative = pending.popLast() {
            let folder = relative.isEmpty ? runDirectory : runDirectory + "/" + relative
            let listing: DirectoryWalker.Listing
            switch DirectoryWalker.listing(of: folder) {
            case .success(let found): listing = found
            case .failure(let error):
                steps.append(
                    .finding(
                        Finding(
                            .warning, .inputSkipped, "folder cannot be read (\(error.reason)); skipped",
                            location: InputLocation(path: relative.isEmpty ? "." : relative))))
                continue
            }
            let prefix = relative.isEmpty ? "" : relative + "/"
            for (name, reason) in listing.skipped {
                let location = InputLocation(path: prefix + name)
                switch reason {
                case .linkToFolder:
                    steps.append(
                        .finding(
                            Finding(.note, .inputSkipped, "symbolic link to a folder; not followed", location: location)
                        ))
                case .brokenLink:
                    steps.append(
                        .finding(Finding(.note, .inputSkipped, "broken symbolic link; skipped", location: location)))
                case .vanished:
                    steps.append(
                        .finding(
                            Finding(
                                .warning, .inputSkipped, "vanished or unreadable while scanning; skipped",
                                location: location)))
                case .notRegularFile(let type):
                    steps.append(
                        .finding(
                            Finding(
                                .warning, .inputSkipped,
                                "\(type), not a regular file; skipped (reading it could block)",
                                location: location)))
                case .nameNotUTF8:
                    steps.append(
                        .finding(
                            Finding(
                                .warning, .inputSkipped,
                                "file name is not valid UTF-8 (shown with its bytes escaped) and it could not be opened by its raw name; skipped: rename it to read it",
                                location: location)))
                }
            }
            for name in listing.files {
                let relativePath = prefix + name
                let path = runDirectory + "/" + relativePath
                guard let metadata = DirectoryWalker.metadata(of: path), !metadata.isFolder else {
                    steps.append(
                        .finding(
                            Finding(
                                .warning, .inputSkipped, "vanished or unreadable while scanning; skipped",
                                location: InputLocation(path: relativePath))))
                    continue
                }
                guard countedFiles < maximumFiles else {
                    steps.append(
                        .finding(
                            Finding(
                                .warning, .inputLimit,
                                "more than \(maximumFiles) non-empty files; the rest (from here on, in name order) were not looked at",
                                location: InputLocation(path: relativePath))))
                    return classified(steps, limits: limits, findings: &findings)
                }
                if metadata.sizeBytes > 0 { countedFiles += 1 }
                steps.append(.file(path: path, displayPath: relativePath, metadata: metadata))
            }
            for (name, path) in listing.openedByDescriptor {
                let relativePath = prefix + name
                guard let metadata = DirectoryWalker.metadata(of: path) else { continue }
                steps.append(
                    .finding(
                        Finding(
                            .note, .inputSkipped,
                            "file name is not valid UTF-8: shown with its bytes escaped, read through an open descriptor",
                            location: InputLocation(path: relativePath))))
                steps.append(.file(path: path, displayPath: relativePath, metadata: metadata))
            }
            // Depth first, in name order.
            pending.append(contentsOf: listing.folders.reversed().map { prefix + $0 })
        }
        return classified(steps, limits: limits, findings: &findings)
    }

    /// What the walk met, in order: a finding, or a file to classify.
    private enum DiscoveryStep {
        case finding(Finding)
        case file(path: String, displayPath: String, metadata: DirectoryWalker.FileMetadata)
    }

    /// The files among `steps` classified in parallel on all cores (sniffing reads each file's head), in name
    /// order; the walk's findings and the classification's added in the order the walk met them.
    private static func classified(
        _ steps: [DiscoveryStep], limits: InputLimits, findings: inout FindingLog
    ) -> [DiscoveredFile] {
        let candidates = steps.compactMap {
            step -> (path: String, displayPath: String, metadata: DirectoryWalker.FileMetadata)? in
            guard case .file(let path, let displayPath, let metadata) = step else { return nil }
            return (path, displayPath, metadata)
        }
        var results = candidates.concurrentMap { candidate in
            var fileFindings = FindingLog()
            let file = classified(
                path: candidate.path, displayPath: candidate.displayPath, metadata: candidate.metadata,
                limits: limits, findings: &fileFindings)
            return (file: file, findings: fileFindings)
        }[...]
        var files: [DiscoveredFile] = []
        for step in steps {
            switch step {
            case .finding(let finding):
                findings.add(finding)
            case .file:
                let result = results.removeFirst()
                files.append(result.file)
                findings.append(contentsOf: result.findings)
            }
        }
        return files.sorted { Array($0.displayPath.utf8).lexicographicallyPrecedes(Array($1.displayPath.utf8)) }
    }

    /// The file at `path` classified by its content; a file of another producer is named in a finding.
    private static func classified(
        path: String, displayPath: String, metadata: DirectoryWalker.FileMetadata, limits: InputLimits,
        findings: inout FindingLog
    ) -> DiscoveredFile {
        let (kind, encoding, note, foreign) = FormatSniffer.classify(path: path, limits: limits)
        if let foreign {
            findings.add(
                Finding(.note, .inputForeign, foreign.note, location: InputLocation(path: displayPath)))
        }
        return DiscoveredFile(
            path: path, displayPath: displayPath, sizeBytes: metadata.sizeBytes,
            modifiedSeconds: metadata.modifiedUnixSeconds, kind: kind, encoding: encoding, note: note, foreign: foreign)
    }
}
