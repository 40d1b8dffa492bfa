/// Walks the members of a JSON object written on one line (`{"key": value, …}`) without building it: each
/// member's key (its bytes between the quotes, escapes left as written) and its value's bytes (a string's
/// between its quotes; a nested object or array whole). Enough for W&B's metric lines, whose values are numbers,
/// strings and booleans.
enum FlatJSONObject {
    /// Calls `body` with each member's key and value, in order.
    ///
    /// - Returns: false when `line` is not a JSON object of that shape (the members before the problem were
    ///   handed out).
    static func forEachMember(_ line: ByteView, _ body: (_ key: ByteView, _ value: ByteView) -> Void) -> Bool {
        var index = skipSpace(line, 0)
        guard index < line.count, line[index] == UInt8(ascii: "{") else { return false }
        index = skipSpace(line, index + 1)
        if index < line.count, line[index] == UInt8(ascii: "}") { return true }
        while index < line.count {
            guard line[index] == 0x22, let keyEnd = stringEnd(line, index) else { return false }
            let key = line.extracting((index + 1)..<keyEnd)
            index = skipSpace(line, keyEnd + 1)
            guard index < line.count, line[index] == UInt8(ascii: ":") else { return false }
            index = skipSpace(line, index + 1)
            guard index < line.count, let valueEnd = valueEnd(line, index) else { return false }
            if line[index] == 0x22 {
                body(key, line.extracting((index + 1)..<(valueEnd - 1)))
            } else {
                body(key, line.extracting(index..<valueEnd))
            }
            index = skipSpace(line, valueEnd)
            guard index < line.count else { return false }
            if line[index] == UInt8(ascii: "}") { return true }
            guard line[index] == UInt8(ascii: ",") else { return false }
            index = skipSpace(line, index + 1)
        }
        return false
    }

    private static func skipSpace(_ line: ByteView, _ start: Int) -> Int {
        var index = start
        while index < line.count, line[index] == 0x20 || line[index] == 0x09 || line[index] == 0x0D { index += 1 }
        return index
    }

    /// The index of the closing quote of the string opening at `start`.
    private static func stringEnd(_ line: ByteView, _ start: Int) -> Int? {
        var index = start + 1
        while index < line.count {
            if line[index] == UInt8(ascii: "\\") {
                index += 2
                continue
            }
            if line[index] == 0x22 { return index }
            index += 1
        }
        return nil
    }

    /// The index just after the value starting at `start`: a string, a bracketed value (nesting counted,
    /// strings inside it skipped), or a bare number or word.
    private static func valueEnd(_ line: ByteView, _ start: Int) -> Int? {
        let first = line[start]
        if first == 0x22 { return stringEnd(line, start).map { $0 + 1 } }
        if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
            var depth = 0
            var index = start
            while index < line.count {
                switch line[index] {
                case 0x22:
                    guard let end = stringEnd(line, index) else { return nil }
                    index = end
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 { return index + 1 }
                default: break
                }
                index += 1
            }
            return nil
        }
        var index = start
        while index < line.count, ![UInt8(ascii: ","), UInt8(ascii: "}"), 0x20, 0x09].contains(line[index]) {
            index += 1
        }
        return index > start ? index : nil
    }
}
