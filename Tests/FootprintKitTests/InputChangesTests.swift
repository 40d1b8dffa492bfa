import Foundation
import Testing
@testable import FootprintKit
import FootprintTestSupport

/// A log that changes while a report reads it (still being written, rotated, replaced) is named in an
/// `input.changed` warning, with its sizes when found, when hashed and now.
@Suite struct InputChangesTests {
    static let rows = "timestamp, index, power.draw [W]\n2024/03/05 14:02:11.517, 0, 68.36 W\n"

    static func file(sizeBytes: Int, modifiedSeconds: Double?) -> DiscoveredFile {
        DiscoveredFile(
            path: "/nowhere/gpu.csv", displayPath: "gpu.csv", sizeBytes: sizeBytes, modifiedSeconds: modifiedSeconds,
            kind: .nvidiaSMICSV, encoding: nil)
    }

    static func metadata(sizeBytes: Int, modifiedSeconds: Int) -> DirectoryWalker.FileMetadata {
        DirectoryWalker.FileMetadata(
            sizeBytes: sizeBytes, modifiedSeconds: modifiedSeconds, modifiedNanoseconds: 250_000_000, isFolder: false)
    }

    @Test func describesEachWayAFileChanges() {
        let found = Self.file(sizeBytes: 1000, modifiedSeconds: 1_709_647_331.25)
        let same = Self.metadata(sizeBytes: 1000, modifiedSeconds: 1_709_647_331)
        #expect(InputChanges.change(of: found, hashedBytes: 1000, now: same) == nil)
        #expect(
            InputChanges.change(of: found, hashedBytes: 1200, now: Self.metadata(sizeBytes: 1300, modifiedSeconds: 1))
                == "1,000 bytes when found, 1,200 hashed, 1,300 now")
        // Cut short after hashing (a rotation that truncates in place).
        #expect(
            InputChanges.change(of: found, hashedBytes: 1000, now: Self.metadata(sizeBytes: 0, modifiedSeconds: 1))
                == "1,000 bytes when found, 1,000 hashed, 0 now")
        #expect(InputChanges.change(of: found, hashedBytes: 1000, now: nil) == "1,000 bytes when found, gone now")
        #expect(
            InputChanges.change(of: found, hashedBytes: 1100, now: nil)
                == "1,000 bytes when found, 1,100 hashed, gone now")
        // The same size, written to since it was found.
        #expect(
            InputChanges.change(
                of: found, hashedBytes: 1000, now: Self.metadata(sizeBytes: 1000, modifiedSeconds: 1_709_647_332))
                == "1,000 bytes when found and now, but written to since")
        // Without a modification time from discovery, only the sizes tell.
        let unknownTime = Self.file(sizeBytes: 1000, modifiedSeconds: nil)
        #expect(
            InputChanges.change(
                of: unknownTime, hashedBytes: 1000, now: Self.metadata(sizeBytes: 1000, modifiedSeconds: 9))
                == nil)
    }

    @Test func namesALogThatGrewAfterItWasFound() throws {
        let run = TestPaths.temporaryFolder()
        let log = run + "/gpu.csv"
        try Self.rows.write(toFile: log, atomically: true, encoding: .utf8)
        try "not a log\n".write(toFile: run + "/a-notes.txt", atomically: true, encoding: .utf8)
        var findings = FindingLog()
        let files = try RunDiscovery.discover(runDirectory: run, limits: InputLimits(), findings: &findings)
        let hashed = Provenance.hashedFiles(files)
        #expect(files.map(\.displayPath) == ["a-notes.txt", "gpu.csv"])
        #expect(hashed.map(\.index) == [1])
        let unchanged = try Provenance.inputs(files: hashed.map(\.file), intensitySeries: nil)
        #expect(InputChanges.changes(hashed: hashed, inputs: unchanged).isEmpty)

        // The logger writes another row.
        let more = "2024/03/05 14:02:12.517, 0, 70.00 W\n"
        let handle = try #require(FileHandle(forWritingAtPath: log))
        handle.seekToEndOfFile()
        handle.write(Data(more.utf8))
        handle.closeFile()
        let grown = try Provenance.inputs(files: hashed.map(\.file), intensitySeries: nil)
        let changes = InputChanges.changes(hashed: hashed, inputs: grown)
        let before = Self.rows.utf8.count
        let after = before + more.utf8.count
        #expect(changes.map(\.fileIndex) == [1])
        #expect(changes.first?.finding.code == .inputChanged)
        #expect(changes.first?.finding.severity == .warning)
        #expect(changes.first?.finding.location == InputLocation(path: "gpu.csv"))
        #expect(
            changes.first?.finding.message
                == "changed while the report read it (\(before) bytes when found, \(after) hashed, \(after) now): the figures and the SHA-256 may not describe the same bytes; report again once the log is complete, or on a copy"
        )
    }

    /// The digests are paired with the files they are of by position: an intensity series (last among the
    /// inputs) whose path, as given, is the name of a file of the run that is not read is not taken for it.
    @Test func pairsEachDigestWithItsOwnFile() throws {
        let run = TestPaths.temporaryFolder()
        try Self.rows.write(toFile: run + "/gpu.csv", atomically: true, encoding: .utf8)
        try "not a log\n".write(toFile: run + "/series.csv", atomically: true, encoding: .utf8)
        var findings = FindingLog()
        let files = try RunDiscovery.discover(runDirectory: run, limits: InputLimits(), findings: &findings)
        let hashed = Provenance.hashedFiles(files)
        var inputs = try Provenance.inputs(files: hashed.map(\.file), intensitySeries: nil)
        inputs.append(Provenance.Input(path: "series.csv", bytes: 572, sha256: String(repeating: "0", count: 64)))
        #expect(InputChanges.changes(hashed: hashed, inputs: inputs).isEmpty)
    }

    /// Parts read at different times compare their files without the modification times: a file touched between
    /// two parts, its size the same, does not stop the merge.
    @Test func partsMergeWhenATimeChangedBetweenThem() throws {
        let run = TestPaths.temporaryFolder()
        for entry in try FileManager.default.contentsOfDirectory(atPath: TestPaths.fixture("runs/example")) {
            try FileManager.default.copyItem(
                atPath: TestPaths.fixture("runs/example/" + entry), toPath: run + "/" + entry)
        }
        let first = try ShardMergeTests.part(run, 1, of: 2)
        let log = try #require(
            try FileManager.default.contentsOfDirectory(atPath: run).sorted().first { $0.hasSuffix(".csv") })
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSince1970: 978_307_200)], ofItemAtPath: run + "/" + log)
        let second = try ShardMergeTests.part(run, 2, of: 2)
        let merged = try RunAnalyzer.account(
            ReportPart.merged([second, first]), runDirectory: run, options: ShardMergeTests.options())
        #expect(!merged.findings.contains { $0.code == .inputChanged })
        #expect(merged.jobJoules > 0)
    }

    @Test func aReportOfUnchangedLogsHasNoChangeFinding() throws {
        let report = try RunAnalyzer.analyze(runDirectory: TestPaths.fixture("runs/example"), options: ReportOptions())
        #expect(report.files.allSatisfy { $0.modifiedSeconds != nil })
        #expect(!report.findings.contains { $0.code == .inputChanged })
    }
}
