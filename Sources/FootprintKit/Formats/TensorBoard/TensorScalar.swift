/// Reads the single number of a one-element `TensorProto` (a TF2 scalar summary), whatever its dtype and
/// whether it sits in `tensor_content` or in a typed repeated field.
enum TensorScalar {
    /// TensorFlow's `DataType` codes for the numeric types read here.
    private enum DataType: UInt64 {
        case float = 1
        case double = 2
        case int32 = 3
        case uint8 = 4
        case int16 = 5
        case int8 = 6
        case int64 = 9
        case bool = 10
        case bfloat16 = 14
        case uint16 = 17
        case half = 19
        case uint32 = 22
        case uint64 = 23

        var byteWidth: Int {
            switch self {
            case .uint8, .int8, .bool: 1
            case .int16, .uint16, .bfloat16, .half: 2
            case .float, .int32, .uint32: 4
            case .double, .int64, .uint64: 8
            }
        }
    }

    /// The value of a tensor holding exactly one number, or nil for anything else.
    static func value(tensorProto storage: some ContiguousByteStorage) -> Double? {
        storage.withByteView(value(of:))
    }

    private static func value(of bytes: ByteView) -> Double? {
        var reader = ProtobufWireReader(bytes)
        var dataTypeCode: UInt64 = 0
        var elementCount: Int64 = 1
        var content: ByteView?
        var typedValues: [Double] = []
        while let field = reader.nextField() {
            switch (field.number, field.wireType) {
            case (1, .varint):
                guard let code = reader.varint() else { return nil }
                dataTypeCode = code
            case (2, .lengthDelimited):
                guard let shape = reader.lengthDelimited(), let count = elementCountOf(shape: shape) else { return nil }
                elementCount = count
            case (4, .lengthDelimited): content = reader.lengthDelimited()
            case (5, _), (6, _), (7, _), (10, _), (11, _), (13, _):
                guard appendTyped(field: field, reader: &reader, into: &typedValues) else { return nil }
            default:
                guard reader.skip(field.wireType) else { return nil }
            }
        }
        guard !reader.isMalformed, elementCount == 1, let dataType = DataType(rawValue: dataTypeCode) else {
            return nil
        }
        if let content, content.count > 0 {
            guard content.count == dataType.byteWidth else { return nil }
            return decode(content, as: dataType)
        }
        guard typedValues.count == 1 else { return nil }
        switch dataType {
        case .half, .bfloat16:
            // Their 16 bits come as an integer (`half_val`); a typed value that is none (a double of 1e300) is no scalar.
            guard let bits = Int64(exactly: typedValues[0]) else { return nil }
            return dataType == .half
                ? Double(halfToFloat(UInt16(truncatingIfNeeded: bits)))
                : Double(Float(bitPattern: UInt32(truncatingIfNeeded: bits) << 16))
        default: return typedValues[0]
        }
    }

    /// The product of a `TensorShapeProto`'s dimension sizes (1 for rank 0); nil for unknown rank or sizes.
    private static func elementCountOf(shape: ByteView) -> Int64? {
        var reader = ProtobufWireReader(shape)
        var count: Int64 = 1
        while let field = reader.nextField() {
            switch (field.number, field.wireType) {
            case (2, .lengthDelimited):
                guard let dimension = reader.lengthDelimited() else { return nil }
                var dimensionReader = ProtobufWireReader(dimension)
                var size: Int64 = 0
                while let dimensionField = dimensionReader.nextField() {
                    if dimensionField.number == 1, dimensionField.wireType == .varint {
                        guard let value = dimensionReader.varint() else { return nil }
                        size = Int64(bitPattern: value)
                    } else if !dimensionReader.skip(dimensionField.wireType) {
                        return nil
                    }
                }
                guard size >= 0 else { return nil }
                let (product, overflow) = count.multipliedReportingOverflow(by: size)
                guard !overflow else { return nil }
                count = product
            case (3, .varint):
                guard let unknownRank = reader.varint() else { return nil }
                if unknownRank != 0 { return nil }
            default:
                guard reader.skip(field.wireType) else { return nil }
            }
        }
        return reader.isMalformed ? nil : count
    }

