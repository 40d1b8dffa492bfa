/// Turns local wall-clock times (seconds since 1970-01-01 00:00 on the local clock) into UTC under a zone.
///
/// Around a DST change a local time can occur twice (fall-back) or never (spring-forward). A time that occurs
/// twice is resolved by order: the earlier instant, unless that would put it well before the previous row, as
/// happens on the second pass through the repeated hour. A time that never occurs is read with the offset in
/// force before the change. Both are counted so the report can say so.
struct LocalTimeResolver {
    /// How a local time mapped onto UTC.
    enum Resolution {
        case unique, ambiguous, nonexistent
    }

    private let fixedOffsetSeconds: Int?
    private let rules: ZoneRules?
    /// Local times are resolved per 15-minute block: every zone's transitions fall on such boundaries.
    private var cachedBlock = Int.min
    private var cachedOffsets: [Int] = []
    private(set) var ambiguousCount = 0
    private(set) var nonexistentCount = 0
    /// A row may come up to this much before the previous one (GPUs of one tick) and still count as in order.
    private static let orderSlackSeconds = 120.0

    init(zone: ClockZone) {
        switch zone {
        case .fixedOffset(let seconds):
            fixedOffsetSeconds = seconds
            rules = nil
        case .named(let identifier):
            let rules = ZoneRules(identifier: identifier)
            self.rules = rules
            fixedOffsetSeconds = rules == nil ? 0 : nil
        }
    }

    /// The UTC instant of `localSeconds`, given the latest UTC instant of the same log so far.
    mutating func utc(fromLocal localSeconds: Double, previousUTC: Double?) -> Double {
        if let fixedOffsetSeconds { return localSeconds - Double(fixedOffsetSeconds) }
        // A time no Int counts blocks of (NaN, ±inf, 1e300) has no offset to look up; the caller rejects it as
        // implausible.
        guard let block = Int(exactly: (localSeconds / 900).rounded(.down)) else { return localSeconds }
        if block != cachedBlock {
            cachedBlock = block
            cachedOffsets = candidateOffsets(localSeconds: Double(block) * 900)
        }
        switch cachedOffsets.count {
        case 1:
            return localSeconds - Double(cachedOffsets[0])
        case 0:
            nonexistentCount += 1
            let before = rules?.offset(atUTC: localSeconds - 86_400) ?? 0
            return localSeconds - Double(before)
        default:
            ambiguousCount += 1
            // Offsets sorted descending, so instants ascend: the first is the earlier occurrence.
            let earlier = localSeconds - Double(cachedOffsets[0])
            let later = localSeconds - Double(cachedOffsets[cachedOffsets.count - 1])
            if let previousUTC, earlier < previousUTC - Self.orderSlackSeconds,
                later >= previousUTC - Self.orderSlackSeconds
            {
                return later
            }
            return earlier
        }
    }

    /// The offsets `o` for which local time `localSeconds` occurs at UTC instant `localSeconds - o`, largest
    /// first.
    private func candidateOffsets(localSeconds: Double) -> [Int] {
        guard let rules else { return [0] }
        var offsets: [Int] = []
        // UTC of a local time lies within 14 h before to 12 h after it; sample the offsets in force there.
        for hours in [-15.0, -9.0, -3.0, 0.0, 3.0, 9.0, 13.0] {
            let offset = rules.offset(atUTC: localSeconds + hours * 3600)
            if !offsets.contains(offset) { offsets.append(offset) }
        }
        let valid = offsets.filter { rules.offset(atUTC: localSeconds - Double($0)) == $0 }
        return valid.sorted(by: >)
    }
}
