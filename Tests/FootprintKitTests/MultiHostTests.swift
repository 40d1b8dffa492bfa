import Foundation
import Testing
@testable import FootprintKit
import FootprintTestSupport

/// Runs over several hosts (`Fixtures/multihost`, written by `Scripts/make-multihost.py`, which also integrates
/// each layout's energy per host independently into `expected.json`): every GPU counted once, per host.
@Suite struct MultiHostTests {
    struct Expected: Decodable {
        var hosts: [String: Double]
        var gpus: Int
        var joules: Double
    }

    static let expected: [String: Expected] = {
        let data = FileManager.default.contents(atPath: TestPaths.fixture("multihost/expected.json")) ?? Data()
        return (try? JSONDecoder().decode([String: Expected].self, from: data)) ?? [:]
    }()

    static func analyze(_ layout: String, hostPattern: String? = nil) throws -> RunReport {
        var options = ReportOptions()
        options.zone = .utc
        options.hostPattern = hostPattern
        return try RunAnalyzer.analyze(runDirectory: TestPaths.fixture("multihost/" + layout), options: options)
    }

    @Test(arguments: [
        "per-host-folders", "host-in-file-name", "host-key-folders", "uuid-only", "duplicated-copy",
        "resumed-one-host", "straggler-host",
    ])
    func energyPerHostAndInTotal(layout: String) throws {
        let expected = try #require(Self.expected[layout])
        let report = try Self.analyze(layout)
        #expect(report.gpus.count == expected.gpus)
        #expect(relativeError(report.jobJoules, expected.joules) < 1e-9, "\(report.jobJoules) J")
        let hosts = Dictionary(uniqueKeysWithValues: report.hosts.map { ($0.name, $0.jobJoules) })
        #expect(Set(hosts.keys) == Set(expected.hosts.keys))
        for (host, joules) in expected.hosts {
            #expect(relativeError(hosts[host] ?? 0, joules) < 1e-9, "host '\(host)'")
        }
        #expect(!report.findings.contains { $0.code == .inputDuplicate } || layout == "duplicated-copy")
        let stragglers = report.findings.filter { $0.code == .hostStraggler }
        #expect(stragglers.map { String($0.message.prefix(11)) } == (layout == "straggler-host" ? ["host node6:"] : []))
    }

    @Test func aCopyIsCountedOnceAndNamed() throws {
        let report = try Self.analyze("duplicated-copy")
        let duplicate = try #require(report.findings.first { $0.code == .inputDuplicate })
        #expect(duplicate.location?.path == "node1/nvidia-smi.csv")
        #expect(duplicate.message.contains("a copy of backup/nvidia-smi.csv"))
        #expect(report.hosts.map(\.name) == [""], "one host, unnamed: a single-host run keeps today's output")
    }

    @Test func hostFromNamesTheHostsByAPattern() throws {
        let report = try Self.analyze("per-host-folders", hostPattern: "^node([0-9]+)/")
        #expect(report.hosts.map(\.name) == ["1", "2"])
        #expect(report.gpus.map(\.identity.label).prefix(2) == ["1/0", "1/1"])
        #expect(throws: FootprintError.self) { try Self.analyze("per-host-folders", hostPattern: "^node[0-9]+/") }
        #expect(throws: FootprintError.self) { try Self.analyze("per-host-folders", hostPattern: "(a)(b)") }
        #expect(throws: FootprintError.self) { try Self.analyze("per-host-folders", hostPattern: "(unclosed") }
    }

