internal import Foundation

/// For `verify`: a saved JSON report read back with its options, and compared with one recomputed from the logs.
enum ReportVerifier {
    /// A JSON report read back, with the options it was made with.
    struct SavedReport {
        let path: String
        let options: ReportOptions
        let content: [String: Any]
    }

    /// Reads a JSON report and the options in its provenance. The options are decoded strictly (every field
    /// present, none unknown, each of its type) and checked as the command line's are.
    ///
    /// - Throws: ``FootprintError/Code-swift.struct/malformedInput`` when the file is not a Footprint JSON report
    ///   or its options cannot be read, ``FootprintError/Code-swift.struct/invalidOption`` when an option is out
    ///   of range; either names the file.
    static func load(_ path: String) throws(FootprintError) -> SavedReport {
        let location = InputLocation(path: path)
        if let type = DirectoryWalker.specialFileType(of: path) {
            throw FootprintError(.malformedInput, "\(type), not a JSON report file", location: location)
        }
        guard let data = FileManager.default.contents(atPath: path),
            let content = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else {
            throw FootprintError(
                .malformedInput, "not a JSON report (write one with --format json)", location: location)
        }
        let saved = try provenance(content, location: location)["options"]
        guard let saved = saved as? [String: Any] else {
            throw FootprintError(
                .malformedInput,
                "the report's provenance has no options (it was written by an earlier footprint: write it again)",
                location: location)
        }
        let options: ReportOptions
        do {
            options = try JSONTreeDecoder.decode(ReportOptions.self, from: saved)
        } catch let error as DecodingError {
            throw FootprintError(
                .malformedInput, "the options in its provenance cannot be read: \(describe(error))", location: location)
        } catch {
            throw FootprintError(
                .malformedInput, "the options in its provenance cannot be read: \(error)", location: location)
        }
        if let mismatch = fieldMismatch(saved, JSONValueEncoder.encode(options), path: "") {
            throw FootprintError(
                .malformedInput, "the options in its provenance cannot be read: \(mismatch)", location: location)
        }
        do {
            try options.validate()
        } catch {
            throw FootprintError(.invalidOption, "the options in its provenance: \(error.message)", location: location)
        }
        return SavedReport(path: path, options: options, content: content)
    }

    /// Refuses the saved options' input paths that lie outside `runDirectory` (after following links): a report
    /// handed to `verify` must not make it read other files.
    ///
    /// - Throws: ``FootprintError/Code-swift.struct/invalidOption`` naming the report.
    static func checkInputPaths(_ saved: SavedReport, runDirectory: String) throws(FootprintError) {
        guard let series = saved.options.emission.intensitySeriesPath else { return }
        let folder = URL(fileURLWithPath: runDirectory).resolvingSymlinksInPath().standardizedFileURL.path
        let file = URL(fileURLWithPath: series).resolvingSymlinksInPath().standardizedFileURL.path
        guard file.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/") else {
            throw FootprintError(
                .invalidOption,
                "the options in its provenance name an intensity_series outside the run folder (\(TerminalText.sanitized(series))); verify reads inputs from the run folder only",
                location: InputLocation(path: saved.path))
        }
    }

    /// The differences between the saved report and `report` recomputed from the logs; empty when they agree.
    ///
    /// Compared: the inputs' sizes and SHA-256 digests, and the energies and emissions to the saved precision.
    /// File names from the report are sanitised (``TerminalText``): the report may come from anyone.
    static func differences(_ saved: SavedReport, recomputed report: RunReport) throws(FootprintError) -> [String] {
        let fresh: [String: Any]
        do {
            fresh =
                try JSONSerialization.jsonObject(with: Data(JSONReportWriter.render(report).utf8)) as? [String: Any]
                ?? [:]
        } catch {
            throw FootprintError(.malformedInput, "the recomputed report is not valid JSON: \(error)")
        }
        var differences: [String] = []
        let savedInputs = inputs(try provenance(saved.content, location: InputLocation(path: saved.path)))
        let freshInputs = inputs(try provenance(fresh, location: nil))
        for (file, digest) in savedInputs.sorted(by: { $0.key < $1.key }) {
            guard let now = freshInputs[file] else {
                differences.append("\(TerminalText.sanitized(file)): in the report, not found in the run folder now")
                continue
            }
            if now != digest {
                differences.append("\(TerminalText.sanitized(file)): its content changed (size or SHA-256 differs)")
            }
        }
        for file in freshInputs.keys.sorted() where savedInputs[file] == nil {
            differences.append("\(TerminalText.sanitized(file)): in the run folder now, not in the report")
        }
        for keyPath in [
            ["energy", "joules"], ["emissions", "kg_co2e"], ["emissions", "kg_co2e_low"],
            ["emissions", "kg_co2e_high"], ["emissions", "market_kg_co2e"], ["breakdown", "dynamic", "kg_co2e"],
            ["breakdown", "idle", "kg_co2e"], ["training", "joules"], ["training", "joules_per_step"],
            ["profiler", "joules"],
        ] {
            let old = value(saved.content, keyPath)
            let new = value(fresh, keyPath)
            if old != new {
                differences.append(
                    "\(keyPath.joined(separator: ".")): the report says \(old ?? "null"), the logs now give \(new ?? "null")"
                )
            }
        }
        return differences
    }

    /// The figures checked, for the line that says they agree.
    static func summary(_ report: RunReport) -> String {
        let energy =
            report.hasPowerSamples
            ? "GPU energy \(ReportFormatting.grouped(report.jobJoules, 3)) J"
            : report.emissions.map { "\($0.method.rawValue) energy \(ReportFormatting.grouped($0.itJoules, 3)) J" }
                ?? "no energy"
        let emissions =
            report.emissions.map { "\(ReportFormatting.significant($0.kilogramsCO2e, 4)) kg CO2e" } ?? "no CO2e"
        return "inputs unchanged; \(energy), \(emissions)"
    }

    private static func provenance(_ report: [String: Any], location: InputLocation?) throws(FootprintError) -> [String:
        Any]
    {
        guard let provenance = report["provenance"] as? [String: Any] else {
            throw FootprintError(
                .malformedInput, "the report has no provenance (it predates footprint 0.2)", location: location)
        }
        return provenance
    }

    /// `` `field` is not an option`` or `` `field` is missing`` where the saved options' fields differ from those
    /// of the options they decoded to, at any depth; nil when they are the same.
    private static func fieldMismatch(_ saved: [String: Any], _ decoded: JSONValue, path: String) -> String? {
        guard case .object(let members) = decoded else { return nil }
        for key in saved.keys.sorted() where !members.contains(where: { $0.0 == key }) {
            return "`\(path + key)` is not an option"
        }
        for (key, member) in members {
            guard let value = saved[key] else { return "`\(path + key)` is missing" }
            if let object = value as? [String: Any],
                let mismatch = fieldMismatch(object, member, path: path + key + ".")
            {
                return mismatch
            }
        }
        return nil
    }

    /// A decoding error as `` `field`: what is wrong ``.
    private static func describe(_ error: DecodingError) -> String {
        func field(_ path: [any CodingKey]) -> String {
            "`" + path.map(\.stringValue).joined(separator: ".") + "`"
        }
        switch error {
        case .keyNotFound(let key, let context): return "\(field(context.codingPath + [key])) is missing"
        case .valueNotFound(_, let context): return "\(field(context.codingPath)) is null"
        case .typeMismatch(_, let context), .dataCorrupted(let context):
            return "\(field(context.codingPath)): \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
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
