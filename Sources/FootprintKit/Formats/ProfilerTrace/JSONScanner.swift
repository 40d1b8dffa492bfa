/// A strict, streaming JSON tokenizer over a byte stream (RFC 8259): the reader pulls keys and values one at a
/// time, and skips whole values (`args` objects of any depth) without building them.
///
/// Strings are unescaped (`\uXXXX` with surrogate pairs checked) into a caller's reusable buffer; numbers are
/// checked against the JSON grammar and converted with a correctly rounded fast path (up to 19 significant
/// digits and powers of ten up to 22) or `strtod`. Nesting is bounded by `maximumDepth`; memory is one buffer of
/// about a megabyte (more only for a number longer than that, which is buffered whole). Bytes inside strings are
/// not checked for UTF-8 validity (they are decoded with replacement where a string is kept).
final class JSONScanner {
    static let chunkBytes = 1 << 20

    private let input: StreamBuffer
    private let displayPath: String
    let maximumDepth: Int
    /// Storage for ``skipValue(depth:)``'s stack of open containers, reused across calls.
    private var skipStack: [UInt8] = []

    init(stream: any ByteStream, displayPath: String, maximumDepth: Int) {
        input = StreamBuffer(stream: stream, chunkBytes: Self.chunkBytes)
        self.displayPath = displayPath
        self.maximumDepth = maximumDepth
    }

    /// The stream offset of the next byte.
    var byteOffset: Int { input.offset }

    func error(_ message: String) -> FootprintError {
        FootprintError(.malformedInput, message, location: InputLocation(path: displayPath, byteOffset: byteOffset))
    }

    // MARK: - Bytes

    /// Consumes the next byte; throws at the end of the stream.
    @inline(__always)
    private func next() throws(FootprintError) -> UInt8 {
        if input.count == 0 {
            guard try input.fill(atLeast: 1) else { throw error("the document ends in the middle of a value") }
        }
        let byte = input[0]
        input.consume(1)
        return byte
    }

    /// The next byte that is not JSON whitespace, not consumed; nil at the end.
    func peekToken() throws(FootprintError) -> UInt8? {
        while true {
            let spaces = input.withUnreadBytes { bytes in
                bytes.firstIndex(from: 0) { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }
            }
            input.consume(spaces)
            if input.count > 0 { return input[0] }
            guard try input.fill(atLeast: 1) else { return nil }
        }
    }

    func expect(_ expected: UInt8) throws(FootprintError) {
        guard let byte = try peekToken() else {
            throw error("the document ends where '\(Character(UnicodeScalar(expected)))' was expected")
        }
        guard byte == expected else {
            throw error("expected '\(Character(UnicodeScalar(expected)))' but found '\(Self.describe(byte))'")
        }
        input.consume(1)
    }

    static func describe(_ byte: UInt8) -> String {
        byte >= 0x20 && byte < 0x7F ? String(Character(UnicodeScalar(byte))) : "byte 0x" + String(byte, radix: 16)
    }

    // MARK: - Containers

    /// Reads the next key of an object and returns what `body` makes of its bytes (unescaped; a view valid only
    /// during the call); nil at the closing brace. `first` tracks the comma rule.
    func nextKey<Key>(first: inout Bool, _ body: (ByteView) -> Key) throws(FootprintError) -> Key? {
        guard let byte = try peekToken() else { throw error("the document ends inside an object") }
        if byte == UInt8(ascii: "}") {
            input.consume(1)
            return nil
        }
        if !first {
            guard byte == UInt8(ascii: ",") else {
                throw error("expected ',' or '}' in an object but found '\(Self.describe(byte))'")
            }
            input.consume(1)
        }
        first = false
        guard try peekToken() == UInt8(ascii: "\"") else { throw error("expected a key string in an object") }
        input.consume(1)
        let key = try readStringBody(body)
        try expect(UInt8(ascii: ":"))
        return key
    }

    /// Moves to the next element of an array; false at the closing bracket.
    func nextElement(first: inout Bool) throws(FootprintError) -> Bool {
        guard let byte = try peekToken() else { throw error("the document ends inside an array") }
        if byte == UInt8(ascii: "]") {
            input.consume(1)
            return false
        }
        if !first {
            guard byte == UInt8(ascii: ",") else {
                throw error("expected ',' or ']' in an array but found '\(Self.describe(byte))'")
            }
            input.consume(1)
            guard let following = try peekToken(), following != UInt8(ascii: "]") else {
                throw error("a value must follow ','")
            }
        }
        first = false
        return true
    }

    // MARK: - Strings

    /// Reads a string (the next token must be `"`) into `out`, unescaped.
    func readString(into out: inout [UInt8]) throws(FootprintError) {
        if !out.isEmpty { out.removeAll(keepingCapacity: true) }
        try expect(UInt8(ascii: "\""))
        try consumeStringBody(into: &out, keepingPlainBytes: true)
    }

    /// Reads a string (the next token must be `"`) and returns what `body` makes of its bytes (unescaped; a view
    /// valid only during the call). A string without escapes that is already buffered is read in place, not copied.
    func readString<Value>(_ body: (ByteView) -> Value) throws(FootprintError) -> Value {
        try expect(UInt8(ascii: "\""))
        return try readStringBody(body)
    }

