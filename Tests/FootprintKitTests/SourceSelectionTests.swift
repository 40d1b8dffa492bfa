import Foundation
import Testing
@testable import FootprintKit
import FootprintTestSupport

/// Several producers measured the same GPUs (nvidia-smi every second, W&B every 15 s): the GPUs are counted once,
/// from the finer source, and the other is a cross-check whose disagreement is reported.
@Suite struct SourceSelectionTests {
    /// A run folder with an nvidia-smi log of GPUs 0 and 1 at 300 W and 200 W for 600 s, and a W&B
    /// `wandb-events.jsonl` of the same GPUs and time at `wandbScale` × those powers, on `wandbGPUs` GPUs.
    static func run(wandbScale: Double, wandbGPUs: Int = 2, wandbStart: Int = 1_700_000_000) throws -> String {
        let root = TestPaths.temporaryFolder()
        let watts = [300.0, 200.0, 100.0]
        var csv = "timestamp, index, name, power.draw [W]\n"
        for second in 0...600 {
            let time = Date(timeIntervalSince1970: 1_700_000_000 + Double(second))
            let stamp = time.formatted(
                .iso8601.year().month().day().dateSeparator(.dash).time(includingFractionalSeconds: false)
                    .timeSeparator(.colon))
            for gpu in 0..<2 { csv += "\(stamp), \(gpu), NVIDIA A100-SXM4-80GB, \(watts[gpu]) W\n" }
        }
        try csv.write(toFile: root + "/nvidia-smi.csv", atomically: true, encoding: .utf8)
        var events = ""
        for tick in 0...40 {
            var fields = (0..<wandbGPUs).map { "\"system.gpu.\($0).powerWatts\": \(watts[$0] * wandbScale)" }
            fields += ["\"_wandb\": true", "\"_timestamp\": \(wandbStart + 15 * tick)", "\"_runtime\": \(15 * tick)"]
            events += "{" + fields.joined(separator: ", ") + "}\n"
        }
        try events.write(toFile: root + "/wandb-events.jsonl", atomically: true, encoding: .utf8)
        return root
    }

    static func analyze(_ run: String) throws -> RunReport {
        var options = ReportOptions()
        options.zone = .utc
        return try RunAnalyzer.analyze(runDirectory: run, options: options)
    }

    @Test func theFinerSourceIsCountedAndTheOtherComparedWithIt() throws {
        let report = try Self.analyze(try Self.run(wandbScale: 0.977))
        // Counted once: (300 W + 200 W) × 600 s from nvidia-smi, not W&B's 0.977 × that on top.
        #expect(relativeError(report.allGPUJoules, 300_000) < 1e-9)
        #expect(report.gpus.count == 2)
        #expect(report.sources.map(\.producer) == ["nvidia-smi", "W&B"])
        #expect(report.sources.map(\.role) == [.primary, .crossCheck])
        let check = try #require(report.sources.last?.comparison)
        #expect(check.commonGPUCount == 2 && relativeError(check.commonSeconds, 600) < 1e-9)
        // Constant powers: W&B's energy over the common time is 0.977 × nvidia-smi's, so the difference is −2.3%.
        #expect(abs((check.difference ?? 0) - (0.977 - 1)) < 1e-6)
        #expect(relativeError(check.primaryJoules, 300_000) < 1e-6)
        #expect(
            report.sources.last?.agreement
                == "W&B's 15 s samples give 2.3% less than nvidia-smi over the same 2 GPUs and 10 min 0 s")
        #expect(report.findings.contains { $0.code == .sourceCrossCheck })
        #expect(!report.findings.contains { $0.code == .sourcePartial })
        let json = try #require(
            JSONSerialization.jsonObject(with: Data(JSONReportWriter.render(report).utf8)) as? [String: Any])
        #expect((json["energy"] as? [String: Any])?["source"] as? String == "nvidia-smi")
        let sources = try #require(json["sources"] as? [[String: Any]])
        #expect(sources.map { $0["role"] as? String } == ["primary", "cross-check"])
        #expect(abs((sources[1]["difference"] as? Double ?? 0) + 0.023) < 1e-6)
        #expect(
            MarkdownReportWriter.render(report).contains(
                "Sources: nvidia-smi counted; cross-checked by W&B (W&B's 15 s samples give 2.3% less"))
    }

    @Test func nvidiaSMIWandBAndCodeCarbonGiveOnePrimaryAndTwoCrossChecks() throws {
        let run = try Self.run(wandbScale: 0.977)
        // CodeCarbon's row for the same 600 s (2023-11-14T22:13:20 to 22:23:20 UTC, its timestamp the end) with
        // 0.0855 kWh of GPU energy: 307,800 J against nvidia-smi's 300,000 J, 2.6% more.
        let header =
            "timestamp,project_name,run_id,duration,emissions,cpu_energy,gpu_energy,ram_energy,energy_consumed,country_name,gpu_count,gpu_model,pue"
        let row =
            "2023-11-14T22:23:20,demo,11111111-aaaa-4bbb-8ccc-000000000001,600.0,0.02,0.001,0.0855,0.0005,0.087,France,2,2 x NVIDIA A100-SXM4-80GB,1.0"
        try (header + "\n" + row + "\n").write(toFile: run + "/emissions.csv", atomically: true, encoding: .utf8)
        let report = try Self.analyze(run)
        #expect(relativeError(report.allGPUJoules, 300_000) < 1e-9)
        #expect(report.sources.map(\.producer) == ["nvidia-smi", "W&B", "CodeCarbon"])
        #expect(report.sources.map(\.role) == [.primary, .crossCheck, .crossCheck])
        let wandb = try #require(report.sources[1].comparison?.difference)
        let codeCarbon = try #require(report.sources[2].comparison)
        #expect(abs(wandb - (0.977 - 1)) < 1e-6)
        // The totals stand for both GPUs: compared with nvidia-smi's two over the common 600 s.
        #expect(codeCarbon.commonGPUCount == 2 && relativeError(codeCarbon.commonSeconds, 600) < 1e-9)
        #expect(abs((codeCarbon.difference ?? 0) - (0.0855 * 3.6e6 / 300_000 - 1)) < 1e-6)
        #expect(report.powerLogs.compactMap(\.trackerTotals).allSatisfy { !$0.gpuEnergyUsed })
        #expect(!report.findings.contains { $0.code == .sourcePartial })
    }

    @Test func aCrossCheckWithMoreGPUsSaysWhatIsNotCounted() throws {
        let report = try Self.analyze(try Self.run(wandbScale: 1, wandbGPUs: 3))
        #expect(relativeError(report.allGPUJoules, 300_000) < 1e-9)
        #expect(report.sources.last?.comparison?.commonGPUCount == 2)
        #expect(
            report.findings.contains {
                $0.code == .sourcePartial && $0.message.contains("holds 1 GPU that nvidia-smi does not")
            })
    }

    @Test func producersAtDifferentTimesAreBothCounted() throws {
        // W&B's samples start an hour after nvidia-smi's end: a different stretch of the run, counted too.
        let report = try Self.analyze(try Self.run(wandbScale: 1, wandbStart: 1_700_004_000))
        #expect(report.sources.map(\.role) == [.primary, .primary])
        #expect(relativeError(report.allGPUJoules, 600_000) < 1e-9)
    }

    @Test func oneProducerIsOnePrimarySource() throws {
        let report = try Self.analyze(TestPaths.fixture("runs/example"))
        #expect(report.sources.map(\.producer) == ["nvidia-smi"] && report.sources[0].role == .primary)
        #expect(report.sources[0].comparison == nil)
    }
}
