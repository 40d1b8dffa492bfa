/// Reads protobuf wire format from a byte buffer without building messages: fields are walked in place and
/// unknown ones skipped. Every read is bounds-checked; malformed input ends the walk (``isMalformed``).
struct ProtobufWireReader {
    enum WireType: UInt8 {
        case varint = 0
        case fixed64 = 1
        case lengthDelimited = 2
        case startGroup = 3
        case endGroup = 4
        case fixed32 = 5
    }

    /// Deepest nesting of (deprecated) groups skipped before the input is called malformed.
    static let maximumGroupDepth = 64

    private let bytes: ByteView
    private var offset = 0
    private(set) var isMalformed = false

    var isAtEnd: Bool { offset >= bytes.count }

    /// Walks `bytes`; the reader is valid only as long as the view.
    init(_ bytes: ByteView) {
        self.bytes = bytes
    }

    /// The next field's number and wire type, or nil at the end (or on malformed input).
    mutating func nextField() -> (number: UInt64, wireType: WireType)? {
        guard offset < bytes.count, let key = varint() else { return nil }
        guard let wireType = WireType(rawValue: UInt8(key & 7)), key >> 3 != 0 else {
            isMalformed = true
            return nil
        }
        return (key >> 3, wireType)
    }

    /// Moves past the next byte when it is `key` (a field key of one byte); false, moving nowhere, otherwise.
    @inline(__always)
    mutating func take(key: UInt8) -> Bool {
        guard offset < bytes.count, bytes[offset] == key else { return false }
        offset += 1
        return true
    }

    @inline(__always)
    mutating func varint() -> UInt64? {
        guard offset < bytes.count else {
            isMalformed = true
            return nil
        }
        let first = bytes[offset]
        // One byte: every field key below 16, most lengths and small values.
        guard first >= 0x80 else {
            offset += 1
            return UInt64(first)
        }
        return longVarint()
    }

    /// The varint of more than one byte at ``offset``.
    private mutating func longVarint() -> UInt64? {
        var result = UInt64(bytes[offset] & 0x7F)
        offset += 1
        var shift: UInt64 = 7
        while offset < bytes.count && shift < 64 {
            let byte = bytes[offset]
            offset += 1
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return result }
            shift += 7
        }
        isMalformed = true
        return nil
    }

    @inline(__always)
    mutating func fixed64() -> UInt64? {
        guard bytes.count - offset >= 8 else {
            isMalformed = true
            return nil
        }
        defer { offset += 8 }
        return bytes.littleEndianUInt64(at: offset)
    }

    @inline(__always)
    mutating func fixed32() -> UInt32? {
        guard bytes.count - offset >= 4 else {
            isMalformed = true
            return nil
        }
        defer { offset += 4 }
        return bytes.littleEndianUInt32(at: offset)
    }

    @inline(__always)
    mutating func lengthDelimited() -> ByteView? {
        guard let length = varint(), length <= UInt64(bytes.count - offset) else {
            isMalformed = true
            return nil
        }
        defer { offset += Int(length) }
        return bytes.extracting(offset..<(offset + Int(length)))
    }

    /// Skips a field's value; false on malformed input.
    @discardableResult
    mutating func skip(_ wireType: WireType, depth: Int = 0) -> Bool {
        switch wireType {
        case .varint: return varint() != nil
        case .fixed64: return fixed64() != nil
        case .fixed32: return fixed32() != nil
        case .lengthDelimited: return lengthDelimited() != nil
        case .endGroup: return true
        case .startGroup:
            guard depth < Self.maximumGroupDepth else {
                isMalformed = true
                return false
            }
            while let field = nextField() {
                if field.wireType == .endGroup { return true }
                guard skip(field.wireType, depth: depth + 1) else { return false }
            }
            isMalformed = true
            return false
        }
    }
}
