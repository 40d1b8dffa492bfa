/// |value − expected| / |expected|, or |value| when `expected` is 0.
public func relativeError(_ value: Double, _ expected: Double) -> Double {
    expected == 0 ? abs(value) : abs(value - expected) / abs(expected)
}
