import Foundation
import Testing
@testable import FootprintKit
import FootprintTestSupport

private let traceFixtures = [
    "Annas-MacBook-Pro-2.local_91486.1672911380959.pt.trace.json",
    "kineto_docs_after_fix_trace.json",
    "hta_alexnet_benchmark_result_2869224_1695835535_trace.json.gz",
    "hta_cpu_only_rank-34.Jul_15_10_52_41.1074.pt.trace.json.gz",
    "hta_mi250_minitoy_train_ROCm6_2_kineto.json.gz",
    "hta_ns_resolution_rank-0.Apr_03_18_51_38.1102.pt.trace.json.gz",
    "kineto_resnet50_num_workers_0_worker0.1623143089861.pt.trace.json.gz",
]

/// What `Scripts/trace-expected.py` (Python `json` and `gzip`) computed for each trace.

func readTrace(_ path: String, limits: InputLimits = InputLimits()) throws -> (ProfilerTrace, [Finding]) {
    var findings = FindingLog()
    let trace = try TraceReader.read(
        path: path, displayPath: (path as NSString).lastPathComponent, limits: limits, findings: &findings)
    return (trace, findings.allFindings())
}

/// The document as Foundation's JSONSerialization reads it (after our gzip layer).
private func foundationDocument(_ path: String) throws -> Any {
    let (stream, _) = try InputOpener.open(path: path, limits: InputLimits())
    return try JSONSerialization.jsonObject(with: Data(try readAll(stream)))
}

@Suite struct ProfilerTraceTests {
    @Test(arguments: traceFixtures)
    func readsWhatPythonComputes(_ name: String) throws {
        let expected = try #require(ExpectedValue.lines(in: "profiler/expected-traces.jsonl", keyedBy: "file")[name])
        let (trace, findings) = try readTrace(TestPaths.fixture("profiler/" + name))
        #expect(findings.isEmpty, "\(findings)")
        #expect(trace.eventCount == expected["events"] as? Int)
        let steps = (expected["steps"] as? [[NSNumber]]) ?? []
        #expect(trace.steps.map(\.number) == steps.map { $0[0].intValue })
        #expect(trace.steps.map(\.startMicroseconds) == steps.map { $0[1].doubleValue })
        #expect(trace.steps.map(\.durationMicroseconds) == steps.map { $0[2].doubleValue })
        let busy = (expected["busy_us"] as? [String: NSNumber]) ?? [:]
        #expect(Set(trace.busy.map { String($0.device) }) == Set(busy.keys))
        for device in trace.busy {
            #expect(
                abs(device.busyMicroseconds - (busy[String(device.device)]?.doubleValue ?? -1)) < 1e-6,
                "\(name) device \(device.device)")
        }
        #expect(trace.devices.map(\.id) == ((expected["devices"] as? [[Any]]) ?? []).map { ($0[0] as? Int) ?? -1 })
        #expect(trace.rank == expected["rank"] as? Int && trace.worldSize == expected["world_size"] as? Int)
        if let base = expected["base_ns"] as? NSNumber {
            #expect(trace.clock == .base(seconds: base.doubleValue / 1e9))
        } else {
            #expect(trace.clock == .epoch)
        }
    }

    /// Every value the reader extracts, checked against Foundation's JSONSerialization of the same bytes.
    @Test(arguments: traceFixtures)
    func agreesWithFoundation(_ name: String) throws {
        let path = TestPaths.fixture("profiler/" + name)
        let document = try #require(try foundationDocument(path) as? [String: Any])
        let events = try #require(document["traceEvents"] as? [[String: Any]])
        let (trace, _) = try readTrace(path)
        #expect(trace.eventCount == events.count)
        let steps = events.filter { event in
            event["ph"] as? String == "X" && (event["name"] as? String)?.hasPrefix("ProfilerStep#") == true
                && event["cat"] as? String != "gpu_user_annotation"
        }
        #expect(trace.steps.count == steps.count)
        // Foundation's parser does not round 17-digit numbers correctly (the Python comparison above is exact):
        // agree to a few units in the last place.
        let starts = steps.compactMap { ($0["ts"] as? NSNumber)?.doubleValue }.sorted()
        #expect(trace.steps.count == starts.count)
        for (read, reference) in zip(trace.steps.map(\.startMicroseconds), starts) {
            #expect(abs(read - reference) <= 4 * reference.ulp, "\(name)")
        }
        let names = (document["deviceProperties"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        #expect(trace.devices.map(\.name) == names)
        #expect(
            trace.isCPUOnly == !events.contains { event in
                ["kernel", "gpu_memcpy", "gpu_memset", "memcpy", "memset"].contains(
                    (event["cat"] as? String)?.lowercased() ?? "")
            })
    }

    @Test func cpuOnlyTraceIsRecognised() throws {
        let (trace, _) = try readTrace(
            TestPaths.fixture("profiler/hta_cpu_only_rank-34.Jul_15_10_52_41.1074.pt.trace.json.gz"))
        #expect(trace.isCPUOnly && trace.rank == 34 && trace.worldSize == 300 && trace.steps.count == 1)
        // baseTimeNanoseconds 1719853884000000000 + ts 1212075529876.817 µs.
        #expect(
            abs((trace.unixSeconds(trace.steps[0].startMicroseconds) ?? 0) - (1_719_853_884 + 1_212_075.529876817))
                < 1e-6)
    }
}

