#if arch(x86_64)
import _Builtin_intrinsics.intel
#endif

/// The byte ranges of one line's fields, split at a separator (CSV) or at runs of whitespace (dmon's aligned
/// columns). One value is reused from line to line: splitting writes into storage sized once for
/// `maximumCount` fields, so it allocates nothing per line.
struct LineFields {
    /// The most fields a line may have; a split that finds more fails.
    let maximumCount: Int
    /// The start and end of each field, interleaved.
    private var bounds: [Int]
    /// How many fields the last split found.
    private(set) var count = 0
    /// Whether the line last split had a double quote (its fields then depend on the quoting, not only on the
    /// separators).
    private(set) var hadQuotes = false

    init(maximumCount: Int) {
        self.maximumCount = max(1, maximumCount)
        bounds = Array(repeating: 0, count: 2 * (self.maximumCount + 1))
    }

    var isEmpty: Bool { count == 0 }

    /// The byte range of field `index` in the line last split; traps unless `index < count`.
    @inline(__always)
    subscript(index: Int) -> Range<Int> {
        precondition(index >= 0 && index < count, "field index out of range")
        // Within `bounds`, which holds 2 × maximumCount + 2 values: `count` is at most maximumCount + 1.
        return bounds.withUnsafeBufferPointer { $0[2 &* index]..<$0[2 &* index &+ 1] }
    }

    /// Splits `line` at `separator` bytes outside double quotes; each field is trimmed of spaces, tabs and
    /// double quotes.
    ///
    /// - Returns: false when the line has more than ``maximumCount`` fields.
    mutating func split(_ line: ByteView, at separator: UInt8) -> Bool {
        let maximum = maximumCount
        var found = 0
        var quoted = false
        let fits = bounds.withUnsafeMutableBufferPointer { bounds in
            line.withUnsafeBufferPointer { bytes in
                switch Self.splitUnquoted(bytes, at: separator, maximum: maximum, into: bounds, found: &found) {
                case .split: return true
                case .tooManyFields(let hasQuote):
                    quoted = hasQuote
                    return false
                case .quoted:
                    quoted = true
                    return Self.splitQuoted(line, bytes, at: separator, maximum: maximum, into: bounds, found: &found)
                }
            }
        }
        count = found
        hadQuotes = quoted
        return fits
    }

    /// How a split without regard to quotes ended.
    private enum UnquotedSplit {
        case split
        /// More than the maximum of fields, and whether the line has a double quote after them (quotes could not
        /// lower the count: a quote opens before the separators it holds).
        case tooManyFields(hasQuote: Bool)
        /// The line has a double quote: it must be split with ``splitQuoted(_:_:at:maximum:into:found:)``.
        case quoted
    }

    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let lows: UInt64 = 0x7f7f_7f7f_7f7f_7f7f

    /// The 0x80 bit of each byte of `word` that is zero, and no other bit (exact per byte: no borrow between
    /// bytes, unlike the subtraction test).
    @inline(__always)
    private static func zeroBytes(_ word: UInt64) -> UInt64 {
        ~(((word & lows) &+ lows) | word | lows)
    }

    /// The split of a line without double quotes, sixteen bytes at a time with SSE2 where every x86-64 has it (a
    /// line of 16 bytes or more) and eight at a time as one word otherwise; it gives up at the first bytes that
    /// hold a double quote.
    @inline(__always)
    private static func splitUnquoted(
        _ bytes: UnsafeBufferPointer<UInt8>, at separator: UInt8, maximum: Int,
        into bounds: UnsafeMutableBufferPointer<Int>, found: inout Int
    ) -> UnquotedSplit {
        let length = bytes.count
        guard let base = bytes.baseAddress, length > 0 else {
            (bounds[0], bounds[1]) = (0, 0)
            found = 1
            return .split
        }
        var fieldStart = 0
        var index = 0
        var fields = 0
        let raw = UnsafeRawPointer(base)
        /// The result once the separators up to `index + step` made too many fields.
        func tooMany(step: Int) -> UnquotedSplit {
            found = fields
            return .tooManyFields(hasQuote: index &+ step < length && bytes[(index &+ step)...].contains(0x22))
        }
        #if arch(x86_64)
        let separatorLanes = _mm_set1_epi8(CChar(bitPattern: separator))
        let quoteLanes = _mm_set1_epi8(0x22)
        /// Ends the fields that the separators among `lanes` end, their first `shift` bytes (read already) left
        /// out; nil to read on, else how the split ends.
        @inline(__always)
        func scan(_ lanes: __m128i, shift: Int) -> UnquotedSplit? {
            if UInt16(truncatingIfNeeded: _mm_movemask_epi8(_mm_cmpeq_epi8(lanes, quoteLanes))) >> shift != 0 {
                return .quoted
            }
            let hits =
                UInt64(UInt16(truncatingIfNeeded: _mm_movemask_epi8(_mm_cmpeq_epi8(lanes, separatorLanes)))) >> shift
            guard
                endFields(
                    at: hits, bitsPerByte: 1, from: index, base: base, maximum: maximum, into: bounds,
                    fields: &fields, fieldStart: &fieldStart)
            else { return tooMany(step: 16 &- shift) }
            return nil
        }
        while length &- index >= 16 {
            if let end = scan(raw.loadUnaligned(fromByteOffset: index, as: __m128i.self), shift: 0) { return end }
            index &+= 16
        }
        if index > 0 && index < length {
            // The last bytes, in the sixteen that end the line, those already read shifted out.
            let shift = 16 &- (length &- index)
            if let end = scan(raw.loadUnaligned(fromByteOffset: length &- 16, as: __m128i.self), shift: shift) {
                return end
            }
            index = length
        }
        #endif
        let separators = ones &* UInt64(separator)
        let quotes = ones &* 0x22
        // The last bytes are padded with a byte that is neither the separator nor a quote.
        let padding = ones &* (separator == 0 ? 1 : 0)
        while index < length {
            var word = padding
            if length &- index >= 8 {
                word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            } else {
                withUnsafeMutableBytes(of: &word) {
                    $0.copyMemory(from: UnsafeRawBufferPointer(start: raw + index, count: length &- index))
                }
            }
            word = UInt64(littleEndian: word)
            if zeroBytes(word ^ quotes) != 0 { return .quoted }
            guard
                endFields(
                    at: zeroBytes(word ^ separators), bitsPerByte: 8, from: index, base: base, maximum: maximum,
                    into: bounds, fields: &fields, fieldStart: &fieldStart)
            else { return tooMany(step: 8) }
            index &+= 8
        }
        (bounds[2 &* fields], bounds[2 &* fields &+ 1]) = trimmed(base, fieldStart, length)
        found = fields &+ 1
        return .split
    }

