import Foundation
import Testing
@testable import FootprintKit
import FootprintTestSupport

/// The W&B files of `Fixtures/wandb/`, written by wandb's own writer (`Scripts/make-wandb-fixtures.py`), and their
/// damaged copies. Expected energies: `Fixtures/wandb/expected.json`, from `Scripts/wandb-energies.py` (its own
/// framing and protobuf decoding, trapezoid per GPU over epoch seconds).
private let fixtureFiles = [
    "wandb/per-tick/run-pertick01.wandb",
    "wandb/per-asset/run-perasset1.wandb",
    "wandb/gzip/run-perasset1.wandb.gz",
    "wandb/rank-duplicates/run-rank0000/run-rank0000.wandb",
    "wandb/rank-duplicates/run-rank0001/run-rank0001.wandb",
    "wandb/unknown-fields/run-unknown01.wandb",
    "wandb/damaged/run-badcrc01.wandb",
    "wandb/damaged/run-cutrec01.wandb",
    "wandb/damaged/run-cutchk01.wandb",
    "wandb/events/wandb-events.jsonl",
    "wandb/history-export/system-metrics.csv",
]

/// The file read as a power log, with the findings of reading it.
private func readWandB(_ path: String) throws -> (log: PowerLog?, findings: [Finding]) {
    var findings = FindingLog()
    let log = try WandBReader.read(
        path: path, displayPath: (path as NSString).lastPathComponent, options: PowerLogReadingOptions(),
        findings: &findings)
    return (log, findings.allFindings())
}

/// Each GPU's joules and samples in `log`, checked against `expected` (GPU index → `joules`, `samples`).
private func check(
    _ log: PowerLog, against expected: [String: Any], _ name: String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(log.gpus.count == expected.count, "\(name): GPUs", sourceLocation: sourceLocation)
    for gpu in log.gpus {
        let index = gpu.identity.index ?? "?"
        guard let wanted = expected[index] as? [String: Any], let joules = wanted["joules"] as? NSNumber,
            let samples = wanted["samples"] as? Int
        else {
            Issue.record("\(name): no expected value for GPU \(index)", sourceLocation: sourceLocation)
            continue
        }
        #expect(
            relativeError(gpu.trace.joules, joules.doubleValue) <= 1e-9, "\(name) GPU \(index)",
            sourceLocation: sourceLocation)
        #expect(gpu.trace.sampleCount == samples, "\(name) GPU \(index) samples", sourceLocation: sourceLocation)
    }
}

/// A transaction log of the given records, framed as wandb-core frames them (FULL chunks only).
private func transactionLog(_ records: [[UInt8]]) -> [UInt8] {
    var bytes: [UInt8] = [0x3A, 0x57, 0x26, 0x42, 0xE1, 0xBE, 0x00]
    for record in records {
        let checksum = record.withByteView { CRC32.checksum(prefix: 1, $0) }
        bytes += withUnsafeBytes(of: checksum.littleEndian, Array.init)
        bytes += withUnsafeBytes(of: UInt16(record.count).littleEndian, Array.init)
        bytes.append(1)
        bytes += record
    }
    return bytes
}

/// A protobuf varint.
private func varint(_ value: UInt64) -> [UInt8] {
    var bytes: [UInt8] = []
    var rest = value
    while rest >= 0x80 {
        bytes.append(UInt8(rest & 0x7F) | 0x80)
        rest >>= 7
    }
    return bytes + [UInt8(rest)]
}

/// A protobuf length-delimited field.
private func field(_ number: UInt64, _ content: [UInt8]) -> [UInt8] {
    varint(number << 3 | 2) + varint(UInt64(content.count)) + content
}

/// A `Record` holding a `StatsRecord` at epoch `seconds` with GPU 0 at `watts` (JSON text).
private func statsRecord(seconds: UInt64, watts: String) -> [UInt8] {
    let timestamp = field(2, [0x08] + varint(seconds))
    let item = field(3, field(1, Array("gpu.0.powerWatts".utf8)) + field(16, Array(watts.utf8)))
    return field(7, timestamp + item)
}