    /// ``readString(_:)`` after the opening quote.
    @inline(__always)
    private func readStringBody<Value>(_ body: (ByteView) -> Value) throws(FootprintError) -> Value {
        let plain = input.withUnreadBytes { bytes in bytes.firstIndex(from: 0) { $0 == 0x22 || $0 == 0x5C || $0 < 0x20 }
        }
        if plain < input.count && input[plain] == 0x22 {
            let value = input.withUnreadBytes { bytes in body(bytes.extracting(0..<plain)) }
            input.consume(plain + 1)
            return value
        }
        var text: [UInt8] = []
        try consumeStringBody(into: &text, keepingPlainBytes: true)
        return text.withByteView(body)
    }

    /// Reads a string's bytes after its opening quote, through the closing one, checking escapes and control
    /// characters. Runs of plain bytes are copied at once, or only passed over when `keepingPlainBytes` is false
    /// (skipping: escapes are then decoded into `out` only to check them).
    private func consumeStringBody(into out: inout [UInt8], keepingPlainBytes: Bool) throws(FootprintError) {
        while true {
            let plain = input.withUnreadBytes { bytes in
                let plain = bytes.firstIndex(from: 0) { $0 == 0x22 || $0 == 0x5C || $0 < 0x20 }
                if keepingPlainBytes && plain > 0 { out.append(contentsOf: bytes.extracting(0..<plain)) }
                return plain
            }
            input.consume(plain)
            let byte = try next()
            switch byte {
            case 0x22: return
            case 0x5C: try readEscape(into: &out)
            case ..<0x20:
                throw error("a control character (0x\(String(byte, radix: 16))) inside a string must be escaped")
            default: if keepingPlainBytes { out.append(byte) }
            }
        }
    }

    private func readEscape(into out: inout [UInt8]) throws(FootprintError) {
        let byte = try next()
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(byte)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try hex4()
            if (0xD800...0xDBFF).contains(scalar) {
                guard try next() == 0x5C, try next() == UInt8(ascii: "u") else {
                    throw error("a high surrogate \\u\(String(scalar, radix: 16)) must be followed by a low surrogate")
                }
                let low = try hex4()
                guard (0xDC00...0xDFFF).contains(low) else {
                    throw error("\\u\(String(low, radix: 16)) is not a low surrogate")
                }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(scalar) {
                throw error("a low surrogate \\u\(String(scalar, radix: 16)) without a high one")
            }
            out.append(contentsOf: Array(String(Character(UnicodeScalar(scalar)!)).utf8))
        default:
            throw error("'\\\(Self.describe(byte))' is not a JSON escape")
        }
    }

