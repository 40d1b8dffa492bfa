internal import Foundation

/// `footprint verify`: whether a run's logs still give the figures a saved JSON report states.
public enum ReportVerifier {
    /// The options a saved report was made with (its `provenance.arguments`).
    ///
    /// - Throws: ``FootprintError/Code-swift.struct/malformedInput`` when the file is not a Footprint JSON report.
    public static func arguments(ofReportAt path: String) throws(FootprintError) -> [String] {
        try provenance(try load(path))["arguments"] as? [String] ?? []
    }

    /// The differences between the saved report and `report` recomputed from the logs; empty when they agree.
    ///
    /// Compared: the inputs' sizes and SHA-256 digests, and the energies and emissions to the saved precision.
    public static func differences(savedReportAt path: String, recomputed report: RunReport) throws(FootprintError) -> [String] {
        let saved = try load(path)
        let fresh: [String: Any]
        do {
            fresh = try JSONSerialization.jsonObject(with: Data(JSONReportWriter.render(report).utf8)) as? [String: Any] ?? [:]
        } catch {
            throw FootprintError(.malformedInput, "the recomputed report is not valid JSON: \(error)")
        }
        var differences: [String] = []
        let savedInputs = inputs(try provenance(saved))
        let freshInputs = inputs(try provenance(fresh))
        for (file, digest) in savedInputs.sorted(by: { $0.key < $1.key }) {
            guard let now = freshInputs[file] else {
                differences.append("\(file): in the report, not found in the run folder now")
                continue
            }
            if now != digest { differences.append("\(file): its content changed (size or SHA-256 differs)") }
        }
        for file in freshInputs.keys.sorted() where savedInputs[file] == nil {
            differences.append("\(file): in the run folder now, not in the report")
        }
        for keyPath in [["energy", "joules"], ["emissions", "kg_co2e"], ["emissions", "kg_co2e_low"], ["emissions", "kg_co2e_high"],
                        ["training", "joules"], ["training", "joules_per_step"], ["profiler", "joules"]] {
            let old = value(saved, keyPath)
            let new = value(fresh, keyPath)
            if old != new {
                differences.append("\(keyPath.joined(separator: ".")): the report says \(old ?? "null"), the logs now give \(new ?? "null")")
            }
        }
        return differences
    }

    /// The figures checked, for the line that says they agree.
    public static func summary(_ report: RunReport) -> String {
        "inputs unchanged; energy \(ReportFormatting.grouped(report.jobJoules, 3)) J, \(ReportFormatting.significant(report.kilogramsCO2e, 4)) kg CO2e"
    }

    private static func load(_ path: String) throws(FootprintError) -> [String: Any] {
        guard let data = FileManager.default.contents(atPath: path),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else {
            throw FootprintError(.malformedInput, "not a JSON report (write one with --format json)", location: InputLocation(path: path))
        }
        return object
    }

    private static func provenance(_ report: [String: Any]) throws(FootprintError) -> [String: Any] {
        guard let provenance = report["provenance"] as? [String: Any] else {
            throw FootprintError(.malformedInput, "the report has no provenance (it predates footprint 0.2)")
        }
        return provenance
    }

    private static func inputs(_ provenance: [String: Any]) -> [String: String] {
        var result: [String: String] = [:]
        for input in provenance["inputs"] as? [[String: Any]] ?? [] {
            if let path = input["path"] as? String {
                result[path] = "\(input["bytes"] ?? "") \(input["sha256"] ?? "")"
            }
        }
        return result
    }

    /// A number at a key path, as the report's fixed-decimal text would show it.
    private static func value(_ object: [String: Any], _ keyPath: [String]) -> String? {
        var node: Any? = object
        for key in keyPath { node = (node as? [String: Any])?[key] }
        guard let number = node as? NSNumber else { return nil }
        return ReportFormatting.fixed(number.doubleValue, 3)
    }
}
