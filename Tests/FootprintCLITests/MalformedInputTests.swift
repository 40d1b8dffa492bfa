import Foundation
import Testing

#if canImport(Glibc)
import Glibc
import FootprintTestSupport
#endif

/// Replays `Fixtures/malformed/` (seeded by `Scripts/make-malformed.py`, plus every input fuzzing ever found)
/// through the real binary: each gives a clean message naming the file, a documented exit status, no crash, and
/// stays within seconds and 200 MB.
struct MalformedInputTests {
    /// Expected exit status and a piece of the message each case must produce (and options it runs with).
    static let cases: [(file: String, status: Int32, message: String)] = [
        // Every row of the bomb is of one instant: stopped at the bound, with no energy measured.
        ("gzip-bomb.csv.gz", 2, "stopped after 8388608 inflated bytes (--max-inflated-bytes)"),
        ("empty.csv", 2, "empty.csv: empty file"),
        ("one-byte.csv", 2, "one-byte.csv: not a recognised log format"),
        ("binary-garbage.csv", 2, "binary-garbage.csv: binary content"),
        ("events.out.tfevents.1709647200.garbage", 2, "named like a TensorBoard event file"),
        ("gzip-header-only.csv.gz", 2, "a gzip stream with no content"),
        ("nul-bytes.csv", 0, ""),
        ("invalid-utf8.csv", 0, ""),
        ("timestamps-backwards.csv", 0, "5 samples go back in time"),
        ("dst-fall-back.csv", 0, "8 local times fall in the hour repeated"),
        ("duplicate-rows.csv", 0, "30 samples repeat the previous sample's time"),
        ("bad-values.csv", 0, "'above 1200 W (implausible for this GPU)' were not samples"),
        ("dmon-header-only.log", 2, "no energy measured in dmon-header-only.log"),
        ("events.out.tfevents.1709647200.length-2-63", 0, "raise it with --max-record-bytes"),
        (
            "events.out.tfevents.1709647200.crc-mismatch", 0,
            "record 1 (byte 31): warning: record data checksum does not match"
        ),
        ("events.out.tfevents.1709647200.length-past-end", 0, "ends in a partial record of 112 B"),
        ("nested-100000.pt.trace.json", 0, "nesting deeper than 512 levels (raise it with --max-json-depth)"),
        ("gpu-name-markdown-injection.csv", 0, ""),
        ("all-na-gpu.csv", 0, "all-na-gpu.csv: warning: GPU 1 (NVIDIA A100-SXM4-40GB): all 20 readings were '[N/A]'"),
        ("all-na-only.csv", 2, "all-na-only.csv: warning: GPU 0 (NVIDIA A100-SXM4-40GB): all 20 readings were '[N/A]'"),
        ("compressed-zlib.csv", 2, "compressed-zlib.csv: zlib-compressed, which is not supported: decompress it first"),
        (
            "compressed-raw-deflate.csv", 2,
            "compressed-raw-deflate.csv: a raw deflate stream (compressed, without a gzip or zlib header), which is not supported"
        ),
        (
            "compressed-bzip2.csv", 2,
            "compressed-bzip2.csv: bzip2-compressed, which is not supported: decompress it first (bunzip2 FILE)"
        ),
        (
            "compressed-xz.csv", 2,
            "compressed-xz.csv: xz-compressed, which is not supported: decompress it first (xz -d FILE)"
        ),
        (
            "compressed-zstd.csv", 2,
            "compressed-zstd.csv: zstd-compressed, which is not supported: decompress it first (zstd -d FILE)"
        ),
        ("gzip-inside-gzip.csv.gz", 2, "gzip-inside-gzip.csv.gz: gzip inside gzip, which is not read"),
        ("utf16be-bom.csv", 2, "utf16be-bom.csv: UTF-16BE text, which is not read"),
        ("utf16be-no-bom.csv", 2, "utf16be-no-bom.csv: UTF-16BE text without a byte-order mark, which is not read"),
        // Found by FuzzWandB: an unpaired surrogate before a character of three bytes, six bytes of UTF-8 from one
        // code unit, once overran the reader's buffer.
        ("utf16le-unpaired-surrogates.csv", 2, "utf16le-unpaired-surrogates.csv: not a recognised log format"),
        ("cr-only-line-ends.csv", 2, "cr-only-line-ends.csv: lines end in a carriage return alone"),
        (
            "gzip-header-crc.csv.gz", 2,
            "gzip-header-crc.csv.gz: a gzip stream with nothing readable: the gzip data is corrupt (header crc mismatch)"
        ),
        (
            "gzip-reserved-flags.csv.gz", 2,
            "gzip-reserved-flags.csv.gz: a gzip stream with nothing readable: the gzip data is corrupt (unknown header flags set)"
        ),
        (
            "header-2000-columns.csv", 0,
            "header-2000-columns.csv:1: warning: the first line has more than 512 fields, too many for a power log's header"
        ),
        (
            "header-100000-columns.csv", 0,
            "header-100000-columns.csv:1: warning: line longer than 1048576 bytes skipped"
        ),
        // Numbers at the boundaries (see `boundaryArguments` for the options some of them run with).
        (
            "events.out.tfevents.1709647200.step-overflow", 0,
            "record 1 (byte 31): warning: 2 events have a step outside ±2⁵³"
        ),
        (
            "events.out.tfevents.1709647200.wall-time-1e300", 0,
            "record 1 (byte 31): warning: 2 events have a wall time outside 2010-01-01 to 2100-01-01 UTC"
        ),
        ("events.out.tfevents.1709647200.half-1e300", 0, ""),
        (
            "events.out.tfevents.1709647200.loss-neg-inf", 0,
            "--target: 2 points of loss are not finite numbers (NaN or ±inf; the first at step 2)"
        ),
        ("base-time-1e400.pt.trace.json", 0, "outside 2010-01-01 to 2100-01-01 UTC: its times are taken as relative"),
        ("durations-1e300.pt.trace.json", 0, "2 spans last longer than a day"),
        ("pids-2000.pt.trace.json", 0, "more than 1024 GPUs (pids)"),
        ("kernels-80000.pt.trace.json.gz", 0, ""),
        ("rtc-reset-1970.csv", 0, "rtc-reset-1970.csv:2: warning: 1 rows are dated outside 2010-01-01 to 2100-01-01"),
        ("first-row-hour-early.csv", 0, "1 h 0 min without samples from 2024-03-05 12:00:00 UTC"),
        ("years-1900-9999.csv", 0, "years-1900-9999.csv:2: warning: 2 rows are dated outside 2010-01-01 to 2100-01-01"),
        ("intensity-series-1e308", 0, "intensity.csv:3: warning: 2 rows have an intensity outside 0–2,000 gCO2e/kWh"),
        ("codecarbon-1e308.csv", 0, "GPU a (NVIDIA A100-SXM4-40GB): all 2 readings were 'not a finite number'"),
        (
            "gpu_0_power_usage_watts", 0,
            "GPU 0: 1 power readings 'above 5000 W (implausible for this GPU)' were not samples"
        ),
    ]

