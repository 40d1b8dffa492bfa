import Foundation
import Testing
@testable import FootprintKit
import FootprintTestSupport

/// Event files in `Fixtures/`: real ones whose licence allows a copy, and those written by the real writers in
/// `Scripts/make-training-fixtures.py` (tensorboardX; PyTorch's writer; TF2-style tensor scalars).
private let fixtureEventFiles = [
    "tfevents/events.out.tfevents.1476472047.localhost",
    "tfevents/events.out.tfevents.1515280092.tayo-glaptop",
    "tfevents/events.out.tfevents.1713773043.carls-gaming-linux.286970.0",
    "tfevents/events.out.tfevents.1716735746.99c8c45923de.3769.0",
    "tfevents/tensorboardX/events.out.tfevents.1709647200.fixture-host",
    "runs/training-resumed/tb/events.out.tfevents.1709647195.fixture-host.4100.0",
    "runs/training-resumed/tb/events.out.tfevents.1709647835.fixture-host.4101.1",
    "runs/training-tf2/train/events.out.tfevents.1709733598.fixture-host.5200.2",
    "runs/training-tf2/validation/events.out.tfevents.1709733598.fixture-host.5201.3",
]
private let sharedOnlyEventFiles = [
    "events.out.tfevents.1618138604.285e2a0aa751",
    "events.out.tfevents.1622179822.DESKTOP-EB1F4C5.6800.3",
    "events.out.tfevents.1630721995.Saazs-Air.fios-router.home.6861.0",
    "events.out.tfevents.1630851472.Saazs-Air.fios-router.home.17109.0",
    "events.out.tfevents.1644728510.huangyuan3hdeMacBook-Pro.local.73068.0.v2",
    "events.out.tfevents.1644728574.huangyuan3hdeMacBook-Pro.local.73068.1.v2",
]

private func readEvents(_ path: String) throws -> (file: EventFile, findings: [Finding]) {
    var findings = FindingLog()
    let file = try EventFileReader.read(
        path: path, displayPath: (path as NSString).lastPathComponent,
        limits: InputLimits(), findings: &findings)
    return (file, findings.allFindings())
}

private func checkAgainstTensorBoard(_ path: String) throws {
    let name = (path as NSString).lastPathComponent
    // What TensorBoard's EventAccumulator reads (`Scripts/tfevents-expected.py`): per scalar tag
    // `[points, first step, last step, first value, last value]`.
    let scalars =
        ExpectedValue.lines(in: "tfevents/expected-tensorboard.jsonl", keyedBy: "file")[name]?["scalars"]
        as? [String: [Any]]
    let expected = try #require(scalars, "no expectation recorded for \(name)").mapValues {
        $0.map { ($0 as? NSNumber)?.doubleValue }
    }
    let (file, findings) = try readEvents(path)
    #expect(findings.isEmpty, "\(findings)")
    #expect(file.records.corruptRecordCount == 0 && file.undecodableCount == 0 && file.records.truncatedTailBytes == 0)
    let scalarTags = file.tags.filter(\.isScalar)
    #expect(Set(scalarTags.map(\.name)) == Set(expected.keys), "tags of \(name)")
    for tag in scalarTags {
        guard let values = expected[tag.name] else { continue }
        let series = tag.series
        #expect(Double(series.count) == values[0], "\(name) \(tag.name) point count")
        #expect(
            Double(series.points.first?.step ?? -1) == values[1] && Double(series.points.last?.step ?? -1) == values[2],
            "\(name) \(tag.name) steps")
        for (actual, wanted) in [(series.points.first?.value, values[3]), (series.points.last?.value, values[4])] {
            // Scalars are 32-bit floats; JSONSerialization does not round decimal text exactly to a Double.
            if let wanted {
                #expect(actual.map(Float.init) == Float(wanted), "\(name) \(tag.name) value")
            } else {
                #expect(actual?.isNaN == true)
            }
        }
    }
}

@Suite struct TFEventsReaderTests {
    @Test(arguments: fixtureEventFiles)
    func realFixtureMatchesTensorBoard(_ name: String) throws {
        try checkAgainstTensorBoard(TestPaths.fixture(name))
    }

