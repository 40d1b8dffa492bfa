import FuzzSupport
@testable import FootprintKit

// TFRecord framing, Event decoding and the merge into a timeline.
FuzzInput.run { path in
    var findings = FindingLog()
    guard let file = try? EventFileReader.read(path: path, displayPath: "events.out.tfevents.1.fuzz",
                                               limits: FuzzInput.limits, findings: &findings)
    else { return }
    _ = try? RunTimeline.build(files: [file, file], stepTag: nil)
}