/// The JSON tokenizer's strictness, on small documents.
@Suite struct JSONScannerTests {
    private func scanner(_ text: String, depth: Int = 512) -> JSONScanner {
        final class Bytes: ByteStream {
            var bytes: [UInt8]
            var offset = 0
            let notes: [String] = []
            init(_ bytes: [UInt8]) { self.bytes = bytes }
            func read(into buffer: UnsafeMutableRawBufferPointer) throws(FootprintError) -> Int {
                // Three bytes at a time, so that tokens straddle refills.
                let count = min(3, buffer.count, bytes.count - offset)
                for index in 0..<count { buffer[index] = bytes[offset + index] }
                offset += count
                return count
            }
        }
        return JSONScanner(stream: Bytes(Array(text.utf8)), displayPath: "test.json", maximumDepth: depth)
    }

    @Test(arguments: [
        ("0", 0.0), ("-12.5e3", -12_500), ("1E-2", 0.01), ("1712195495502094.5", 1_712_195_495_502_094.5),
        ("123456789012345678901234", 1.2345678901234568e23), ("0.1", 0.1), ("2.5e-310", Double("2.5e-310")!),
    ])
    func numbersFollowTheGrammarAndRoundCorrectly(text: String, value: Double) throws {
        #expect(try scanner(text).readNumber() == value)
        #expect(try scanner(text).readNumber() == Double(text))
    }

    @Test(arguments: ["01", "1.", ".5", "-", "1e", "+1", "1.e5"])
    func badNumbersAreRejected(text: String) {
        #expect(throws: FootprintError.self) { _ = try scanner(text + " ").readNumber() }
    }