    @Test(
        .enabled(if: TestPaths.sharedRealLogsPresent, "needs ../shared/real-logs (files without a licence to copy)"),
        arguments: sharedOnlyEventFiles)
    func sharedRealLogMatchesTensorBoard(_ name: String) throws {
        try checkAgainstTensorBoard(try #require(TestPaths.sharedRealLog("tfevents/" + name)))
    }

    @Test(.enabled(if: TestPaths.sharedRealLogsPresent, "needs ../shared/real-logs"))
    func tensorFlow2ScalarsAreTensors() throws {
        let path = try #require(
            TestPaths.sharedRealLog("tfevents/events.out.tfevents.1644728510.huangyuan3hdeMacBook-Pro.local.73068.0.v2")
        )
        let (file, _) = try readEvents(path)
        let loss = try #require(file.tags.first { $0.name == "epoch_loss" })
        #expect(loss.scalarShape == "tensor" && loss.plugin == "scalars" && loss.tensorScalarCount == 20)
        #expect(file.valueCounts[.histogram] == 540)
    }

    @Test func countsWhatIsNotAScalar() throws {
        let (tf1, _) = try readEvents(TestPaths.fixture("tfevents/events.out.tfevents.1476472047.localhost"))
        #expect(tf1.records.recordCount == 71 && tf1.graphCount == 6 && tf1.sessionLogCount == 6)
        #expect(tf1.fileVersion == "brain.Event:2")
        let (merged, _) = try readEvents(TestPaths.fixture("tfevents/events.out.tfevents.1515280092.tayo-glaptop"))
        #expect(merged.records.recordCount == 12)
        #expect((merged.valueCounts[.histogram] ?? 0) > 0 && (merged.valueCounts[.image] ?? 0) > 0)
        let (lightning, _) = try readEvents(
            TestPaths.fixture("tfevents/events.out.tfevents.1713773043.carls-gaming-linux.286970.0"))
        #expect(lightning.records.recordCount == 15681)
        #expect(lightning.writer == "tensorboard.summary.writer.event_file_writer")
        #expect((lightning.valueCounts[.hparams] ?? 0) == 3)
        // Values are counted by kind at the kind's position in its declaration.
        #expect(SummaryValueKind.allCases.map(\.order) == Array(SummaryValueKind.allCases.indices))
    }

    @Test func gzipCopyReadsTheSame() throws {
        let (plain, _) = try readEvents(
            TestPaths.fixture("tfevents/tensorboardX/events.out.tfevents.1709647200.fixture-host"))
        let (packed, findings) = try readEvents(
            TestPaths.fixture("tfevents/tensorboardX/gzip/events.out.tfevents.1709647200.fixture-host.gz"))
        #expect(findings.isEmpty)
        #expect(packed.tags == plain.tags && packed.records == plain.records)
        #expect(plain.valueCounts == [.scalar: 200, .histogram: 10, .text: 10])
    }

    @Test func crc32cMatchesKnownValues() {
        // RFC 3720 (iSCSI) check value, and the empty string.
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
        #expect(CRC32C.checksum([UInt8]()) == 0)
        // Every length around the 8-byte stride agrees with the bytewise definition.
        var bytes: [UInt8] = []
        for length in 0..<40 {
            #expect(CRC32C.checksum(bytes) == EventFileBytes.crc32c(bytes), "length \(length)")
            bytes.append(UInt8(truncatingIfNeeded: length &* 37 &+ 11))
        }
        // Longer buffers, where ISA-L runs the CRC instruction on several lanes at once (from 256 bytes; shorter
        // ones take the instruction eight bytes at a time), against the same definition.
        for length in [255, 256, 257, 1_000, 4_096, 65_537] {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ $0 >> 8) }
            #expect(CRC32C.checksum(bytes) == EventFileBytes.crc32c(bytes), "length \(length)")
        }
    }
}

/// Damaged event files: each problem is located and reading goes on where it safely can.
@Suite struct TFRecordDamageTests {
    private let original =
        FileManager.default.contents(
            atPath: TestPaths.fixture("tfevents/tensorboardX/events.out.tfevents.1709647200.fixture-host")
        ).map { [UInt8]($0) } ?? []

    /// Byte offsets of each record's header, walked independently of the reader.
    private var recordOffsets: [Int] {
        var offsets: [Int] = []
        var offset = 0
        while offset + 12 <= original.count {
            offsets.append(offset)
            let length = (0..<8).reduce(0) { $0 | Int(original[offset + $1]) << (8 * $1) }
            offset += 12 + length + 4
        }
        return offsets
    }

