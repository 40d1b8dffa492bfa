/// One sample line of the Prometheus text format: `name{label="value",…} value [timestamp_ms]`.
struct PrometheusSampleLine {
    var name: Substring
    var labels: [(key: String, value: String)]
    /// The value's text (`250.5`, `NaN`, `+Inf`).
    var value: Substring
    var timestampMilliseconds: Double?

    /// The line parsed; nil for a comment, a blank line or a line that breaks the format.
    init?(_ line: Substring) {
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        guard let first = trimmed.first, first != "#" else { return nil }
        let nameEnd = trimmed.firstIndex { $0 == "{" || $0 == " " || $0 == "\t" } ?? trimmed.endIndex
        name = trimmed[..<nameEnd]
        labels = []
        var rest = trimmed[nameEnd...]
        if rest.first == "{" {
            rest = rest.dropFirst()
            while true {
                rest = rest.drop { $0 == " " || $0 == "," }
                if rest.first == "}" {
                    rest = rest.dropFirst()
                    break
                }
                guard let equals = rest.firstIndex(of: "=") else { return nil }
                let key = String(rest[..<equals]).trimmingSpaces()
                rest = rest[rest.index(after: equals)...].drop { $0 == " " }
                guard rest.first == "\"" else { return nil }
                rest = rest.dropFirst()
                var value = ""
                var closed = false
                while let character = rest.first {
                    rest = rest.dropFirst()
                    if character == "\"" {
                        closed = true
                        break
                    }
                    if character == "\\", let escaped = rest.first {
                        rest = rest.dropFirst()
                        value.append(escaped == "n" ? "\n" : escaped)
                    } else {
                        value.append(character)
                    }
                }
                guard closed else { return nil }
                labels.append((key, value))
            }
        }
        let tokens = rest.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard !name.isEmpty, tokens.count == 1 || tokens.count == 2 else { return nil }
        value = tokens[0]
        if tokens.count == 2 {
            guard let milliseconds = Double(tokens[1]) else { return nil }
            timestampMilliseconds = milliseconds
        }
    }

    /// The value of the first label named one of `keys`, in their order.
    func label(_ keys: String...) -> String? {
        for key in keys {
            if let found = labels.first(where: { $0.key == key }) { return found.value }
        }
        return nil
    }
}