    private func hex4() throws(FootprintError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = try next()
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw error("'\(Self.describe(byte))' is not a hex digit in a \\u escape")
            }
            value = value << 4 | digit
        }
        return value
    }

    /// Skips a string (the opening quote already consumed), checking escapes and control characters.
    private func skipStringBody() throws(FootprintError) {
        var escapes: [UInt8] = []
        try consumeStringBody(into: &escapes, keepingPlainBytes: false)
    }

    // MARK: - Numbers and literals

    /// Reads a number (the next token must start one).
    func readNumber() throws(FootprintError) -> Double {
        _ = try peekToken()
        // Buffer the whole run of bytes that may belong to the number and the byte after it (unless the document
        // ends first), so that it is parsed in one pass over the buffered bytes.
        var run = 0
        while true {
            run = input.withUnreadBytes { bytes in bytes.firstIndex(from: run) { !Self.mayBelongToNumber($0) } }
            if run < input.count { break }
            guard try input.fill(atLeast: run + 1) else { break }
        }
        var length = 0
        var problem: String?
        let value = input.withUnreadBytes { bytes in Self.number(at: bytes, length: &length, problem: &problem) }
        input.consume(length)
        if let problem { throw error(problem) }
        return value
    }

    @inline(__always)
    private static func mayBelongToNumber(_ byte: UInt8) -> Bool {
        byte >= 0x30 && byte <= 0x39 || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")
            || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
    }

    /// The number at the start of `bytes`, which hold all of it and the byte after it unless the document ends
    /// there. Sets `length` to the bytes read, and `problem` when they break the JSON grammar.
    private static func number(at bytes: ByteView, length: inout Int, problem: inout String?) -> Double {
        let count = bytes.count
        var index = 0
        func fail(_ message: String) -> Double {
            length = index
            problem = message
            return 0
        }
        func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
        let truncated = "the document ends in the middle of a value"
        var mantissa: UInt64 = 0
        var significantDigits = 0
        var decimalExponent = 0
        var negative = false
        guard index < count else { return fail(truncated) }
        var byte = bytes[index]
        index += 1
        if byte == UInt8(ascii: "-") {
            negative = true
            guard index < count else { return fail(truncated) }
            byte = bytes[index]
            index += 1
        }
        guard isDigit(byte) else { return fail("'\(describe(byte))' cannot start a number") }
        func addDigit(_ digit: UInt8, fraction: Bool) {
            if significantDigits < 19 {
                if mantissa != 0 || digit != 0x30 {
                    mantissa = mantissa &* 10 &+ UInt64(digit - 0x30)
                    significantDigits += mantissa == 0 ? 0 : 1
                }
                if fraction { decimalExponent -= 1 }
            } else {
                significantDigits += 1
                if !fraction { decimalExponent += 1 }
            }
        }
        if byte == 0x30 {
            if index < count, isDigit(bytes[index]) { return fail("a number may not have a leading zero") }
        } else {
            addDigit(byte, fraction: false)
            while index < count, isDigit(bytes[index]) {
                addDigit(bytes[index], fraction: false)
                index += 1
            }
        }
        if index < count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            let fractionStart = index
            while index < count, isDigit(bytes[index]) {
                addDigit(bytes[index], fraction: true)
                index += 1
            }
            guard index > fractionStart else { return fail("a digit must follow the decimal point") }
        }
        var exponent = 0
        if index < count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            var exponentNegative = false
            if index < count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                exponentNegative = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            let exponentStart = index
            while index < count, isDigit(bytes[index]) {
                if exponent < 100_000 { exponent = exponent * 10 + Int(bytes[index] - 0x30) }
                index += 1
            }
            guard index > exponentStart else { return fail("a digit must follow the exponent marker") }
            if exponentNegative { exponent = -exponent }
        }
        length = index
        let power = decimalExponent + exponent
        if significantDigits <= 19, mantissa < (1 << 53), abs(power) <= 22 {
            let value = power < 0 ? Double(mantissa) / powersOfTen[-power] : Double(mantissa) * powersOfTen[power]
            return negative ? -value : value
        }
        return DecimalText.double(bytes.extracting(0..<index))?.value ?? 0
    }

    private static let powersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    private func literal(_ text: String) throws(FootprintError) {
        for expected in text.utf8 {
            guard try next() == expected else { throw error("expected the literal '\(text)'") }
        }
    }

    /// Reads `true`, `false` or `null` (nil for null).
    func readLiteral() throws(FootprintError) -> Bool? {
        switch try peekToken() {
        case UInt8(ascii: "t"):
            try literal("true")
            return true
        case UInt8(ascii: "f"):
            try literal("false")
            return false
        case UInt8(ascii: "n"):
            try literal("null")
            return nil
        default: throw error("expected true, false or null")
        }
    }

    // MARK: - Skipping

    /// Skips the next value whole, checking it. `depth` is the nesting depth the value starts at.
    func skipValue(depth: Int) throws(FootprintError) {
        // The open containers, in a local while skipping (a property would be checked for exclusive access on
        // every use); its storage is kept for the next call.
        var skipStack: [UInt8] = []
        swap(&skipStack, &self.skipStack)
        defer {
            skipStack.removeAll(keepingCapacity: true)
            swap(&skipStack, &self.skipStack)
        }
        value: while true {
            guard let byte = try peekToken() else { throw error("the document ends where a value was expected") }
            switch byte {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                input.consume(1)
                guard depth + skipStack.count < maximumDepth else {
                    throw error("nesting deeper than \(maximumDepth) levels (raise it with --max-json-depth)")
                }
                skipStack.append(byte)
                let closing = byte == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
                if try peekToken() == closing {
                    input.consume(1)
                    skipStack.removeLast()
                } else {
                    if byte == UInt8(ascii: "{") {
                        guard try peekToken() == UInt8(ascii: "\"") else {
                            throw error("expected a key string in an object")
                        }
                        input.consume(1)
                        try skipStringBody()
                        try expect(UInt8(ascii: ":"))
                    }
                    continue value
                }
            case UInt8(ascii: "\""):
                input.consume(1)
                try skipStringBody()
            case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
                _ = try readLiteral()
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                _ = try readNumber()
            default:
                throw error("'\(Self.describe(byte))' cannot start a value")
            }
            // After a value: close containers or move to the next member.
            while let container = skipStack.last {
                guard let separator = try peekToken() else { throw error("the document ends inside a container") }
                input.consume(1)
                if container == UInt8(ascii: "{") {
                    if separator == UInt8(ascii: "}") {
                        skipStack.removeLast()
                        continue
                    }
                    guard separator == UInt8(ascii: ",") else {
                        throw error("expected ',' or '}' but found '\(Self.describe(separator))'")
                    }
                    guard try peekToken() == UInt8(ascii: "\"") else {
                        throw error("expected a key string in an object")
                    }
                    input.consume(1)
                    try skipStringBody()
                    try expect(UInt8(ascii: ":"))
                    continue value
                } else {
                    if separator == UInt8(ascii: "]") {
                        skipStack.removeLast()
                        continue
                    }
                    guard separator == UInt8(ascii: ",") else {
                        throw error("expected ',' or ']' but found '\(Self.describe(separator))'")
                    }
                    continue value
                }
            }
            return
        }
    }

    /// Checks that nothing but whitespace follows the document.
    func expectEnd() throws(FootprintError) {
        if let byte = try peekToken() { throw error("'\(Self.describe(byte))' after the end of the JSON document") }
    }
}
