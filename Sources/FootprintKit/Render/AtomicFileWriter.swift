/// Writes files so that readers see either the old file or the complete new one: write a temporary file in the
/// same folder, flush it, then rename it over the target. SIGINT, SIGTERM or SIGHUP during a write remove the
/// temporary file before the process exits, so an interrupted run leaves no partial output.
public enum AtomicFileWriter {
    /// Installs the handlers that remove a half-written temporary file on SIGINT, SIGTERM and SIGHUP.
    public static func removeTemporaryFilesOnInterrupt() {
        FileOutput.removePendingTemporaryOnSignals()
    }

    public static func write(_ text: String, to path: String) throws(FootprintError) {
        let folder = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let temporary = (folder.isEmpty ? "" : folder + "/") + ".\(name).\(FileOutput.processID).tmp"
        try FileOutput.whilePending(temporary: temporary) { () throws(FootprintError) in
            let descriptor: Int32
            do throws(FootprintError) {
                descriptor = try FileOutput.create(temporary)
            } catch {
                throw FootprintError(.outputFailed, "cannot create \(temporary): \(error.message)")
            }
            var bytes = Array(text.utf8)
            do throws(FootprintError) {
                try FileOutput.write(bytes, to: descriptor)
            } catch {
                FileOutput.closeDescriptor(descriptor)
                FileOutput.removeFile(temporary)
                throw FootprintError(.outputFailed, "cannot write \(path): \(error.message)")
            }
            bytes.removeAll()
            do throws(FootprintError) {
                try FileOutput.syncAndClose(descriptor)
            } catch {
                FileOutput.removeFile(temporary)
                throw FootprintError(.outputFailed, "cannot write \(path): \(error.message)")
            }
            do throws(FootprintError) {
                try FileOutput.move(temporary, over: path)
            } catch {
                FileOutput.removeFile(temporary)
                throw FootprintError(.outputFailed, "cannot move the report into place at \(path): \(error.message)")
            }
        }
    }

    /// Creates `path` and its parents if missing.
    public static func makeFolder(_ path: String) throws(FootprintError) {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for part in path.split(separator: "/") {
            prefix += part + "/"
            do throws(FootprintError) {
                try FileOutput.makeFolder(prefix)
            } catch {
                throw FootprintError(.outputFailed, "cannot create folder \(prefix): \(error.message)")
            }
        }
    }
}