    /// Ends a field at each separator that `hits` marks, lowest first (a set bit per separator, `bitsPerByte`
    /// bits per byte from `index`); false once `maximum` fields are ended.
    @inline(__always)
    private static func endFields(
        at hits: UInt64, bitsPerByte: Int, from index: Int, base: UnsafePointer<UInt8>, maximum: Int,
        into bounds: UnsafeMutableBufferPointer<Int>, fields: inout Int, fieldStart: inout Int
    ) -> Bool {
        var hits = hits
        while hits != 0 {
            let position = index &+ hits.trailingZeroBitCount / bitsPerByte
            (bounds[2 &* fields], bounds[2 &* fields &+ 1]) = trimmed(base, fieldStart, position)
            fields &+= 1
            if fields >= maximum { return false }
            fieldStart = position &+ 1
            hits &= hits &- 1
        }
        return true
    }

    /// The split of a line with double quotes (`bytes` are its bytes, not empty): a separator inside a quoted
    /// stretch does not end a field.
    private static func splitQuoted(
        _ line: ByteView, _ bytes: UnsafeBufferPointer<UInt8>, at separator: UInt8, maximum: Int,
        into bounds: UnsafeMutableBufferPointer<Int>, found: inout Int
    ) -> Bool {
        let base = bytes.baseAddress!
        found = 0
        var fieldStart = 0
        var inQuotes = false
        var index = 0
        while let next = line.firstIndex(of: separator, or: 0x22, from: index) {
            if line[next] == 0x22 {
                inQuotes.toggle()
            } else if !inQuotes {
                (bounds[2 * found], bounds[2 * found + 1]) = trimmed(base, fieldStart, next)
                found += 1
                if found >= maximum { return false }
                fieldStart = next + 1
            }
            index = next + 1
        }
        (bounds[2 * found], bounds[2 * found + 1]) = trimmed(base, fieldStart, line.count)
        found += 1
        return true
    }

    /// Splits `line` at runs of spaces and tabs.
    ///
    /// - Returns: false when the line has more than ``maximumCount`` fields.
    mutating func splitAtWhitespace(_ line: ByteView) -> Bool {
        hadQuotes = false
        let maximum = maximumCount
        var found = 0
        let fits = bounds.withUnsafeMutableBufferPointer { bounds in
            var index = 0
            let length = line.count
            while index < length {
                while index < length, line[index] == 0x20 || line[index] == 0x09 { index += 1 }
                guard index < length else { break }
                let start = index
                while index < length, line[index] != 0x20 && line[index] != 0x09 { index += 1 }
                bounds[2 * found] = start
                bounds[2 * found + 1] = index
                found += 1
                if found > maximum { return false }
            }
            return true
        }
        count = found
        return fits
    }

    /// `start..<end` of the bytes at `base` without leading and trailing spaces, tabs and double quotes.
    @inline(__always)
    private static func trimmed(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> (Int, Int) {
        var start = start
        var end = end
        while start < end, isPadding(base[start]) { start &+= 1 }
        while end > start, isPadding(base[end &- 1]) { end &-= 1 }
        return (start, end)
    }

    /// Whether `byte` is a space, a tab or a double quote, which ``trimmed(_:_:_:)`` drops: one test of a bit of
    /// a mask (bits 0x09, 0x20 and 0x22) instead of three comparisons.
    @inline(__always)
    private static func isPadding(_ byte: UInt8) -> Bool {
        byte <= 0x22 && (0x5_0000_0200 as UInt64) >> byte & 1 != 0
    }

}
