/// `--host-from REGEX`: a regular expression with one capture group, matched against a log's path relative to
/// the run folder; the captured text is the host of the log's devices.
struct HostPattern {
    /// The expression as given.
    let pattern: String
    /// The expression compiled once, for every log's path.
    private let regex: Regex<AnyRegexOutput>

    /// - Throws: ``FootprintError/Code-swift.struct/invalidOption`` when `pattern` is not a regular expression
    ///   with exactly one capture group.
    init(_ pattern: String) throws(FootprintError) {
        do {
            regex = try Regex(pattern)
        } catch {
            throw FootprintError(.invalidOption, "--host-from '\(pattern)' is not a regular expression: \(error)")
        }
        guard Self.captureGroups(pattern) == 1 else {
            throw FootprintError(
                .invalidOption,
                "--host-from '\(pattern)' needs exactly one capture group: the host, e.g. '(node[0-9]+)/'")
        }
        self.pattern = pattern
    }

    /// The host in `path`: the first match's capture; nil when it does not match or captures nothing.
    func host(in path: String) -> String? {
        guard let match = try? regex.firstMatch(in: path), match.output.count == 2,
            let captured = match.output[1].substring, !captured.isEmpty
        else { return nil }
        return String(captured)
    }

    /// Capturing groups in `pattern`: each `(` not escaped, not in a character class and not opening `(?:`,
    /// `(?=`, `(?!` or another `(?` form other than a named group `(?<name>` / `(?P<name>`.
    static func captureGroups(_ pattern: String) -> Int {
        let characters = Array(pattern)
        var count = 0
        var index = 0
        var inClass = false
        while index < characters.count {
            let character = characters[index]
            if character == "\\" {
                index += 2
                continue
            }
            if inClass {
                if character == "]" { inClass = false }
            } else if character == "[" {
                inClass = true
            } else if character == "(" {
                let next = index + 1 < characters.count ? characters[index + 1] : nil
                if next != "?" {
                    count += 1
                } else {
                    let rest = index + 2 < characters.count ? String(characters[(index + 2)...].prefix(2)) : ""
                    let named = (rest.hasPrefix("<") && !rest.hasPrefix("<=") && !rest.hasPrefix("<!")) || rest == "P<"
                    if named { count += 1 }
                }
            }
            index += 1
        }
        return count
    }
}
