import Foundation
import Testing
@testable import FootprintKit
import FootprintTestSupport

/// Audits of a tree built from the fixtures, with broken runs: rows, statuses, totals, rollups, shards, cache.
@Suite struct AuditTests {
    /// `root/` with 6 good runs in two groups, an empty folder, a garbage log, a truncated gzip log, an
    /// unreadable log, and a folder without logs whose child is a run.
    private func makeTree() throws -> String {
        let root = TestPaths.temporaryFolder()
        let manager = FileManager.default
        func copy(_ fixture: String, to relative: String) throws {
            try manager.createDirectory(
                atPath: (root + "/" + relative as NSString).deletingLastPathComponent, withIntermediateDirectories: true
            )
            try manager.copyItem(atPath: TestPaths.fixture(fixture), toPath: root + "/" + relative)
        }
        for index in 1...3 { try copy("runs/example", to: "lab-a/exp\(index)") }
        try copy("runs/training-resumed", to: "lab-a/resumed")
        try copy("runs/nanogpt-8gpu", to: "lab-b/nanogpt")
        try copy("runs/example-gzip/gpu-log", to: "lab-b/gz/gpu_metrics.csv.gz")
        try manager.createDirectory(atPath: root + "/lab-b/empty", withIntermediateDirectories: true)
        try copy("malformed/binary-garbage.csv", to: "lab-b/garbage/nvidia_smi.csv")
        let gzip = try #require(manager.contents(atPath: TestPaths.fixture("gzip/truncated.txt.gz")))
        try manager.createDirectory(atPath: root + "/lab-b/cut", withIntermediateDirectories: true)
        #expect(manager.createFile(atPath: root + "/lab-b/cut/gpu_power.csv.gz", contents: gzip))
        try copy("runs/example/nvidia-smi.csv", to: "lab-b/locked/nvidia-smi.csv")
        chmod(root + "/lab-b/locked/nvidia-smi.csv", 0)
        return root
    }

    private func options(jobs: Int = 2) -> AuditOptions {
        var options = AuditOptions()
        options.jobs = jobs
        options.report.zone = .named(identifier: "Europe/Berlin")
        options.report.emission.region = "DE"
        return options
    }