    private func read(_ bytes: [UInt8], limits: InputLimits = InputLimits()) throws -> (EventFile, [Finding]) {
        let path = TestPaths.write(bytes, named: "events.out.tfevents.1709647200.damaged")
        var findings = FindingLog()
        let file = try EventFileReader.read(path: path, displayPath: "damaged", limits: limits, findings: &findings)
        return (file, findings.allFindings())
    }

    private func scalarPoints(_ file: EventFile) -> Int { file.tags.reduce(0) { $0 + $1.series.count } }

    @Test func badDataChecksumSkipsOneRecord() throws {
        let offsets = recordOffsets
        #expect(offsets.count == 221)
        var bytes = original
        bytes[offsets[10] + 14] ^= 0xFF
        let (file, findings) = try read(bytes)
        #expect(file.records.recordCount == 221 && file.records.corruptRecordCount == 1)
        #expect(scalarPoints(file) == 199)
        let warning = try #require(findings.first { $0.message.contains("data checksum") })
        #expect(warning.location?.record == 10 && warning.location?.byteOffset == offsets[10])
    }

    @Test func badLengthChecksumResynchronises() throws {
        let offsets = recordOffsets
        var bytes = original
        bytes[offsets[10] + 9] ^= 0x01
        let (file, findings) = try read(bytes)
        #expect(file.records.recordCount == 220 && file.records.skippedBytes == offsets[11] - offsets[10])
        #expect(scalarPoints(file) == 199)
        #expect(
            findings.contains { $0.message.contains("framing is damaged") && $0.location?.byteOffset == offsets[10] })
        #expect(findings.contains { $0.message.contains("reading resumes") && $0.location?.byteOffset == offsets[11] })
    }

    @Test func absurdLengthNamesTheOption() throws {
        let offsets = recordOffsets
        var bytes = original
        let huge: UInt64 = 1 << 63
        for index in 0..<8 { bytes[offsets[10] + index] = UInt8(truncatingIfNeeded: huge >> (8 * UInt64(index))) }
        let crc = CRC32C.masked(Array(bytes[offsets[10]..<(offsets[10] + 8)]))
        for index in 0..<4 { bytes[offsets[10] + 8 + index] = UInt8(truncatingIfNeeded: crc >> (8 * UInt32(index))) }
        let (file, findings) = try read(bytes)
        #expect(findings.contains { $0.message.contains("--max-record-bytes") && $0.location?.record == 10 })
        #expect(file.records.recordCount == 220)
        // A tighter limit turns ordinary records into "absurd" ones: never a crash, always located.
        var limits = InputLimits()
        limits.maximumRecordBytes = 16
        let (tight, tightFindings) = try read(original, limits: limits)
        #expect(tight.records.recordCount < 221 && !tightFindings.isEmpty)
    }

    @Test func partialLastRecordEndsWithANote() throws {
        let offsets = recordOffsets
        let (file, findings) = try read(Array(original[0..<(offsets[220] + 20)]))
        #expect(file.records.recordCount == 220 && file.records.truncatedTailBytes == 20)
        let note = try #require(findings.first { $0.severity == .note && $0.message.contains("partial record") })
        #expect(note.location?.record == 220 && note.location?.byteOffset == offsets[220])
    }

    @Test(arguments: [0, 1, 11, 4096])
    func garbageAndEmptyFilesAreHarmless(length: Int) throws {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(length)
        let bytes = (0..<length).map { _ -> UInt8 in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
        let (file, _) = try read(bytes)
        #expect(file.eventCount <= file.records.recordCount)
    }
}

/// Rank-0 tensors of every dtype and storage a writer may use, encoded by hand in protobuf wire format.
@Suite struct TensorScalarTests {
    private func varint(_ value: UInt64) -> [UInt8] {
        var value = value
        var out: [UInt8] = []
        repeat {
            out.append(UInt8(value & 0x7F) | (value >= 0x80 ? 0x80 : 0))
            value >>= 7
        } while value != 0
        return out
    }

