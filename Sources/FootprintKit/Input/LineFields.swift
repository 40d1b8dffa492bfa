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

    init(maximumCount: Int) {
        self.maximumCount = max(1, maximumCount)
        bounds = Array(repeating: 0, count: 2 * (self.maximumCount + 1))
    }

    var isEmpty: Bool { count == 0 }

    /// The byte range of field `index` in the line last split; traps unless `index < count`.
    @inline(__always)
    subscript(index: Int) -> Range<Int> {
        precondition(index >= 0 && index < count, "field index out of range")
        return bounds[2 * index]..<bounds[2 * index + 1]
    }

    /// Splits `line` at `separator` bytes outside double quotes; each field is trimmed of spaces, tabs and
    /// double quotes.
    ///
    /// - Returns: false when the line has more than ``maximumCount`` fields.
    mutating func split(_ line: ByteView, at separator: UInt8) -> Bool {
        let maximum = maximumCount
        var found = 0
        let fits = bounds.withUnsafeMutableBufferPointer { bounds in
            var fieldStart = 0
            var inQuotes = false
            var index = 0
            let length = line.count
            while let next = line.firstIndex(of: separator, or: 0x22, from: index) {
                if line[next] == 0x22 {
                    inQuotes.toggle()
                } else if !inQuotes {
                    (bounds[2 * found], bounds[2 * found + 1]) = Self.trimmed(line, fieldStart, next)
                    found += 1
                    if found >= maximum { return false }
                    fieldStart = next + 1
                }
                index = next + 1
            }
            (bounds[2 * found], bounds[2 * found + 1]) = Self.trimmed(line, fieldStart, length)
            found += 1
            return true
        }
        count = found
        return fits
    }

    /// Splits `line` at runs of spaces and tabs.
    ///
    /// - Returns: false when the line has more than ``maximumCount`` fields.
    mutating func splitAtWhitespace(_ line: ByteView) -> Bool {
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

    /// `start..<end` of `bytes` without leading and trailing spaces, tabs and double quotes.
    @inline(__always)
    private static func trimmed(_ bytes: ByteView, _ start: Int, _ end: Int) -> (Int, Int) {
        var start = start
        var end = end
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 || bytes[start] == 0x22 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 || bytes[end - 1] == 0x22 {
            end -= 1
        }
        return (start, end)
    }
}