    @Test func rowsStatusesAndTotalsMatchPerRunReports() throws {
        let root = try makeTree()
        let result = try Auditor.audit(root: root, options: options())
        let paths = result.rows.map(\.path)
        #expect(
            paths == [
                "lab-a/exp1", "lab-a/exp2", "lab-a/exp3", "lab-a/resumed", "lab-b/cut", "lab-b/garbage", "lab-b/gz",
                "lab-b/locked", "lab-b/nanogpt",
            ])
        #expect(result.rows.filter { $0.status == .error }.isEmpty)
        // A damaged or cut log named like one is unreadable, not an error of the tool. Running as root, chmod 0
        // does not stop reading: the locked run is then an ordinary good run.
        let unreadable = Set(result.rows.filter { $0.status == .unreadable }.map(\.path))
        let lockedReadable = access(root + "/lab-b/locked/nvidia-smi.csv", R_OK) == 0
        #expect(unreadable == Set(["lab-b/cut", "lab-b/garbage"] + (lockedReadable ? [] : ["lab-b/locked"])))
        #expect(result.rows.first { $0.path == "lab-b/garbage" }?.error.contains("binary content") == true)
        // Totals equal the sum of `report` on each run.
        var expectedKilograms = 0.0
        for row in result.rows where row.status == .ok {
            var reportOptions = options().report
            reportOptions.limits = InputLimits()
            let report = try RunAnalyzer.analyze(runDirectory: root + "/" + row.path, options: reportOptions)
            #expect(
                row.cells
                    == {
                        var copy = report
                        copy.runPath = row.path
                        return CSVReportWriter.row(copy)
                    }())
            expectedKilograms += report.kilogramsCO2e
        }
        let totals = AuditWriter.Totals(result.rows)
        #expect(abs(totals.kilograms - expectedKilograms) < 1e-5)
        let markdown = AuditWriter.markdown(result.rows, root: "root", grouping: .parent, notes: [])
        #expect(
            markdown.contains("| `lab-a` | 4 | 4 | 0 |")
                && markdown.contains("## Runs whose power log could not be read"))
        let byPattern = AuditWriter.markdown(result.rows, root: "root", grouping: .pattern("exp(\\d)"), notes: [])
        #expect(byPattern.contains("| `1` | 1 |") && byPattern.contains("| `(no match)` |"))
        #expect(AuditWriter.markdown(result.rows, root: "root", grouping: .month, notes: []).contains("| `2024-03` |"))
        let bars = SVGPlotWriter.renderAudit(result.rows, root: "root", grouping: .parent)
        #expect(bars.contains("<title>lab-a: ") && bars.contains("4 runs</title>") && bars.hasSuffix("</svg>\n"))
    }

    @Test func discoveryRulesAndOverrides() throws {
        let root = try makeTree()
        let byName = AuditDiscovery.runs(under: root, rule: .logsByName).runs.map(\.relativePath)
        #expect(
            !byName.contains("lab-b/empty") && byName.contains("lab-a/resumed") && !byName.contains("lab-a/resumed/tb"))
        #expect(AuditDiscovery.runs(under: root, rule: .depth(1)).runs.map(\.relativePath) == ["lab-a", "lab-b"])
        #expect(
            AuditDiscovery.runs(under: root, rule: .glob("lab-a/exp*")).runs.map(\.relativePath) == [
                "lab-a/exp1", "lab-a/exp2", "lab-a/exp3",
            ])
        // A log is found by its content: one named `data.csv` in a folder named `notes` makes that folder a run.
        try FileManager.default.createDirectory(atPath: root + "/lab-c/notes", withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: TestPaths.fixture("runs/example/nvidia-smi.csv"), toPath: root + "/lab-c/notes/data.csv")
        #expect(AuditDiscovery.runs(under: root, rule: .logsByName).runs.map(\.relativePath).contains("lab-c/notes"))
        // A symbolic link to a folder is not followed (no loops).
        symlink(root, root + "/lab-a/loop")
        #expect(AuditDiscovery.runs(under: root, rule: .logsByName).runs.count == byName.count + 1)
    }

    @Test func shardsTogetherGiveTheUnshardedRows() throws {
        let root = try makeTree()
        let whole = try Auditor.audit(root: root, options: options()).rows
        var union: [AuditRow] = []
        for index in 1...3 {
            var sharded = options()
            sharded.shard = Shard(index: index, count: 3)
            union += try Auditor.audit(root: root, options: sharded).rows
        }
        #expect(union.sorted { $0.path < $1.path } == whole)
        // Through CSV and back (what `merge` reads), rows are unchanged.
        #expect(try AuditWriter.rows(fromCSV: AuditWriter.csv(whole), path: "audit.csv") == whole)
    }

    @Test func cachedRerunAnalysesOnlyTheChangedRun() throws {
        let root = try makeTree()
        var cached = options()
        cached.cachePath = root + "/../audit-cache-\(UUID().uuidString).json"
        let first = try Auditor.audit(root: root, options: cached)
        #expect(first.reusedCount == 0 && first.analysedCount == 9)
        let log = root + "/lab-a/exp2/nvidia-smi.csv"
        var text = try String(contentsOfFile: log, encoding: .utf8)
        text +=
            "2024/03/05 14:30:00.000, 0, NVIDIA A100-SXM4-80GB, GPU-00000000-1111-2222-3333-444455556666, 100.00 W, 50 %, 1000 MiB\n"
        try text.write(toFile: log, atomically: false, encoding: .utf8)
        let second = try Auditor.audit(root: root, options: cached)
        #expect(second.reusedCount == 8 && second.analysedCount == 1)
        #expect(second.rows.first { $0.path == "lab-a/exp2" } != first.rows.first { $0.path == "lab-a/exp2" })
        // Other options invalidate the cache.
        cached.report.emission.region = "FR"
        #expect(try Auditor.audit(root: root, options: cached).reusedCount == 0)
    }

    @Test func datesFilterRuns() throws {
        let root = try makeTree()
        var filtered = options()
        filtered.since = "2025-01-01"
        let result = try Auditor.audit(root: root, options: filtered)
        // Only the nanoGPT run (2025) starts after the date; error rows have no start and are kept.
        #expect(result.rows.filter { $0.status == .ok }.map(\.path) == ["lab-b/nanogpt"])
        #expect(result.outsideDatesCount > 0)
    }

    /// `root/` with one run of each status but error: `ok` (the example's nvidia-smi CSV), `no-energy` (the resumed
    /// run's event files alone) and `unreadable` (an nvidia-smi CSV whose every reading is `[N/A]`).
    @Test func statusesAndTotalsNeverAddAnUnknownAsZero() throws {
        let root = TestPaths.temporaryFolder()
        let manager = FileManager.default
        for folder in ["ok", "no-energy", "unreadable"] {
            try manager.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
        }
        try manager.copyItem(
            atPath: TestPaths.fixture("runs/example/nvidia-smi.csv"), toPath: root + "/ok/nvidia-smi.csv")
        try manager.copyItem(atPath: TestPaths.fixture("runs/training-resumed/tb"), toPath: root + "/no-energy/tb")
        let naRows = (1...5).map {
            "2024/03/05 14:00:0\($0).000, 0, NVIDIA A100-SXM4-80GB, GPU-00000000-1111-2222-3333-444455556666, [N/A]"
        }
        _ = manager.createFile(
            atPath: root + "/unreadable/nvidia-smi.csv",
            contents: Data((["timestamp, index, name, uuid, power.draw [W]"] + naRows).joined(separator: "\n").utf8))
        var options = AuditOptions()
        options.jobs = 1
        options.report.zone = .utc
        options.report.emission.region = "DE"
        let result = try Auditor.audit(root: root, options: options)
        let statuses = Dictionary(uniqueKeysWithValues: result.rows.map { ($0.path, $0.status) })
        #expect(statuses == ["ok": .ok, "no-energy/tb": .noEnergy, "unreadable": .unreadable])
        let totals = AuditWriter.Totals(result.rows)
        #expect(totals.withEnergy == 1 && totals.runs == 3 && totals.errors == 0)
        // Fixtures/expected.json, written by Scripts/make-fixtures.py: the example's job GPUs 0–2 (GPU 3 idles)
        // integrated with the trapezoidal rule from the exact values written: 341468.784 + 342382.615 + 341251.419 J.
        let expectedKWh = (341468.7843797609 + 342382.61453582474 + 341251.4185753454) / 3.6e6
        #expect(relativeError(totals.kilowattHours, expectedKWh) < 1e-6)
        let markdown = AuditWriter.markdown(result.rows, root: "root", grouping: .parent, notes: [])
        #expect(markdown.contains("**3 runs** (1 ok, 0 system-energy, 0 estimate, 1 no-energy, 1 unreadable, 0 error)"))
        #expect(markdown.contains("Over the **1 of 3 runs** with measured GPU energy"))
        #expect(markdown.contains("| `no-energy` | 1 | 0 | 0 | — | — |"))
        #expect(markdown.contains("## Runs whose power log could not be read\n\n- `unreadable`: "))
        let csv = AuditWriter.csv(result.rows)
        #expect(csv.hasPrefix(AuditRow.columns.joined(separator: ",")))
        #expect(
            csv.contains(",unreadable,,,") && csv.contains(",no-energy,UTC,none,")
                && csv.contains(",ok,UTC,option,,ok\n"))
        // merge reads the rows back, status and clock included, and rejects a clock source it does not know.
        let reread = try ShardReader.rows(fromCSV: csv, path: "audit.csv").map(\.row)
        #expect(reread == result.rows)
        let forged = csv.replacingOccurrences(of: ",ok,UTC,option,", with: ",ok,UTC,guessed,")
        #expect(throws: FootprintError.self) { try ShardReader.rows(fromCSV: forged, path: "audit.csv") }
        let json = AuditWriter.json(result.rows, root: "root", grouping: .parent)
        #expect(
            json.contains(
                "\"statuses\": {\n    \"ok\": 1,\n    \"system-energy\": 0,\n    \"estimate\": 0,\n    \"no-energy\": 1,\n    \"unreadable\": 1,\n    \"error\": 0\n  },\n  \"runs_with_energy\": 1,"
            ))
    }
}
