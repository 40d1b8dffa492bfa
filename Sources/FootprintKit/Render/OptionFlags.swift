/// The command-line flags that give a run's options, derived from their encoding: each encoded value that differs
/// from the default's becomes `--name value` (its key with dashes; lists joined with commas, `true` the flag
/// alone), in the encoding's order. `--tz Europe/Berlin --region DE --pue 1.1` reads better in Markdown than
/// the JSON object.
enum OptionFlags {
    static func of(_ options: ReportOptions) -> [String] {
        flags(JSONValueEncoder.encode(options), defaults: JSONValueEncoder.encode(ReportOptions()))
    }

    /// `--gpu A100 --count 8 --hours 10 …`: every value `estimate` was given, then its emission options that
    /// differ from the defaults.
    static func of(_ request: EstimateRequest) -> [String] {
        var asked = JSONValueEncoder.encode(request)
        if case .object(let members) = asked { asked = .object(members.filter { $0.0 != "emission" }) }
        return flags(asked, defaults: .object([]))
            + flags(JSONValueEncoder.encode(request.emission), defaults: JSONValueEncoder.encode(EmissionOptions()))
    }

    private static func flags(_ value: JSONValue, defaults: JSONValue) -> [String] {
        guard case .object(let members) = value else { return [] }
        let defaultMembers: [(String, JSONValue)]
        if case .object(let members) = defaults { defaultMembers = members } else { defaultMembers = [] }
        var flags: [String] = []
        for (key, member) in members {
            let fallback = defaultMembers.first { $0.0 == key }?.1 ?? .null
            let name = "--" + key.replacingOccurrences(of: "_", with: "-")
            switch (member, fallback) {
            case (.object, _): flags += Self.flags(member, defaults: fallback)
            case (.bool(true), .bool(true)): break
            case (.bool(true), _): flags.append(name)
            default:
                guard let text = text(member), text != Self.text(fallback) else { continue }
                flags += [name, text]
            }
        }
        return flags
    }

    /// A flag's value: a number or string as it is, a list joined with commas; nil for null, booleans and objects.
    private static func text(_ value: JSONValue) -> String? {
        switch value {
        case .null, .bool, .object: nil
        case .number(let text), .string(let text): text
        case .array(let items): items.compactMap(text).joined(separator: ",")
        }
    }
}
