import Foundation
import FootprintTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// What footprint writes, through the real binary, when the folders it writes into are shared with others: links
/// planted at its file names, outputs pointed at its inputs, a second writer, a full disk, signals, a crash in one
/// run, and shard files that lie.
struct OutputSafetyTests {
    /// Starts the binary without waiting for it; its output is discarded.
    static func start(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: FootprintCLITests.binary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: FootprintCLITests.repositoryRoot)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    static let example = FootprintCLITests.repositoryRoot + "/Fixtures/runs/example/nvidia-smi.csv"

    /// Every file under `folder` (hidden ones too) with its bytes.
    static func contents(of folder: String) -> [String: Data] {
        var files: [String: Data] = [:]
        for relative in FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? [] {
            let path = folder + "/" + relative
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue {
                files[relative] = FileManager.default.contents(atPath: path)
            }
        }
        return files
    }

    static var hostName: String {
        var buffer = [CChar](repeating: 0, count: 256)
        gethostname(&buffer, 255)
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The id of a process that has just ended (so that no process has it for a while).
    static func deadProcessID() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }

    /// A root with `runs` runs, each with an nvidia-smi log of `seconds` one-second rows for 8 GPUs.
    static func slowTree(runs: Int, seconds: Int) throws -> String {
        let root = TestPaths.temporaryFolder()
        var text = "timestamp, index, power.draw [W]\n"
        for second in 0..<seconds {
            let time = String(format: "%02d:%02d:%02d", (second / 3600) % 24, (second / 60) % 60, second % 60)
            for gpu in 0..<8 { text += "2024/03/05 \(time).000, \(gpu), 250 W\n" }
        }
        for index in 0..<runs {
            try FileManager.default.createDirectory(atPath: root + "/run\(index)", withIntermediateDirectories: true)
            try text.write(toFile: root + "/run\(index)/nvidia-smi.csv", atomically: false, encoding: .utf8)
        }
        return root
    }

    @Test func linksPlantedAtTheTemporaryAndFinalNamesAreNeverWrittenThrough() throws {
        let folder = TestPaths.temporaryFolder()
        let victim = TestPaths.write("precious\n", named: "victim.txt")
        let out = folder + "/out"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        // The names an earlier version used (.NAME.PID.tmp) for the next few hundred process ids, a stale temporary
        // name of a process that is gone, and the final name: all links to the victim.
        let next = try Self.deadProcessID()
        for pid in next..<(next + 400) {
            for name in ["report.md", "report.csv"] {
                try FileManager.default.createSymbolicLink(
                    atPath: out + "/.\(name).\(pid).tmp", withDestinationPath: victim)
            }
        }
        let stale = out + "/.report.md.\(Self.hostName).\(try Self.deadProcessID()).abc.tmp"
        try FileManager.default.createSymbolicLink(atPath: stale, withDestinationPath: victim)
        try FileManager.default.createSymbolicLink(atPath: out + "/report.md", withDestinationPath: victim)
        let result = try FootprintCLITests.run([
            "report", "Fixtures/runs/example", "--tz", "UTC", "--format", "md,csv", "--output", out,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "precious\n")
        // The link at the final name was replaced by the report; the stale link removed, not followed.
        let attributes = try FileManager.default.attributesOfItem(atPath: out + "/report.md")
        #expect(attributes[.type] as? FileAttributeType == .typeRegular)
        #expect(try String(contentsOfFile: out + "/report.md", encoding: .utf8).hasPrefix("# Footprint of"))
        #expect(
            !FileManager.default.fileExists(atPath: stale)
                && (try? FileManager.default.destinationOfSymbolicLink(atPath: stale)) == nil)
        #expect(!FileManager.default.fileExists(atPath: out + "/.footprint.lock"))
    }

