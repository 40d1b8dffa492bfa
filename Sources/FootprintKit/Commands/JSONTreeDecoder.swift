internal import Foundation

/// Decodes a `Decodable` value from what `JSONSerialization` read, strictly: a number must fit the field's type
/// exactly (no fractions or overflow for integers, no `true` for a number), and each error names the field and
/// what was found, where `JSONDecoder` says only that the data is not valid JSON.
struct JSONTreeDecoder: Decoder {
    let value: Any
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    static func decode<T: Decodable>(_ type: T.Type, from value: Any) throws -> T {
        try JSONTreeDecoder(value: value, codingPath: []).decode(type)
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard let object = value as? [String: Any] else { throw mismatch([String: Any].self, expected: "an object") }
        return KeyedDecodingContainer(KeyedContainer<Key>(object: object, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard let items = value as? [Any] else { throw mismatch([Any].self, expected: "a list") }
        return UnkeyedContainer(items: items, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueDecodingContainer { self }

    /// What JSON value `value` is, for messages.
    private var found: String {
        switch value {
        case is NSNull: "null"
        case let text as String: "the string \"\(text)\""
        case let number as NSNumber: Self.isBoolean(number) ? (number.boolValue ? "true" : "false") : number.stringValue
        case is [Any]: "a list"
        default: "an object"
        }
    }

    private func mismatch(_ type: Any.Type, expected: String) -> DecodingError {
        .typeMismatch(
            type,
            DecodingError.Context(codingPath: codingPath, debugDescription: "expected \(expected), found \(found)"))
    }

    /// `true` and `false` arrive as `NSNumber`s of C type `char`.
    private static func isBoolean(_ number: NSNumber) -> Bool {
        String(cString: number.objCType) == "c"
    }

    struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let object: [String: Any]
        let codingPath: [any CodingKey]

        var allKeys: [Key] { object.keys.compactMap { Key(stringValue: $0) } }

        func contains(_ key: Key) -> Bool { object[key.stringValue] != nil }

        func decodeNil(forKey key: Key) throws -> Bool { try decoder(key).decodeNil() }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try decoder(key).decode(type) }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
            -> KeyedDecodingContainer<NestedKey>
        {
            try decoder(key).container(keyedBy: type)
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            try decoder(key).unkeyedContainer()
        }

        func superDecoder() throws -> any Decoder {
            guard let key = Key(stringValue: "super") else {
                throw DecodingError.dataCorrupted(
                    DecodingError.Context(codingPath: codingPath, debugDescription: "no superclass field"))
            }
            return try decoder(key)
        }

        func superDecoder(forKey key: Key) throws -> any Decoder { try decoder(key) }

        private func decoder(_ key: Key) throws -> JSONTreeDecoder {
            guard let value = object[key.stringValue] else {
                throw DecodingError.keyNotFound(
                    key, DecodingError.Context(codingPath: codingPath, debugDescription: "missing"))
            }
            return JSONTreeDecoder(value: value, codingPath: codingPath + [key])
        }
    }

    struct UnkeyedContainer: UnkeyedDecodingContainer {
        let items: [Any]
        let codingPath: [any CodingKey]
        var currentIndex = 0

        var count: Int? { items.count }
        var isAtEnd: Bool { currentIndex >= items.count }

        mutating func decodeNil() throws -> Bool {
            guard try next().decodeNil() else { return false }
            currentIndex += 1
            return true
        }

        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
            let value = try next().decode(type)
            currentIndex += 1
            return value
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
            -> KeyedDecodingContainer<NestedKey>
        {
            let container = try next().container(keyedBy: type)
            currentIndex += 1
            return container
        }

        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
            let container = try next().unkeyedContainer()
            currentIndex += 1
            return container
        }

        mutating func superDecoder() throws -> any Decoder {
            let decoder = try next()
            currentIndex += 1
            return decoder
        }

        private func next() throws -> JSONTreeDecoder {
            let key = IndexKey(intValue: currentIndex)
            guard !isAtEnd else {
                throw DecodingError.valueNotFound(
                    Any.self, DecodingError.Context(codingPath: codingPath + [key], debugDescription: "the list ends"))
            }
            return JSONTreeDecoder(value: items[currentIndex], codingPath: codingPath + [key])
        }
    }

    /// A list item's position in a coding path.
    struct IndexKey: CodingKey {
        let intValue: Int?
        var stringValue: String { intValue.map(String.init) ?? "" }

        init(intValue: Int) { self.intValue = intValue }
        init?(stringValue: String) { nil }
    }
}

extension JSONTreeDecoder: SingleValueDecodingContainer {
    func decodeNil() -> Bool { value is NSNull }

    /// Primitives from the JSON value, anything else by its own `init(from:)`.
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        if value is NSNull, !(T.self is any ExpressibleByNilLiteral.Type) {
            throw DecodingError.valueNotFound(
                type, DecodingError.Context(codingPath: codingPath, debugDescription: "null"))
        }
        let number = (value as? NSNumber).flatMap { Self.isBoolean($0) ? nil : $0 }
        let decoded: Any?
        switch type {
        case is Bool.Type:
            guard let flag = value as? NSNumber, Self.isBoolean(flag) else {
                throw mismatch(type, expected: "true or false")
            }
            decoded = flag.boolValue
        case is String.Type:
            guard let text = value as? String else { throw mismatch(type, expected: "a string") }
            decoded = text
        case let floating as any BinaryFloatingPoint.Type:
            guard let number else { throw mismatch(type, expected: "a number") }
            decoded = floating.init(number.doubleValue)
        case let integer as any FixedWidthInteger.Type:
            guard let number, let whole = integer.init(number.stringValue, radix: 10) else {
                throw mismatch(type, expected: "a whole number from \(integer.min) to \(integer.max)")
            }
            decoded = whole
        default:
            decoded = try T(from: self)
        }
        guard let result = decoded as? T else { throw mismatch(type, expected: "a \(type)") }
        return result
    }
}
