import Foundation
import Testing
import FootprintTestSupport

/// `footprint audit --sacct` and `inspect` of Slurm accounting, as a user runs them.
struct SlurmCLITests {
    @Test func auditsASacctDumpWithoutRunFolders() throws {
        let output = TestPaths.temporaryFolder() + "/audit"
        let result = try FootprintCLITests.run([
            "audit", "--sacct", "Fixtures/slurm/sacct-cluster.txt", "--tz", "UTC", "--intensity", "400", "--pue",
            "1.2", "--output", output,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let csv = try String(contentsOfFile: output + "/audit.csv", encoding: .utf8)
        let rows = csv.split(separator: "\n").dropFirst()
        // Seven jobs that started (1005 is pending); 1001's node energy is 24 kWh × 1.2 × 400 g = 11.52 kg.
        #expect(rows.count == 7)
        #expect(rows.contains { $0.hasPrefix("slurm:1001,2024-03-05T08:00:00.000Z,") && $0.contains(",11.520000,") })
        let json = try String(contentsOfFile: output + "/audit.json", encoding: .utf8)
        #expect(json.contains("\"system-energy\": 1,") && json.contains("\"estimate\": 4,"))
        let markdown = try String(contentsOfFile: output + "/audit.md", encoding: .utf8)
        #expect(markdown.contains("- 1 jobs that never started (no Start) left out"))
    }

    @Test func auditNeedsAFolderOrADump() throws {
        let result = try FootprintCLITests.run(["audit"])
        #expect(result.status == 1 && result.stderr.contains("--sacct FILE"))
        let missing = try FootprintCLITests.run(["audit", "--sacct", "Fixtures/slurm/no-such-file.txt"])
        #expect(missing.status != 0 && missing.stderr.contains("no-such-file.txt"))
    }

    @Test func inspectDescribesTheJobs() throws {
        let result = try FootprintCLITests.run(["inspect", "Fixtures/slurm/sacct-cluster.txt", "--tz", "UTC"])
        #expect(result.status == 0)
        #expect(
            result.stdout.contains(
                "Slurm accounting: 8 jobs (1 with ConsumedEnergy, 7 with GPUs: 133.67 GPU-hours), started 2024-03-05 08:00:00 UTC → 2024-03-09 02:00:00 UTC"
            ))
    }
}
