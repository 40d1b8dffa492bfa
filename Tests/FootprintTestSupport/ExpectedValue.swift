import Foundation
public import Testing

/// Values computed independently (by the scripts in `Scripts/`) and committed as JSON fixtures.
public enum ExpectedValue {
    /// The value at `keys` in the JSON fixture `file` (relative to `Fixtures/`); records an issue at the caller
    /// and returns nil when the file or the value is missing.
    public static func value(
        in file: String, at keys: [String], sourceLocation: SourceLocation = #_sourceLocation
    ) -> Any? {
        guard let data = FileManager.default.contents(atPath: TestPaths.fixture(file)),
            var node = try? JSONSerialization.jsonObject(with: data)
        else {
            Issue.record("Fixtures/\(file) is missing or not JSON", sourceLocation: sourceLocation)
            return nil
        }
        for key in keys {
            guard let next = (node as? [String: Any])?[key] else {
                Issue.record("Fixtures/\(file) has no \(keys.joined(separator: "."))", sourceLocation: sourceLocation)
                return nil
            }
            node = next
        }
        return node
    }

    /// The number at `keys` in the JSON fixture `file`, or NaN (with a recorded issue) when missing.
    public static func number(
        in file: String, _ keys: String..., sourceLocation: SourceLocation = #_sourceLocation
    ) -> Double {
        guard let value = value(in: file, at: keys, sourceLocation: sourceLocation) else { return .nan }
        guard let number = value as? NSNumber else {
            Issue.record(
                "Fixtures/\(file): \(keys.joined(separator: ".")) is not a number", sourceLocation: sourceLocation)
            return .nan
        }
        return number.doubleValue
    }

    /// Each line of the JSON Lines fixture `file` whose `key` field is a string, by that string.
    public static func lines(
        in file: String, keyedBy key: String, sourceLocation: SourceLocation = #_sourceLocation
    ) -> [String: [String: Any]] {
        guard let text = try? String(contentsOfFile: TestPaths.fixture(file), encoding: .utf8) else {
            Issue.record("Fixtures/\(file) is missing", sourceLocation: sourceLocation)
            return [:]
        }
        var objects: [String: [String: Any]] = [:]
        for line in text.split(separator: "\n") {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                let name = object[key] as? String
            else { continue }
            objects[name] = object
        }
        return objects
    }
}
