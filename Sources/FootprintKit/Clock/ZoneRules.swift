import Foundation

/// The UTC offsets of an IANA zone over time, read from the system's time zone database through Foundation.
struct ZoneRules {
    private let zone: TimeZone

    init?(identifier: String) {
        guard let zone = TimeZone(identifier: identifier) else { return nil }
        self.zone = zone
    }

    /// The zone this machine is set to, with its identifier.
    static var current: (rules: ZoneRules, identifier: String) {
        let zone = TimeZone.current
        return (ZoneRules(zone: zone), zone.identifier)
    }

    private init(zone: TimeZone) { self.zone = zone }

    static func isKnown(identifier: String) -> Bool {
        TimeZone(identifier: identifier) != nil
    }

    /// Seconds east of UTC in force at the UTC instant `utcSeconds`.
    func offset(atUTC utcSeconds: Double) -> Int {
        zone.secondsFromGMT(for: Date(timeIntervalSince1970: utcSeconds))
    }

    /// The changes of offset within `hours` either side of the UTC instant `utcSeconds`, in time order. Found by
    /// comparing the offsets 15 minutes apart (no zone changes twice in 15 minutes) and narrowing each change down
    /// to the second.
    func transitions(nearUTC utcSeconds: Double, hours: Double) -> [ZoneTransition] {
        guard utcSeconds.isFinite, hours.isFinite, hours > 0, hours <= 48 else { return [] }
        let step = 900.0
        var found: [ZoneTransition] = []
        var before = (utcSeconds - hours * 3600).rounded(.down)
        var offsetBefore = offset(atUTC: before)
        while before < utcSeconds + hours * 3600 {
            let after = before + step
            let offsetAfter = offset(atUTC: after)
            if offsetAfter != offsetBefore {
                // The change lies in (low, high]: the offset at low is the old one, at high the new one.
                var low = before
                var high = after
                while high - low > 1 {
                    let middle = ((low + high) / 2).rounded(.down)
                    if offset(atUTC: middle) == offsetBefore { low = middle } else { high = middle }
                }
                found.append(
                    ZoneTransition(utcSeconds: high, offsetBeforeSeconds: offsetBefore, offsetAfterSeconds: offsetAfter)
                )
            }
            before = after
            offsetBefore = offsetAfter
        }
        return found
    }
}