    @Test func outputsPointedAtInputsAreRefusedAndNoInputChanges() throws {
        // A run whose log is named report.csv, written into its own folder.
        let run = TestPaths.temporaryFolder() + "/run"
        try FileManager.default.createDirectory(atPath: run, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.example, toPath: run + "/report.csv")
        var before = Self.contents(of: run)
        let refused = try FootprintCLITests.run(["report", run, "--tz", "UTC", "--format", "md,csv", "--output", run])
        #expect(
            refused.status == 3
                && refused.stderr.contains("refusing to write \(run)/report.csv: it is a log this report reads"),
            "\(refused.stderr)")
        #expect(Self.contents(of: run) == before)
        // A report that replaces no input may go into the run folder (say the new file, not the log).
        #expect(
            try FootprintCLITests.run(["report", run, "--tz", "UTC", "--format", "md", "--output", run]).status == 0)
        // A hard link to the log in another folder is the log.
        let linked = TestPaths.temporaryFolder()
        try FileManager.default.linkItem(atPath: run + "/report.csv", toPath: linked + "/report.csv")
        before = Self.contents(of: run)
        let hard = try FootprintCLITests.run(["report", run, "--tz", "UTC", "--format", "csv", "--output", linked])
        #expect(
            hard.status == 3
                && hard.stderr.contains(
                    "refusing to write \(linked)/report.csv: it is the same file as \(run)/report.csv"),
            "\(hard.stderr)")
        #expect(Self.contents(of: run) == before)

        // audit: --cache at a run's log, --output into a run whose log is named audit.csv, the intensity series as
        // the cache.
        let root = TestPaths.temporaryFolder()
        try FileManager.default.createDirectory(atPath: root + "/exp", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.example, toPath: root + "/exp/nvidia-smi.csv")
        try FileManager.default.copyItem(atPath: Self.example, toPath: root + "/exp/audit.csv")
        let series = TestPaths.write("timestamp,g_co2e_per_kwh\n2024-03-05T00:00:00Z,300\n", named: "series.csv")
        let rootBefore = Self.contents(of: root)
        let seriesBefore = FileManager.default.contents(atPath: series)
        for (arguments, message) in [
            (
                ["--cache", root + "/exp/nvidia-smi.csv"],
                "refusing to write \(root)/exp/nvidia-smi.csv: it is a log of the run exp"
            ),
            (["--output", root + "/exp"], "refusing to write \(root)/exp/audit.csv"),
            (
                ["--intensity-series", series, "--cache", series],
                "refusing to write \(series): it is the --intensity-series file"
            ),
        ] {
            let result = try FootprintCLITests.run(["audit", root, "--tz", "UTC"] + arguments)
            #expect(result.status == 3 && result.stderr.contains(message), "\(result.stderr)")
            #expect(Self.contents(of: root) == rootBefore)
            #expect(FileManager.default.contents(atPath: series) == seriesBefore)
        }

        // merge: the output is a shard's folder.
        let shard = TestPaths.temporaryFolder()
        #expect(try FootprintCLITests.run(["audit", "Fixtures/runs", "--tz", "UTC", "--output", shard]).status == 0)
        let shardBefore = Self.contents(of: shard)
        let merged = try FootprintCLITests.run(["merge", shard, "--output", shard])
        #expect(
            merged.status == 3
                && merged.stderr.contains(
                    "refusing to write \(shard)/audit.csv: it is a shard's audit.csv this merge reads"),
            "\(merged.stderr)")
        #expect(Self.contents(of: shard) == shardBefore)
    }

    @Test func aLockHeldByALiveProcessStopsASecondWriterAndADeadOnesIsTakenOver() throws {
        let out = TestPaths.temporaryFolder()
        let lock = out + "/.footprint.lock"
        let held = "\(getpid()) \(Self.hostName)\n"
        try held.write(toFile: lock, atomically: false, encoding: .utf8)
        let busy = try FootprintCLITests.run(["report", "Fixtures/runs/example", "--tz", "UTC", "--output", out])
        #expect(
            busy.status == 3
                && busy.stderr.contains(
                    "the output folder \(out) is being written by footprint process \(getpid()) on this host (lock file \(lock))"
                ), "\(busy.stderr)")
        #expect(try String(contentsOfFile: lock, encoding: .utf8) == held)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out) == [".footprint.lock"])
        // Another host's lock is never judged stale.
        try "1 some-other-host\n".write(toFile: lock, atomically: false, encoding: .utf8)
        let remote = try FootprintCLITests.run(["audit", "Fixtures/runs", "--tz", "UTC", "--output", out])
        #expect(
            remote.status == 3
                && remote.stderr.contains("is being written by footprint process 1 on host some-other-host"),
            "\(remote.stderr)")
        // A dead process's locks, on the output folder and on the cache, are taken over and removed at the end.
        let cache = out + "/cache.jsonl"
        try "\(try Self.deadProcessID()) \(Self.hostName)\n".write(toFile: lock, atomically: false, encoding: .utf8)
        try "\(try Self.deadProcessID()) \(Self.hostName)\n".write(
            toFile: out + "/.cache.jsonl.lock", atomically: false, encoding: .utf8)
        let taken = try FootprintCLITests.run([
            "audit", "Fixtures/runs", "--tz", "UTC", "--output", out, "--cache", cache,
        ])
        #expect(taken.status == 0, "\(taken.stderr)")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: out).sorted() == [
                "audit.csv", "audit.json", "audit.md", "audit.svg", "cache.jsonl",
            ])
        // The cache's lock held by a live process stops an audit before it writes anything.
        try held.write(toFile: out + "/.cache.jsonl.lock", atomically: false, encoding: .utf8)
        let cacheBefore = FileManager.default.contents(atPath: cache)
        let cacheBusy = try FootprintCLITests.run(["audit", "Fixtures/runs", "--tz", "UTC", "--cache", cache])
        #expect(
            cacheBusy.status == 3
                && cacheBusy.stderr.contains("the cache \(cache) is being written by footprint process \(getpid())"),
            "\(cacheBusy.stderr)")
        #expect(FileManager.default.contents(atPath: cache) == cacheBefore)
    }

    @Test func aKilledAuditIsResumedFromItsCache() throws {
        let root = try Self.slowTree(runs: 6, seconds: 12_000)
        let scratch = TestPaths.temporaryFolder()
        let cache = scratch + "/cache.jsonl"
        let out = scratch + "/out"
        let audit = try Self.start(["audit", root, "--tz", "UTC", "--jobs", "1", "--cache", cache, "--output", out])
        let deadline = Date().addingTimeInterval(120)
        func finishedRuns() -> Int {
            ((try? String(contentsOfFile: cache, encoding: .utf8)) ?? "").split(separator: "\n").count - 1
        }
        // While it runs, a second audit with the same cache and output fails at once instead of interleaving.
        while !FileManager.default.fileExists(atPath: scratch + "/.cache.jsonl.lock") && audit.isRunning
            && Date() < deadline
        { usleep(5_000) }
        let second = try FootprintCLITests.run(["audit", root, "--tz", "UTC", "--cache", cache, "--output", out])
        #expect(
            second.status == 3
                && second.stderr.contains("is being written by footprint process \(audit.processIdentifier)"),
            "\(second.stderr)")
        while finishedRuns() < 1 && audit.isRunning && Date() < deadline { usleep(5_000) }
        kill(audit.processIdentifier, SIGKILL)
        audit.waitUntilExit()
        #expect(audit.terminationReason == .uncaughtSignal, "the audit ended before it could be killed")
        let finished = finishedRuns()
        #expect(finished >= 1 && finished < 6)
        #expect(!FileManager.default.fileExists(atPath: out + "/audit.csv"))
        // The rerun takes over the dead process's locks and analyses only the runs not finished.
        let rerun = try FootprintCLITests.run([
            "audit", root, "--tz", "UTC", "--jobs", "1", "--cache", cache, "--output", out,
        ])
        #expect(rerun.status == 0, "\(rerun.stderr)")
        let markdown = try String(contentsOfFile: out + "/audit.md", encoding: .utf8)
        #expect(markdown.contains("- \(finished) runs reused from the cache, \(6 - finished) analysed"), "\(markdown)")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: out).sorted() == [
                "audit.csv", "audit.json", "audit.md", "audit.svg",
            ])
        #expect(!FileManager.default.fileExists(atPath: scratch + "/.cache.jsonl.lock"))
    }

    @Test func aRunThatCrashesItsWorkerIsOneErrorRowOfACompleteAudit() throws {
        let scratch = TestPaths.temporaryFolder()
        let cache = scratch + "/cache.jsonl"
        let trapped = try FootprintCLITests.run(
            ["audit", "Fixtures/runs", "--tz", "UTC", "--jobs", "2", "--cache", cache, "--output", scratch + "/out"],
            environment: ["FOOTPRINT_TEST_TRAP_RUN": "training-tf2"])
        #expect(trapped.status == 0, "\(trapped.stderr)")
        #expect(trapped.stderr.contains("footprint: Fixtures/runs/training-tf2: error: crashed (signal"))
        let rows = try String(contentsOfFile: scratch + "/out/audit.csv", encoding: .utf8).split(separator: "\n")
            .dropFirst()
        // Five runs: `example-gzip` holds a log named `gpu-log`, found by its content.
        #expect(rows.count == 5)
        let crashed = rows.filter { $0.contains(",error,,,crashed (signal") }
        #expect(crashed.count == 1 && crashed[0].hasSuffix("while analysing; please report,training-tf2"), "\(crashed)")
        #expect(rows.filter { $0.contains(",ok,UTC,") }.count == 4)
        // The crash is not cached: the rerun analyses that run alone.
        let rerun = try FootprintCLITests.run(["audit", "Fixtures/runs", "--tz", "UTC", "--cache", cache])
        #expect(
            rerun.status == 0 && rerun.stdout.contains("- 4 runs reused from the cache, 1 analysed"), "\(rerun.stdout)")
        #expect(
            rerun.stdout.contains("**5 runs** (5 ok, 0 system-energy, 0 estimate, 0 no-energy, 0 unreadable, 0 error)"))
    }

    /// A TensorBoard event file whose `train/loss` steps go from Int64.min to Int64.max: their difference
    /// overflows, which traps the analysis (`TrainingWindow.steps`) at the time of writing.
    static func hostileEventFile() -> [UInt8] {
        let loss = { (wallTime: Double, step: Int64, value: Float) in
            EventFileBytes.scalarEvent(wallTime: wallTime, step: step, tag: "train/loss", value: value)
        }
        return EventFileBytes.framed([
            EventFileBytes.fileVersionEvent(wallTime: 1_709_733_600), loss(1_709_733_600, .min, 1),
            loss(1_709_733_660, 5, 0.8), loss(1_709_733_700, .max, 0.5),
        ])
    }

    @Test func anEventFileThatTrapsTheAnalysisDoesNotStopTheAudit() throws {
        let root = TestPaths.temporaryFolder()
        try FileManager.default.createDirectory(atPath: root + "/hostile", withIntermediateDirectories: true)
        try Data(Self.hostileEventFile()).write(
            to: URL(fileURLWithPath: root + "/hostile/events.out.tfevents.1709733600.host"))
        try FileManager.default.copyItem(
            atPath: FootprintCLITests.repositoryRoot + "/Fixtures/runs/training-tf2/power.csv",
            toPath: root + "/hostile/power.csv")
        try FileManager.default.createDirectory(atPath: root + "/example", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.example, toPath: root + "/example/nvidia-smi.csv")
        let out = TestPaths.temporaryFolder()
        let audit = try FootprintCLITests.run(["audit", root, "--tz", "UTC", "--output", out])
        #expect(audit.status == 0, "\(audit.stderr)")
        let rows = try String(contentsOfFile: out + "/audit.csv", encoding: .utf8).split(separator: "\n").dropFirst()
        #expect(
            rows.count == 2 && rows.contains { $0.hasSuffix(",ok,UTC,option,,example") }
                && rows.contains { $0.hasSuffix(",hostile") }, "\(rows)")
    }

    @Test func aFailedWriteLeavesEveryOutputAsItWas() throws {
        // A file size limit of 8 KiB (a full disk, as far as this process can tell): report.md (4.4 KB) and
        // report.csv fit, report.json (9.5 KB) does not.
        let limited = { (arguments: [String]) in
            try FootprintCLITests.run(
                ["-c", "ulimit -f 8; exec \"$0\" \"$@\"", FootprintCLITests.binary] + arguments, executable: "/bin/bash"
            )
        }
        let fresh = TestPaths.temporaryFolder() + "/fresh"
        let arguments = ["report", "Fixtures/runs/example", "--tz", "UTC", "--format", "md,csv,json", "--output"]
        let failed = try limited(arguments + [fresh])
        #expect(failed.status == 3 && failed.stderr.contains("cannot write \(fresh)/report.json"), "\(failed.stderr)")
        #expect(!FileManager.default.fileExists(atPath: fresh))
        // Into a folder with an earlier report: the earlier files stay as they were, and nothing else appears.
        let earlier = TestPaths.temporaryFolder()
        #expect(
            try FootprintCLITests.run([
                "report", "Fixtures/runs/training-tf2", "--tz", "UTC", "--format", "md,csv,json", "--output", earlier,
            ]).status == 0)
        let before = Self.contents(of: earlier)
        let replaced = try limited(arguments + [earlier])
        #expect(replaced.status == 3)
        #expect(Self.contents(of: earlier) == before)
    }

    @Test func signalsWhileWritingLeaveAllFormatsOrNone() throws {
        let formats = ["md", "csv", "json", "tex", "svg", "model-card"]
        let expected = [
            "model-card.yaml", "report.bib", "report.csv", "report.json", "report.md", "report.svg", "report.tex",
        ]
        for delay in stride(from: 0, to: 400_000, by: 40_000) {
            let out = TestPaths.temporaryFolder() + "/out"
            let process = try Self.start([
                "report", "Fixtures/runs/example", "--tz", "UTC", "--format", formats.joined(separator: ","),
                "--output", out,
            ])
            usleep(useconds_t(delay))
            process.terminate()
            process.waitUntilExit()
            let left = ((try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []).sorted()
            #expect(left.isEmpty || left == expected, "after \(delay) µs: \(left)")
        }
    }

    @Test func mergeRejectsCellsThatAreNotPlausibleNumbersAndWarnsOnConflictingRows() throws {
        let shard = TestPaths.temporaryFolder()
        #expect(try FootprintCLITests.run(["audit", "Fixtures/runs", "--tz", "UTC", "--output", shard]).status == 0)
        let text = try String(contentsOfFile: shard + "/audit.csv", encoding: .utf8)
        let lines = text.split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",").map(String.init)
        /// The shard with `column` of the first run set to `value`.
        func altered(_ column: String, _ value: String) throws -> String {
            var cells = lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            try #require(cells.count == header.count)
            cells[try #require(header.firstIndex(of: column))] = value
            let folder = TestPaths.temporaryFolder()
            try ([lines[0], cells.joined(separator: ",")] + lines.dropFirst(2)).joined(separator: "\n").appending("\n")
                .write(toFile: folder + "/audit.csv", atomically: false, encoding: .utf8)
            return folder
        }
        for (column, value, problem) in [
            ("energy_kwh", "NaN", "is not a decimal number"), ("kg_co2e", "-inf", "is not a decimal number"),
            ("energy_kwh", "lots", "is not a decimal number"),
            ("energy_kwh", "1e30", "is outside the plausible range 0–1,000,000,000"),
            ("kg_co2e", "-0.5", "is outside the plausible range"), ("gpus", "2.5", "is not a whole number"),
            ("pue", "0.2", "is outside the plausible range 1–5"), ("coverage", "0x1p0", "is not a decimal number"),
        ] {
            let bad = try altered(column, value)
            let result = try FootprintCLITests.run(["merge", shard, bad])
            #expect(
                result.status == 1
                    && result.stderr.contains(
                        "\(bad)/audit.csv:2: error: run `example`: \(column) '\(value)' \(problem)"),
                "\(result.stderr)")
            #expect(result.stdout.isEmpty)
        }
        // The same run with another row in a second shard: a warning naming both; the first shard's row is kept.
        let conflicting = try altered("energy_kwh", "0.5")
        let merged = try FootprintCLITests.run(["merge", shard, conflicting])
        #expect(merged.status == 0)
        let warning =
            "run `example` has different rows in \(shard)/audit.csv (row 1) and \(conflicting)/audit.csv (row 1); kept the row of \(shard)/audit.csv, the shard given first"
        #expect(
            merged.stderr.contains("footprint: warning: " + warning) && merged.stdout.contains("- " + warning),
            "\(merged.stderr)")
        let whole = try FootprintCLITests.run(["audit", "Fixtures/runs", "--tz", "UTC"])
        let totals = { (text: String) in text.split(separator: "\n").first { $0.hasPrefix("**") } }
        #expect(totals(merged.stdout) == totals(whole.stdout))
        // Identical rows (a shard given twice) are no conflict.
        #expect(try FootprintCLITests.run(["merge", shard, shard]).stderr.isEmpty)
    }

    @Test func csvCellsThatLookLikeFormulasAreGuardedAndMergeReadsThemBack() throws {
        let root = TestPaths.temporaryFolder()
        let names = ["=HYPERLINK(\"x\";\"y\")", "+1+2", "-2+3", "@SUM(A1)", "'=quoted", "plain"]
        for name in names {
            try FileManager.default.createDirectory(atPath: root + "/" + name, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: Self.example, toPath: root + "/" + name + "/nvidia-smi.csv")
        }
        let out = TestPaths.temporaryFolder()
        #expect(try FootprintCLITests.run(["audit", root, "--tz", "UTC", "--output", out]).status == 0)
        let csv = try String(contentsOfFile: out + "/audit.csv", encoding: .utf8)
        // Each run's row begins with the run and ends with its path: both cells guarded.
        for cell in ["\"'=HYPERLINK(\"\"x\"\";\"\"y\"\")\"", "'+1+2", "'-2+3", "'@SUM(A1)", "''=quoted", "plain"] {
            #expect(
                csv.contains("\n" + cell + ",") && csv.contains(",ok,UTC,option,," + cell + "\n"), "\(cell) in \(csv)")
        }
        // A report's CSV too: the run as given.
        let report = try FootprintCLITests.run(
            ["report", "@SUM(A1)", "--tz", "UTC", "--format", "csv"], directory: root)
        #expect(
            report.stdout.split(separator: "\n").last?.hasPrefix("'@SUM(A1),2024-03-05T") == true, "\(report.stdout)")
        // merge reads the guarded cells back as they were: merging the audit gives the same audit.csv.
        let merged = TestPaths.temporaryFolder()
        #expect(try FootprintCLITests.run(["merge", out, "--output", merged]).status == 0)
        #expect(try String(contentsOfFile: merged + "/audit.csv", encoding: .utf8) == csv)
    }
}
