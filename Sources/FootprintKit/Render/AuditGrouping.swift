internal import Foundation

/// How an audit's Markdown rolls runs up (`--group-by`).
public enum AuditGrouping: Sendable, Hashable, CustomStringConvertible {
    /// By the run's parent folder.
    case parent
    /// By the UTC month the run started.
    case month
    /// By the first capture group of a regular expression on the run's path (else the whole match).
    case pattern(String)

    /// The grouping when none is asked for.
    public static let `default` = AuditGrouping.parent

    public static func parse(_ text: String) throws(FootprintError) -> AuditGrouping {
        switch text {
        case "parent": return .parent
        case "month": return .month
        default:
            guard (try? NSRegularExpression(pattern: text)) != nil else {
                throw FootprintError(
                    .invalidOption, "--group-by '\(text)' is neither parent, month nor a regular expression")
            }
            return .pattern(text)
        }
    }

    /// The text ``parse(_:)`` reads back: `parent`, `month` or the pattern.
    public var description: String {
        switch self {
        case .parent: "parent"
        case .month: "month"
        case .pattern(let pattern): pattern
        }
    }

    func key(of row: AuditRow) -> String {
        switch self {
        case .parent:
            guard let slash = row.path.lastIndex(of: "/") else { return "." }
            return String(row.path[..<slash])
        case .month:
            return row.startUTC.isEmpty ? "unknown" : String(row.startUTC.prefix(7))
        case .pattern(let pattern):
            guard let expression = try? NSRegularExpression(pattern: pattern),
                let match = expression.firstMatch(in: row.path, range: NSRange(row.path.startIndex..., in: row.path))
            else { return "(no match)" }
            let range =
                match.numberOfRanges > 1 && match.range(at: 1).location != NSNotFound ? match.range(at: 1) : match.range
            return Range(range, in: row.path).map { String(row.path[$0]) } ?? "(no match)"
        }
    }
}

extension AuditGrouping {
    var label: String {
        switch self {
        case .parent: "parent folder"
        case .month: "month (UTC)"
        case .pattern(let pattern): "`\(pattern)`"
        }
    }
}
