/// The first bytes of a file as sniffing sees them (after gzip and UTF-16 are undone): the bytes, their text
/// with NUL bytes dropped, and the first non-blank lines, trimmed.
struct FileHead {
    /// The first bytes, at most ``FormatSniffer/headBytes``.
    var bytes: [UInt8]
    /// The bytes as UTF-8 text, NUL bytes dropped (a log on a filesystem that crashed can hold runs of them).
    var text: String
    /// Up to 20 first lines, trimmed of spaces, blank ones left out.
    var lines: [String]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        text = String(decoding: bytes.filter { $0 != 0 }, as: UTF8.self)
        lines = text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }).lazy.map {
            String($0).trimmingSpaces()
        }.filter { !$0.isEmpty }.prefix(20).map { $0 }
    }

    /// Whether the text starts (after white space) with a JSON object or array.
    var isJSON: Bool {
        let first = text.first { $0 != " " && $0 != "\n" && $0 != "\r" && $0 != "\t" }
        return first == "{" || first == "["
    }

    /// Whether the text holds the JSON key `key` (in double quotes, followed by a colon).
    func hasJSONKey(_ key: String) -> Bool {
        let quoted = Array("\"\(key)\"".utf8)
        let text = Array(self.text.utf8)
        guard text.count >= quoted.count else { return false }
        for start in 0...(text.count - quoted.count) where text[start] == quoted[0] {
            guard text[start..<(start + quoted.count)].elementsEqual(quoted) else { continue }
            let after = text[(start + quoted.count)...].first { $0 != 0x20 && $0 != 0x09 }
            if after == UInt8(ascii: ":") { return true }
        }
        return false
    }

    /// The comma-separated cells of the first line, trimmed.
    var firstLineCells: [String] {
        guard let first = lines.first else { return [] }
        return first.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingSpaces() }
    }
}
