#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Walks a run folder and classifies every file in it by content.
///
/// Entries are visited in byte order of their names, so reports list them deterministically. Hidden entries
/// (names starting with `.`) are skipped; symbolic links to folders are not followed (which also rules out
/// loops); unreadable folders are reported and skipped.
enum RunDiscovery {
    /// The most files looked at under one run folder.
    static let maximumFiles = 100_000

    static func discover(
        runDirectory: String, limits: InputLimits, findings: inout FindingLog
    ) throws(FootprintError) -> [DiscoveredFile] {
        var info = stat()
        guard stat(runDirectory, &info) == 0 else {
            throw FootprintError(.unreadableInput, "no such file or folder", location: InputLocation(path: runDirectory))
        }
        if (info.st_mode & S_IFMT) != S_IFDIR {
            // A single file given directly is a run of one file.
            let name = runDirectory.split(separator: "/").last.map(String.init) ?? runDirectory
            let (kind, encoding, note) = FormatSniffer.classify(path: runDirectory, limits: limits)
            return [DiscoveredFile(path: runDirectory, displayPath: name, sizeBytes: Int(info.st_size), kind: kind,
                                   encoding: encoding, note: note)]
        }
        var files: [DiscoveredFile] = []
        var pending: [String] = [""]
        while let relative = pending.popLast() {
            let folder = relative.isEmpty ? runDirectory : runDirectory + "/" + relative
            guard let handle = opendir(folder) else {
                findings.add(Finding(.warning, "folder cannot be read (\(String(cString: strerror(errno)))); skipped",
                                     location: InputLocation(path: relative.isEmpty ? "." : relative)))
                continue
            }
            var names: [String] = []
            while let entry = readdir(handle) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
                }
                if name.hasPrefix(".") { continue }
                names.append(name)
            }
            closedir(handle)
            var subfolders: [String] = []
            for name in names.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) {
                let relativePath = relative.isEmpty ? name : relative + "/" + name
                let path = runDirectory + "/" + relativePath
                var entryInfo = stat()
                guard lstat(path, &entryInfo) == 0 else {
                    findings.add(Finding(.warning, "vanished or unreadable while scanning; skipped",
                                         location: InputLocation(path: relativePath)))
                    continue
                }
                var type = entryInfo.st_mode & S_IFMT
                if type == S_IFLNK {
                    guard stat(path, &entryInfo) == 0 else {
                        findings.add(Finding(.note, "broken symbolic link; skipped", location: InputLocation(path: relativePath)))
                        continue
                    }
                    type = entryInfo.st_mode & S_IFMT
                    if type == S_IFDIR {
                        findings.add(Finding(.note, "symbolic link to a folder; not followed",
                                             location: InputLocation(path: relativePath)))
                        continue
                    }
                }
                if type == S_IFDIR {
                    subfolders.append(relativePath)
                    continue
                }
                guard type == S_IFREG else { continue }
                guard files.count < maximumFiles else {
                    findings.add(Finding(.warning, "more than \(maximumFiles) files; the rest were not looked at",
                                         location: InputLocation(path: relativePath)))
                    return files
                }
                let (kind, encoding, note) = FormatSniffer.classify(path: path, limits: limits)
                files.append(DiscoveredFile(path: path, displayPath: relativePath, sizeBytes: Int(entryInfo.st_size),
                                            kind: kind, encoding: encoding, note: note))
            }
            // Depth first, in name order.
            pending.append(contentsOf: subfolders.reversed())
        }
        return files.sorted { Array($0.displayPath.utf8).lexicographicallyPrecedes(Array($1.displayPath.utf8)) }
    }
}