    /// Appends the values of a typed repeated field (packed or not); at most two are kept, as one is wanted.
    private static func appendTyped(
        field: (number: UInt64, wireType: ProtobufWireReader.WireType), reader: inout ProtobufWireReader,
        into values: inout [Double]
    ) -> Bool {
        func add(_ raw: UInt64, _ number: UInt64) {
            guard values.count < 2 else { return }
            switch number {
            case 5: values.append(Double(Float(bitPattern: UInt32(truncatingIfNeeded: raw))))
            case 6: values.append(Double(bitPattern: raw))
            case 7: values.append(Double(Int32(truncatingIfNeeded: Int64(bitPattern: raw))))
            case 10: values.append(Double(Int64(bitPattern: raw)))
            default: values.append(Double(raw))
            }
        }
        let isFloat = field.number == 5
        let isDouble = field.number == 6
        switch field.wireType {
        case .lengthDelimited:
            guard let packed = reader.lengthDelimited() else { return false }
            var packedReader = ProtobufWireReader(packed)
            while !packedReader.isAtEnd {
                let raw =
                    isFloat
                    ? packedReader.fixed32().map(UInt64.init)
                    : isDouble ? packedReader.fixed64() : packedReader.varint()
                guard let raw else { return false }
                add(raw, field.number)
            }
            return true
        case .fixed32:
            guard let raw = reader.fixed32() else { return false }
            add(UInt64(raw), field.number)
            return true
        case .fixed64:
            guard let raw = reader.fixed64() else { return false }
            add(raw, field.number)
            return true
        case .varint:
            guard let raw = reader.varint() else { return false }
            add(raw, field.number)
            return true
        default:
            return reader.skip(field.wireType)
        }
    }

    private static func decode(_ content: ByteView, as dataType: DataType) -> Double {
        switch dataType {
        case .float: Double(Float(bitPattern: content.littleEndianUInt32(at: 0)))
        case .double: Double(bitPattern: content.littleEndianUInt64(at: 0))
        case .int32: Double(Int32(bitPattern: content.littleEndianUInt32(at: 0)))
        case .uint32: Double(content.littleEndianUInt32(at: 0))
        case .int64: Double(Int64(bitPattern: content.littleEndianUInt64(at: 0)))
        case .uint64: Double(content.littleEndianUInt64(at: 0))
        case .int16: Double(Int16(bitPattern: content.littleEndianUInt16(at: 0)))
        case .uint16: Double(content.littleEndianUInt16(at: 0))
        case .half: Double(halfToFloat(content.littleEndianUInt16(at: 0)))
        case .bfloat16: Double(Float(bitPattern: UInt32(content.littleEndianUInt16(at: 0)) << 16))
        case .int8: Double(Int8(bitPattern: content[0]))
        case .uint8, .bool: Double(content[0])
        }
    }

    /// IEEE 754 half precision bits to Float (subnormals, infinities and NaN included).
    static func halfToFloat(_ bits: UInt16) -> Float {
        let sign: UInt32 = UInt32(bits & 0x8000) << 16
        let exponent = Int((bits >> 10) & 0x1F)
        let mantissa = UInt32(bits & 0x3FF)
        switch exponent {
        case 0:
            let magnitude = Float(mantissa) * Float(sign: .plus, exponent: -24, significand: 1)
            return sign == 0 ? magnitude : -magnitude
        case 31:
            return Float(bitPattern: sign | 0x7F80_0000 | (mantissa << 13))
        default:
            return Float(bitPattern: sign | UInt32(exponent - 15 + 127) << 23 | (mantissa << 13))
        }
    }
}
