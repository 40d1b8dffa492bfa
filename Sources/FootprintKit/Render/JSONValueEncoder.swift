/// Encodes an `Encodable` value as a ``JSONValue`` in the JSON writer's style: object keys in the order the value
/// encodes them, doubles as their shortest text (null when not finite), integers as written, and nil as null
/// rather than left out.
struct JSONValueEncoder: Encoder {
    /// A value being built: containers add members and items to it after it is linked into its parent.
    final class Node {
        enum Content {
            case value(JSONValue)
            case object([(key: String, node: Node)])
            case array([Node])
        }

        var content = Content.value(.null)

        var json: JSONValue {
            switch content {
            case .value(let value): value
            case .object(let members): .object(members.map { ($0.key, $0.node.json) })
            case .array(let items): .array(items.map(\.json))
            }
        }

        /// A new member under `key` (replacing one encoded before under the same key).
        func member(_ key: String) -> Node {
            let child = Node()
            guard case .object(var members) = content else { return child }
            members.removeAll { $0.key == key }
            members.append((key, child))
            content = .object(members)
            return child
        }

        /// A new last item.
        func item() -> Node {
            let child = Node()
            guard case .array(let items) = content else { return child }
            content = .array(items + [child])
            return child
        }
    }

    let node: Node
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    /// The value as JSON. The containers never throw, so only a value whose own `encode(to:)` throws gives null.
    static func encode(_ value: some Encodable) -> JSONValue {
        let node = Node()
        try? value.encode(to: JSONValueEncoder(node: node, codingPath: []))
        return node.json
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .object = node.content {} else { node.content = .object([]) }
        return KeyedEncodingContainer(KeyedContainer<Key>(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .array = node.content {} else { node.content = .array([]) }
        return UnkeyedContainer(node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleValueContainer(node: node, codingPath: codingPath)
    }

    /// A single value: primitives become JSON values, anything else encodes itself into the node.
    struct SingleValueContainer: SingleValueEncodingContainer {
        let node: Node
        let codingPath: [any CodingKey]

        func encodeNil() { node.content = .value(.null) }

        func encode(_ value: some Encodable) throws {
            switch value {
            case let value as Bool: node.content = .value(.bool(value))
            case let value as String: node.content = .value(.string(value))
            case let value as Double: node.content = .value(.shortest(value))
            case let value as Float: node.content = .value(.shortest(Double(value)))
            case let value as any BinaryInteger: node.content = .value(.number("\(value)"))
            default: try value.encode(to: JSONValueEncoder(node: node, codingPath: codingPath))
            }
        }
    }

    struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let node: Node
        let codingPath: [any CodingKey]

        func encodeNil(forKey key: Key) { node.member(key.stringValue).content = .value(.null) }

        func encode(_ value: some Encodable, forKey key: Key) throws {
            try SingleValueContainer(node: node.member(key.stringValue), codingPath: codingPath + [key]).encode(value)
        }

        // Nil is written as null: the default implementations of these leave the key out.
        func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { try encode(value, forKey: key) }
        func encodeIfPresent(_ value: String?, forKey key: Key) throws { try encode(value, forKey: key) }
        func encodeIfPresent(_ value: Double?, forKey key: Key) throws { try encode(value, forKey: key) }
        func encodeIfPresent(_ value: Float?, forKey key: Key) throws { try encode(value, forKey: key) }
        func encodeIfPresent(_ value: Int?, forKey key: Key) throws { try encode(value, forKey: key) }
        func encodeIfPresent(_ value: Int8?, forKey key: Key) throws { try encode(value, forKey: key) }
        func encodeIfPresent(_ value: Int16?, forKey key: Key) throws { try encode(value, forKey: key) }
        func encodeIfPresent(_ value: Int32?, forKey key: Key) throws { try encode(value, forKey: key) }
        func encodeIfPresent(_ value: Int64?, forKey key: Key) throws { try encode(value, forKey: key) }
        func encodeIfPresent(_ value: UInt?, forKey key: Key) throws { try encode(value, forKey: key) }
        func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws { try encode(value, forKey: key) }
        func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws { try encode(value, forKey: key) }
        func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws { try encode(value, forKey: key) }
        func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws { try encode(value, forKey: key) }
        func encodeIfPresent(_ value: (some Encodable)?, forKey key: Key) throws { try encode(value, forKey: key) }

        func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
            -> KeyedEncodingContainer<NestedKey>
        {
            JSONValueEncoder(node: node.member(key.stringValue), codingPath: codingPath + [key]).container(
                keyedBy: keyType)
        }

        func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            JSONValueEncoder(node: node.member(key.stringValue), codingPath: codingPath + [key]).unkeyedContainer()
        }

        func superEncoder() -> any Encoder {
            JSONValueEncoder(node: node.member("super"), codingPath: codingPath)
        }

        func superEncoder(forKey key: Key) -> any Encoder {
            JSONValueEncoder(node: node.member(key.stringValue), codingPath: codingPath + [key])
        }
    }

    struct UnkeyedContainer: UnkeyedEncodingContainer {
        let node: Node
        let codingPath: [any CodingKey]

        var count: Int {
            guard case .array(let items) = node.content else { return 0 }
            return items.count
        }

        func encodeNil() { node.item().content = .value(.null) }

        func encode(_ value: some Encodable) throws {
            try SingleValueContainer(node: node.item(), codingPath: codingPath).encode(value)
        }

        func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey>
        {
            JSONValueEncoder(node: node.item(), codingPath: codingPath).container(keyedBy: keyType)
        }

        func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            JSONValueEncoder(node: node.item(), codingPath: codingPath).unkeyedContainer()
        }

        func superEncoder() -> any Encoder {
            JSONValueEncoder(node: node.item(), codingPath: codingPath)
        }
    }
}