    @Test func hostNamesFromPaths() {
        #expect(
            HostAssignment.namesFromPaths(["a/node01/gpu.csv", "a/node02/gpu.csv"]) == ["node01", "node02"])
        #expect(
            HostAssignment.namesFromPaths(["gpu-a100-node-017.csv", "gpu-a100-node-018.csv.gz"])
                == ["node-017", "node-018"])
        #expect(
            HostAssignment.namesFromPaths(["logs/host=gpu12/p.csv", "logs/host=gpu13/p.csv"]) == ["gpu12", "gpu13"])
        #expect(HostAssignment.namesFromPaths(["power_hostA.csv", "power_hostB.csv"]) == ["hostA", "hostB"])
        // One host's logs in two formats follow no naming pattern: no host names.
        #expect(HostAssignment.namesFromPaths(["nvidia-smi.csv", "dmon.log"]) == ["", ""])
        #expect(HostPattern.captureGroups("(a)(?:b)(?<n>c)[(]\\(") == 2)
        #expect(HostName.precedes("node2", "node10") && !HostName.precedes("node10", "node2"))
    }

    @Test func markdownListsTheHostsAndStaysShortAtScale() throws {
        let report = try Self.analyze("host-in-file-name")
        let markdown = MarkdownReportWriter.render(report)
        #expect(markdown.contains("| node-018 | 4 of 4 | 240.1 | 0.01601 kWh | 33.5% |"))
        let json = try #require(
            JSONSerialization.jsonObject(with: Data(JSONReportWriter.render(report).utf8)) as? [String: Any])
        let hosts = try #require(json["hosts"] as? [[String: Any]])
        #expect(hosts.map { $0["name"] as? String } == ["node-017", "node-018", "node-019"])
        let gpus = try #require(json["gpus"] as? [[String: Any]])
        #expect(gpus.allSatisfy { ($0["host"] as? String)?.hasPrefix("node-01") == true })
    }
}

/// Profiled steps of a distributed job: every rank's trace covers the same steps, so the job's energy is taken
/// over one rank's steps (the lowest rank's), never once per trace.
@Suite struct ProfilerRankTests {
    static func trace(rank: Int?, joules: Double?, steps: [Double]) -> ProfilerSummary.TraceResult {
        ProfilerSummary.TraceResult(
            displayPath: "rank\(rank ?? -1).pt.trace.json", host: nil, rank: rank, worldSize: 4, deviceNames: ["A100"],
            isCPUOnly: false, stepNumbers: Array(0..<steps.count), clock: "ts in Unix microseconds",
            windowStartSeconds: 0, windowEndSeconds: 10, joules: joules, stepJoules: steps, devices: [],
            busyMicroseconds: 0, deviceWindowMicroseconds: 0)
    }

    @Test func fourRanksCountTheJobsEnergyOnce() {
        // Each trace saw the whole job (4 GPUs) draw 4,000 J over its window; rank 0's steps took 900 J and 1,100 J.
        let summary = ProfilerSummary(traces: [
            Self.trace(rank: 3, joules: 4_000, steps: [905, 1_095]),
            Self.trace(rank: 1, joules: 4_000, steps: [910, 1_090]),
            Self.trace(rank: 0, joules: 4_000, steps: [1_100, 900]),
            Self.trace(rank: 2, joules: 4_000, steps: [899, 1_101]),
        ])
        #expect(summary.joules == 4_000)
        #expect(summary.stepJoules == [900, 1_100])
        #expect(summary.medianStepJoules == 1_000)
        #expect(summary.reference?.rank == 0)
        // The job's steps are one rank's; each rank's are still listed per trace.
        #expect(summary.stepCount == 2 && summary.ranks.flatMap(\.stepNumbers).count == 8)
    }

    @Test func withoutRanksTheFirstPlacedTraceTimesTheSteps() {
        let summary = ProfilerSummary(traces: [
            Self.trace(rank: nil, joules: nil, steps: []), Self.trace(rank: nil, joules: 50, steps: [20, 30]),
            Self.trace(rank: nil, joules: 60, steps: [25, 35]),
        ])
        #expect(summary.joules == 50 && summary.stepJoules == [20, 30])
    }
}

