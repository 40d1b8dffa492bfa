/// Collects findings for one input, keeping at most a fixed number of located findings per kind so that a file
/// with millions of bad rows cannot exhaust memory; the rest are counted and summarised.
public struct FindingLog: Sendable, Codable {
    /// The located findings kept per kind (the kind is a short key chosen by the reader).
    public static let keptPerKind = 10

    public private(set) var findings: [Finding] = []
    /// The kind of each kept finding (nil for one added without a kind), so that another log can take them over.
    private var keptKinds: [String?] = []
    private var countsByKind: [String: Int] = [:]
    private var kindOrder: [String] = []
    /// The first finding of each kind and what to call the ones not kept.
    private var summaryByKind: [String: (first: Finding, text: String)] = [:]

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
            summaryByKind[kind] = (finding, summary)
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
                    summary.first.severity, summary.first.code,
                    "\(omitted) more \(summary.text) not listed (\(count) in all)",
                    location: InputLocation(path: summary.first.location?.path ?? ""), count: omitted))
        }
        return all
    }

    private enum CodingKeys: String, CodingKey {
        case findings, keptKinds, countsByKind, kindOrder, summaries
    }

    /// A kind's first finding and the words for the ones not kept, as the log stores them.
    private struct Summary: Codable {
        var kind: String
        var first: Finding
        var text: String
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        findings = try container.decode([Finding].self, forKey: .findings)
        keptKinds = try container.decode([String?].self, forKey: .keptKinds)
        countsByKind = try container.decode([String: Int].self, forKey: .countsByKind)
        kindOrder = try container.decode([String].self, forKey: .kindOrder)
        for summary in try container.decode([Summary].self, forKey: .summaries) {
            summaryByKind[summary.kind] = (summary.first, summary.text)
        }
        guard keptKinds.count == findings.count else {
            throw DecodingError.dataCorruptedError(
                forKey: .keptKinds, in: container, debugDescription: "one kind per finding")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(findings, forKey: .findings)
        try container.encode(keptKinds, forKey: .keptKinds)
        try container.encode(countsByKind, forKey: .countsByKind)
        try container.encode(kindOrder, forKey: .kindOrder)
        let summaries = kindOrder.compactMap { kind in
            summaryByKind[kind].map { Summary(kind: kind, first: $0.first, text: $0.text) }
        }
        try container.encode(summaries, forKey: .summaries)
    }
}
