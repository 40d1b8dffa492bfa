internal import Foundation

/// Publishes a command's output files together, so that readers see the old files or the complete new ones:
///
/// 1. Each file is written to a new temporary file beside its target, `.NAME.HOST.PID.RANDOM.tmp`, created with
///    `O_CREAT|O_EXCL|O_NOFOLLOW` (a name that exists, a planted link included, is never opened: another random
///    name is tried), and flushed to storage.
/// 2. Only when every one is written are they renamed over their targets, one after another; a target that
///    exists is first given a second (hard-linked) name, `.NAME.HOST.PID.RANDOM.old`. A link at a target's name is
///    replaced by the rename, never written through.
///
/// If any step fails, what this call did is undone: temporary files are removed, targets already renamed are
/// restored from their second name, or removed when nothing had that name before. SIGINT, SIGTERM or SIGHUP
/// during step 1 remove the temporary files (``SignalCleanup``); step 2 runs under the clean-up's lock, so a signal
/// then waits for it to finish. SIGKILL can leave `.tmp` and `.old` files: the next publication of that name
/// removes those of processes of this host that are gone.
public final class AtomicFileWriter: @unchecked Sendable {
    /// One file to publish: where it goes, and its text (rendered on a worker thread).
    public typealias File = (path: String, render: @Sendable () -> String)

    private let targets: [String]
    /// Per target, under ``SignalCleanup``'s lock: its temporary file until renamed, the second name of the file
    /// it replaces, whether something had its name, and whether it is in place.
    private var temporaries: [String?]
    private var backups: [String?]
    private var existed: [Bool]
    private var published: [Bool]
    private let failureLock = NSLock()
    private var failure: FootprintError?

    private init(targets: [String]) {
        self.targets = targets
        temporaries = Array(repeating: nil, count: targets.count)
        backups = Array(repeating: nil, count: targets.count)
        existed = Array(repeating: false, count: targets.count)
        published = Array(repeating: false, count: targets.count)
    }

    /// Writes `text` to `path` on its own.
    public static func write(_ text: String, to path: String) throws(FootprintError) {
        let render: @Sendable () -> String = { text }
        try publish([(path, render)])
    }

    /// Writes every file, then puts them all in place; on failure none is changed.
    public static func publish(_ files: [File]) throws(FootprintError) {
        let writer = AtomicFileWriter(targets: files.map(\.path))
        try writer.run(renderers: files.map(\.render))
    }

    /// Creates `path` and its parents if missing; returns the folders it created, outermost first.
    @discardableResult
    public static func makeFolder(_ path: String) throws(FootprintError) -> [String] {
        var created: [String] = []
        var prefix = path.hasPrefix("/") ? "/" : ""
        for part in path.split(separator: "/") {
            prefix += part + "/"
            do throws(FootprintError) {
                if try OutputPaths.makeFolder(prefix) { created.append(prefix) }
            } catch {
                throw FootprintError(.outputFailed, "cannot create folder \(prefix): \(error.message)")
            }
        }
        return created
    }

    private func run(renderers: [@Sendable () -> String]) throws(FootprintError) {
        let cleanup = SignalCleanup.shared
        let key = cleanup.register { [self] in rollBack() }
        defer { cleanup.withdraw(key) }
        for target in Set(targets) { Self.removeStaleFiles(of: target) }
        var files: [OutputFile] = []
        do throws(FootprintError) {
            for index in targets.indices {
                files.append(
                    try cleanup.atomically { () throws(FootprintError) in
                        let (path, file) = try Self.createTemporary(for: targets[index])
                        temporaries[index] = path
                        return file
                    })
            }
        } catch {
            for file in files { try? file.close() }
            cleanup.atomically { rollBack() }
            throw error
        }
        // Rendering and fsync dominate small outputs: the files are written at once.
        let opened = files
        DispatchQueue.concurrentPerform(iterations: targets.count) { index in
            do throws(FootprintError) {
                try opened[index].write(Array(renderers[index]().utf8))
                try opened[index].sync()
            } catch {
                record(FootprintError(.outputFailed, "cannot write \(targets[index]): \(error.message)"))
            }
            do throws(FootprintError) {
                try opened[index].close()
            } catch {
                record(FootprintError(.outputFailed, "cannot write \(targets[index]): \(error.message)"))
            }
        }
        try cleanup.atomically { () throws(FootprintError) in
            do throws(FootprintError) {
                if let failure { throw failure }
                for index in targets.indices where OutputPaths.kind(of: targets[index]) == .folder {
                    throw FootprintError(.outputFailed, "cannot write \(targets[index]): a folder has that name")
                }
                for index in targets.indices { try putInPlace(index) }
            } catch {
                rollBack()
                throw error
            }
            // Done: nothing is left to undo.
            for index in targets.indices {
                if let backup = backups[index] { OutputPaths.remove(backup) }
                backups[index] = nil
                published[index] = false
            }
        }
    }

