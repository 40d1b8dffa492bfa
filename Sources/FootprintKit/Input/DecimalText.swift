#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Correctly rounded decimal-to-binary conversion through the C library's `strtod`, for the numbers the readers'
/// fast paths leave to it (many digits, exponents).
enum DecimalText {
    /// The value of the longest prefix of `text` that `strtod` reads, and that prefix's length in bytes (leading
    /// whitespace included); nil when no prefix is a number. A NUL byte ends the text.
    static func double(_ text: some ContiguousByteStorage) -> (value: Double, length: Int)? {
        text.withByteView { bytes in
            var terminated = [CChar](repeating: 0, count: bytes.count + 1)
            for index in 0..<bytes.count { terminated[index] = CChar(bitPattern: bytes[index]) }
            return terminated.withUnsafeBufferPointer { buffer -> (value: Double, length: Int)? in
                var stop: UnsafeMutablePointer<CChar>?
                let value = strtod(buffer.baseAddress!, &stop)
                guard let stop, stop != UnsafeMutablePointer(mutating: buffer.baseAddress!) else { return nil }
                return (value, stop - UnsafeMutablePointer(mutating: buffer.baseAddress!))
            }
        }
    }
}