/// The power plot stays legible with many GPUs: beyond 16 job GPUs a GPU × time heat map, beyond 128 one row
/// per host.
@Suite struct ManyGPUPlotTests {
    @Test func heatMapRowsPerGPUThenPerHost() throws {
        let few = try MultiHostTests.analyze("straggler-host")
        let svg = SVGPlotWriter.render(few)
        #expect(svg.components(separatedBy: "<g><title>GPU node").count - 1 == 24)
        #expect(svg.contains("one row per job GPU, 24 GPUs"))
        #expect(!svg.contains("<polyline"), "no line per GPU")
        // 17 hosts × 8 GPUs = 136 job GPUs, 11 s at 1 Hz each.
        let root = TestPaths.temporaryFolder()
        for host in 1...17 {
            var rows = ["timestamp, index, power.draw [W], utilization.gpu [%]"]
            for second in 0...10 {
                for gpu in 0..<8 {
                    rows.append(
                        "2024/03/05 14:00:\(second < 10 ? "0" : "")\(second).000, \(gpu), \(100 + host + gpu + second).00 W, 90 %"
                    )
                }
            }
            try FileManager.default.createDirectory(
                atPath: root + "/node\(host)", withIntermediateDirectories: true)
            try (rows.joined(separator: "\n") + "\n").write(
                toFile: root + "/node\(host)/nvidia-smi.csv", atomically: true, encoding: .utf8)
        }
        var options = ReportOptions()
        options.zone = .utc
        let many = try RunAnalyzer.analyze(runDirectory: root, options: options)
        #expect(many.jobGPUs.count == 136 && many.hosts.count == 17)
        let hostRows = SVGPlotWriter.render(many)
        #expect(hostRows.contains("<g><title>node2 (8 GPUs, mean)</title>"))
        #expect(hostRows.components(separatedBy: "<g><title>node").count - 1 == 17)
        #expect(hostRows.contains("one row per host (its GPUs' mean), 136 GPUs"))
        // Markdown: hosts listed, GPUs collapsed to those with something to say (none here).
        let markdown = MarkdownReportWriter.render(many)
        #expect(markdown.contains("136 GPUs: each is in report.json and report.csv"))
        #expect(markdown.contains("**Job GPUs (136 GPUs on 17 hosts), whole log**"))
    }
}

/// Each host's trace is matched to its own host's GPUs: GPU 0 of node2 is not GPU 0 of node1.
@Suite struct ProfilerHostTests {
    /// A run of two hosts, each with its nvidia-smi log and its rank's trace; node2 draws twice node1's power.
    static func twoHostProfiledRun() throws -> String {
        let root = TestPaths.temporaryFolder()
        let trace = "hta_ns_resolution_rank-0.Apr_03_18_51_38.1102.pt.trace.json.gz"
        let power = try String(
            contentsOfFile: TestPaths.fixture("profiler/power/hta_ns_resolution_rank-0-power.csv"), encoding: .utf8)
        // node2 draws twice node1's power at every sample.
        let doubled =
            power.split(separator: "\n").enumerated().map { index, line -> String in
                guard index > 0 else { return String(line) }
                var fields = line.components(separatedBy: ", ")
                let watts = Double(fields[2].replacingOccurrences(of: " W", with: "")) ?? 0
                fields[2] = String(format: "%.2f W", 2 * watts)
                return fields.joined(separator: ", ")
            }.joined(separator: "\n") + "\n"
        for (host, text) in [("node1", power), ("node2", doubled)] {
            try FileManager.default.createDirectory(atPath: root + "/" + host, withIntermediateDirectories: true)
            try text.write(toFile: root + "/\(host)/nvidia-smi.csv", atomically: true, encoding: .utf8)
            try FileManager.default.copyItem(
                atPath: TestPaths.fixture("profiler/" + trace), toPath: root + "/\(host)/" + trace)
        }
        return root
    }

