/// The zone a log's local wall-clock times are in: a fixed UTC offset or an IANA zone with its DST rules.
public enum ClockZone: Sendable, Hashable, CustomStringConvertible {
    case fixedOffset(seconds: Int)
    case named(identifier: String)

    /// UTC.
    public static let utc = ClockZone.fixedOffset(seconds: 0)

    /// Parses `UTC`, `Z`, `GMT`, `+05:30`, `-0700`, `+5`, `UTC+01:00` or an IANA identifier such as
    /// `Europe/Berlin`.
    ///
    /// - Returns: nil when the text is neither an offset within ±14 h nor a zone this machine knows.
    public static func parse(_ text: String) -> ClockZone? {
        let trimmed = text.trimmingSpaces()
        let upper = trimmed.uppercased()
        if ["UTC", "Z", "GMT", "UT"].contains(upper) { return .utc }
        var offsetText = Substring(trimmed)
        for prefix in ["UTC", "GMT"] where upper.hasPrefix(prefix) {
            offsetText = offsetText.dropFirst(prefix.count)
        }
        if let first = offsetText.first, first == "+" || first == "-" {
            guard let seconds = Self.parseOffset(offsetText) else { return nil }
            return .fixedOffset(seconds: seconds)
        }
        guard ZoneRules.isKnown(identifier: trimmed) else { return nil }
        return .named(identifier: trimmed)
    }

    /// `±HH:MM`, `±HHMM` or `±H` as seconds east of UTC, within ±14 h.
    static func parseOffset(_ text: Substring) -> Int? {
        guard let sign = text.first, sign == "+" || sign == "-" else { return nil }
        let body = text.dropFirst()
        let digits = body.filter { $0 != ":" }
        guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit), digits.count <= 4 else { return nil }
        var hours = 0
        var minutes = 0
        if body.contains(":") {
            let parts = body.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]), parts[1].count == 2 else {
                return nil
            }
            hours = h
            minutes = m
        } else if digits.count <= 2 {
            hours = Int(digits) ?? 99
        } else {
            guard let value = Int(digits) else { return nil }
            hours = value / 100
            minutes = value % 100
        }
        guard hours <= 14, minutes < 60 else { return nil }
        let seconds = hours * 3600 + minutes * 60
        return sign == "-" ? -seconds : seconds
    }

    /// `UTC`, `UTC+05:30` or the IANA identifier.
    public var description: String {
        switch self {
        case .fixedOffset(let seconds): return seconds == 0 ? "UTC" : "UTC" + Self.formatOffset(seconds)
        case .named(let identifier): return identifier
        }
    }

    /// `+05:30` style text for an offset in seconds east of UTC.
    public static func formatOffset(_ seconds: Int) -> String {
        let sign = seconds < 0 ? "-" : "+"
        let magnitude = abs(seconds)
        let hours = magnitude / 3600
        let minutes = (magnitude % 3600) / 60
        return sign + (hours < 10 ? "0" : "") + String(hours) + ":" + (minutes < 10 ? "0" : "") + String(minutes)
    }
}

/// Encoded as its text (`Europe/Berlin`, `UTC+05:30`, `UTC`), which ``parse(_:)`` reads back.
extension ClockZone: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let zone = Self.parse(text) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "'\(text)' is neither an IANA zone (e.g. Europe/Berlin) nor an offset (e.g. +05:30)")
        }
        self = zone
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

extension String {
    /// The string without leading and trailing spaces, tabs and line ends.
    func trimmingSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(self[first...last])
    }
}
