/// Puts a `co2_eq_emissions` block (``ModelCardWriter``) into a Hugging Face model card's YAML front matter,
/// which is where the Hub reads it, leaving every other byte of the card as it was.
///
/// Front matter is what the Hub takes for it: the card's first line is `---` (after an optional UTF-8 byte-order
/// mark), and it ends at the next line that is `---`. Inside it, a top-level
/// `co2_eq_emissions:` key (at the start of a line) is replaced together with its block — the lines after it that
/// are indented or start a `-` list item, up to the next line at the start of a line that is neither; blank lines
/// and comments before that next key stay where they are. Without such a key, the block goes just before the
/// closing `---`. A card without front matter gets one, `---`, the block and `---`, before its first byte. The block
/// takes the card's line ending: CRLF when the card's first line ends with one.
enum ModelCardMerge {
    /// `card` with `block` merged into its front matter.
    ///
    /// - Parameters:
    ///   - card: the model card's text (a `README.md`); may be empty.
    ///   - block: the `co2_eq_emissions:` block, lines ended by LF, the last one too.
    /// - Throws: ``FootprintError/Code-swift.struct/invalidOption`` when the card opens a front matter that never
    ///   closes: what belongs to it is unknown, so nothing is changed.
    static func merge(_ card: String, block: String) throws(FootprintError) -> String {
        let bytes = Array(card.utf8)
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let start = bytes.starts(with: bom) ? bom.count : 0
        let lines = Self.lines(bytes, from: start)
        let ending: [UInt8] = lines.first.map { bytes[$0].suffix(2) == [0x0D, 0x0A] } == true ? [0x0D, 0x0A] : [0x0A]
        let blockLines = block.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast(
            block.utf8.last == 0x0A ? 1 : 0)
        let blockBytes = blockLines.flatMap { Array($0) + ending }
        guard let opening = lines.first, content(bytes[opening]).elementsEqual("---".utf8) else {
            let fence = Array("---".utf8) + ending
            return String(decoding: bytes[..<start] + fence + blockBytes + fence + bytes[start...], as: UTF8.self)
        }
        guard let closing = lines.dropFirst().firstIndex(where: { content(bytes[$0]).elementsEqual("---".utf8) }) else {
            throw FootprintError(
                .invalidOption,
                "the model card opens a YAML front matter (---) on its first line that no later --- line closes; close it, then merge again"
            )
        }
        var out = Array(bytes[..<lines[1].lowerBound])
        var index = 1
        var placed = false
        while index < closing {
            let line = bytes[lines[index]]
            guard isEmissionsKey(line) else {
                out += line
                index += 1
                continue
            }
            // The key's block: continuation lines, and blank or comment lines only when a continuation follows.
            var end = index + 1
            var scan = index + 1
            while scan < closing {
                let next = bytes[lines[scan]]
                if isContinuation(next) {
                    end = scan + 1
                } else if !isBlank(next) && !isComment(next) {
                    break
                }
                scan += 1
            }
            // A repeated key (not valid YAML) is dropped: the card then holds one block.
            if !placed { out += blockBytes }
            placed = true
            index = end
        }
        if !placed { out += blockBytes }
        out += bytes[lines[closing].lowerBound...]
        return String(decoding: out, as: UTF8.self)
    }

    /// The ranges of the lines of `bytes` from `start`, each with its line ending; the last may have none.
    private static func lines(_ bytes: [UInt8], from start: Int) -> [Range<Int>] {
        var lines: [Range<Int>] = []
        var lineStart = start
        for index in start..<bytes.count where bytes[index] == 0x0A {
            lines.append(lineStart..<index + 1)
            lineStart = index + 1
        }
        if lineStart < bytes.count { lines.append(lineStart..<bytes.count) }
        return lines
    }

    /// A line without its ending.
    private static func content(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var text = line
        if text.last == 0x0A { text.removeLast() }
        if text.last == 0x0D { text.removeLast() }
        return text
    }

    /// Whether `line` is the top-level key `co2_eq_emissions` (plain or quoted), with or without a value after it.
    private static func isEmissionsKey(_ line: ArraySlice<UInt8>) -> Bool {
        let text = content(line)
        return ["co2_eq_emissions:", "\"co2_eq_emissions\":", "'co2_eq_emissions':"].contains { key in
            let prefix = Array(key.utf8)
            return text.starts(with: prefix)
                && (text.count == prefix.count || isSpace(text[text.startIndex + prefix.count]))
        }
    }

    /// Whether `line` continues the value of the key above it: indented and not blank, or a list item (`- `) at the
    /// start of the line.
    private static func isContinuation(_ line: ArraySlice<UInt8>) -> Bool {
        let text = content(line)
        guard let first = text.first, !isBlank(line) else { return false }
        return isSpace(first) || (first == UInt8(ascii: "-") && (text.count == 1 || isSpace(text[text.startIndex + 1])))
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    private static func isBlank(_ line: ArraySlice<UInt8>) -> Bool { content(line).allSatisfy(isSpace) }

    private static func isComment(_ line: ArraySlice<UInt8>) -> Bool { line.first == UInt8(ascii: "#") }
}
