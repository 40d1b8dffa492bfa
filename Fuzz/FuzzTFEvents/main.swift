import FuzzSupport
@testable import FootprintKit

// TFRecord framing, Event decoding, the merge into a timeline, a target on its step tag and the window's text.
FuzzInput.run { path in
    var findings = FindingLog()
    guard
        let file = try? EventFileReader.read(
            path: path, displayPath: "events.out.tfevents.1.fuzz",
            limits: FuzzInput.limits, findings: &findings),
        let timeline = try? RunTimeline.build(files: [file, file], stepTag: nil), let window = timeline.training
    else { return }
    _ = try? TrainingAccounting.target(
        TrainingTarget(tag: window.tag, comparison: .atMost, threshold: 0.5), in: timeline,
        findings: &findings)
    _ = (window.steps, ReportFormatting.isoUTC(window.startSeconds), ReportFormatting.duration(window.seconds))
}