    private func field(_ number: UInt64, varint value: UInt64) -> [UInt8] { varint(number << 3) + varint(value) }
    private func field(_ number: UInt64, bytes: [UInt8]) -> [UInt8] {
        varint(number << 3 | 2) + varint(UInt64(bytes.count)) + bytes
    }
    private func littleEndian<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
        withUnsafeBytes(of: value.littleEndian, Array.init)
    }

    private func value(_ bytes: [UInt8]) -> Double? { bytes.withUnsafeBytes { TensorScalar.value(tensorProto: $0) } }

    @Test func decodesEveryStorage() {
        let scalarShape = field(2, bytes: [])
        #expect(value(field(1, varint: 2) + scalarShape + field(4, bytes: littleEndian(0.25.bitPattern))) == 0.25)
        #expect(value(field(1, varint: 1) + field(5, bytes: littleEndian(Float(1.5).bitPattern))) == 1.5)
        #expect(value(field(1, varint: 19) + field(13, bytes: varint(0x3C00))) == 1.0)
        #expect(value(field(1, varint: 9) + field(10, varint: 42)) == 42)
        #expect(value(field(1, varint: 9) + field(10, varint: UInt64(bitPattern: -7))) == -7)
        #expect(value(field(1, varint: 3) + field(7, bytes: varint(UInt64(bitPattern: -3)))) == -3)
        #expect(value(field(1, varint: 14) + field(4, bytes: littleEndian(UInt16(0x3F80)))) == 1.0)
        #expect(value(field(1, varint: 10) + field(4, bytes: [1])) == 1.0)
    }

    @Test func rejectsWhatIsNotOneNumber() {
        let twoElements = field(2, bytes: field(2, bytes: field(1, varint: 2)))
        #expect(
            value(
                field(1, varint: 1) + twoElements
                    + field(5, bytes: littleEndian(Float(1).bitPattern) + littleEndian(Float(2).bitPattern))) == nil)
        #expect(value(field(1, varint: 7) + field(4, bytes: Array("text".utf8))) == nil)
        #expect(value(field(1, varint: 1) + field(4, bytes: [0, 0])) == nil)
        #expect(value([0xFF, 0xFF]) == nil)
    }

    @Test func halfPrecisionEdgeCases() {
        #expect(TensorScalar.halfToFloat(0x0001) == Float(sign: .plus, exponent: -24, significand: 1))
        #expect(TensorScalar.halfToFloat(0x7C00) == .infinity && TensorScalar.halfToFloat(0xFC00) == -.infinity)
        #expect(TensorScalar.halfToFloat(0x7E00).isNaN && TensorScalar.halfToFloat(0xC000) == -2)
        #expect(TensorScalar.halfToFloat(0x7BFF) == 65504)
    }
}

/// A large event file: its series grow to the points the share of the file read foresees, not by doubling, and
/// keep every point as written, plain and gzip.
@Suite struct ForeseenSeriesGrowthTests {
    private static let steps = 20_000
    private static let everyStep = ["train/loss", "train/lr", "gpu/mem_gib"]
    /// Logged every eighth step, as an evaluation is: 2,500 points, for which doubling leaves 4,096 places.
    private static let everyEighth = "val/loss"

    private static func value(tag: Int, step: Int) -> Float { Float(step % 997) * 0.25 + Float(tag) }
    private static func wallTime(step: Int) -> Double { 1_709_647_200 + Double(step) * 0.5 }

    private static let bytes: [UInt8] = {
        var events = [EventFileBytes.fileVersionEvent(wallTime: wallTime(step: 0))]
        for step in 0..<steps {
            for (tag, name) in everyStep.enumerated() {
                events.append(
                    EventFileBytes.scalarEvent(
                        wallTime: wallTime(step: step), step: Int64(step), tag: name, value: value(tag: tag, step: step)
                    ))
            }
            if step % 8 == 0 {
                events.append(
                    EventFileBytes.scalarEvent(
                        wallTime: wallTime(step: step), step: Int64(step), tag: everyEighth,
                        value: value(tag: 9, step: step)))
            }
        }
        return EventFileBytes.framed(events)
    }()

    private func read(_ path: String) throws -> EventFile {
        var findings = FindingLog()
        let file = try EventFileReader.read(path: path, displayPath: "big", limits: InputLimits(), findings: &findings)
        #expect(findings.allFindings().isEmpty)
        return file
    }