@Suite struct WandBTests {
    /// `Fixtures/wandb/expected.json`: by file name, each GPU's `joules` and `samples`.
    static var expected: [String: Any]? {
        ExpectedValue.value(in: "wandb/expected.json", at: []) as? [String: Any]
    }

    // MARK: - Energies

    @Test(arguments: fixtureFiles)
    func energiesMatchTheIndependentScript(file: String) throws {
        let name = (file as NSString).lastPathComponent
        let expected = try #require(Self.expected?[name] as? [String: Any], "no expectation for \(name)")
        let log = try #require(try readWandB(TestPaths.fixture(file)).log)
        #expect(log.format == .wandb)
        #expect(log.clock == .embedded)
        check(log, against: expected, name)
    }

    @Test(arguments: fixtureFiles)
    func filesAreRecognisedByContent(file: String) {
        let (kind, _, _, foreign) = FormatSniffer.classify(path: TestPaths.fixture(file), limits: InputLimits())
        #expect(kind == .wandb)
        #expect(kind.isPowerLog)
        #expect(foreign == nil)
    }

    @Test func metadataStaysAForeignFile() {
        let path = TestPaths.fixture("wandb/per-tick/files/wandb-metadata.json")
        let (kind, _, _, foreign) = FormatSniffer.classify(path: path, limits: InputLimits())
        #expect(kind == .foreign)
        #expect(foreign?.producer == "W&B wandb-metadata.json")
    }

    // MARK: - Layouts and names

    @Test func perTickRecordsCountNoProcessDuplicate() throws {
        let (log, findings) = try readWandB(TestPaths.fixture("wandb/per-tick/run-pertick01.wandb"))
        let read = try #require(log)
        // gpu.process.0.powerWatts repeats GPU 0: still two GPUs, twelve samples each.
        #expect(read.gpus.map(\.identity.index) == ["0", "1"])
        #expect(read.gpus.allSatisfy { $0.trace.sampleCount == 12 })
        // The host is the run record's; the model only the wandb-metadata.json in files/ has.
        #expect(read.gpus.allSatisfy { $0.identity.host == "gpu-box" && $0.identity.name == "NVIDIA GeForce RTX 3090" })
        let note = try #require(findings.first { $0.code == .inputColumns })
        #expect(note.severity == .note)
        #expect(note.message.contains("(one per tick)") && note.message.contains("wandb-metadata.json"))
    }