    /// Options a boundary case runs with besides the common ones.
    static let boundaryArguments: [String: [String]] = [
        "events.out.tfevents.1709647200.loss-neg-inf": ["--target", "loss<=0.5"],
        "intensity-series-1e308": ["--intensity-series", "Fixtures/malformed/intensity-series-1e308/intensity.csv"],
    ]

    struct Outcome {
        var result: FootprintCLITests.Result
        var seconds: Double
        var peakMegabytes: Double
    }

    /// Runs the binary and measures its wall time and its own peak resident memory, which it reports itself
    /// under `FOOTPRINT_PEAK_MEMORY` (a spawned child's rusage would include the test process's memory).
    static func measure(_ arguments: [String]) throws -> Outcome {
        let folder = NSTemporaryDirectory() + "footprint-measure-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, folder + "/out", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, folder + "/err", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        // Relative fixture paths are made absolute: the child starts in the test's working directory.
        let absolute = arguments.map { $0.hasPrefix("Fixtures/") ? FootprintCLITests.repositoryRoot + "/" + $0 : $0 }
        let argv = ([FootprintCLITests.binary] + absolute).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let start = Date()
        var pid = pid_t()
        let variables: [String] =
            ["FOOTPRINT_PEAK_MEMORY=1"] + ProcessInfo.processInfo.environment.map { "\($0)=\($1)" }
        let environment = variables.map { strdup($0) } + [nil]
        defer { environment.forEach { free($0) } }
        let spawned = posix_spawn(&pid, FootprintCLITests.binary, &actions, nil, argv, environment)
        guard spawned == 0 else { throw CocoaError(.fileNoSuchFile) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let seconds = Date().timeIntervalSince(start)
        let exitStatus = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        let read = { (name: String) in
            String(decoding: FileManager.default.contents(atPath: folder + "/" + name) ?? Data(), as: UTF8.self)
        }
        let stderr = read("err")
        let peakLine = stderr.split(separator: "\n").last { $0.hasPrefix("footprint: peak memory ") } ?? ""
        let kilobytes = Double(peakLine.split(separator: " ").dropFirst(3).first ?? "") ?? .infinity
        return Outcome(
            result: FootprintCLITests.Result(status: exitStatus, stdout: read("out"), stderr: stderr),
            seconds: seconds, peakMegabytes: kilobytes / 1024)
    }

    @Test(arguments: cases.map(\.file))
    func replaysCleanly(file: String) throws {
        let expected = try #require(Self.cases.first { $0.file == file })
        let input = FootprintCLITests.repositoryRoot + "/Fixtures/malformed/" + file
        let before = FileManager.default.contents(atPath: input)
        let output = NSTemporaryDirectory() + "footprint-replay-" + UUID().uuidString
        let outcome = try Self.measure(
            [
                "report", "Fixtures/malformed/" + file, "--tz", "Europe/Berlin", "--format", "json",
                "--max-inflated-bytes", "8388608", "--output", output,
            ] + (Self.boundaryArguments[file] ?? []))
        #expect(outcome.result.status == expected.status, "\(file): \(outcome.result.stderr)")
        #expect(
            expected.message.isEmpty || outcome.result.stderr.contains(expected.message),
            "\(file): \(outcome.result.stderr)")
        #expect(outcome.result.stderr.contains(file) || expected.message.isEmpty, "the message names the file")
        #expect(outcome.seconds < 30, "\(file) took \(outcome.seconds) s")
        #expect(outcome.peakMegabytes < 200, "\(file) peaked at \(outcome.peakMegabytes) MB")
        #expect(FileManager.default.contents(atPath: input) == before, "\(file) was changed")
        let written = (try? FileManager.default.contentsOfDirectory(atPath: output)) ?? []
        #expect(!written.contains { $0.hasSuffix(".tmp") }, "temporary files left: \(written)")
        if expected.status == 0 {
            let report = FileManager.default.contents(atPath: output + "/report.json") ?? Data()
            #expect(report.first == UInt8(ascii: "{"))
        }
    }

