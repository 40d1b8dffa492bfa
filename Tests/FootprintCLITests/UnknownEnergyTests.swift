import Foundation
import Testing
import FootprintTestSupport

/// Unknown is never zero: a run whose power log cannot be read reports null energy with the reason in the
/// headline, and a model card is refused rather than written with 0 g.
struct UnknownEnergyTests {
    /// A run folder with a TensorBoard event file beside a headerless nvidia-smi log without units (written with
    /// `--format=csv,noheader,nounits`), which cannot be read without `--query-gpu`.
    static func runWithUnreadablePowerLog() throws -> String {
        let folder = NSTemporaryDirectory() + "footprint-unknown-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let rows = (0..<20).map { "2024/04/22 08:04:\(String(format: "%02d", 18 + $0)).000, 215.5, 1410, 97, 40" }
        try (rows.joined(separator: "\n") + "\n").write(
            toFile: folder + "/nvidia-smi.csv", atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(
            atPath: TestPaths.fixture("tfevents/events.out.tfevents.1713773043.carls-gaming-linux.286970.0"),
            toPath: folder + "/events.out.tfevents.1713773043.carls-gaming-linux.286970.0")
        return folder
    }

    @Test func anUnreadablePowerLogGivesNullEnergyAndSaysWhy() throws {
        let run = try Self.runWithUnreadablePowerLog()
        let result = try FootprintCLITests.run(["report", run, "--tz", "UTC", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(
            JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let energy = try #require(json["energy"] as? [String: Any])
        for key in ["joules", "kwh", "all_gpus_joules", "all_gpus_kwh", "mean_watts", "coverage"] {
            #expect(energy[key] is NSNull, "energy.\(key) must be null, not 0")
        }
        let reason = try #require(energy["missing_reason"] as? String)
        #expect(reason.hasPrefix("`nvidia-smi.csv` could not be read: no header line"))
        #expect(reason.contains("--query-gpu"))
        let findings = try #require(json["findings"] as? [[String: Any]])
        #expect(findings.contains { $0["code"] as? String == "energy.missing" && $0["file"] is NSNull })
        #expect(
            findings.contains {
                $0["code"] as? String == "input.unreadable" && $0["file"] as? String == "nvidia-smi.csv"
                    && $0["line"] as? Int == 1
            })
        let markdown = try FootprintCLITests.run(["report", run, "--tz", "UTC"])
        #expect(
            markdown.stdout.contains(
                "**No measured GPU energy**: `nvidia-smi.csv` could not be read: no header line"))
        #expect(!markdown.stdout.contains("No GPU power log in this run"))
    }

    @Test func aModelCardIsRefusedWithoutEnergyAndNothingIsWritten() throws {
        let run = try Self.runWithUnreadablePowerLog()
        let output = run + "/out"
        let result = try FootprintCLITests.run([
            "report", run, "--tz", "UTC", "--format", "md,model-card", "--output", output,
        ])
        #expect(result.status == 1)
        #expect(
            result.stderr.contains("--format model-card: no measured GPU energy (`nvidia-smi.csv` could not be read"))
        #expect(!FileManager.default.fileExists(atPath: output + "/report.md"), "no half-written output set")
        #expect(!FileManager.default.fileExists(atPath: output + "/model-card.yaml"))
        // With the columns named, the same run has energy and a model card.
        let named = try FootprintCLITests.run([
            "report", run, "--tz", "UTC", "--format", "model-card",
            "--query-gpu", "timestamp,power.draw,clocks.gr,utilization.gpu,utilization.memory",
        ])
        #expect(named.status == 0, "\(named.stderr)")
        #expect(named.stdout.contains("co2_eq_emissions:"))
    }

    @Test func estimateTakesAFamilyName() throws {
        let result = try FootprintCLITests.run([
            "estimate", "--gpu", "A100", "--count", "8", "--hours", "10", "--intensity", "100", "--format", "json",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(
            JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let estimate = try #require(json["estimate"] as? [String: Any])
        #expect(estimate["gpu"] as? String == "NVIDIA A100 SXM4 80GB")
        // 8 × 10 h × 400 W = 32 kWh at 100 g/kWh, PUE 1.0 (assumed) = 3.2 kg.
        let emissions = try #require(json["emissions"] as? [String: Any])
        #expect(emissions["kg_co2e"] as? Double == 3.2)
    }
}

/// The same with the real headerless log of ../shared/real-logs (written by nvidia-smi `--format=csv,noheader,nounits`
/// on Windows; no licence to copy it into Fixtures).
@Suite(.enabled(if: TestPaths.sharedRealLogsPresent, "needs ../shared/real-logs"))
struct UnknownEnergyOnRealLogTests {
    @Test func theRealHeaderlessLogGivesNullEnergyWithTheReason() throws {
        let name = "noheader_Gemm_Multiply_LeakyReLU_baseline_r1_20260410_230639_power.csv"
        let source = try #require(TestPaths.sharedRealLog("nvidia-smi-csv/" + name))
        let run = TestPaths.temporaryFolder()
        try FileManager.default.copyItem(atPath: source, toPath: run + "/nvidia-smi.csv")
        try FileManager.default.copyItem(
            atPath: TestPaths.fixture("tfevents/events.out.tfevents.1713773043.carls-gaming-linux.286970.0"),
            toPath: run + "/events.out.tfevents.1713773043.carls-gaming-linux.286970.0")
        let result = try FootprintCLITests.run(["report", run, "--tz", "UTC", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let energy = try #require(json["energy"] as? [String: Any])
        #expect(energy["joules"] is NSNull && energy["kwh"] is NSNull)
        #expect((energy["missing_reason"] as? String)?.hasPrefix("`nvidia-smi.csv` could not be read") == true)
        let card = try FootprintCLITests.run(["report", run, "--tz", "UTC", "--format", "model-card"])
        #expect(card.status == 1 && card.stdout.isEmpty)
        #expect(card.stderr.contains("no measured GPU energy"))
    }
}