    private func record(_ error: FootprintError) {
        failureLock.withLock { if failure == nil { failure = error } }
    }

    /// Renames target `index`'s temporary file over it, keeping a second name for the file it replaces.
    private func putInPlace(_ index: Int) throws(FootprintError) {
        let target = targets[index]
        guard let temporary = temporaries[index] else { return }
        if OutputPaths.kind(of: target) != nil {
            existed[index] = true
            backups[index] = Self.secondName(for: target)
        }
        do throws(FootprintError) {
            try OutputPaths.rename(temporary, over: target)
        } catch {
            throw FootprintError(.outputFailed, "cannot move the output into place at \(target): \(error.message)")
        }
        temporaries[index] = nil
        published[index] = true
    }

    /// Undoes what this publication did so far (called under ``SignalCleanup``'s lock).
    private func rollBack() {
        for index in targets.indices.reversed() {
            if published[index] {
                if let backup = backups[index], (try? OutputPaths.rename(backup, over: targets[index])) != nil {
                    backups[index] = nil
                } else if !existed[index] {
                    OutputPaths.remove(targets[index])
                }
                published[index] = false
            }
            if let temporary = temporaries[index] { OutputPaths.remove(temporary) }
            if let backup = backups[index] { OutputPaths.remove(backup) }
            temporaries[index] = nil
            backups[index] = nil
        }
    }

    /// A new temporary file beside `target`, under a random name not taken yet.
    private static func createTemporary(for target: String) throws(FootprintError) -> (String, OutputFile) {
        for _ in 0..<16 {
            let path = sideName(for: target, suffix: "tmp")
            do throws(FootprintError) {
                if let file = try OutputFile.createNew(path) { return (path, file) }
            } catch {
                throw FootprintError(.outputFailed, "cannot create \(path): \(error.message)")
            }
        }
        throw FootprintError(.outputFailed, "cannot create a temporary file beside \(target): every name tried exists")
    }

    /// A second, hard-linked name for the file at `target`; nil where the file system has no hard links.
    private static func secondName(for target: String) -> String? {
        for _ in 0..<16 {
            let path = sideName(for: target, suffix: "old")
            guard let linked = try? OutputPaths.link(target, as: path) else { return nil }
            if linked { return path }
        }
        return nil
    }

    /// `.NAME.HOST.PID.RANDOM.SUFFIX` in `target`'s folder.
    private static func sideName(for target: String, suffix: String) -> String {
        let (folder, name) = split(target)
        let random = String(UInt64.random(in: 0...UInt64.max), radix: 16)
        return folder + ".\(name).\(LocalProcess.host).\(LocalProcess.id).\(random).\(suffix)"
    }

    /// Removes `.tmp` and `.old` files of `target` left by processes of this host that are gone.
    private static func removeStaleFiles(of target: String) {
        let (folder, name) = split(target)
        let prefix = ".\(name).\(LocalProcess.host)."
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder)) ?? []
        for entry in entries where entry.hasPrefix(prefix) && (entry.hasSuffix(".tmp") || entry.hasSuffix(".old")) {
            let parts = entry.dropFirst(prefix.count).dropLast(4).split(separator: ".")
            guard parts.count == 2, let pid = Int32(parts[0]), pid != LocalProcess.id, !LocalProcess.isRunning(pid)
            else { continue }
            OutputPaths.remove(folder + entry)
        }
    }

    /// `path`'s folder with its trailing slash (empty for the current folder), and its last component.
    private static func split(_ path: String) -> (folder: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return ("", path) }
        return (String(path[...slash]), String(path[path.index(after: slash)...]))
    }
}