    @Test func stringsUnescapeIncludingSurrogatePairs() throws {
        var out: [UInt8] = []
        try scanner(#""a\"b\\c\/d\n\u00e9\ud83d\ude00""#).readString(into: &out)
        #expect(String(decoding: out, as: UTF8.self) == "a\"b\\c/d\né😀")
        for bad in [#""\ud83d""#, #""\ude00x""#, #""\x""#, "\"a\u{01}b\"", #""\u12g4""#, #""open"#] {
            #expect(throws: FootprintError.self, "\(bad)") { try scanner(bad).readString(into: &out) }
        }
    }

    @Test func skippingChecksAndBoundsNesting() throws {
        let nested = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect { try scanner(nested).skipValue(depth: 0) } throws: { error in
            (error as? FootprintError)?.message.contains("--max-json-depth") == true
        }
        try scanner(#"{"a":[1,{"b":"\u00e9","c":[true,false,null]}],"d":-0.5e+2}"#).skipValue(depth: 0)
        for bad in [#"{"a":1,}"#, "[1,]", #"{"a" 1}"#, "[1 2]", "{1:2}", "tru", #"{"a":1"#] {
            #expect(throws: FootprintError.self, "\(bad)") { try scanner(bad).skipValue(depth: 0) }
        }
    }

    @Test func truncatedAndMalformedTracesKeepWhatWasRead() throws {
        let original = try #require(
            FileManager.default.contents(atPath: TestPaths.fixture("profiler/kineto_docs_after_fix_trace.json")))
        let cut = TestPaths.write([UInt8](original.prefix(original.count / 2)), named: "cut.pt.trace.json")
        let (trace, findings) = try readTrace(cut)
        #expect(trace.problem != nil && trace.eventCount > 0)
        #expect(findings.contains { $0.severity == .warning && $0.location?.byteOffset != nil })
        let garbage = TestPaths.write(
            "{\"traceEvents\": [{\"ph\": \"X\", \"ts\": 1, \"dur\": 2}, oops]}", named: "bad.json")
        let (partial, problems) = try readTrace(garbage)
        #expect(partial.eventCount == 1 && problems.first?.message.contains("'o' cannot start a value") == true)
    }
}

/// Step energy and the busy/idle split on synthetic 10 Hz power around two real traces
/// (`Scripts/make-profiler-fixtures.py` computed the expected values).
@Suite struct ProfilerAccountingTests {
    private func run(_ trace: String) throws -> RunReport {
        let folder = TestPaths.temporaryFolder()
        let values = try #require(
            ExpectedValue.value(in: "profiler/expected-profiler.json", at: [trace]) as? [String: Any])
        try FileManager.default.copyItem(atPath: TestPaths.fixture("profiler/" + trace), toPath: folder + "/" + trace)
        let power = try #require(values["power_csv"] as? String)
        try FileManager.default.copyItem(
            atPath: TestPaths.fixture("profiler/power/" + power), toPath: folder + "/" + power)
        return try RunAnalyzer.analyze(runDirectory: folder, options: ReportOptions())
    }

