/// Collects findings for one input, keeping at most a fixed number of located findings per kind so that a file
/// with millions of bad rows cannot exhaust memory; the rest are counted and summarised.
public struct FindingLog: Sendable {
    /// The located findings kept per kind (the kind is a short key chosen by the reader).
    public static let keptPerKind = 10

    public private(set) var findings: [Finding] = []
    /// The kind of each kept finding (nil for one added without a kind), so that another log can take them over.
    private var keptKinds: [String?] = []
    private var countsByKind: [String: Int] = [:]
    private var kindOrder: [String] = []
    private var summaryByKind: [String: (severity: Finding.Severity, code: FindingCode, path: String, text: String)] =
        [:]

    public init() {}

    /// Records a finding of `kind`; past ``keptPerKind`` of a kind only its count grows.
    ///
    /// - Parameters:
    ///   - kind: a short key grouping findings of the same sort, e.g. `"invalid-power"`.
    ///   - summary: what to say about the findings that were not kept, e.g. `"rows with [N/A] power"`.
    public mutating func add(_ finding: Finding, kind: String, summary: String) {
        let count = countsByKind[kind, default: 0] + 1
        countsByKind[kind] = count
        if count == 1 {
            kindOrder.append(kind)
            summaryByKind[kind] = (finding.severity, finding.code, finding.location?.path ?? "", summary)
        }
        if count <= Self.keptPerKind {
            findings.append(finding)
            keptKinds.append(kind)
        }
    }

    /// Records a finding that is not grouped with others.
    public mutating func add(_ finding: Finding) {
        findings.append(finding)
        keptKinds.append(nil)
    }

    /// Adds `other`'s findings after these, as if each had been added here in its order: kinds shared with this
    /// log share its per-kind limit and count, and summaries stay at the end.
    public mutating func append(contentsOf other: FindingLog) {
        for (finding, kind) in zip(other.findings, other.keptKinds) {
            if let kind, let summary = other.summaryByKind[kind] {
                add(finding, kind: kind, summary: summary.text)
            } else {
                add(finding)
            }
        }
        for kind in other.kindOrder {
            let count = other.countsByKind[kind, default: 0]
            countsByKind[kind, default: 0] += count - min(count, Self.keptPerKind)
        }
    }

    /// The kept findings followed by one summary line for each kind that had more than ``keptPerKind``.
    public func allFindings() -> [Finding] {
        var all = findings
        for kind in kindOrder {
            let count = countsByKind[kind, default: 0]
            guard count > Self.keptPerKind, let summary = summaryByKind[kind] else { continue }
            let omitted = count - Self.keptPerKind
            all.append(
                Finding(
                    summary.severity, summary.code, "\(omitted) more \(summary.text) not listed (\(count) in all)",
                    location: InputLocation(path: summary.path), count: omitted))
        }
        return all
    }
}