    private func checkPointsAsWritten(_ file: EventFile) throws {
        #expect(file.tags.map(\.name) == Self.everyStep + [Self.everyEighth])
        let tags = Self.everyStep.enumerated().map { ($0.offset, $0.element, 1) } + [(9, Self.everyEighth, 8)]
        for (tag, name, every) in tags {
            let series = try #require(file.tags.first { $0.name == name }?.series)
            let steps = stride(from: 0, to: Self.steps, by: every)
            #expect(series.count == steps.underestimatedCount && series.isConsistent(fileCount: 1))
            #expect(series.points.map(\.step) == steps.map { Int64($0) })
            #expect(series.points.map(\.wallTime) == steps.map { Self.wallTime(step: $0) })
            #expect(series.points.map(\.value) == steps.map { Double(Self.value(tag: tag, step: $0)) })
        }
    }

    @Test func plainFileGrowsEachSeriesToWhatItForesees() throws {
        let file = try read(TestPaths.write(Self.bytes, named: "events.out.tfevents.1709647200.big"))
        try checkPointsAsWritten(file)
        // Doubling would leave 32,768 places for 20,000 points and 4,096 for 2,500; the share of the file read
        // when a series first fills its thousand or so places foresees its count and 1/16 more.
        for tag in file.tags {
            #expect(tag.series.capacity <= tag.series.count * 11 / 10, "\(tag.name)")
        }
    }

    @Test func gzipFileKeepsTheSamePoints() throws {
        let path = TestPaths.write(Self.bytes, named: "events.out.tfevents.1709647200.big")
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/sh")
        gzip.arguments = ["-c", "gzip -c \"$0\" > \"$0.gz\"", path]
        try gzip.run()
        gzip.waitUntilExit()
        #expect(gzip.terminationStatus == 0)
        try checkPointsAsWritten(try read(path + ".gz"))
    }

    @Test func progressTellsTheShareOfAPlainAndAGzipFile() throws {
        let path = TestPaths.write(Array(repeating: 7, count: 10_000), named: "plain")
        let plain = ReadProgress()
        _ = try readAll(try InputOpener.open(path: path, limits: InputLimits(), progress: plain).stream)
        #expect(plain.fraction(before: 2_500) == 0.25 && plain.fraction(before: 20_000) == 1)
        #expect(plain.fraction(before: 0) == nil && ReadProgress().fraction(before: 10) == nil)

        let gzip = ReadProgress()
        let packed = TestPaths.fixture("tfevents/tensorboardX/gzip/events.out.tfevents.1709647200.fixture-host.gz")
        let inflated = try readAll(try InputOpener.open(path: packed, limits: InputLimits(), progress: gzip).stream)
        // Once all is read, an offset in the inflated content maps to the same share of the file as stored.
        let half = try #require(gzip.fraction(before: inflated.count / 2))
        #expect(abs(half - Double(inflated.count / 2) / Double(inflated.count)) < 1e-12)

        // While it is read: 100 bytes read of 10,000 have inflated to 400, so byte 200 of the content lies about
        // 50 bytes into the file.
        let partial = ReadProgress()
        _ = try FileByteStream(path: path, progress: partial)
        partial.add(bytesRead: 100)
        partial.add(bytesInflated: 400)
        #expect(partial.fraction(before: 200) == 0.005)
    }
}

@Suite struct ProtobufWireReaderTests {
    /// The varint encoding of `value`, seven bits a byte, low bits first.
    static func varint(_ value: UInt64) -> [UInt8] {
        var bytes: [UInt8] = []
        var rest = value
        repeat {
            bytes.append(UInt8(rest & 0x7F) | (rest >= 0x80 ? 0x80 : 0))
            rest >>= 7
        } while rest > 0
        return bytes
    }

    @Test func varintsOfEveryLength() {
        let values: [UInt64] = [0, 1, 127, 128, 300, 16_383, 16_384, 2_000_001, 1 << 35, 1 << 56, UInt64.max]
        for value in values {
            let bytes = Self.varint(value) + [0x2A]
            bytes.withUnsafeBufferPointer { buffer in
                var reader = ProtobufWireReader(ByteView(buffer))
                #expect(reader.varint() == value, "\(value)")
                #expect(reader.varint() == 42 && reader.isAtEnd && !reader.isMalformed, "\(value)")
            }
        }
        // Cut short, empty, and more than ten bytes: malformed.
        for bytes in [[0x80, 0x80], [], [UInt8](repeating: 0xFF, count: 10) + [0x01]] as [[UInt8]] {
            bytes.withUnsafeBufferPointer { buffer in
                var reader = ProtobufWireReader(ByteView(buffer))
                #expect(reader.varint() == nil && reader.isMalformed, "\(bytes)")
            }
        }
    }
}

