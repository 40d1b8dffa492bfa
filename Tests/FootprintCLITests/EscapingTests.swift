import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Hostile names (GPU names, file names) reach the outputs escaped, entries that cannot be read are listed, and
/// files that could block (FIFOs, devices) are refused promptly.
struct EscapingTests {
    static let header = "timestamp, index, name, uuid, power.draw [W], utilization.gpu [%], memory.used [MiB]\n"

    /// 20 rows each of a GPU named `name` and of a GPU whose readings are all `[N/A]`.
    static func log(gpuName name: String) -> String {
        header
            + (0..<20).map { second in
                "2024/03/05 14:00:\(String(format: "%02d", second)).000, 0, \(name), GPU-0000, 250.0 W, 90 %, 1000 MiB\n"
                    + "2024/03/05 14:00:\(String(format: "%02d", second)).000, 1, NVIDIA A100, GPU-0001, [N/A], 90 %, 1000 MiB\n"
            }.joined()
    }

    static func folder() throws -> String {
        let folder = NSTemporaryDirectory() + "footprint-escaping-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Runs the binary; fails the test instead of hanging when it has not finished within 10 s.
    static func runPromptly(_ arguments: [String]) throws -> FootprintCLITests.Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: FootprintCLITests.binary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: FootprintCLITests.repositoryRoot)
        let folder = try folder()
        #expect(FileManager.default.createFile(atPath: folder + "/out", contents: nil))
        #expect(FileManager.default.createFile(atPath: folder + "/err", contents: nil))
        process.standardOutput = FileHandle(forWritingAtPath: folder + "/out")
        process.standardError = FileHandle(forWritingAtPath: folder + "/err")
        let start = Date()
        try process.run()
        while process.isRunning && Date().timeIntervalSince(start) < 10 { usleep(20_000) }
        let finished = !process.isRunning
        if !finished { process.terminate() }
        process.waitUntilExit()
        #expect(finished, "footprint \(arguments.joined(separator: " ")) did not finish within 10 s")
        let read = { (name: String) in
            String(decoding: FileManager.default.contents(atPath: folder + "/" + name) ?? Data(), as: UTF8.self)
        }
        return FootprintCLITests.Result(status: process.terminationStatus, stdout: read("out"), stderr: read("err"))
    }

    @Test func hostileNamesAreEscapedInMarkdownAndOnStandardError() throws {
        let folder = try Self.folder()
        let name = "evil\nfootprint: error: forged\u{1B}[2J.csv"
        #expect(
            FileManager.default.createFile(
                atPath: folder + "/" + name, contents: Data(Self.log(gpuName: "<script>|x`y*z_").utf8)))
        let result = try FootprintCLITests.run(["report", folder, "--tz", "UTC"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("| \\<script\\>\\|x\\`y\\*z\\_ | yes |"))
        #expect(!result.stdout.contains("<script>") && !result.stdout.contains("\u{1B}"))
        #expect(result.stdout.contains("evil\\\\x0afootprint: error: forged\\\\x1b[2J.csv"))
        // Every table row still has the columns of its header.
        let gpuRows = result.stdout.split(separator: "\n").filter { $0.hasPrefix("| 0 |") || $0.hasPrefix("| GPU |") }
        #expect(Set(gpuRows.map { $0.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count }).count == 1)
        // Standard error: no control character, no forged line.
        #expect(!result.stderr.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(result.stderr.split(separator: "\n").allSatisfy { $0.hasPrefix("footprint: ") })
        #expect(
            result.stderr.contains(
                "evil\\x0afootprint: error: forged\\x1b[2J.csv: warning: GPU 1 (NVIDIA A100): all 20 readings were '[N/A]'"
            ))
        let inspect = try FootprintCLITests.run(["inspect", folder, "--tz", "UTC"])
        #expect(!inspect.stdout.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(inspect.stdout.hasPrefix("evil\\x0afootprint: error: forged\\x1b[2J.csv — "))
    }

    @Test func otherFormatsEscapeTheNamesToo() throws {
        let folder = try Self.folder()
        #expect(
            FileManager.default.createFile(
                atPath: folder + "/gpu.csv", contents: Data(Self.log(gpuName: "A&<x>\\%_#").utf8)))
        let latex = try FootprintCLITests.run(["report", folder, "--tz", "UTC", "--format", "latex"])
        #expect(latex.stdout.contains("A\\&\\textless{}x\\textgreater{}\\textbackslash{}\\%\\_\\#"))
        let svg = try FootprintCLITests.run(["report", folder, "--tz", "UTC", "--format", "svg"])
        #expect(svg.status == 0 && !svg.stdout.contains("<x>"))
        let card = try FootprintCLITests.run(["report", folder, "--tz", "UTC", "--format", "model-card"])
        #expect(card.stdout.contains("hardware_used: \"1 x A&<x>\\\\%_#\""))
    }

    @Test func fifosInARunFolderAreListedAndAFIFOIsRefused() throws {
        let folder = try Self.folder()
        try FileManager.default.copyItem(
            atPath: FootprintCLITests.repositoryRoot + "/Fixtures/runs/example/nvidia-smi.csv",
            toPath: folder + "/nvidia-smi.csv")
        #expect(mkfifo(folder + "/pipe", 0o600) == 0)
        let report = try Self.runPromptly(["report", folder, "--tz", "UTC"])
        #expect(report.status == 0)
        #expect(report.stderr.contains("pipe: warning: a FIFO, not a regular file; skipped"))
        let fifo = try Self.runPromptly(["report", folder + "/pipe"])
        #expect(fifo.status == 2 && fifo.stderr.contains("pipe: error: a FIFO, not a regular file or folder"))
        let series = try Self.runPromptly(["report", folder, "--tz", "UTC", "--intensity-series", "/dev/zero"])
        #expect(
            series.status == 2
                && series.stderr.contains("/dev/zero: error: --intensity-series names a character device"))
        let pipeSeries = try Self.runPromptly(["report", folder, "--tz", "UTC", "--intensity-series", folder + "/pipe"])
        #expect(pipeSeries.status == 2 && pipeSeries.stderr.contains("names a FIFO"))
        let verify = try Self.runPromptly(["verify", folder + "/pipe", folder])
        #expect(verify.status == 1 && verify.stderr.contains("a FIFO, not a JSON report file"))
    }

    @Test func aNameThatIsNotUTF8IsReadAndShownEscaped() throws {
        let folder = try Self.folder()
        var path = Array((folder + "/bad").utf8CString.dropLast()) + [CChar(bitPattern: 0xFF), CChar(bitPattern: 0xFE)]
        path += Array("name.csv".utf8CString)
        let log = Array(Self.log(gpuName: "NVIDIA A100").utf8)
        let descriptor = path.withUnsafeBufferPointer { open($0.baseAddress!, O_WRONLY | O_CREAT, 0o644) }
        #expect(descriptor >= 0)
        #expect(log.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) } == log.count)
        close(descriptor)
        let plain = try Self.folder()
        #expect(FileManager.default.createFile(atPath: plain + "/gpu.csv", contents: Data(log)))
        let raw = try FootprintCLITests.run(["report", folder, "--tz", "UTC", "--format", "json"])
        let named = try FootprintCLITests.run(["report", plain, "--tz", "UTC", "--format", "json"])
        #expect(raw.status == 0 && named.status == 0)
        #expect(raw.stderr.contains("bad\\xff\\xfename.csv: note: file name is not valid UTF-8"))
        #expect(raw.stdout.contains("bad\\\\xff\\\\xfename.csv"))
        // The file under its raw name is read like the same bytes under a valid name: the same energy.
        let joules = { (json: String) in json.split(separator: "\n").filter { $0.contains("\"joules\"") } }
        #expect(!joules(named.stdout).isEmpty && joules(raw.stdout) == joules(named.stdout))
    }

    @Test func verifyReadsInputsFromTheRunFolderOnlyAndEchoesNoContent() throws {
        let folder = try Self.folder()
        let run = folder + "/run"
        try FileManager.default.createDirectory(atPath: run, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: FootprintCLITests.repositoryRoot + "/Fixtures/runs/example/nvidia-smi.csv",
            toPath: run + "/nvidia-smi.csv")
        let saved = try FootprintCLITests.run([
            "report", run, "--tz", "UTC", "--format", "json", "--output", folder + "/out",
        ])
        #expect(saved.status == 0)
        let text = try String(contentsOfFile: folder + "/out/report.json", encoding: .utf8)
        for target in ["/dev/zero", "/etc/passwd"] {
            try text.replacingOccurrences(of: "\"intensity_series\": null", with: "\"intensity_series\": \"\(target)\"")
                .write(toFile: folder + "/edited.json", atomically: true, encoding: .utf8)
            let result = try Self.runPromptly(["verify", folder + "/edited.json", run])
            #expect(result.status == 1)
            #expect(
                result.stderr.contains(
                    "edited.json: error: the options in its provenance name an intensity_series outside the run folder (\(target))"
                ))
        }
        let passwd = try Self.runPromptly(["verify", "/etc/passwd", run])
        #expect(passwd.status == 1 && !passwd.stderr.contains("root:"))
        try text.replacingOccurrences(of: "\"pue\": null", with: "\"pue\": -3")
            .write(toFile: folder + "/edited.json", atomically: true, encoding: .utf8)
        let pue = try Self.runPromptly(["verify", folder + "/edited.json", run])
        #expect(
            pue.status == 1
                && pue.stderr.contains("edited.json: error: the options in its provenance: --pue -3.0 is outside"))
    }
}