    @Test func tracesMapToTheirHostsGPUs() throws {
        let root = try Self.twoHostProfiledRun()
        var options = ReportOptions()
        options.zone = .utc
        let report = try RunAnalyzer.analyze(runDirectory: root, options: options)
        let summary = try #require(report.profiler)
        #expect(summary.traces.map(\.host) == ["node1", "node2"])
        // Busy energy of GPU 0 inside its trace's busy spans, from Fixtures/profiler/expected-profiler.json
        // (Scripts/make-profiler-fixtures.py); node2's is twice it, its power being twice at every sample.
        let busy = 67.29503173623522
        let devices = summary.traces.map { $0.devices.first { $0.device == 0 } }
        #expect(devices.map { $0?.gpuLabel } == ["node1/0", "node2/0"])
        #expect(relativeError(devices[0]?.busyJoules ?? 0, busy) < 1e-9)
        #expect(relativeError(devices[1]?.busyJoules ?? 0, 2 * busy) < 1e-9)
        // The job's energy over the profiled window, counted once: node1's GPU 0 plus node2's (twice it).
        #expect(relativeError(summary.joules ?? 0, 3 * 69.27987910724974) < 1e-9)
        let json = try #require(
            JSONSerialization.jsonObject(with: Data(JSONReportWriter.render(report).utf8)) as? [String: Any])
        let ranks = try #require((json["profiler"] as? [String: Any])?["ranks"] as? [[String: Any]])
        #expect(ranks.map { $0["host"] as? String } == ["node1", "node2"])
        #expect(ranks.map { $0["gpus"] as? [String] } == [["node1/0"], ["node2/0"]], "the GPUs its kernels ran on")
    }
}

/// Logs that name their own host (W&B runs) of the same node: the same time only when their samples overlap.
struct SameNodeTests {
    /// A log of host `node-a`'s GPUs 0 and 1 at 300 W, a sample every 10 s from `start` for `seconds`.
    private func log(_ path: String, start: Double, seconds: Int) -> PowerLog {
        let gpus = (0..<2).map { index in
            var integrator = PowerIntegrator()
            for tick in stride(from: 0, through: seconds, by: 10) {
                integrator.add(seconds: start + Double(tick), watts: 300)
            }
            return PowerSeries(
                identity: DeviceID(host: "node-a", index: String(index)), trace: integrator.finished(),
                invalidReasons: [:])
        }
        return PowerLog(
            path: path, format: .wandb, encoding: InputEncoding(isGzip: false, isUTF16LE: false),
            powerField: "system.gpu.0.powerWatts", clock: .embedded, dataRowCount: 0, gpus: gpus,
            ambiguousTimeCount: 0, nonexistentTimeCount: 0)
    }

    /// Two runs of a sweep one after another, 15 s apart (within a gap threshold of the sampling): both counted,
    /// with the 15 s between them bridged as between any two logs of one GPU: 2 GPUs × 300 W × (600 + 15 + 600) s
    /// = 729,000 J by hand.
    @Test func runsOneAfterAnotherAreBothCounted() {
        var findings = FindingLog()
        let kept = HostAssignment.assign(
            [log("a.wandb", start: 0, seconds: 600), log("b.wandb", start: 615, seconds: 600)], hostPattern: nil,
            findings: &findings)
        #expect(kept.map(\.path) == ["a.wandb", "b.wandb"])
        let gpus = DeviceJoining.join(kept, findings: &findings)
        #expect(gpus.map(\.trace.joules).reduce(0, +) == 729_000)
        #expect(!findings.allFindings().contains { $0.code == .inputDuplicate })
    }

    /// Two ranks' runs of the node at the same time, the first to sort stopping at 1,200 s and the other going on to
    /// 3,600 s: the node is counted once, from the longer (2 × 300 W × 3,600 s = 2,160,000 J).
    @Test func ranksOfOneNodeCountTheLongerRun() {
        var findings = FindingLog()
        let kept = HostAssignment.assign(
            [log("rank1.wandb", start: 0.02, seconds: 1200), log("rank0.wandb", start: 0, seconds: 3600)],
            hostPattern: nil, findings: &findings)
        #expect(kept.map(\.path) == ["rank0.wandb"])
        #expect(DeviceJoining.join(kept, findings: &findings).map(\.trace.joules).reduce(0, +) == 2_160_000)
        #expect(
            findings.allFindings().contains {
                $0.code == .inputDuplicate && $0.severity == .note && $0.location?.path == "rank1.wandb"
            })
    }
}