    @Test(arguments: [
        "hta_ns_resolution_rank-0.Apr_03_18_51_38.1102.pt.trace.json.gz",
        "hta_mi250_minitoy_train_ROCm6_2_kineto.json.gz",
    ])
    func stepEnergyAndSplitMatchTheIndependentValues(trace: String) throws {
        let values = try #require(
            ExpectedValue.value(in: "profiler/expected-profiler.json", at: [trace]) as? [String: Any])
        let report = try run(trace)
        let summary = try #require(report.profiler)
        let result = try #require(summary.traces.first)
        let steps = try #require(values["step_joules"] as? [Double])
        #expect(result.stepJoules.count == steps.count)
        for (measured, reference) in zip(result.stepJoules, steps) {
            #expect(relativeError(measured, reference) < 1e-9)
        }
        #expect(relativeError(try #require(result.joules), try #require(values["window_joules"] as? Double)) < 1e-9)
        let gpu = try #require(values["gpu"] as? Int)
        let device = try #require(result.devices.first { $0.device == gpu })
        #expect(device.gpuLabel == String(gpu))
        #expect(abs(try #require(device.busyFraction) - (try #require(values["busy_fraction"] as? Double))) < 1e-12)
        #expect(relativeError(try #require(device.busyJoules), try #require(values["busy_joules"] as? Double)) < 1e-9)
        #expect(relativeError(try #require(device.idleJoules), try #require(values["idle_joules"] as? Double)) < 1e-9)
        let json = JSONReportWriter.render(report)
        #expect(json.contains("\"steps\": \(steps.count)") && json.contains("\"joules_per_step_median\""))
        #expect(MarkdownReportWriter.render(report).contains("attributed by interpolating power linearly"))
    }

    @Test func cpuOnlyTraceHasNoBusyFraction() throws {
        let folder = TestPaths.temporaryFolder()
        let name = "hta_cpu_only_rank-34.Jul_15_10_52_41.1074.pt.trace.json.gz"
        try FileManager.default.copyItem(atPath: TestPaths.fixture("profiler/" + name), toPath: folder + "/" + name)
        let report = try RunAnalyzer.analyze(runDirectory: folder, options: ReportOptions())
        let summary = try #require(report.profiler)
        #expect(summary.gpuBusyFraction == nil && summary.stepCount == 1 && summary.joules == nil)
        #expect(JSONReportWriter.render(report).contains("\"gpu_busy_fraction\": null"))
    }

    /// Kernels but no `ProfilerStep` span: no profiled window, so each GPU's busy share is unknown (null, with a
    /// note), not 0; and a span of negative duration is left out with a warning naming where it is.
    @Test func busyShareWithoutStepsIsUnknownAndDamagedSpansAreNamed() throws {
        let folder = TestPaths.temporaryFolder()
        let trace =
            #"{"baseTimeNanoseconds": 1709647200000000000, "traceEvents": [{"ph": "X", "cat": "kernel", "name": "gemm", "ts": 1000, "dur": 5000, "pid": 0, "tid": 7}, {"ph": "X", "cat": "kernel", "name": "bad", "ts": 9000, "dur": -5000, "pid": 0, "tid": 7}]}"#
        #expect(FileManager.default.createFile(atPath: folder + "/worker0.1.pt.trace.json", contents: Data(trace.utf8)))
        let report = try RunAnalyzer.analyze(runDirectory: folder, options: ReportOptions())
        let device = try #require(report.profiler?.traces.first?.devices.first)
        #expect(device.busyFraction == nil)
        #expect(JSONReportWriter.render(report).contains("\"busy_fraction\": null"))
        #expect(MarkdownReportWriter.render(report).contains("GPU 0: unknown"))
        #expect(
            report.findings.contains { $0.code == .profilerAlignment && $0.message.hasPrefix("no ProfilerStep spans") })
        #expect(
            report.findings.contains {
                $0.severity == .warning
                    && $0.message == "1 spans with a negative or non-numeric duration (the first here); not kept"
                    && $0.location?.path == "worker0.1.pt.trace.json"
            })
    }

    /// A profiler schedule that repeats writes one trace per window: steps #3–#7 and, 10 s later, #13–#17, each
    /// 100 ms, on one GPU at a constant 300 W. Both windows count: 10 steps of 30 J, 300 J by hand (the job's
    /// steps and energy were one window's).
    @Test func repeatedWindowsOfOneWorkerAreAdded() throws {
        let folder = TestPaths.temporaryFolder()
        let power = (0...30).map { String(format: "2024/03/05 14:00:%02d.000, 0, 300.00 W\n", $0) }.joined()
        #expect(
            FileManager.default.createFile(
                atPath: folder + "/gpu.csv", contents: Data(("timestamp, index, power.draw [W]\n" + power).utf8)))
        for (name, first, start) in [
            ("host1_4242.1.pt.trace.json", 3, 5_000_000), ("host1_4242.2.pt.trace.json", 13, 15_000_000),
        ] {
            let steps = (0..<5).map { index in
                #"{"ph": "X", "cat": "user_annotation", "name": "ProfilerStep#\#(first + index)", "ts": \#(start + 100_000 * index), "dur": 100000, "pid": 1, "tid": 1}"#
            }
            let kernel =
                #"{"ph": "X", "cat": "kernel", "name": "gemm", "ts": \#(start), "dur": 50000, "pid": 0, "tid": 7}"#
            let trace =
                #"{"baseTimeNanoseconds": 1709647200000000000, "traceEvents": ["#
                + (steps + [kernel]).joined(separator: ", ") + "]}"
            #expect(FileManager.default.createFile(atPath: folder + "/" + name, contents: Data(trace.utf8)))
        }
        var options = ReportOptions()
        options.zone = .utc
        let summary = try #require(try RunAnalyzer.analyze(runDirectory: folder, options: options).profiler)
        #expect(summary.windows.map(\.displayPath) == ["host1_4242.1.pt.trace.json", "host1_4242.2.pt.trace.json"])
        #expect(summary.stepCount == 10 && summary.stepJoules.count == 10)
        #expect(relativeError(try #require(summary.joules), 300) < 1e-6)
        #expect(relativeError(try #require(summary.medianStepJoules), 30) < 1e-6)
    }

    /// A trace cut short (a job killed while it was written) keeps its steps and their energy, but Kineto writes the
    /// GPU's events after the steps: those of the rest of the window are lost, so the busy share is unknown, with a
    /// warning, rather than the lost time counted as idle.
    @Test func aCutTraceHasNoBusyShare() throws {
        let folder = TestPaths.temporaryFolder()
        let power = (0...10).map { String(format: "2024/03/05 14:00:%02d.000, 0, 300.00 W\n", $0) }.joined()
        #expect(
            FileManager.default.createFile(
                atPath: folder + "/gpu.csv", contents: Data(("timestamp, index, power.draw [W]\n" + power).utf8)))
        let trace =
            #"{"baseTimeNanoseconds": 1709647200000000000, "traceEvents": [{"ph": "X", "cat": "user_annotation", "name": "ProfilerStep#1", "ts": 2000000, "dur": 1000000, "pid": 1, "tid": 1}, {"ph": "X", "cat": "kernel", "name": "gemm", "ts": 2000000, "dur": 100000, "pid": 0, "tid": 7}, {"ph": "X", "cat": "ker"#
        #expect(FileManager.default.createFile(atPath: folder + "/worker0.1.pt.trace.json", contents: Data(trace.utf8)))
        var options = ReportOptions()
        options.zone = .utc
        let report = try RunAnalyzer.analyze(runDirectory: folder, options: options)
        let summary = try #require(report.profiler)
        let joules = try #require(summary.joules)
        #expect(summary.stepCount == 1 && relativeError(joules, 300) < 1e-9)
        #expect(summary.traces.first?.devices.first?.busyFraction == nil && summary.gpuBusyFraction == nil)
        #expect(report.findings.contains { $0.severity == .warning && $0.message.hasPrefix("the trace is cut short") })
    }

    @Test func relativeTraceIsAlignedByTheEventFilesSteps() throws {
        let folder = TestPaths.temporaryFolder()
        let source = TestPaths.fixture("runs/training-resumed")
        for item in ["nvidia-smi.csv", "tb"] {
            try FileManager.default.copyItem(atPath: source + "/" + item, toPath: folder + "/" + item)
        }
        // Steps 300 and 310 of the run, on a relative clock (µs from the profiler's start).
        let trace =
            #"{"traceEvents": [{"ph": "X", "cat": "user_annotation", "name": "ProfilerStep#300", "ts": 1000000, "dur": 4000000, "pid": 1, "tid": 1}, {"ph": "X", "cat": "user_annotation", "name": "ProfilerStep#310", "ts": 5000000, "dur": 5000000, "pid": 1, "tid": 1}, {"ph": "X", "cat": "kernel", "name": "gemm", "ts": 2000000, "dur": 1000000, "pid": 0, "tid": 7}]}"#
        #expect(FileManager.default.createFile(atPath: folder + "/worker0.1.pt.trace.json", contents: Data(trace.utf8)))
        var options = ReportOptions()
        options.zone = .fixedOffset(seconds: 19_800)
        let report = try RunAnalyzer.analyze(runDirectory: folder, options: options)
        let result = try #require(report.profiler?.traces.first)
        #expect(result.clock == "relative ts, aligned by its steps to the event files")
        // Step 300 is logged at T0 + 300 × 0.5 s + 20 s of evaluation after step 200 = 1709647370; it ends at 5 s.
        #expect(result.windowEndSeconds == 1_709_647_375 && result.windowStartSeconds == 1_709_647_366)
        #expect(result.devices.first?.busyFraction == 1.0 / 9.0)
        #expect(report.findings.contains { $0.message.contains("aligned to the run by 2 of its steps") })
    }
}