/// Scalar events in the layout tensorboardX and PyTorch write are read without the general walk of the protobuf;
/// the same events with their fields in another order (the same bytes, so the same offsets) take the general
/// walk, and both must give the same file.
@Suite struct SimpleScalarEventTests {
    private typealias Bytes = EventFileBytes

    /// A scalar event written field by field: `wall_time` and `step` when given (writers leave out zeros), then a
    /// summary with one value; `reordered` puts `step` before `wall_time` and the value before its tag.
    private static func event(wallTime: Double?, step: Int64?, tag: String, value: Float, reordered: Bool) -> [UInt8] {
        let wall = wallTime.map { [0x09] + Bytes.littleEndian($0.bitPattern) } ?? []
        let steps = step.map { [0x10] + Bytes.varint(UInt64(bitPattern: $0)) } ?? []
        let tagField = Bytes.delimited(1, Array(tag.utf8))
        let valueField = [0x15] + Bytes.littleEndian(value.bitPattern)
        let summaryValue = reordered ? valueField + tagField : tagField + valueField
        return (reordered ? steps + wall : wall + steps) + Bytes.delimited(5, Bytes.delimited(1, summaryValue))
    }

    private static func read(_ events: [[UInt8]]) throws -> (EventFile, [Finding]) {
        let path = TestPaths.write(Bytes.framed(events), named: "events.out.tfevents.1709647200.simple")
        var findings = FindingLog()
        var file = try EventFileReader.read(
            path: path, displayPath: "simple", limits: InputLimits(), findings: &findings)
        file.path = ""
        return (file, findings.allFindings())
    }

    @Test func sameFileAsTheGeneralWalk() throws {
        let longTag = String(repeating: "loss/", count: 40)
        let cases: [(wallTime: Double?, step: Int64?, tag: String, value: Float)] = [
            (1_709_647_200.25, 1, "loss", 2.5), (1_709_647_200.5, 1, "lr", 0.001), (1_709_647_201, 2, "loss", 2.25),
            (1_709_647_201, 2, "lr", 0.001), (nil, 3, "loss", 2), (1_709_647_202, nil, "loss", 1.5),
            (1_709_647_203, -4, "loss", .nan), (1e20, 5, "loss", 1), (1_709_647_204, 1 << 60, "loss", 1),
            (1_709_647_205, 300, longTag, .infinity), (1_709_647_206, 301, "", -0.0), (1_709_647_207, 302, "lr", 0),
        ]
        let simple = cases.map { Self.event(wallTime: $0.0, step: $0.1, tag: $0.2, value: $0.3, reordered: false) }
        let general = cases.map { Self.event(wallTime: $0.0, step: $0.1, tag: $0.2, value: $0.3, reordered: true) }
        #expect(simple.map(\.count) == general.map(\.count))
        let (fast, fastFindings) = try Self.read(simple)
        let (walked, walkedFindings) = try Self.read(general)
        // Compared as text, which NaN equals (a NaN value is never == itself), and the values to the bit.
        #expect(String(describing: fast) == String(describing: walked))
        #expect(
            fast.tags.map { $0.series.points.map(\.value.bitPattern) }
                == walked.tags.map { $0.series.points.map(\.value.bitPattern) })
        #expect(fastFindings == walkedFindings)
        // By hand: 12 events; the wall time of 1e20 and the step 2⁶⁰ leave two values out, and an event without a
        // wall time has 0, which is not plausible either.
        #expect(fast.eventCount == 12 && fast.undecodableCount == 0)
        #expect(fast.invalidWallTimes.count == 2 && fast.invalidSteps.count == 1)
        let loss = try #require(fast.tags.first { $0.name == "loss" })
        #expect(loss.simpleValueCount == 7)
        #expect(loss.series.points.map(\.step) == [1, 2, 0, -4])
        #expect(loss.series.points.map(\.wallTime) == [1_709_647_200.25, 1_709_647_201, 1_709_647_202, 1_709_647_203])
        #expect(loss.series.points[0].value == 2.5 && loss.series.points[3].value.isNaN)
        #expect(fast.tags.map(\.name) == ["loss", "lr", longTag, ""])
        #expect(fast.tags[3].series.points.first?.value.sign == .minus)
    }
}