    @Test func everyFileInTheCorpusHasACase() throws {
        let files = try FileManager.default.contentsOfDirectory(
            atPath: FootprintCLITests.repositoryRoot + "/Fixtures/malformed")
        #expect(Set(files) == Set(Self.cases.map(\.file)))
    }

    @Test func hundredMegabyteLineWithoutNewline() throws {
        let path = NSTemporaryDirectory() + "footprint-long-line-\(UUID().uuidString).csv"
        let header = Array("timestamp, index, power.draw [W]\n2024/03/05 14:00:00.000, 0, 100 W\n".utf8)
        let handle = try #require(
            FileHandle(
                forWritingAtPath: {
                    #expect(FileManager.default.createFile(atPath: path, contents: Data(header)))
                    return path
                }()))
        handle.seekToEndOfFile()
        let block = Data(repeating: UInt8(ascii: "7"), count: 1 << 20)
        for _ in 0..<100 { handle.write(block) }
        handle.closeFile()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let outcome = try Self.measure(["report", path, "--tz", "UTC"])
        #expect(outcome.result.stderr.contains("raise --max-line-bytes"))
        #expect(outcome.result.status == 0 || outcome.result.status == 2)
        #expect(outcome.seconds < 10 && outcome.peakMegabytes < 200)
    }

    @Test func strictTurnsWarningsIntoStatusFour() throws {
        let folder = NSTemporaryDirectory() + "footprint-strict-" + UUID().uuidString
        let warned = try FootprintCLITests.run([
            "report", "Fixtures/malformed/timestamps-backwards.csv", "--tz", "UTC",
            "--strict", "--output", folder,
        ])
        #expect(warned.status == 4 && warned.stderr.contains("--strict: 1 warning"))
        #expect(FileManager.default.fileExists(atPath: folder + "/report.md"))
        let clean = try FootprintCLITests.run([
            "report", "Fixtures/malformed/invalid-utf8.csv", "--tz", "UTC", "--strict",
        ])
        #expect(clean.status == 0)
    }

    @Test func inputsAreReadOnlyAndInterruptedRunsLeaveNothingPartial() throws {
        // Inputs are opened read-only: a read-only copy analyses the same.
        let folder = NSTemporaryDirectory() + "footprint-ro-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let input = folder + "/nvidia-smi.csv"
        try FileManager.default.copyItem(
            atPath: FootprintCLITests.repositoryRoot + "/Fixtures/runs/example/nvidia-smi.csv", toPath: input)
        chmod(input, 0o444)
        let before = try FileManager.default.attributesOfItem(atPath: input)[.modificationDate] as? Date
        #expect(try FootprintCLITests.run(["report", input, "--tz", "Europe/Berlin"]).status == 0)
        #expect(try FileManager.default.attributesOfItem(atPath: input)[.modificationDate] as? Date == before)
        // SIGTERM while reading a large input: no report and no temporary file appear.
        let big = folder + "/big.csv"
        var text = "timestamp, index, power.draw [W]\n"
        for second in 0..<200_000 {
            text +=
                "2024/03/05 \(String(format: "%02d:%02d:%02d", (second / 3600) % 24, (second / 60) % 60, second % 60)).000, \(second % 8), 250 W\n"
        }
        #expect(FileManager.default.createFile(atPath: big, contents: Data(text.utf8)))
        let output = folder + "/out"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: FootprintCLITests.binary)
        process.arguments = ["report", big, "--tz", "UTC", "--format", "md,csv,json", "--output", output]
        process.standardError = FileHandle.nullDevice
        try process.run()
        usleep(150_000)
        process.terminate()
        process.waitUntilExit()
        let left = (try? FileManager.default.contentsOfDirectory(atPath: output)) ?? []
        #expect(!left.contains { $0.hasSuffix(".tmp") }, "\(left)")
        if process.terminationReason == .uncaughtSignal || process.terminationStatus == 128 + SIGTERM {
            #expect(left.allSatisfy { $0.hasPrefix("report.") })
        }
    }
}
