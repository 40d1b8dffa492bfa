/// Values of one kind that a reader left out as implausible (a time outside ``PlausibleTime``, a step out of
/// range): how many, and where the first one was.
public struct RejectedValues: Sendable, Hashable, Codable {
    public private(set) var count = 0
    public private(set) var firstLocation: InputLocation?

    init() {}

    init(count: Int, firstLocation: InputLocation?) {
        self.count = count
        self.firstLocation = firstLocation
    }

    /// Counts one more; `location` is taken for the first only.
    mutating func note(at location: @autoclosure () -> InputLocation) {
        count += 1
        if count == 1 { firstLocation = location() }
    }

    /// A warning of `code` at the first of them, "`count` `what`"; nil when there were none.
    func warning(_ code: FindingCode, _ what: String) -> Finding? {
        count > 0 ? Finding(.warning, code, "\(count) \(what)", location: firstLocation) : nil
    }
}
