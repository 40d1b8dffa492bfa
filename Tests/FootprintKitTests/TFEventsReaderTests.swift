import Foundation
import Testing
@testable import FootprintKit

/// The real event files: in `Fixtures/tfevents/` when their licence allows it, else read from `../shared`.
private let fixtureEventFiles = [
    "events.out.tfevents.1476472047.localhost",
    "events.out.tfevents.1515280092.tayo-glaptop",
    "events.out.tfevents.1713773043.carls-gaming-linux.286970.0",
    "events.out.tfevents.1716735746.99c8c45923de.3769.0",
]
private let sharedOnlyEventFiles = [
    "events.out.tfevents.1618138604.285e2a0aa751",
    "events.out.tfevents.1622179822.DESKTOP-EB1F4C5.6800.3",
    "events.out.tfevents.1630721995.Saazs-Air.fios-router.home.6861.0",
    "events.out.tfevents.1630851472.Saazs-Air.fios-router.home.17109.0",
    "events.out.tfevents.1644728510.huangyuan3hdeMacBook-Pro.local.73068.0.v2",
    "events.out.tfevents.1644728574.huangyuan3hdeMacBook-Pro.local.73068.1.v2",
]

/// What TensorBoard's EventAccumulator reports for each file (`Scripts/tfevents-expected.py`): per scalar tag
/// `[points, first step, last step, first value, last value]`.
private let tensorBoardExpectations: [String: [String: [Double?]]] = {
    let text = (try? String(contentsOfFile: TestPaths.fixture("tfevents/expected-tensorboard.jsonl"), encoding: .utf8)) ?? ""
    var result: [String: [String: [Double?]]] = [:]
    for line in text.split(separator: "\n") {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
              let file = object["file"] as? String, let scalars = object["scalars"] as? [String: [Any]]
        else { continue }
        result[file] = scalars.mapValues { $0.map { ($0 as? NSNumber)?.doubleValue } }
    }
    return result
}()

private func readEvents(_ path: String) throws -> (file: EventFile, findings: [Finding]) {
    var findings = FindingLog()
    let file = try EventFileReader.read(path: path, displayPath: (path as NSString).lastPathComponent,
                                        limits: InputLimits(), findings: &findings)
    return (file, findings.allFindings())
}

private func checkAgainstTensorBoard(_ path: String) throws {
    let name = (path as NSString).lastPathComponent
    let expected = try #require(tensorBoardExpectations[name], "no expectation recorded for \(name)")
    let (file, findings) = try readEvents(path)
    #expect(findings.isEmpty, "\(findings)")
    #expect(file.records.corruptRecordCount == 0 && file.undecodableCount == 0 && file.records.truncatedTailBytes == 0)
    let scalarTags = file.tags.filter(\.isScalar)
    #expect(Set(scalarTags.map(\.name)) == Set(expected.keys), "tags of \(name)")
    for tag in scalarTags {
        guard let values = expected[tag.name] else { continue }
        let series = tag.series
        #expect(Double(series.count) == values[0], "\(name) \(tag.name) point count")
        #expect(Double(series.steps.first ?? -1) == values[1] && Double(series.steps.last ?? -1) == values[2],
                "\(name) \(tag.name) steps")
        for (actual, wanted) in [(series.values.first, values[3]), (series.values.last, values[4])] {
            // Scalars are 32-bit floats; JSONSerialization does not round decimal text exactly to a Double.
            if let wanted { #expect(actual.map(Float.init) == Float(wanted), "\(name) \(tag.name) value") } else { #expect(actual?.isNaN == true) }
        }
    }
}

@Suite struct TFEventsReaderTests {
    @Test(arguments: fixtureEventFiles)
    func realFixtureMatchesTensorBoard(_ name: String) throws {
        try checkAgainstTensorBoard(TestPaths.fixture("tfevents/" + name))
    }

    @Test(.enabled(if: TestPaths.sharedRealLogsPresent, "needs ../shared/real-logs (files without a licence to copy)"),
          arguments: sharedOnlyEventFiles)
    func sharedRealLogMatchesTensorBoard(_ name: String) throws {
        try checkAgainstTensorBoard(try #require(TestPaths.sharedRealLog("tfevents/" + name)))
    }

    @Test(.enabled(if: TestPaths.sharedRealLogsPresent, "needs ../shared/real-logs"))
    func tensorFlow2ScalarsAreTensors() throws {
        let path = try #require(TestPaths.sharedRealLog("tfevents/events.out.tfevents.1644728510.huangyuan3hdeMacBook-Pro.local.73068.0.v2"))
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
        let (lightning, _) = try readEvents(TestPaths.fixture("tfevents/events.out.tfevents.1713773043.carls-gaming-linux.286970.0"))
        #expect(lightning.records.recordCount == 15681)
        #expect(lightning.writer == "tensorboard.summary.writer.event_file_writer")
        #expect((lightning.valueCounts[.hparams] ?? 0) == 3)
    }
}