    @Test func perAssetRecordsGiveOneSampleAGPUATick() throws {
        let (log, findings) = try readWandB(TestPaths.fixture("wandb/per-asset/run-perasset1.wandb"))
        let read = try #require(log)
        #expect(read.gpus.count == 4)
        #expect(read.gpus.allSatisfy { $0.trace.sampleCount == 40 && $0.trace.medianIntervalSeconds == 15 })
        #expect(read.gpus.allSatisfy { $0.identity.host == "node-a" && $0.identity.name == "NVIDIA A100-SXM4-80GB" })
        #expect(findings.allSatisfy { $0.severity == .note }, "\(findings)")
        #expect(
            findings.contains { $0.message.contains("SDK 0.31.0") && $0.message.contains("one per asset per tick") })
    }

    @Test func gzipCopyReadsAsThePlainFile() throws {
        let plain = try #require(try readWandB(TestPaths.fixture("wandb/per-asset/run-perasset1.wandb")).log)
        let packed = try #require(try readWandB(TestPaths.fixture("wandb/gzip/run-perasset1.wandb.gz")).log)
        #expect(packed.encoding.isGzip)
        #expect(packed.gpus.map(\.trace.joules) == plain.gpus.map(\.trace.joules))
    }

    @Test func eventsStreamTakesHostAndModelFromTheMetadataBesideIt() throws {
        let log = try #require(try readWandB(TestPaths.fixture("wandb/events/wandb-events.jsonl")).log)
        #expect(log.powerField == "system.gpu.N.powerWatts")
        #expect(log.gpus.map(\.identity) == [DeviceID(host: "colab-vm", index: "0", name: "Tesla T4")])
    }

    @Test func csvExportSkipsTheOtherAssetsEmptyCells() throws {
        let (log, findings) = try readWandB(TestPaths.fixture("wandb/history-export/system-metrics.csv"))
        let read = try #require(log)
        #expect(read.dataRowCount == 10)
        #expect(read.gpus.allSatisfy { $0.invalidSampleCount == 0 && $0.trace.sampleCount == 10 })
        #expect(!findings.contains { $0.severity == .warning }, "\(findings)")
    }

    // MARK: - Damage

    @Test func badChecksumDropsItsBlockWithALocatedWarning() throws {
        let (log, findings) = try readWandB(TestPaths.fixture("wandb/damaged/run-badcrc01.wandb"))
        let warning = try #require(findings.first { $0.code == .inputDamaged })
        #expect(warning.message.contains("checksum does not match"))
        #expect(warning.location?.byteOffset.map { $0 > 0 && $0 < WandBLogReader.blockBytes } == true)
        // Reading went on in the next blocks: the run's last ticks are there.
        let complete = try #require(try readWandB(TestPaths.fixture("wandb/per-asset/run-perasset1.wandb")).log)
        #expect(try #require(log).gpus.first?.trace.lastSeconds == complete.gpus.first?.trace.lastSeconds)
    }

    @Test(arguments: ["wandb/damaged/run-cutrec01.wandb", "wandb/damaged/run-cutchk01.wandb"])
    func cutFileKeepsWhatCameBefore(file: String) throws {
        let (log, findings) = try readWandB(TestPaths.fixture(file))
        #expect(try #require(log).gpus.count == 4)
        let warning = try #require(findings.first { $0.code == .inputDamaged })
        #expect(warning.severity == .warning)
        #expect(warning.message.contains("ends inside a record"))
        #expect(warning.location?.byteOffset != nil)
    }

    @Test func unknownFieldsAreSkipped() throws {
        let (log, findings) = try readWandB(TestPaths.fixture("wandb/unknown-fields/run-unknown01.wandb"))
        #expect(try #require(log).gpus.first?.trace.sampleCount == 6)
        #expect(!findings.contains { $0.severity == .warning }, "\(findings)")
    }

    @Test func headerOnlyFileHasNoGPUs() throws {
        let path = TestPaths.write([0x3A, 0x57, 0x26, 0x42, 0xE1, 0xBE, 0x00], named: "run-empty.wandb")
        let (log, findings) = try readWandB(path)
        #expect(log == nil)
        #expect(findings.contains { $0.code == .inputUnreadable && $0.message.contains("no gpu.N.powerWatts") })
    }

    @Test func recordThatIsNotAProtobufIsSkippedAndLocated() throws {
        let bytes = transactionLog([
            statsRecord(seconds: 1_700_000_000, watts: "100"), [0x0A, 0x7F, 0x01],
            statsRecord(seconds: 1_700_000_015, watts: "\"200\""),
        ])
        let (log, findings) = try readWandB(TestPaths.write(bytes, named: "run-garbled.wandb"))
        let warning = try #require(findings.first { $0.code == .inputDamaged })
        #expect(warning.location?.record == 1)
        // The records around it are read; a value quoted as a JSON string is a number too.
        let trace = try #require(log?.gpus.first?.trace)
        #expect(trace.sampleCount == 2)
        #expect(trace.joules == 15 * 150)
    }

    @Test func chunkOfUnknownTypeResumesAtTheNextBlock() throws {
        var bytes = transactionLog([statsRecord(seconds: 1_700_000_000, watts: "100")])
        bytes += [0, 0, 0, 0, 3, 0, 9, 1, 2, 3]
        bytes += Array(repeating: 0, count: WandBLogReader.blockBytes - bytes.count)
        bytes += Array(transactionLog([statsRecord(seconds: 1_700_000_010, watts: "100")]).dropFirst(7))
        let (log, findings) = try readWandB(TestPaths.write(bytes, named: "run-type9.wandb"))
        #expect(findings.contains { $0.code == .inputDamaged && $0.message.contains("unknown type 9") })
        #expect(try #require(log).gpus.first?.trace.sampleCount == 2)
    }

    @Test func notATransactionLogThrows() {
        #expect(throws: FootprintError.self) {
            var findings = FindingLog()
            var info = WandBRunInfo()
            _ = try WandBRunFileReader.read(
                path: TestPaths.write("not a log\n", named: "run-x.wandb"), displayPath: "run-x.wandb",
                options: PowerLogReadingOptions(), info: &info, findings: &findings)
        }
    }

    // MARK: - Runs

    @Test func rankDuplicatesCountTheNodeOnce() throws {
        var options = ReportOptions()
        options.zone = .utc
        let report = try RunAnalyzer.analyze(runDirectory: TestPaths.fixture("wandb/rank-duplicates"), options: options)
        #expect(report.gpus.map(\.identity.label) == ["node-7/0", "node-7/1"])
        let expected = try #require(Self.expected?["run-rank0000.wandb"] as? [String: Any])
        for gpu in report.gpus {
            let wanted = try #require((expected[gpu.identity.index ?? ""] as? [String: Any])?["joules"] as? NSNumber)
            #expect(relativeError(gpu.trace.joules, wanted.doubleValue) <= 1e-9)
            #expect(gpu.files == ["run-rank0000/run-rank0000.wandb"])
        }
        let note = try #require(report.findings.first { $0.code == .inputDuplicate })
        #expect(note.severity == .note)
        #expect(note.location?.path == "run-rank0001/run-rank0001.wandb")
        #expect(note.message.contains("host node-7"))
    }

    @Test func historyGivesTheTrainingWindowWithoutTensorBoard() throws {
        var options = ReportOptions()
        options.zone = .utc
        let report = try RunAnalyzer.analyze(runDirectory: TestPaths.fixture("wandb/per-tick"), options: options)
        // The generator logged `loss` for steps 0…9, one every 30 s from 1,700,000,015 to 1,700,000,285.
        let window = try #require(report.training)
        #expect(window.tag == "loss")
        #expect(window.firstStep == 0 && window.lastStep == 9 && window.pointCount == 10)
        #expect(window.startSeconds == 1_700_000_015 && window.endSeconds == 1_700_000_285)
        #expect(report.gpus.count == 2)
        // Read once for power and once for the history, the file's findings are the power reading's only.
        #expect(report.findings.filter { $0.code == .inputColumns }.count == 1)
    }

    @Test func tensorBoardFilesTakePrecedenceOverTheHistory() throws {
        var findings = FindingLog()
        let folder = TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.copyItem(
            atPath: TestPaths.fixture("wandb/per-tick/run-pertick01.wandb"), toPath: folder + "/run-pertick01.wandb")
        try FileManager.default.copyItem(
            atPath: TestPaths.fixture("tfevents/tensorboardX/events.out.tfevents.1709647200.fixture-host"),
            toPath: folder + "/events.out.tfevents.1709647200.fixture-host")
        let files = try RunDiscovery.discover(runDirectory: folder, limits: InputLimits(), findings: &findings)
        var reading = SourceReading(files: files, limits: InputLimits())
        let events = reading.eventFiles(findings: &findings)
        #expect(events.map(\.displayPath) == ["events.out.tfevents.1709647200.fixture-host"])
    }

    @Test func auditFindsEachWandBRun() {
        let runs = AuditDiscovery.runs(under: TestPaths.fixture("wandb"), rule: .logsByName).runs.map(\.relativePath)
        #expect(runs.contains("rank-duplicates/run-rank0000") && runs.contains("rank-duplicates/run-rank0001"))
        #expect(runs.contains("per-tick") && runs.contains("events") && runs.contains("history-export"))
    }
}
